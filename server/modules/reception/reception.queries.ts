import type { Expression, SqlBool } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type {
  AnsweringOrdersTable,
  AnsweringTurnsTable,
  SalesCallsTable,
  VisitStepsTable,
  VisitsTable,
} from './reception.tables.js';

// --- answering order ---

export async function findAnsweringOrder(db: Tx, projectId: string, day: string) {
  return db
    .selectFrom('answeringOrders')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('day', '=', day)
    .executeTakeFirst();
}

export async function insertAnsweringOrder(db: Tx, row: AnsweringOrdersTable): Promise<void> {
  await db
    .insertInto('answeringOrders')
    .values(row)
    .onConflict((oc) => oc.columns(['projectId', 'day']).doNothing())
    .execute();
}

/** Takes a turn only if nobody took one since the order was read (version check). */
export async function advanceOrder(
  db: Tx,
  id: string,
  version: number,
  changes: Partial<AnsweringOrdersTable>,
): Promise<number> {
  const result = await db
    .updateTable('answeringOrders')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertTurn(db: Tx, row: AnsweringTurnsTable): Promise<void> {
  await db.insertInto('answeringTurns').values(row).execute();
}

export async function countTurns(db: Tx, projectId: string, day: string) {
  return db
    .selectFrom('answeringTurns')
    .select(['staffId', 'kind', (eb) => eb.fn.countAll<number>().as('count')])
    .where('projectId', '=', projectId)
    .where('day', '=', day)
    .groupBy(['staffId', 'kind'])
    .execute();
}

/** The staff whose turn of the day was answered last (by the time the call or visit began). */
export async function findLatestTurnStaffId(db: Tx, projectId: string, day: string) {
  const row = await db
    .selectFrom('answeringTurns')
    .select('staffId')
    .where('projectId', '=', projectId)
    .where('day', '=', day)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.staffId ?? null;
}

// --- sales calls ---

/** Calls answered since `since` and not yet saved: the consultants on them are on the phone. */
export async function findOpenCalls(db: Tx, projectId: string, since: string) {
  return db
    .selectFrom('salesCalls')
    .select(['id', 'staffId', 'answeredAt'])
    .where('projectId', '=', projectId)
    .where('endedAt', 'is', null)
    .where('answeredAt', '>=', since)
    .orderBy('answeredAt', 'desc')
    .execute();
}

/** Removes an answered call that was never saved; 0 rows when it was saved meanwhile. */
export async function deleteOpenCall(db: Tx, id: string): Promise<number> {
  const result = await db
    .deleteFrom('salesCalls')
    .where('id', '=', id)
    .where('endedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertCall(db: Tx, row: SalesCallsTable): Promise<void> {
  await db.insertInto('salesCalls').values(row).execute();
}

export async function findCallRow(db: Tx, id: string) {
  return db.selectFrom('salesCalls').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Closes the register entry once; 0 rows means it was already saved. */
export async function closeCall(db: Tx, id: string, changes: Partial<SalesCallsTable>): Promise<number> {
  const result = await db
    .updateTable('salesCalls')
    .set(changes)
    .where('id', '=', id)
    .where('endedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** SA-1(1): the first report that the greeting was shown, on an open entry; 0 rows when one came first. */
export async function markGreetingShown(db: Tx, id: string, shown: { at: string; staffId: string }) {
  const result = await db
    .updateTable('salesCalls')
    .set({ greetingShownAt: shown.at, greetingShownBy: shown.staffId, updatedAt: shown.at })
    .where('id', '=', id)
    .where('greetingShownAt', 'is', null)
    .where('endedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface CallFilter {
  projectId: string;
  /** The caller's owner scope over sales_calls (platform/auth/scope.ts); every list and count carries it. */
  visible: Expression<SqlBool>;
  staffId?: string;
  dayFrom?: string;
  dayTo?: string;
  sourceChannelId?: string;
  result?: string;
}

function filteredCalls(db: Tx, filter: CallFilter) {
  // SA-1(2)(3): a call is in the register and counted once it is saved; an answer alone is not.
  let query = db
    .selectFrom('salesCalls')
    .where('salesCalls.projectId', '=', filter.projectId)
    .where('salesCalls.endedAt', 'is not', null)
    .where(filter.visible);
  if (filter.staffId) query = query.where('staffId', '=', filter.staffId);
  if (filter.dayFrom) query = query.where('day', '>=', filter.dayFrom);
  if (filter.dayTo) query = query.where('day', '<=', filter.dayTo);
  if (filter.sourceChannelId) query = query.where('sourceChannelId', '=', filter.sourceChannelId);
  if (filter.result) query = query.where('result', '=', filter.result as SalesCallsTable['result']);
  return query;
}

export async function findCallPage(
  db: Tx,
  filter: CallFilter,
  page: { offset: number; limit: number; order: 'asc' | 'desc' },
) {
  const base = filteredCalls(db, filter);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('answeredAt', page.order)
      .orderBy('id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/** SA-1(3): incoming sales calls counted by one dimension (source, consultant or hour). */
export async function countCallsBy(
  db: Tx,
  filter: CallFilter,
  dimension: 'sourceChannelId' | 'staffId' | 'hour' | 'day',
) {
  return filteredCalls(db, filter)
    .select([dimension, (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(dimension)
    .execute() as Promise<Array<{ count: number } & Record<string, string | number | null>>>;
}

export async function findCallsOfCustomer(db: Tx, customerId: string) {
  return db
    .selectFrom('salesCalls')
    .selectAll()
    .where('customerId', '=', customerId)
    .orderBy('answeredAt')
    .execute();
}

/** Returns how many calls it anonymised. */
export async function anonymiseCallsOfCustomer(db: Tx, customerId: string): Promise<number> {
  const result = await db
    .updateTable('salesCalls')
    .set({ callerName: '', callerPhoneE164: null, callerPhoneTail4: null, questions: '' })
    .where('customerId', '=', customerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// --- visits ---

export async function insertVisit(db: Tx, row: VisitsTable): Promise<void> {
  await db.insertInto('visits').values(row).execute();
}

export async function findVisitRow(db: Tx, id: string) {
  return db.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateVisitRow(db: Tx, id: string, changes: Partial<VisitsTable>): Promise<void> {
  await db.updateTable('visits').set(changes).where('id', '=', id).execute();
}

export async function insertStep(db: Tx, row: VisitStepsTable): Promise<void> {
  await db.insertInto('visitSteps').values(row).execute();
}

export async function findStepsOfVisit(db: Tx, visitId: string) {
  return db
    .selectFrom('visitSteps')
    .selectAll()
    .where('visitId', '=', visitId)
    .orderBy('startedAt')
    .orderBy('id')
    .execute();
}

/** Completes a step only while it is open; 0 rows means a double click already did. */
export async function completeStepRow(
  db: Tx,
  id: string,
  changes: Partial<VisitStepsTable>,
): Promise<number> {
  const result = await db
    .updateTable('visitSteps')
    .set(changes)
    .where('id', '=', id)
    .where('completedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface VisitFilter {
  projectId: string;
  /** The caller's owner scope over visits. */
  visible: Expression<SqlBool>;
  staffId?: string;
  dayFrom?: string;
  dayTo?: string;
  status?: 'in_progress' | 'done';
}

export async function findVisitPage(db: Tx, filter: VisitFilter, page: { offset: number; limit: number }) {
  let query = db.selectFrom('visits').where('visits.projectId', '=', filter.projectId).where(filter.visible);
  if (filter.staffId) query = query.where('staffId', '=', filter.staffId);
  if (filter.dayFrom) query = query.where('day', '>=', filter.dayFrom);
  if (filter.dayTo) query = query.where('day', '<=', filter.dayTo);
  if (filter.status) query = query.where('status', '=', filter.status);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('arrivedAt', 'desc')
      .orderBy('id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export async function findVisitsOfCustomer(db: Tx, customerId: string) {
  return db
    .selectFrom('visits')
    .selectAll()
    .where('customerId', '=', customerId)
    .orderBy('arrivedAt')
    .execute();
}

/** Returns how many visits it anonymised. */
export async function anonymiseVisitsOfCustomer(db: Tx, customerId: string): Promise<number> {
  const result = await db
    .updateTable('visits')
    .set({ notes: '' })
    .where('customerId', '=', customerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
