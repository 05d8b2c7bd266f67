import chineseDays from 'chinese-days';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError, type FieldErrors } from '../../platform/errors.js';
import { writeAudit } from '../audit/index.js';
import { getSetting } from '../settings/index.js';
import { deleteCalendarDays, findCalendarDays, insertCalendarDays } from './calendar.queries.js';
import { type CalendarEntry, parseCalendarLines } from './calendar.rules.js';
import { notifyErrors } from './notify.errors.js';
import { assertCompanySettings } from './notify.scope.js';
import {
  addCalendarDays,
  type CalendarDayKind,
  type CalendarOverrides,
  isWorkingDay,
  restDayReason,
  type WorkingCalendar,
} from './notify.time.js';

/**
 * The working calendar a use case hands to the pure reminder rules: the project's day-count
 * setting and the company's overrides. A company enters a few dozen dates a year, so all of them
 * are loaded rather than guessing the range a reminder schedule will walk through.
 */
export async function loadWorkingCalendar(
  db: Tx,
  context: { companyId: string; projectId?: string | null },
): Promise<WorkingCalendar> {
  const mode = await getSetting(db, 'notify.dayCountMode', context);
  return { mode, overrides: await loadCalendarOverrides(db, context.companyId) };
}

export async function loadCalendarOverrides(db: Tx, companyId: string): Promise<CalendarOverrides> {
  const rows = await findCalendarDays(db, companyId);
  return Object.fromEntries(rows.map((row) => [row.day, row.kind]));
}

export interface CalendarYearDay {
  day: string;
  kind: CalendarDayKind;
  /** package: chinese-days' official calendar; administrator: entered here (wins). */
  source: 'package' | 'administrator';
  /** The holiday's Chinese name from the package (春节), or the administrator's note. */
  name: string;
  isWeekend: boolean;
}

/** A weekday falls outside Monday–Friday. */
function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The package's holidays and make-up working days of a year, overlaid with the administrator's dates. */
export async function findCalendarYear(db: Db, actor: Actor, year: number) {
  assertCompanySettings(actor);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const rows = await findCalendarDays(db, actor.companyId, { from, to });
  const entered = new Map(rows.map((row) => [row.day, row]));
  const days: CalendarYearDay[] = [];
  let packageDays = 0;
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
    const row = entered.get(day);
    if (row) {
      days.push({ day, kind: row.kind, source: 'administrator', name: row.note, isWeekend: isWeekend(day) });
      continue;
    }
    const detail = chineseDays.getDayDetail(day);
    // The package names a holiday "Spring Festival,春节,4"; a plain day carries its weekday's name.
    const holidayName = detail.name.includes(',') ? (detail.name.split(',')[1] ?? '') : '';
    if (!holidayName) continue;
    packageDays += 1;
    days.push({
      day,
      kind: detail.work ? 'work' : 'rest',
      source: 'package',
      name: holidayName,
      isWeekend: isWeekend(day),
    });
  }
  return { year, days, packageCoversYear: packageDays > 0 };
}

/**
 * Replaces the administrator's dates of one year with the lines typed or uploaded. Any bad line
 * refuses the whole text with every bad line's number, and nothing is saved.
 */
export async function replaceCalendarYear(
  db: Db,
  options: { actor: Actor; year: number; text: string; now: Date },
): Promise<{ saved: number }> {
  const { actor, year, now } = options;
  assertCompanySettings(actor);
  const { entries, errors } = parseCalendarLines(options.text, year);
  if (errors.length > 0) {
    const fields: FieldErrors = {};
    for (const error of errors.slice(0, 50)) fields[`lines.${error.line}`] = error.message;
    throw new AppError(
      notifyErrors.CALENDAR_LINES_INVALID,
      { count: errors.length, lines: errors.map((error) => error.line).join(', ') },
      fields,
    );
  }
  const range = { from: `${year}-01-01`, to: `${year}-12-31` };
  await db.transaction().execute(async (trx) => {
    const before = await findCalendarDays(trx, actor.companyId, range);
    await deleteCalendarDays(trx, actor.companyId, range);
    await insertCalendarDays(
      trx,
      entries.map((entry) => ({
        companyId: actor.companyId,
        day: entry.day,
        kind: entry.kind,
        note: entry.note,
        updatedAt: now.toISOString(),
        updatedBy: actor.staffId,
      })),
    );
    const summary = (list: ReadonlyArray<Pick<CalendarEntry, 'day' | 'kind' | 'note'>>) =>
      list.map(
        (entry) => `${entry.day} ${entry.kind === 'rest' ? '休' : '班'}${entry.note ? ` ${entry.note}` : ''}`,
      );
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'working_calendar',
      entityId: `${actor.companyId}:${year}`,
      action: 'replace',
      before: summary(before),
      after: summary(entries),
    });
  });
  return { saved: entries.length };
}

/** Which of the dates are rest days (for the due-date warning of plans, agreements and files). */
export async function findRestDays(db: Tx, companyId: string, dates: readonly string[]) {
  const overrides = await loadCalendarOverrides(db, companyId);
  return [...new Set(dates)]
    .filter((day) => !isWorkingDay(day, overrides))
    .map((day) => ({ day, reason: restDayReason(day, overrides) ?? 'weekend' }));
}
