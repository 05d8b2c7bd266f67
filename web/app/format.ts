import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { displayTimeZone } from '../../contracts/locales';

dayjs.extend(utc);
dayjs.extend(timezone);

/** An instant from the API (ISO, UTC) as wall-clock time in Asia/Shanghai, whatever the browser's zone. */
export function formatTime(iso: string | null | undefined, pattern = 'YYYY-MM-DD HH:mm:ss'): string {
  if (!iso) return '';
  const value = dayjs(iso);
  return value.isValid() ? value.tz(displayTimeZone).format(pattern) : '';
}

export function formatDate(iso: string | null | undefined): string {
  return formatTime(iso, 'YYYY-MM-DD');
}

/** Now, in Asia/Shanghai. */
export function nowInShanghai(): Dayjs {
  return dayjs().tz(displayTimeZone);
}

/**
 * Turns calendar days picked in a DatePicker into the UTC instants that bound them in Asia/Shanghai:
 * `from` is 00:00 of the first day, `to` is 00:00 of the day after the last (exclusive).
 */
export function shanghaiDayRange(range: [Dayjs | null, Dayjs | null] | null | undefined): {
  from?: string;
  to?: string;
} {
  if (!range) return { from: undefined, to: undefined };
  const [start, end] = range;
  return {
    from: start ? dayjs.tz(start.format('YYYY-MM-DD'), displayTimeZone).toISOString() : undefined,
    to: end ? dayjs.tz(end.format('YYYY-MM-DD'), displayTimeZone).add(1, 'day').toISOString() : undefined,
  };
}
