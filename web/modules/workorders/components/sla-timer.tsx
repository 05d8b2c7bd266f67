import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../app/format';
import type { WorkOrderSummary } from '../workorders.api';

/** The wall clock, ticking every second while shown. */
function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** 1天 02:03:04 / 02:03:04: how long, to the second. */
export function formatSpan(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const clock = [Math.floor((total % 86_400) / 3600), Math.floor((total % 3600) / 60), total % 60]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** The running SLA clock: counts down to the deadline (Asia/Shanghai in the tooltip), red once passed. */
export function SlaTimer({ order }: { order: Pick<WorkOrderSummary, 'dueAt' | 'dueClock' | 'isBreached'> }) {
  const { t } = useTranslation('workorders');
  const now = useNow();
  if (!order.dueAt || !order.dueClock) return <Tag data-testid="sla-timer">{t('timer.stopped')}</Tag>;
  const left = Date.parse(order.dueAt) - now;
  const breached = order.isBreached || left <= 0;
  const key = order.dueClock === 'respond' ? 'respond' : 'finish';
  return (
    <Tag
      color={breached ? 'red' : left < 15 * 60_000 ? 'orange' : 'blue'}
      title={formatTime(order.dueAt, 'YYYY-MM-DD HH:mm')}
      data-testid="sla-timer"
      data-breached={breached ? 'true' : 'false'}
    >
      {breached
        ? t(`timer.${key}Breached`, { time: formatSpan(Math.max(0, -left)) })
        : t(`timer.${key}`, { time: formatSpan(left) })}
    </Tag>
  );
}
