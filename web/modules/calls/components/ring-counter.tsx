import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Ticks while something is live (a ringing call, an open hold); stops when nothing needs it. */
export function useTicker(isActive: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isActive) return undefined;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [isActive, intervalMs]);
  return now;
}

/** CS-1 / SEC-1: ring k starts 5(k−1) s after alerting (the desk's cadence); shown live while it rings. */
export function ringsSince(ringingAt: string, cadenceSeconds: number, now: number): number {
  return Math.floor(Math.max(0, now - Date.parse(ringingAt)) / (cadenceSeconds * 1000)) + 1;
}

export function RingCounter({
  ringingAt,
  cadenceSeconds,
  maxRings,
}: {
  ringingAt: string;
  cadenceSeconds: number;
  maxRings: number;
}) {
  const { t } = useTranslation(['app', 'calls']);
  const now = useTicker(true);
  const rings = ringsSince(ringingAt, cadenceSeconds, now);
  const isLate = rings > maxRings;
  return (
    <Tag
      color={isLate ? 'red' : rings === maxRings ? 'orange' : 'blue'}
      data-testid="ring-counter"
      data-rings={rings}
    >
      {isLate ? t('calls:desk.overLimit', { max: maxRings }) : t('calls:desk.ringCount', { count: rings })}
    </Tag>
  );
}

export function HoldTimer({ since, baseMs }: { since: string | null; baseMs: number }) {
  const { t } = useTranslation(['app', 'calls']);
  const now = useTicker(Boolean(since), 1000);
  const total = baseMs + (since ? Math.max(0, now - Date.parse(since)) : 0);
  return (
    <Tag color="gold" data-testid="hold-timer">
      {t('calls:desk.holding', { seconds: Math.round(total / 1000) })}
    </Tag>
  );
}
