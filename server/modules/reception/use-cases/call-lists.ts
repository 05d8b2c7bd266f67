import type { Actor } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db } from '../../../platform/db/database.js';
import { assertSalesProject, findSourceChannels, StaffNames } from '../../customers/index.js';
import { callEntity, receptionColumns } from '../reception.access.js';
import * as queries from '../reception.queries.js';
import { callView } from './calls.js';

export interface CallListQuery {
  projectId: string;
  staffId?: string;
  dayFrom?: string;
  dayTo?: string;
  sourceChannelId?: string;
  result?: string;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** SA-1(2) the incoming-call register: a consultant sees their own calls, managers all (owner scope, in SQL). */
export async function findCalls(db: Db, actor: Actor, query: CallListQuery) {
  const scope = visibility(actor, 'owner');
  scope.assertProject(query.projectId, callEntity);
  await assertSalesProject(db, actor, query.projectId, ['manager', 'consultant']);
  const visible = scope.condition(receptionColumns('salesCalls'));
  const { rows, total } = await queries.findCallPage(db, { ...query, visible }, query);
  const names = new StaffNames(db, actor);
  const items = [];
  for (const row of rows) items.push(await callView(db, actor, row, names));
  return { items, total };
}

/**
 * SA-1(3): incoming sales calls counted every day, by source, consultant and hour — of the calls
 * the caller sees (owner scope, in SQL): a consultant counts their own, a manager the project's.
 */
export async function getCallStatistics(
  db: Db,
  options: { actor: Actor; projectId: string; dayFrom: string; dayTo: string; now: Date },
) {
  const { actor, projectId, dayFrom, dayTo, now } = options;
  const scope = visibility(actor, 'owner');
  scope.assertProject(projectId, callEntity);
  await assertSalesProject(db, actor, projectId, ['manager', 'consultant']);
  const filter = { projectId, dayFrom, dayTo, visible: scope.condition(receptionColumns('salesCalls')) };
  const [bySource, byStaff, byHour, byDay] = await Promise.all([
    queries.countCallsBy(db, filter, 'sourceChannelId'),
    queries.countCallsBy(db, filter, 'staffId'),
    queries.countCallsBy(db, filter, 'hour'),
    queries.countCallsBy(db, filter, 'day'),
  ]);
  const channels = new Map(
    (await findSourceChannels(db, { actor, projectId, includeArchived: true, now })).map((channel) => [
      channel.id,
      channel.name,
    ]),
  );
  const names = new StaffNames(db, actor);
  const staffRows = [];
  for (const row of byStaff)
    staffRows.push({
      staffId: String(row.staffId),
      name: (await names.get(String(row.staffId))) ?? '',
      count: Number(row.count),
    });
  const hours = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    count: Number(byHour.find((row) => Number(row.hour) === hour)?.count ?? 0),
  }));
  return {
    dayFrom,
    dayTo,
    total: byDay.reduce((sum, row) => sum + Number(row.count), 0),
    bySource: bySource
      .map((row) => ({
        sourceChannelId: (row.sourceChannelId as string | null) ?? null,
        name: row.sourceChannelId ? (channels.get(String(row.sourceChannelId)) ?? '') : '',
        count: Number(row.count),
      }))
      .sort((a, b) => b.count - a.count),
    byStaff: staffRows.sort((a, b) => b.count - a.count),
    byHour: hours,
    byDay: byDay
      .map((row) => ({ day: String(row.day), count: Number(row.count) }))
      .sort((a, b) => a.day.localeCompare(b.day)),
  };
}
