import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DealsMessages } from '../deals.i18n';

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

type StatusTexts = DealsMessages['status'];
type StatusKind = keyof StatusTexts;

/** A record's status in the reader's words; `status` must be one the dictionary names for `kind`. */
export function StatusTag<K extends StatusKind>({
  kind,
  status,
}: {
  kind: K;
  status: Extract<keyof StatusTexts[K], string>;
}) {
  const { t } = useTranslation('deals');
  return (
    <Tag color={colors[status] ?? 'default'} data-testid={`status-${kind}`}>
      {/* The props' types make this a key of the texts; the compiler cannot follow a generic template. */}
      {t(`status.${kind}.${status}` as never)}
    </Tag>
  );
}
