import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import * as queries from './calls.queries.js';
import { type StatsFigures, shanghaiDayRange, summariseCalls } from './calls.rules.js';
import { countIncidentsByDesk, countMessagesByDesk } from './desk-figures.queries.js';

export interface DeskFigures extends StatsFigures {
  deskId: string;
  messages: number;
  incidents: number;
}

/**
 * A desk's figures for Asia/Shanghai days [fromDay, toDay] (the daily report): the call
 * statistics' CS-1/SEC-1 figures plus messages and incidents taken. No actor: the caller (a job
 * or a use case that has already checked the reader's scope) names the desks.
 */
export async function findDeskFigures(
  db: Db,
  options: { deskIds: string[]; fromDay: string; toDay: string },
): Promise<DeskFigures[]> {
  const { deskIds } = options;
  if (deskIds.length === 0) return [];
  const { fromIso, toIso } = shanghaiDayRange(options.fromDay, options.toDay);
  const [rows, messages, incidents] = await Promise.all([
    queries.findStatsRows(db, { visible: sql<SqlBool>`1 = 1`, deskIds }, fromIso, toIso),
    countMessagesByDesk(db, deskIds, fromIso, toIso),
    countIncidentsByDesk(db, deskIds, fromIso, toIso),
  ]);
  const messageCounts = new Map(messages.map((row) => [row.deskId, Number(row.count)]));
  const incidentCounts = new Map(incidents.map((row) => [row.deskId, Number(row.count)]));
  return deskIds.map((deskId) => ({
    deskId,
    ...summariseCalls(rows.filter((row) => row.deskId === deskId)),
    messages: messageCounts.get(deskId) ?? 0,
    incidents: incidentCounts.get(deskId) ?? 0,
  }));
}
