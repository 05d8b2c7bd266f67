import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { SlaClock, WorkOrderStatus } from '../../../contracts/workorders.js';
import type { Tx } from '../../platform/db/database.js';
import { isPostgres } from '../../platform/db/database.js';
import { pagedQuery } from '../../platform/db/paged.js';
import { bigramQuery, normaliseSearchText } from '../../platform/text/bigrams.js';
import { escapeLike } from '../../platform/text/pinyin.js';
import type {
  WorkOrderEventsTable,
  WorkOrderPhotosTable,
  WorkOrdersTable,
  WorkordersTables,
} from './workorders.tables.js';

// The workorders module's only SQL: its own four tables.

/** The next number of the project's counter, claimed in the order's own transaction (no gaps on rollback). */
export async function claimNextNumber(trx: Tx, projectId: string): Promise<number> {
  const row = await trx
    .insertInto('workOrderCounters')
    .values({ projectId, lastNumber: 1 })
    .onConflict((conflict) =>
      conflict
        .column('projectId')
        .doUpdateSet({ lastNumber: sql<number>`work_order_counters.last_number + 1` }),
    )
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return Number(row.lastNumber);
}

export async function insertWorkOrder(trx: Tx, row: WorkOrdersTable): Promise<void> {
  await trx.insertInto('workOrders').values(row).execute();
}

export async function findWorkOrderRow(db: Tx, id: string): Promise<WorkOrdersTable | undefined> {
  return db.selectFrom('workOrders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One conditional UPDATE: the change happens only from the statuses given; false when another step won. */
export async function updateWorkOrderIfStatus(
  trx: Tx,
  id: string,
  from: readonly WorkOrderStatus[],
  changes: Partial<WorkOrdersTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('workOrders')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertEvent(trx: Tx, row: WorkOrderEventsTable): Promise<void> {
  await trx.insertInto('workOrderEvents').values(row).execute();
}

export async function findEvents(db: Tx, workOrderId: string) {
  return db
    .selectFrom('workOrderEvents')
    .selectAll()
    .where('workOrderId', '=', workOrderId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function insertPhoto(trx: Tx, row: WorkOrderPhotosTable): Promise<void> {
  await trx.insertInto('workOrderPhotos').values(row).execute();
}

export async function findPhotoMetas(db: Tx, workOrderId: string) {
  return db
    .selectFrom('workOrderPhotos')
    .select(['id', 'stage', 'uploadedAt', 'uploadedBy'])
    .where('workOrderId', '=', workOrderId)
    .orderBy('uploadedAt')
    .execute();
}

export async function countPhotos(db: Tx, workOrderId: string): Promise<number> {
  const row = await db
    .selectFrom('workOrderPhotos')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workOrderId', '=', workOrderId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findPhoto(db: Tx, id: string) {
  return db.selectFrom('workOrderPhotos').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface WorkOrderFilter {
  visible: Expression<SqlBool>;
  projectId: string;
  statuses?: readonly WorkOrderStatus[];
  category?: string;
  urgency?: string;
  /** Only orders whose running deadline has passed at this instant. */
  breachedAt?: string;
  q?: string;
}

export type WorkOrderSort = 'createdAt' | 'dueAt' | 'number';

interface Search {
  condition: Expression<SqlBool>;
  /** SQLite: the index's hits are few, so the page starts from them, by rowid (its count always does). */
  fromHits: boolean;
}

/**
 * Orders whose searched fields (workorders.search.ts) hold the query as a substring, NFKC- and
 * case-folded: the bigram phrase from the index (FTS5 on SQLite, the 'simple' tsvector's GIN index
 * on PostgreSQL; 2026-12-09T0900 migration), re-checked on the stored text when the phrase alone
 * is not exact (a query of several runs, or with signs around its letters).
 */
async function searchFor(db: Tx, q: string): Promise<Search> {
  const normalised = normaliseSearchText(q);
  const phrase = bigramQuery(normalised);
  const substring = sql<SqlBool>`${sql.ref('workOrders.searchText')} like ${`%${escapeLike(normalised)}%`} escape '\\'`;
  if (!phrase) return { condition: substring, fromHits: false };
  const exactly = (indexed: Expression<SqlBool>) =>
    phrase.isExact ? indexed : sql<SqlBool>`(${indexed} and ${substring})`;
  // Tokens hold only letters and digits: nothing in them is query syntax to either database.
  if (isPostgres(db))
    return {
      condition: exactly(
        sql<SqlBool>`to_tsvector('simple', ${sql.ref('workOrders.searchBigrams')}) @@ to_tsquery('simple', ${
          phrase.tokens.join(' <-> ') + (phrase.lastIsPrefix ? ':*' : '')
        })`,
      ),
      fromHits: false,
    };
  const match = `"${phrase.tokens.join(' ')}"${phrase.lastIsPrefix ? '*' : ''}`;
  // Few hits are read once and named by rowid: a phrase of common bigrams ("01 12 23 34") costs
  // ~9 ms each time the index evaluates it.
  const hits = await sql<{
    rowid: number;
  }>`select rowid from work_orders_search where work_orders_search match ${match} limit ${searchTuning.fewHits + 1}`.execute(
    db,
  );
  const rowids = hits.rows.map((row) => Number(row.rowid));
  const fromHits = rowids.length <= searchTuning.fewHits;
  const indexed = fromHits
    ? rowids.length
      ? sql<SqlBool>`${sql.ref('workOrders.rowid')} in (${sql.join(rowids)})`
      : sql<SqlBool>`1 = 0`
    : sql<SqlBool>`${sql.ref('workOrders.rowid')} in (select rowid from work_orders_search where work_orders_search match ${match})`;
  return { condition: exactly(indexed), fromHits };
}

/**
 * Up to this many hits of the search index (all projects), SQLite reads them by rowid and filters;
 * beyond, it walks the project's orders newest first (the page fills fast) and tests each against
 * the hits. Without statistics its planner takes the project's index either way: 10 hits took as
 * long as the 400,000 orders of the estate. (A test sets it to 0 to take the other way.)
 */
export const searchTuning = { fewHits: 2_000 };

function conditions(filter: WorkOrderFilter): Expression<SqlBool>[] {
  const eb = expressionBuilder<WorkordersTables, 'workOrders'>();
  const all: Expression<SqlBool>[] = [filter.visible, eb('workOrders.projectId', '=', filter.projectId)];
  if (filter.statuses?.length) all.push(eb('workOrders.status', 'in', [...filter.statuses]));
  if (filter.category) all.push(eb('workOrders.category', '=', filter.category as never));
  if (filter.urgency) all.push(eb('workOrders.urgency', '=', filter.urgency as never));
  if (filter.breachedAt) {
    const at = filter.breachedAt;
    all.push(
      eb('workOrders.doneAt', 'is', null),
      eb.or([
        eb.and([eb('workOrders.acceptedAt', 'is', null), eb('workOrders.respondDueAt', '<=', at)]),
        eb.and([eb('workOrders.acceptedAt', 'is not', null), eb('workOrders.finishDueAt', '<=', at)]),
      ]),
    );
  }
  return all;
}

function filtered(db: Tx, filter: WorkOrderFilter, search?: Search, fromHits = search?.fromHits) {
  const all = conditions(filter);
  const query = db.selectFrom('workOrders');
  if (!search) return query.where((eb) => eb.and(all));
  if (!fromHits) return query.where((eb) => eb.and([...all, search.condition]));
  // Inside CASE the other conditions only filter the hits: the planner cannot take an index for them.
  return query
    .where(() => search.condition)
    .where((eb) => sql<SqlBool>`(case when ${eb.and(all)} then 1 else 0 end) = 1`);
}

/**
 * The list counts at most this many orders: an estate's 400,000 took ~60 ms to count exactly on
 * every page, and nobody pages that far (the table shows "10,000+"; the export writes rows, it
 * does not count). A search counts to 1,000: its hits are looked up one by one (~3 µs each).
 */
export const listCountCap = 10_000;
export const searchCountCap = 1_000;

export async function findWorkOrderPage(
  db: Tx,
  filter: WorkOrderFilter,
  sort: { by: WorkOrderSort; order: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  const dueExpression = sql`case when ${sql.ref('workOrders.acceptedAt')} is null then ${sql.ref('workOrders.respondDueAt')} else ${sql.ref('workOrders.finishDueAt')} end`;
  const search = filter.q ? await searchFor(db, filter.q) : undefined;
  return pagedQuery(
    filtered(db, filter, search),
    (query) => {
      const selected = query.selectAll('workOrders');
      if (sort.by === 'dueAt') return selected.orderBy(dueExpression, sort.order).orderBy('workOrders.id');
      return selected.orderBy(`workOrders.${sort.by}`, sort.order).orderBy('workOrders.id', sort.order);
    },
    window,
    {
      countCap: {
        rows: search ? searchCountCap : listCountCap,
        db,
        // A search counts from the index's hits, one by one until the cap: walking the project's
        // orders, a word in one order of 170 ("12栋") took 170,000 of them to count 1,000.
        rowsToCount: search && !isPostgres(db) ? filtered(db, filter, search, true) : undefined,
      },
    },
  );
}

/** Per status: how many orders the caller sees, and the first ones by deadline (the board). */
export async function countByStatus(db: Tx, filter: WorkOrderFilter) {
  const rows = await filtered(db, filter)
    .select(['workOrders.status', (eb) => eb.fn.countAll<number>().as('total')])
    .groupBy('workOrders.status')
    .execute();
  return new Map(rows.map((row) => [row.status, Number(row.total)]));
}

/**
 * A caller's open orders: by the numbers they call from, or the resident the register names.
 * Two reads, each served by its own (column, project_id, created_at) index: as one `phone in (…)
 * or resident_id = ?` SQLite took the project's index instead and read all its orders (~0.5 s
 * for 400,000 of them, bench:property).
 */
export async function findOpenOrdersOfCaller(
  db: Tx,
  options: {
    projectId: string;
    phones: string[];
    residentId?: string | null;
    exceptCallId?: string | null;
    limit: number;
  },
) {
  const open = (by: 'callerPhone' | 'residentId', values: string[]) =>
    db
      .selectFrom('workOrders')
      .selectAll()
      .where(by, 'in', values)
      .where('projectId', '=', options.projectId)
      .where('status', 'not in', ['closed'])
      // Orders opened on the call being shown are listed by the call's own work-order panel.
      .$if(Boolean(options.exceptCallId), (query) =>
        query.where((eb) => eb.or([eb('callId', 'is', null), eb('callId', '!=', options.exceptCallId!)])),
      )
      .orderBy('createdAt', 'desc')
      .limit(options.limit)
      .execute();
  const [byPhone, byResident] = await Promise.all([
    options.phones.length ? open('callerPhone', options.phones) : [],
    options.residentId ? open('residentId', [options.residentId]) : [],
  ]);
  const byId = new Map([...byPhone, ...byResident].map((row) => [row.id, row]));
  return [...byId.values()]
    .sort((a, b) => (a.createdAt === b.createdAt ? 0 : a.createdAt < b.createdAt ? 1 : -1))
    .slice(0, options.limit);
}

export interface BreachCandidate {
  id: string;
  companyId: string;
  projectId: string;
  number: string;
  category: WorkOrdersTable['category'];
  urgency: WorkOrdersTable['urgency'];
  buildingText: string;
  doorText: string;
  unitText: string;
  dueAt: string;
}

/**
 * The orders whose `clock` deadline has passed and that no sweep has escalated yet, earliest first:
 * a range of the clock's partial index (only open, unescalated orders are in it).
 */
export async function findBreachCandidates(
  db: Tx,
  clock: SlaClock,
  now: string,
  limit: number,
): Promise<BreachCandidate[]> {
  const due = clock === 'respond' ? 'respondDueAt' : 'finishDueAt';
  const done = clock === 'respond' ? 'acceptedAt' : 'doneAt';
  const breached = clock === 'respond' ? 'respondBreachedAt' : 'finishBreachedAt';
  return db
    .selectFrom('workOrders')
    .select([
      'id',
      'companyId',
      'projectId',
      'number',
      'category',
      'urgency',
      'buildingText',
      'doorText',
      'unitText',
      `${due} as dueAt`,
    ])
    .where(done, 'is', null)
    .where(breached, 'is', null)
    .where(due, '<=', now)
    .orderBy(due)
    .limit(limit)
    .execute() as Promise<BreachCandidate[]>;
}

/** Marks one breach found, unless another sweep did or the order was answered meanwhile. */
export async function markBreached(trx: Tx, id: string, clock: SlaClock, now: string): Promise<boolean> {
  const done = clock === 'respond' ? 'acceptedAt' : 'doneAt';
  const breached = clock === 'respond' ? 'respondBreachedAt' : 'finishBreachedAt';
  const result = await trx
    .updateTable('workOrders')
    .set({ [breached]: now, updatedAt: now })
    .where('id', '=', id)
    .where(done, 'is', null)
    .where(breached, 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
