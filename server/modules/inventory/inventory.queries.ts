import { sql } from 'kysely';
import { isPostgres, type Tx } from '../../platform/db/database.js';
import type {
  PriceListItemsTable,
  PriceListsTable,
  UnitHistoryTable,
  UnitStatus,
  UnitsTable,
} from './inventory.tables.js';

const unitColumns = [
  'units.id',
  'units.projectId',
  'units.buildingId',
  'units.section',
  'units.floor',
  'units.position',
  'units.number',
  'units.label',
  'units.layout',
  'units.buildingAreaDm2',
  'units.innerAreaDm2',
  'units.orientation',
  'units.listUnitPriceFen',
  'units.listTotalFen',
  'units.priceListId',
  'units.priceListVersion',
  'units.status',
  'units.holderStaffId',
  'units.holdCustomerId',
  'units.holdExpiresAt',
  'units.buyerCustomerId',
  'units.openingEventId',
  'units.openingBuyerId',
  'units.statusChangedAt',
  'units.version',
  'units.soldBeforeSystem',
  'units.createdAt',
] as const;

export type UnitRow = UnitsTable & { buildingName: string; holderStaffName: string | null };

function selectUnits(db: Tx) {
  return db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.buildingId')
    .leftJoin('staff as holder', 'holder.id', 'units.holderStaffId')
    .select(unitColumns)
    .select(['buildings.name as buildingName', 'holder.displayName as holderStaffName']);
}

/** On PostgreSQL the row is locked until the transaction ends, so what we read is what the update sees. */
export async function findUnitRow(
  db: Tx,
  unitId: string,
  options: { lock?: boolean } = {},
): Promise<UnitRow | undefined> {
  if (options.lock && isPostgres(db)) {
    await db.selectFrom('units').select('id').where('id', '=', unitId).forUpdate().execute();
  }
  return (await selectUnits(db).where('units.id', '=', unitId).executeTakeFirst()) as UnitRow | undefined;
}

export async function findUnitRowsOfProject(db: Tx, projectId: string): Promise<UnitRow[]> {
  return (await selectUnits(db)
    .where('units.projectId', '=', projectId)
    .orderBy('units.buildingId')
    .orderBy('units.floor', 'desc')
    .orderBy('units.position')
    .execute()) as UnitRow[];
}

/** The board's one query: the columns a cell needs, nothing joined. */
export async function findBoardRows(db: Tx, projectId: string) {
  return db
    .selectFrom('units')
    .select([
      'id',
      'buildingId',
      'section',
      'floor',
      'position',
      'number',
      'layout',
      'buildingAreaDm2',
      'innerAreaDm2',
      'orientation',
      'listUnitPriceFen',
      'listTotalFen',
      'status',
      'holderStaffId',
      'holdCustomerId',
      'holdExpiresAt',
      'buyerCustomerId',
      'version',
      'soldBeforeSystem',
    ])
    .where('projectId', '=', projectId)
    .execute();
}

/** Changes whenever any unit of the project changes (every change bumps its version) or is added. */
export async function findBoardFingerprint(db: Tx, projectId: string) {
  const result = await sql<{ unitCount: number; versionSum: number; nextExpiry: string | null }>`
    SELECT COUNT(*) AS unit_count, COALESCE(SUM(version), 0) AS version_sum,
      MIN(CASE WHEN status = 'held' THEN hold_expires_at END) AS next_expiry
    FROM units WHERE project_id = ${projectId}`.execute(db);
  const row = result.rows[0];
  return {
    unitCount: Number(row?.unitCount ?? 0),
    versionSum: Number(row?.versionSum ?? 0),
    nextExpiry: row?.nextExpiry ?? null,
  };
}

export interface UnitChange {
  status: UnitStatus;
  holderStaffId?: string | null;
  holdCustomerId?: string | null;
  holdExpiresAt?: string | null;
  buyerCustomerId?: string | null;
  openingEventId?: string | null;
  openingBuyerId?: string | null;
}

/**
 * THE conditional update every status change goes through: it changes the unit only if it is
 * still in one of `from` (an expired hold counting as for sale when `from` has for_sale), and,
 * for moves out of a hold, only while the hold is live and — when given — for that customer.
 * Returns whether it won.
 */
export async function updateUnitStatusIf(
  trx: Tx,
  options: {
    unitId: string;
    from: readonly UnitStatus[];
    change: UnitChange;
    nowIso: string;
    requireLiveHold?: boolean;
    holdCustomerId?: string | null;
    holderStaffId?: string | null;
  },
): Promise<boolean> {
  const { unitId, from, change, nowIso } = options;
  const result = await trx
    .updateTable('units')
    .set((eb) => ({ ...change, statusChangedAt: nowIso, version: eb('version', '+', 1) }))
    .where('id', '=', unitId)
    .where((eb) => {
      const ors = [];
      const plain = from.filter((status) => status !== 'held');
      if (plain.length) ors.push(eb('status', 'in', plain));
      if (from.includes('for_sale') && !from.includes('held'))
        ors.push(eb.and([eb('status', '=', 'held'), eb('holdExpiresAt', '<=', nowIso)]));
      if (from.includes('held')) {
        const held = [eb('status', '=', 'held')];
        if (options.requireLiveHold) held.push(eb('holdExpiresAt', '>', nowIso));
        if (options.holdCustomerId !== undefined)
          held.push(eb('holdCustomerId', '=', options.holdCustomerId));
        if (options.holderStaffId !== undefined) held.push(eb('holderStaffId', '=', options.holderStaffId));
        ors.push(eb.and(held));
      }
      return eb.or(ors);
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertUnitHistory(trx: Tx, rows: UnitHistoryTable[]) {
  if (rows.length) await trx.insertInto('unitHistory').values(rows).execute();
}

export async function findUnitHistory(db: Tx, unitId: string, limit = 200) {
  return (
    db
      .selectFrom('unitHistory')
      .selectAll()
      .where('unitId', '=', unitId)
      .orderBy('at', 'desc')
      // Ids are time-ordered: moves made within one millisecond are listed newest first too.
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()
  );
}

/** Holds whose time ran out, oldest first (the expiry job works through them in batches). */
export async function findExpiredHolds(db: Tx, nowIso: string, limit: number) {
  return db
    .selectFrom('units')
    .select(['id', 'projectId', 'holdCustomerId', 'holdExpiresAt', 'label'])
    .where('status', '=', 'held')
    .where('holdExpiresAt', '<=', nowIso)
    .orderBy('holdExpiresAt')
    .limit(limit)
    .execute();
}

export async function findEarliestHoldExpiry(db: Tx): Promise<string | null> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.min('holdExpiresAt').as('at'))
    .where('status', '=', 'held')
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

export async function insertUnits(trx: Tx, rows: UnitsTable[]) {
  for (let index = 0; index < rows.length; index += 200)
    await trx
      .insertInto('units')
      .values(rows.slice(index, index + 200))
      .execute();
}

export async function updateUnitAttributes(
  trx: Tx,
  unitId: string,
  changes: Pick<
    UnitsTable,
    'floor' | 'position' | 'layout' | 'buildingAreaDm2' | 'innerAreaDm2' | 'orientation'
  >,
) {
  await trx
    .updateTable('units')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', unitId)
    .execute();
}

export async function findUnitKeysOfProject(db: Tx, projectId: string) {
  return db
    .selectFrom('units')
    .select(['id', 'buildingId', 'section', 'number', 'status', 'buildingAreaDm2', 'floor', 'position'])
    .where('projectId', '=', projectId)
    .execute();
}

// --- price lists ---

export async function nextPriceListVersion(trx: Tx, projectId: string): Promise<number> {
  const row = await trx
    .selectFrom('priceLists')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  return Number(row?.version ?? 0) + 1;
}

export async function insertPriceList(trx: Tx, row: PriceListsTable) {
  await trx.insertInto('priceLists').values(row).execute();
}

export async function insertPriceListItems(trx: Tx, rows: PriceListItemsTable[]) {
  for (let index = 0; index < rows.length; index += 200)
    await trx
      .insertInto('priceListItems')
      .values(rows.slice(index, index + 200))
      .execute();
}

export async function findPriceListRow(db: Tx, id: string) {
  return db.selectFrom('priceLists').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPriceListsOfProject(db: Tx, projectId: string) {
  return db
    .selectFrom('priceLists')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('version', 'desc')
    .execute();
}

export async function findPriceListItems(db: Tx, priceListId: string) {
  return db
    .selectFrom('priceListItems')
    .innerJoin('units', 'units.id', 'priceListItems.unitId')
    .select([
      'priceListItems.unitId',
      'priceListItems.unitPriceFen',
      'priceListItems.totalFen',
      'units.label',
      'units.buildingAreaDm2',
      'units.listUnitPriceFen as currentUnitPriceFen',
      'units.listTotalFen as currentTotalFen',
    ])
    .where('priceListItems.priceListId', '=', priceListId)
    .orderBy('units.label')
    .execute();
}

/** Decides a draft only if it is still a draft (two managers clicking at once: one wins). */
export async function decidePriceListIf(
  trx: Tx,
  id: string,
  changes: Pick<PriceListsTable, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote'>,
) {
  const result = await trx
    .updateTable('priceLists')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function supersedeApprovedLists(trx: Tx, projectId: string, exceptId: string) {
  await trx
    .updateTable('priceLists')
    .set({ status: 'superseded' })
    .where('projectId', '=', projectId)
    .where('status', '=', 'approved')
    .where('id', '!=', exceptId)
    .execute();
}

/** Applies an approved list's prices to its units in one statement per dialect. */
export async function applyPriceListToUnits(trx: Tx, priceList: { id: string; version: number }) {
  await sql`
    UPDATE units SET
      list_unit_price_fen = (SELECT i.unit_price_fen FROM price_list_items i WHERE i.price_list_id = ${priceList.id} AND i.unit_id = units.id),
      list_total_fen = (SELECT i.total_fen FROM price_list_items i WHERE i.price_list_id = ${priceList.id} AND i.unit_id = units.id),
      price_list_id = ${priceList.id},
      price_list_version = ${priceList.version},
      version = version + 1
    WHERE id IN (SELECT unit_id FROM price_list_items WHERE price_list_id = ${priceList.id})`.execute(trx);
}

/** A project's layouts (户型) with how many units have each, for intent dropdowns and selling points. */
export async function findLayoutsOfProject(db: Tx, projectId: string) {
  return db
    .selectFrom('units')
    .select((eb) => [
      'units.layout',
      eb.fn.countAll<number>().as('unitCount'),
      eb.fn.min<number>('units.buildingAreaDm2').as('minAreaDm2'),
      eb.fn.max<number>('units.buildingAreaDm2').as('maxAreaDm2'),
    ])
    .where('units.projectId', '=', projectId)
    .where('units.layout', '<>', '')
    .groupBy('units.layout')
    .orderBy('units.layout')
    .execute();
}

/** Status and hold of a project's units, by id (for the opening's offer check). */
export async function findUnitStatuses(db: Tx, projectId: string, unitIds: string[]) {
  const rows = [];
  for (let index = 0; index < unitIds.length; index += 500)
    rows.push(
      ...(await db
        .selectFrom('units')
        .select(['id', 'status', 'holdExpiresAt'])
        .where('projectId', '=', projectId)
        .where('id', 'in', unitIds.slice(index, index + 500))
        .execute()),
    );
  return rows;
}

export interface UnitSummary {
  label: string;
  layout: string;
  buildingAreaDm2: number;
}

/** Label, layout and area of units, by id (for other modules' lists of picks and deals). */
export async function findUnitSummaries(db: Tx, unitIds: string[]): Promise<Map<string, UnitSummary>> {
  const unique = [...new Set(unitIds)];
  const summaries = new Map<string, UnitSummary>();
  for (let index = 0; index < unique.length; index += 500) {
    const rows = await db
      .selectFrom('units')
      .select(['id', 'label', 'layout', 'buildingAreaDm2'])
      .where('id', 'in', unique.slice(index, index + 500))
      .execute();
    for (const { id, ...summary } of rows) summaries.set(id, summary);
  }
  return summaries;
}
