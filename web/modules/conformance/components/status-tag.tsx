import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CheckStatus } from '../conformance.api';

const colors: Record<CheckStatus, string> = {
  met: 'green',
  missed: 'red',
  not_applicable: 'default',
  pending: 'gold',
};

export function StatusTag({ status }: { status: CheckStatus }) {
  const { t } = useTranslation('conformance');
  return (
    <Tag color={colors[status]} data-testid={`check-status-${status}`}>
      {t(`status.${status}`)}
    </Tag>
  );
}

/** A score as a percentage, or a dash when nothing was decided. */
export function percentOf(score: number | null): string {
  return score === null ? '—' : `${Math.round(score * 1000) / 10}%`;
}
