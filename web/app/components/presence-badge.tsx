import { Badge, type BadgeProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Presence } from '../auth.api';

export const presenceStatus: Record<Presence, NonNullable<BadgeProps['status']>> = {
  at_desk: 'success',
  away: 'warning',
  busy: 'error',
  off: 'default',
};

export function PresenceBadge({ presence }: { presence: Presence | null | undefined }) {
  const { t } = useTranslation();
  if (!presence) return null;
  return <Badge status={presenceStatus[presence] ?? 'default'} text={t(`presence.${presence}`)} />;
}
