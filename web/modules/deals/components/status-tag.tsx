import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<string, string> = {
  ready: 'green',
  pending_approval: 'orange',
  rejected: 'red',
  requested: 'orange',
  confirmed: 'blue',
  collected: 'green',
  cancelled: 'default',
  voided: 'red',
  draft: 'default',
  submitted: 'orange',
  returned: 'red',
  approved: 'green',
  valid: 'green',
  void_requested: 'orange',
  open: 'blue',
  contracted: 'purple',
  completed: 'green',
  due: 'blue',
  paid: 'green',
  overdue: 'red',
};

export function StatusTag({
  kind,
  status,
}: {
  kind: 'plan' | 'deposit' | 'agreement' | 'receipt' | 'file' | 'item';
  status: string;
}) {
  const { t } = useTranslation('deals');
  return (
    <Tag color={colors[status] ?? 'default'} data-testid={`status-${kind}`}>
      {t(`status.${kind}.${status}`)}
    </Tag>
  );
}
