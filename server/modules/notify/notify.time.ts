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

/** What an administrator set for a date: a rest day (休) or a working day (班). */
export type CalendarDayKind = 'rest' | 'work';

/**
 * Dates an administrator entered (`YYYY-MM-DD` → kind), e.g. next year's official notice before the
 * package ships it. They win over chinese-days for those dates; every other date follows the package.
 */
export type CalendarOverrides = Readonly<Record<string, CalendarDayKind>>;

/** How reminders dated "N days before" are placed: plain calendar days, or moved off rest days. */
export type DayCountMode = 'working_days' | 'calendar_days';

/** What a use case loads (setting + overrides) and hands to the pure rules below. */
export interface WorkingCalendar {
  mode: DayCountMode;
  overrides: CalendarOverrides;
}

const noOverrides: CalendarOverrides = {};

function dayOf(date: string | Date): string {
  return typeof date === 'string' ? date : shanghaiDate(date);
}

/** True on a working day: Monday–Friday outside public holidays, plus make-up working weekends (调休). */
export function isWorkingDay(date: string | Date, overrides: CalendarOverrides = noOverrides): boolean {
  const day = dayOf(date);
  const override = overrides[day];
  if (override) return override === 'work';
  return chineseDays.isWorkday(day);
}

/** Why a date is a rest day, or null when it is a working day. */
export function restDayReason(
  date: string,
  overrides: CalendarOverrides = noOverrides,
): 'holiday' | 'weekend' | 'administrator' | null {
  if (isWorkingDay(date, overrides)) return null;
  if (overrides[date] === 'rest') return 'administrator';
  return isPublicHoliday(date) ? 'holiday' : 'weekend';
}

/** True on a statutory public holiday (not on ordinary weekends). */
export function isPublicHoliday(date: string | Date): boolean {
  const day = dayOf(date);
  const detail = chineseDays.getDayDetail(day);
  return !detail.work && !['Saturday', 'Sunday'].includes(detail.name);
}

/** The working day `count` working days after (negative: before) `date`; 0 = `date` if working, else the next one. */
export function addWorkingDays(
  date: string,
  count: number,
  overrides: CalendarOverrides = noOverrides,
): string {
  if (count === 0) return isWorkingDay(date, overrides) ? date : addWorkingDays(date, 1, overrides);
  const step = count > 0 ? 1 : -1;
  let remaining = Math.abs(count);
  let day = date;
  while (remaining > 0) {
    day = addCalendarDays(day, step);
    if (isWorkingDay(day, overrides)) remaining -= 1;
  }
  return day;
}

/**
 * The day a reminder dated `date` goes out (SA-14, SA-16, SA-2): in working-day mode a rest day
 * moves to the working day before it, so the reminder still comes ahead of what it announces.
 */
export function reminderDay(date: string, calendar: WorkingCalendar): string {
  if (calendar.mode === 'calendar_days' || isWorkingDay(date, calendar.overrides)) return date;
  return addWorkingDays(date, -1, calendar.overrides);
}

/**
 * The send instant of a reminder nominally at `nominal` (a Shanghai date and time), placed by
 * `reminderDay`. When the working day before has already passed at `now` but the nominal time has
 * not (a plan made during a long holiday), the reminder keeps its nominal rest-day time: a notice
 * on a holiday beats no notice at all, and sending it at once would make it arrive earlier than
 * the rule's count of days for no gain. Null when even the nominal time has passed (never sent late).
 */
export function reminderInstant(
  nominalDate: string,
  time: string,
  calendar: WorkingCalendar,
  now: Date,
): Date | null {
  const moved = atShanghaiTime(reminderDay(nominalDate, calendar), time);
  if (moved.getTime() > now.getTime()) return moved;
  const nominal = atShanghaiTime(nominalDate, time);
  return nominal.getTime() > now.getTime() ? nominal : null;
}

/**
 * CS-3: an escalation due on a rest day is not moved earlier, unlike a reminder: earlier would cut
 * the time the recipient has to handle the message, and could fall before the message was even
 * left (a message taken on a holiday). It waits for `openingTime` of the next working day, when the
 * department head is back; a due time on a working day stays as it is.
 */
export function escalationInstant(dueAt: Date, calendar: WorkingCalendar, openingTime = '09:00'): Date {
  if (calendar.mode === 'calendar_days' || isWorkingDay(dueAt, calendar.overrides)) return dueAt;
  return atShanghaiTime(addWorkingDays(shanghaiDate(dueAt), 1, calendar.overrides), openingTime);
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
  overrides?: CalendarOverrides;
  now?: Date;
}): Array<{ offsetDays: number; sendAt: Date }> {
  const policy = options.onNonWorkingDay ?? 'keep';
  const result = new Map<number, { offsetDays: number; sendAt: Date }>();
  for (const offset of [...options.offsetsDays].sort((a, b) => b - a)) {
    let day = addCalendarDays(options.dueDate, -offset);
    if (policy !== 'keep' && !isWorkingDay(day, options.overrides))
      day = addWorkingDays(day, policy === 'previous_working_day' ? -1 : 1, options.overrides);
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
