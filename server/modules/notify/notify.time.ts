import chineseDays from 'chinese-days';

/**
 * Rules of time, in the offices' time zone (Asia/Shanghai, UTC+8 all year, no daylight saving).
 * Working days follow the maintained State Council calendar of the `chinese-days` package,
 * including make-up working days (调休) on weekends; never a hand-made list.
 */
const shanghaiOffsetMs = 8 * 3600_000;
const dayMs = 24 * 3600_000;

/** `YYYY-MM-DD` of the instant in Shanghai. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** Minutes since Shanghai midnight of the instant. */
export function shanghaiMinutes(instant: Date): number {
  const shifted = new Date(instant.getTime() + shanghaiOffsetMs);
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}

/** The instant of `HH:mm` Shanghai time on the Shanghai calendar day `date`. */
export function atShanghaiTime(date: string, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number);
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - shanghaiOffsetMs + (hours * 60 + minutes) * 60_000);
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** True on a working day: Monday–Friday outside public holidays, plus make-up working weekends (调休). */
export function isWorkingDay(date: string | Date): boolean {
  return chineseDays.isWorkday(typeof date === 'string' ? date : shanghaiDate(date));
}

/** True on a statutory public holiday (not on ordinary weekends). */
export function isPublicHoliday(date: string | Date): boolean {
  const day = typeof date === 'string' ? date : shanghaiDate(date);
  const detail = chineseDays.getDayDetail(day);
  return !detail.work && !['Saturday', 'Sunday'].includes(detail.name);
}

/** The working day `count` working days after (negative: before) `date`; 0 = `date` if working, else the next one. */
export function addWorkingDays(date: string, count: number): string {
  if (count === 0) return isWorkingDay(date) ? date : addWorkingDays(date, 1);
  const step = count > 0 ? 1 : -1;
  let remaining = Math.abs(count);
  let day = date;
  while (remaining > 0) {
    day = addCalendarDays(day, step);
    if (isWorkingDay(day)) remaining -= 1;
  }
  return day;
}

export type NonWorkingDayPolicy = 'keep' | 'previous_working_day' | 'next_working_day';

/**
 * Send times for reminders `offsetsDays` before a due date (SA-14: 5 and 2 days, SA-16: 7, 3, 1),
 * at `time` Shanghai time. A reminder falling on a holiday or weekend moves to the previous (or next)
 * working day when asked; times already past `now` are dropped; duplicates collapse.
 */
export function reminderSendTimes(options: {
  dueDate: string;
  offsetsDays: readonly number[];
  time: string;
  onNonWorkingDay?: NonWorkingDayPolicy;
  now?: Date;
}): Array<{ offsetDays: number; sendAt: Date }> {
  const policy = options.onNonWorkingDay ?? 'keep';
  const result = new Map<number, { offsetDays: number; sendAt: Date }>();
  for (const offset of [...options.offsetsDays].sort((a, b) => b - a)) {
    let day = addCalendarDays(options.dueDate, -offset);
    if (policy !== 'keep' && !isWorkingDay(day))
      day = addWorkingDays(day, policy === 'previous_working_day' ? -1 : 1);
    const sendAt = atShanghaiTime(day, options.time);
    if (options.now && sendAt.getTime() <= options.now.getTime()) continue;
    if (!result.has(sendAt.getTime())) result.set(sendAt.getTime(), { offsetDays: offset, sendAt });
  }
  return [...result.values()].sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());
}

export interface QuietHours {
  start: string;
  end: string;
}

function toMinutes(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** True when the instant falls in the quiet window (which may span midnight, e.g. 21:00–08:00). */
export function isInQuietHours(instant: Date, quiet: QuietHours): boolean {
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  if (start === end) return false;
  const minute = shanghaiMinutes(instant);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** The instant itself outside quiet hours, else the end of the window it falls in (Shanghai time). */
export function afterQuietHours(instant: Date, quiet: QuietHours): Date {
  if (!isInQuietHours(instant, quiet)) return instant;
  const end = toMinutes(quiet.end);
  const today = shanghaiDate(instant);
  const candidate = atShanghaiTime(today, quiet.end);
  // Before midnight in a window that spans it: the window ends tomorrow.
  return shanghaiMinutes(instant) >= end && candidate.getTime() <= instant.getTime()
    ? atShanghaiTime(addCalendarDays(today, 1), quiet.end)
    : candidate;
}
