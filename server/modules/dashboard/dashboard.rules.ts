import type { DashboardPeriod, FunnelStage, SalesFigures } from '../../../contracts/dashboard.js';

/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991. */
const shanghaiOffsetMs = 8 * 3_600_000;
const dayMs = 86_400_000;

/** The longest period the dashboard sums (a custom range). */
export const maxPeriodDays = 366;

/** The Asia/Shanghai calendar day of an instant. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** UTC bounds [fromIso, toIso) of Shanghai days `fromDay` … `toDay` inclusive. */
export function shanghaiDayRange(fromDay: string, toDay: string): { fromIso: string; toIso: string } {
  const from = Date.parse(`${fromDay}T00:00:00.000Z`) - shanghaiOffsetMs;
  const to = Date.parse(`${toDay}T00:00:00.000Z`) - shanghaiOffsetMs + dayMs;
  return { fromIso: new Date(from).toISOString(), toIso: new Date(to).toISOString() };
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Days from `fromDay` to `toDay` inclusive (0 or less when reversed). */
export function daysInclusive(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / dayMs) + 1;
}

/**
 * The days a period covers: the anchor day; its week (Monday to Sunday, as offices plan); its
 * calendar month; or the custom days as given.
 */
export function periodDays(
  period: DashboardPeriod,
  anchorDay: string,
  custom?: { fromDay?: string; toDay?: string },
): { fromDay: string; toDay: string } {
  if (period === 'day') return { fromDay: anchorDay, toDay: anchorDay };
  if (period === 'week') {
    const weekday = (new Date(`${anchorDay}T00:00:00Z`).getUTCDay() + 6) % 7;
    const monday = addDays(anchorDay, -weekday);
    return { fromDay: monday, toDay: addDays(monday, 6) };
  }
  if (period === 'month') {
    const month = anchorDay.slice(0, 7);
    const next = new Date(Date.parse(`${month}-01T00:00:00Z`));
    next.setUTCMonth(next.getUTCMonth() + 1);
    return { fromDay: `${month}-01`, toDay: addDays(next.toISOString().slice(0, 10), -1) };
  }
  return { fromDay: custom?.fromDay ?? anchorDay, toDay: custom?.toDay ?? anchorDay };
}

/** The months ('YYYY-MM') a period touches, in order. */
export function monthsOf(fromDay: string, toDay: string): string[] {
  const months: string[] = [];
  let month = fromDay.slice(0, 7);
  const last = toDay.slice(0, 7);
  while (month <= last) {
    months.push(month);
    const [year, number] = month.split('-').map(Number) as [number, number];
    month = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
  }
  return months;
}

/** The funnel's counts in order; the first stage is every contact (calls and visits alike). */
export function funnelOf(figures: SalesFigures): Array<{ stage: FunnelStage; count: number }> {
  return [
    { stage: 'contacts', count: figures.calls + figures.visits },
    { stage: 'registered', count: figures.registered },
    { stage: 'plans', count: figures.plans },
    { stage: 'deposits', count: figures.deposits },
    { stage: 'agreements', count: figures.agreements },
    { stage: 'contracts', count: figures.contracts },
    { stage: 'paid', count: figures.paid },
  ];
}

/** Deals per visit in percent, one decimal; null without visits. */
export function conversionPercent(deals: number, visits: number): number | null {
  if (visits === 0) return null;
  return Math.round((deals / visits) * 1000) / 10;
}

/** Adds `count` under `key`. */
export function tally<K>(map: Map<K, number>, key: K, count: number): void {
  map.set(key, (map.get(key) ?? 0) + count);
}
