import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { displayTimeZone } from '../../contracts/locales';

dayjs.extend(utc);
dayjs.extend(timezone);

/*
 * Everything a user types or sees is wall-clock time in the project's zone (Asia/Shanghai), whatever
 * the browser's zone. Two kinds of Dayjs values meet in the web app, and these helpers keep them apart:
 *
 * - an *instant*: a point in time, as sent to and read from the API (`toISOString()`); its own fields
 *   (`hour()`, `format()`) are the browser's and are never shown;
 * - a *wall clock*: a UTC-mode Dayjs whose fields are the time on a clock in Shanghai, for reading
 *   fields and formatting; it is never sent as an instant.
 *
 * dayjs' own `tz()` objects keep the wall clock in a browser-local Date, which is off by an hour near
 * a daylight-saving change of the browser's zone (a PC set to New York), so they are not used here:
 * the zone's offset comes from Intl and all arithmetic on wall clocks is done in UTC mode.
 */

const zoneParts = new Intl.DateTimeFormat('en-US', {
  timeZone: displayTimeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Minutes the project's zone is ahead of UTC at an instant (480 for Asia/Shanghai). */
export function zoneOffsetMinutes(epochMs: number): number {
  const fields: Record<string, number> = {};
  for (const part of zoneParts.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
  );
  return Math.round((asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000))) / 60_000);
}

type InstantInput = Dayjs | Date | string | number;

function epochOf(value: InstantInput): number {
  return dayjs.isDayjs(value) ? value.valueOf() : dayjs(value).valueOf();
}

/** The wall clock in the project's zone at an instant (UTC-mode Dayjs: its fields are Shanghai time). */
export function projectWallClock(instant: InstantInput): Dayjs {
  const epochMs = epochOf(instant);
  return dayjs.utc(epochMs + zoneOffsetMinutes(epochMs) * 60_000);
}

/**
 * The instant at which a clock in the project's zone shows the fields of `wallClock` (year … millisecond
 * as read from the value, whatever its mode). Returned as a plain Dayjs instant.
 */
export function instantOfWallClock(wallClock: Dayjs): Dayjs {
  const asUtc = Date.UTC(
    wallClock.year(),
    wallClock.month(),
    wallClock.date(),
    wallClock.hour(),
    wallClock.minute(),
    wallClock.second(),
    wallClock.millisecond(),
  );
  // Two passes settle the offset where it changes (the project's zone has none since 1991; others may).
  let epochMs = asUtc - zoneOffsetMinutes(asUtc) * 60_000;
  epochMs = asUtc - zoneOffsetMinutes(epochMs) * 60_000;
  return dayjs(epochMs);
}

/** An instant from the API (ISO, UTC) as wall-clock time in Asia/Shanghai, whatever the browser's zone. */
export function formatTime(iso: InstantInput | null | undefined, pattern = 'YYYY-MM-DD HH:mm:ss'): string {
  if (iso === null || iso === undefined || iso === '') return '';
  const epochMs = epochOf(iso);
  return Number.isNaN(epochMs) ? '' : projectWallClock(epochMs).format(pattern);
}

export function formatDate(iso: InstantInput | null | undefined): string {
  return formatTime(iso, 'YYYY-MM-DD');
}

/** Now, as a wall clock in Asia/Shanghai: read its fields or format it; it is not an instant to send. */
export function nowInShanghai(): Dayjs {
  return projectWallClock(Date.now());
}

/** Today's date in the project's zone, 'YYYY-MM-DD'. */
export function projectToday(): string {
  return nowInShanghai().format('YYYY-MM-DD');
}

/** The project-zone date ('YYYY-MM-DD') of an instant, e.g. what a date-only picker chose. */
export function projectDate(instant: InstantInput): string {
  return formatDate(instant);
}

/**
 * The instant a wall-clock time typed in the project's zone stands for: `'2026-12-08'` is 00:00 that
 * day in Shanghai, `'2026-12-08 10:00'` is 02:00 UTC. Returns null for text that is not a date.
 */
export function atProjectTime(text: string): Dayjs | null {
  const wallClock = dayjs.utc(text.trim().replace(' ', 'T'));
  return wallClock.isValid() ? instantOfWallClock(wallClock) : null;
}

/** 00:00 in the project's zone on a 'YYYY-MM-DD' date, as an instant (throws on a malformed date). */
export function projectDayStart(day: string): Dayjs {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(day) ? atProjectTime(day) : null;
  if (!instant) throw new Error(`Not a date: ${day}`);
  return instant;
}

/** The instant of `hour:minute` in the project's zone, `daysFromToday` days after today (there). */
export function projectTimeOfDay(daysFromToday: number, hour: number, minute = 0): Dayjs {
  const wallClock = nowInShanghai().startOf('day').add(daysFromToday, 'day').hour(hour).minute(minute);
  return instantOfWallClock(wallClock);
}

/** 00:00 in the project's zone, `daysFromToday` days after today (negative: before). */
export function projectDaysFromToday(daysFromToday: number): Dayjs {
  return projectTimeOfDay(daysFromToday, 0, 0);
}

/**
 * Turns calendar days picked in a date range (instants at 00:00 Shanghai, as ZonedRangePicker gives
 * them) into the UTC instants that bound them in Asia/Shanghai: `from` is 00:00 of the first day,
 * `to` is 00:00 of the day after the last (exclusive).
 */
export function shanghaiDayRange(range: readonly [Dayjs | null, Dayjs | null] | null | undefined): {
  from?: string;
  to?: string;
} {
  if (!range) return { from: undefined, to: undefined };
  const [start, end] = range;
  return {
    from: start ? projectDayStart(projectDate(start)).toISOString() : undefined,
    to: end ? instantOfWallClock(dayjs.utc(projectDate(end)).add(1, 'day')).toISOString() : undefined,
  };
}

/** Project-zone dates ('YYYY-MM-DD') of a picked date range, for APIs that take calendar days. */
export function projectDayStrings(
  range: readonly [Dayjs | null, Dayjs | null] | null | undefined,
): [string | undefined, string | undefined] {
  if (!range) return [undefined, undefined];
  return [range[0] ? projectDate(range[0]) : undefined, range[1] ? projectDate(range[1]) : undefined];
}

/**
 * A large sum in the unit its reader counts in: 万 (ten thousand yuan) in Chinese, millions of yuan
 * in English — "339.21" for 339.21万, "3.39" for ¥3.39M. Exact enough for a board; prices to the
 * fen are shown with `yuan`.
 */
export function compactAmount(fen: number | null | undefined, language: string): string {
  if (fen === null || fen === undefined) return '—';
  return language.startsWith('zh')
    ? (fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })
    : (fen / 100_000_000).toLocaleString('en', { maximumFractionDigits: 2 });
}

/** `compactAmount` with its unit: 339.21万 (萬 in 繁體), or ¥3.39M in English. */
export function compactPrice(fen: number | null | undefined, language: string): string {
  if (fen === null || fen === undefined) return '—';
  const amount = compactAmount(fen, language);
  if (language === 'zh-TW') return `${amount}萬`;
  return language.startsWith('zh') ? `${amount}万` : `¥${amount}M`;
}
