import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { callsErrors } from './calls.errors.js';
import * as queries from './calls.queries.js';
import { type StatsFigures, type StatsRow, shanghaiDayRange, summariseCalls } from './calls.rules.js';
import { deskRecordsCondition, loadDeskForActor } from './desk-context.js';
import { findCallDesks } from './desks.service.js';
import * as directory from './directory.queries.js';
import { findPurposes } from './scripts.service.js';

export const maxStatsDays = 366;

export interface CallStats {
  fromDay: string;
  toDay: string;
  summary: StatsFigures;
  byDay: Array<{ day: string } & StatsFigures>;
  byHour: Array<{ hour: number } & StatsFigures>;
  byAgent: Array<{ staffId: string | null; name: string } & StatsFigures>;
  byPurpose: Array<{ purposeId: string | null; label: string } & StatsFigures>;
  byDesk: Array<{ deskId: string; name: string } & StatsFigures>;
}

function groupBy<K>(rows: StatsRowWithKeys[], key: (row: StatsRowWithKeys) => K): Map<K, StatsRow[]> {
  const groups = new Map<K, StatsRow[]>();
  for (const row of rows) {
    const value = key(row);
    const list = groups.get(value);
    if (list) list.push(row);
    else groups.set(value, [row]);
  }
  return groups;
}

type StatsRowWithKeys = Awaited<ReturnType<typeof queries.findStatsRows>>[number];

function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * CS-1, SEC-1, SEC-6 figures per desk, day (Shanghai), hour, agent and purpose. Rings and the
 * within-limit verdict were fixed on each call when it changed, so this is one index range read.
 */
export async function computeCallStats(
  db: Db,
  options: { actor: Actor; deskIds?: string[]; fromDay: string; toDay: string; now: Date },
): Promise<CallStats> {
  const { actor, fromDay, toDay } = options;
  const days = daysBetween(fromDay, toDay);
  if (days < 1 || days > maxStatsDays)
    throw new AppError(
      callsErrors.RANGE_TOO_LONG,
      { days: maxStatsDays },
      { toDay: callsErrors.RANGE_TOO_LONG.message },
    );
  const deskNames = new Map<string, string>();
  if (options.deskIds)
    for (const deskId of options.deskIds)
      deskNames.set(deskId, (await loadDeskForActor(db, actor, deskId)).deskName);
  else for (const desk of await findCallDesks(db, actor)) deskNames.set(desk.id, desk.name);
  const { fromIso, toIso } = shanghaiDayRange(fromDay, toDay);
  const rows = await queries.findStatsRows(
    db,
    { visible: deskRecordsCondition(actor, 'calls'), deskIds: options.deskIds },
    fromIso,
    toIso,
  );

  const byDay = [...groupBy(rows, (row) => row.localDay)].sort(([a], [b]) => (a < b ? -1 : 1));
  const byHour = groupBy(rows, (row) => row.localHour);
  const byAgent = groupBy(rows, (row) => row.answeredByStaffId);
  const byPurpose = groupBy(rows, (row) => row.purposeId);
  const byDesk = groupBy(rows, (row) => row.deskId);
  const names = await directory.findStaffNames(
    db,
    [...byAgent.keys()].filter((id): id is string => Boolean(id)),
  );
  const purposes = new Map(
    (await findPurposes(db, actor, options.now)).map((purpose) => [purpose.id, purpose.label]),
  );

  return {
    fromDay,
    toDay,
    summary: summariseCalls(rows),
    byDay: byDay.map(([day, list]) => ({ day, ...summariseCalls(list) })),
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, ...summariseCalls(byHour.get(hour) ?? []) })),
    byAgent: [...byAgent].map(([staffId, list]) => ({
      staffId,
      name: staffId ? (names.get(staffId) ?? '') : '',
      ...summariseCalls(list),
    })),
    byPurpose: [...byPurpose].map(([purposeId, list]) => ({
      purposeId,
      label: purposeId ? (purposes.get(purposeId) ?? '') : '',
      ...summariseCalls(list),
    })),
    byDesk: [...byDesk].map(([deskId, list]) => ({
      deskId,
      name: deskNames.get(deskId) ?? '',
      ...summariseCalls(list),
    })),
  };
}
