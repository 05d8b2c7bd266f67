import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type { OpeningBuyersTable, OpeningEventsTable, OpeningPicksTable } from './opening.tables.js';

// Units and their history belong to the inventory module; the pick path touches them here
// because one pick must be one lean transaction (see opening.picks.ts).

export async function insertEvent(trx: Tx, row: OpeningEventsTable) {
  await trx.insertInto('openingEvents').values(row).execute();
}

export async function updateEventRow(trx: Tx, id: string, changes: Partial<OpeningEventsTable>) {
  await trx.updateTable('openingEvents').set(changes).where('id', '=', id).execute();
}

export async function findEventRow(db: Tx, id: string) {
  return db.selectFrom('openingEvents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findEventsOfProject(db: Tx, projectId: string) {
  return db
    .selectFrom('openingEvents')
    .selectAll('openingEvents')
    .select((eb) => [
      eb
        .selectFrom('openingUnits')
        .whereRef('openingUnits.eventId', '=', 'openingEvents.id')
        .select(eb.fn.countAll<number>().as('c'))
        .as('unitCount'),
      eb
        .selectFrom('openingBuyers')
        .whereRef('openingBuyers.eventId', '=', 'openingEvents.id')
        .select(eb.fn.countAll<number>().as('c'))
        .as('buyerCount'),
      eb
        .selectFrom('openingPicks')
        .whereRef('openingPicks.eventId', '=', 'openingEvents.id')
        .select(eb.fn.countAll<number>().as('c'))
        .as('pickCount'),
    ])
    .where('projectId', '=', projectId)
    .orderBy('startsAt', 'desc')
    .execute();
}

export async function replaceEventUnits(trx: Tx, eventId: string, unitIds: string[]) {
  await trx.deleteFrom('openingUnits').where('eventId', '=', eventId).execute();
  for (let index = 0; index < unitIds.length; index += 500)
    await trx
      .insertInto('openingUnits')
      .values(unitIds.slice(index, index + 500).map((unitId) => ({ eventId, unitId })))
      .execute();
}

export async function findEventUnitIds(db: Tx, eventId: string): Promise<string[]> {
  return (await db.selectFrom('openingUnits').select('unitId').where('eventId', '=', eventId).execute()).map(
    (row) => row.unitId,
  );
}

export async function findUnitsForOffer(db: Tx, projectId: string, unitIds: string[]) {
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

/** What a buyer sees: the offered units with their current status. */
export async function findOfferedUnits(db: Tx, eventId: string) {
  return db
    .selectFrom('openingUnits')
    .innerJoin('units', 'units.id', 'openingUnits.unitId')
    .innerJoin('buildings', 'buildings.id', 'units.buildingId')
    .select([
      'units.id',
      'units.label',
      'units.buildingId',
      'buildings.name as buildingName',
      'units.floor',
      'units.position',
      'units.number',
      'units.layout',
      'units.buildingAreaDm2',
      'units.innerAreaDm2',
      'units.orientation',
      'units.listUnitPriceFen',
      'units.listTotalFen',
      'units.status',
      'units.holdExpiresAt',
      'units.openingEventId',
      'units.openingBuyerId',
    ])
    .where('openingUnits.eventId', '=', eventId)
    .orderBy('buildings.sortOrder')
    .orderBy('units.floor', 'desc')
    .orderBy('units.position')
    .execute();
}

export async function insertBuyers(trx: Tx, rows: OpeningBuyersTable[]) {
  for (let index = 0; index < rows.length; index += 200)
    await trx
      .insertInto('openingBuyers')
      .values(rows.slice(index, index + 200))
      .execute();
}

export async function findBuyersOfEvent(db: Tx, eventId: string) {
  return db
    .selectFrom('openingBuyers')
    .leftJoin('staff as verifier', 'verifier.id', 'openingBuyers.idVerifiedBy')
    .selectAll('openingBuyers')
    .select('verifier.displayName as idVerifiedByName')
    .where('openingBuyers.eventId', '=', eventId)
    .orderBy('openingBuyers.pledgeNumber')
    .execute();
}

export async function findBuyerRow(db: Tx, id: string) {
  return db.selectFrom('openingBuyers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findBuyerByPhone(db: Tx, eventId: string, phone: string) {
  return db
    .selectFrom('openingBuyers')
    .selectAll()
    .where('eventId', '=', eventId)
    .where('phone', '=', phone)
    .executeTakeFirst();
}

export async function findBuyerBySession(db: Tx, sessionHash: string) {
  return db.selectFrom('openingBuyers').selectAll().where('sessionHash', '=', sessionHash).executeTakeFirst();
}

export async function updateBuyerRow(trx: Tx, id: string, changes: Partial<OpeningBuyersTable>) {
  await trx.updateTable('openingBuyers').set(changes).where('id', '=', id).execute();
}

/** Stores a new code only if no other was sent since `sentAt` was read; false when one was. */
export async function storeBuyerCode(
  trx: Tx,
  id: string,
  sentAt: string | null,
  changes: Pick<
    OpeningBuyersTable,
    'codeHash' | 'codeExpiresAt' | 'codeAttempts' | 'codeSentAt' | 'demoCode'
  >,
): Promise<boolean> {
  const result = await trx
    .updateTable('openingBuyers')
    .set(changes)
    .where('id', '=', id)
    .where((eb) => (sentAt === null ? eb('codeSentAt', 'is', null) : eb('codeSentAt', '=', sentAt)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts a wrong code only while the code is still the one being tried. */
export async function countWrongCode(trx: Tx, id: string) {
  await trx
    .updateTable('openingBuyers')
    .set((eb) => ({ codeAttempts: eb('codeAttempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function findPicksOfEvent(db: Tx, eventId: string) {
  return db
    .selectFrom('openingPicks')
    .innerJoin('units', 'units.id', 'openingPicks.unitId')
    .innerJoin('openingBuyers', 'openingBuyers.id', 'openingPicks.buyerId')
    .select([
      'openingPicks.id',
      'openingPicks.unitId',
      'units.label',
      'openingPicks.buyerId',
      'openingBuyers.name as buyerName',
      'openingBuyers.pledgeNumber',
      'openingPicks.listTotalFen',
      'openingPicks.pickedAt',
    ])
    .where('openingPicks.eventId', '=', eventId)
    .orderBy('openingPicks.pickedAt')
    .execute();
}

export async function findPicksOfBuyer(db: Tx, buyerId: string) {
  return db
    .selectFrom('openingPicks')
    .innerJoin('units', 'units.id', 'openingPicks.unitId')
    .select([
      'openingPicks.id',
      'openingPicks.unitId',
      'units.label',
      'units.layout',
      'units.buildingAreaDm2',
      'openingPicks.listTotalFen',
      'openingPicks.pickedAt',
    ])
    .where('openingPicks.buyerId', '=', buyerId)
    .orderBy('openingPicks.pickedAt')
    .execute();
}

// --- the pick path: each statement is the decision or its record, nothing else. Written as
// raw SQL because on this path the query builder's per-call compile cost more than the
// statement itself (~0.8 ms against ~0.06 ms per UPDATE on SQLite).

/**
 * Still for sale, or held with the hold expired. Written as a CASE so that no index can answer it:
 * as a plain OR, SQLite plans a MULTI-INDEX OR over (status, hold_expires_at) — a walk through every
 * unit for sale, 10 ms per batch at 2,000 units — instead of the primary-key lookups of the ids.
 */
function isClaimable(nowIso: string) {
  return sql`(CASE WHEN status = 'for_sale' THEN 1 WHEN status = 'held' AND hold_expires_at <= ${nowIso} THEN 1 ELSE 0 END) = 1`;
}

/** The decision: the unit goes to this buyer only if it is still for sale (an expired hold counts). */
export async function claimUnitForBuyer(
  trx: Tx,
  pick: { unitId: string; eventId: string; buyerId: string; customerId: string | null; nowIso: string },
): Promise<boolean> {
  const result = await sql`
    UPDATE units SET status = 'deposited', opening_event_id = ${pick.eventId}, opening_buyer_id = ${pick.buyerId},
      buyer_customer_id = ${pick.customerId}, holder_staff_id = NULL, hold_customer_id = NULL, hold_expires_at = NULL,
      status_changed_at = ${pick.nowIso}, version = version + 1
    WHERE id = ${pick.unitId} AND ${isClaimable(pick.nowIso)}`.execute(trx);
  return Number(result.numAffectedRows ?? 0) === 1;
}

/**
 * The same decision for many units at once (one unit per buyer, each unit once): every unit is
 * claimed by the conditional WHERE on its own row; the statement returns the units it won.
 */
export async function claimUnitsForBuyers(
  trx: Tx,
  eventId: string,
  claims: Array<{ unitId: string; buyerId: string; customerId: string | null }>,
  nowIso: string,
): Promise<Array<{ id: string; version: number; listTotalFen: number | null }>> {
  const buyerCase = sql.join(
    claims.map((claim) => sql`WHEN ${claim.unitId} THEN ${claim.buyerId}`),
    sql` `,
  );
  const customerCase = sql.join(
    claims.map((claim) => sql`WHEN ${claim.unitId} THEN ${claim.customerId}`),
    sql` `,
  );
  const result = await sql<{ id: string; version: number; listTotalFen: number | null }>`
    UPDATE units SET status = 'deposited', opening_event_id = ${eventId},
      opening_buyer_id = CASE id ${buyerCase} END,
      buyer_customer_id = CASE id ${customerCase} END,
      holder_staff_id = NULL, hold_customer_id = NULL, hold_expires_at = NULL,
      status_changed_at = ${nowIso}, version = version + 1
    WHERE id IN (${sql.join(claims.map((claim) => claim.unitId))}) AND ${isClaimable(nowIso)}
    RETURNING id, version, list_total_fen`.execute(trx);
  return result.rows.map((row) => ({
    ...row,
    version: Number(row.version),
    listTotalFen: row.listTotalFen === null ? null : Number(row.listTotalFen),
  }));
}

/** Undoes claims in the same transaction for buyers who turned out to be over their limit. */
export async function unclaimUnits(trx: Tx, unitIds: string[], nowIso: string) {
  if (unitIds.length === 0) return;
  await sql`
    UPDATE units SET status = 'for_sale', opening_event_id = NULL, opening_buyer_id = NULL, buyer_customer_id = NULL,
      status_changed_at = ${nowIso}, version = version + 1
    WHERE id IN (${sql.join(unitIds)})`.execute(trx);
}

/** The per-buyer limit, race-free: a count goes up only while under the limit; returns the buyers counted. */
export async function countBuyerPicksIf(trx: Tx, buyerIds: string[], limit: number): Promise<Set<string>> {
  if (buyerIds.length === 0) return new Set();
  const result = await sql<{ id: string }>`
    UPDATE opening_buyers SET pick_count = pick_count + 1 WHERE id IN (${sql.join(buyerIds)}) AND pick_count < ${limit} RETURNING id`.execute(
    trx,
  );
  return new Set(result.rows.map((row) => row.id));
}

export async function insertPicks(trx: Tx, rows: OpeningPicksTable[]) {
  if (rows.length === 0) return;
  const values = rows.map(
    (row) =>
      sql`(${row.id}, ${row.eventId}, ${row.unitId}, ${row.buyerId}, ${row.listTotalFen}, ${row.pickedAt})`,
  );
  await sql`INSERT INTO opening_picks (id, event_id, unit_id, buyer_id, list_total_fen, picked_at) VALUES ${sql.join(values)}`.execute(
    trx,
  );
}

export async function findUnitVersions(trx: Tx, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  const result = await sql<{ id: string; version: number; listTotalFen: number | null }>`
    SELECT id, version, list_total_fen FROM units WHERE id IN (${sql.join(unitIds)})`.execute(trx);
  return result.rows;
}

export async function findBuyerBySessionFast(db: Tx, sessionHash: string) {
  const result = await sql<
    Pick<OpeningBuyersTable, 'id' | 'eventId' | 'name' | 'customerId' | 'pickCount' | 'sessionExpiresAt'>
  >`
    SELECT id, event_id, name, customer_id, pick_count, session_expires_at FROM opening_buyers WHERE session_hash = ${sessionHash}`.execute(
    db,
  );
  return result.rows[0];
}

/** Every signed-in buyer of an event, for the session map (see resolveBuyer). */
export async function findSignedInBuyers(db: Tx, eventId: string) {
  const result = await sql<
    Pick<
      OpeningBuyersTable,
      'id' | 'eventId' | 'name' | 'customerId' | 'pickCount' | 'sessionHash' | 'sessionExpiresAt'
    >
  >`
    SELECT id, event_id, name, customer_id, pick_count, session_hash, session_expires_at
    FROM opening_buyers WHERE event_id = ${eventId} AND session_hash IS NOT NULL`.execute(db);
  return result.rows;
}
