import { sql } from 'kysely';
import { isPostgres, type Tx } from '../../platform/db/database.js';
import type { UnitHistoryRow } from '../inventory/index.js';
import type { OpeningBuyersTable, OpeningEventsTable } from './opening.tables.js';

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

/** One pick of a batch round: the claim (one unit per buyer, each unit once) and the rows it records if it wins. */
export interface BatchClaim {
  unitId: string;
  buyerId: string;
  customerId: string | null;
  pickId: string;
  pickedAt: string;
  history: UnitHistoryRow;
}

export interface BatchClaimResult {
  id: string;
  version: number;
  listTotalFen: number | null;
  /** Under the buyer's limit: the pick and its history rows were written. */
  counted: boolean;
}

/**
 * A round of the batch, decided unit by unit: each unit goes to its buyer only if it is still for
 * sale (the conditional WHERE on its own row) and the buyer's count goes up only while under the
 * limit (the conditional WHERE on the buyer's row); for every pick that passes both, the pick and
 * the unit's history row are written. The claims travel as one JSON parameter, so the SQL text is
 * the same whatever the batch size: one prepared statement each on SQLite, and on PostgreSQL the
 * whole round is one statement (data-modifying CTEs), one round trip instead of four.
 * A unit claimed for a buyer found over the limit is returned with `counted: false`; the caller
 * gives it back (unclaimUnits) in the same transaction.
 */
export async function claimAndRecordPicks(
  trx: Tx,
  eventId: string,
  claims: BatchClaim[],
  limit: number,
  nowIso: string,
): Promise<BatchClaimResult[]> {
  if (claims.length === 0) return [];
  if (isPostgres(trx)) return claimAndRecordPicksPostgres(trx, eventId, claims, limit, nowIso);
  const claimed = await sql<{ id: string; version: number; listTotalFen: number | null }>`
    UPDATE units SET status = 'deposited', opening_event_id = ${eventId},
      opening_buyer_id = claim.buyer_id, buyer_customer_id = claim.customer_id,
      holder_staff_id = NULL, hold_customer_id = NULL, hold_expires_at = NULL,
      status_changed_at = ${nowIso}, version = version + 1
    FROM (SELECT value ->> 'unitId' AS unit_id, value ->> 'buyerId' AS buyer_id, value ->> 'customerId' AS customer_id
          FROM json_each(${JSON.stringify(claims.map(({ unitId, buyerId, customerId }) => ({ unitId, buyerId, customerId })))})) AS claim
    WHERE units.id = claim.unit_id AND ${isClaimable(nowIso)}
    RETURNING id, version, list_total_fen`.execute(trx);
  if (claimed.rows.length === 0) return [];
  const byUnit = new Map(claims.map((claim) => [claim.unitId, claim]));
  const buyerOfUnit = (unitId: string) => byUnit.get(unitId)!.buyerId;
  const counted = await sql<{ id: string }>`
    UPDATE opening_buyers SET pick_count = pick_count + 1
    WHERE id IN (SELECT value FROM json_each(${JSON.stringify(claimed.rows.map((row) => buyerOfUnit(row.id)))}))
      AND pick_count < ${limit}
    RETURNING id`.execute(trx);
  const countedBuyers = new Set(counted.rows.map((row) => row.id));
  const results = claimed.rows.map((row) => ({
    id: row.id,
    version: Number(row.version),
    listTotalFen: row.listTotalFen === null ? null : Number(row.listTotalFen),
    counted: countedBuyers.has(buyerOfUnit(row.id)),
  }));
  const won = results.filter((result) => result.counted);
  if (won.length === 0) return results;
  await sql`
    INSERT INTO opening_picks (id, event_id, unit_id, buyer_id, list_total_fen, picked_at)
    SELECT value ->> 'id', ${eventId}, value ->> 'unitId', value ->> 'buyerId', value ->> 'listTotalFen', value ->> 'pickedAt'
    FROM json_each(${JSON.stringify(
      won.map((result) => {
        const claim = byUnit.get(result.id)!;
        return {
          id: claim.pickId,
          unitId: claim.unitId,
          buyerId: claim.buyerId,
          listTotalFen: result.listTotalFen,
          pickedAt: claim.pickedAt,
        };
      }),
    )})`.execute(trx);
  await sql`
    INSERT INTO unit_history (id, unit_id, project_id, action, from_status, to_status, actor_id, actor_name,
      customer_id, hold_expires_at, reason, at)
    SELECT value ->> 'id', value ->> 'unitId', value ->> 'projectId', value ->> 'action', value ->> 'fromStatus',
      value ->> 'toStatus', value ->> 'actorId', value ->> 'actorName', value ->> 'customerId', value ->> 'holdExpiresAt',
      value ->> 'reason', value ->> 'at'
    FROM json_each(${JSON.stringify(won.map((result) => byUnit.get(result.id)!.history))})`.execute(trx);
  return results;
}

async function claimAndRecordPicksPostgres(
  trx: Tx,
  eventId: string,
  claims: BatchClaim[],
  limit: number,
  nowIso: string,
): Promise<BatchClaimResult[]> {
  const input = JSON.stringify(
    claims.map((claim) => ({
      unit_id: claim.unitId,
      buyer_id: claim.buyerId,
      customer_id: claim.customerId,
      pick_id: claim.pickId,
      picked_at: claim.pickedAt,
      history_id: claim.history.id,
      project_id: claim.history.projectId,
      action: claim.history.action,
      from_status: claim.history.fromStatus,
      to_status: claim.history.toStatus,
      actor_id: claim.history.actorId,
      actor_name: claim.history.actorName,
      hold_expires_at: claim.history.holdExpiresAt,
      reason: claim.history.reason,
      at: claim.history.at,
    })),
  );
  // The claims drive the update through the units' primary key, one lookup each: json_to_recordset
  // is estimated at 100 rows, so its LIMIT tells the planner the real count (else it may hash-join
  // against a scan of every unit), and MATERIALIZED parses the JSON once. (An id = ANY(list)
  // beside the join made units the outer side, re-scanning the claims for every unit: O(n²).)
  // The CASE keeps the status test off units' indexes, which a fresh database without statistics
  // would otherwise prefer. Every CTE reads the statement's snapshot, so the records join on what
  // the claim and the count returned; a second batch claiming the same row waits for this commit
  // and re-checks its WHERE.
  const result = await sql<{ id: string; version: number; listTotalFen: number | null; counted: boolean }>`
    WITH claim AS MATERIALIZED (
      SELECT * FROM json_to_recordset(${input}::json) AS c(
        unit_id text, buyer_id text, customer_id text, pick_id text, picked_at text, history_id text,
        project_id text, action text, from_status text, to_status text, actor_id text, actor_name text,
        hold_expires_at text, reason text, at text)
      LIMIT ${claims.length}
    ),
    claimed AS (
      UPDATE units SET status = 'deposited', opening_event_id = ${eventId},
        opening_buyer_id = claim.buyer_id, buyer_customer_id = claim.customer_id,
        holder_staff_id = NULL, hold_customer_id = NULL, hold_expires_at = NULL,
        status_changed_at = ${nowIso}, version = units.version + 1
      FROM claim
      WHERE units.id = claim.unit_id
        AND (CASE WHEN units.status = 'for_sale' THEN 1
                  WHEN units.status = 'held' AND units.hold_expires_at <= ${nowIso} THEN 1 ELSE 0 END) = 1
      RETURNING units.id, units.version, units.list_total_fen, claim.*
    ),
    counted AS (
      UPDATE opening_buyers SET pick_count = opening_buyers.pick_count + 1
      FROM claimed
      WHERE opening_buyers.id = claimed.buyer_id AND opening_buyers.pick_count < ${limit}
      RETURNING opening_buyers.id
    ),
    won AS (
      SELECT claimed.* FROM claimed JOIN counted ON counted.id = claimed.buyer_id
    ),
    picks AS (
      INSERT INTO opening_picks (id, event_id, unit_id, buyer_id, list_total_fen, picked_at)
      SELECT pick_id, ${eventId}, id, buyer_id, list_total_fen, picked_at FROM won
    ),
    history AS (
      INSERT INTO unit_history (id, unit_id, project_id, action, from_status, to_status, actor_id, actor_name,
        customer_id, hold_expires_at, reason, at)
      SELECT history_id, id, project_id, action, from_status, to_status, actor_id, actor_name,
        customer_id, hold_expires_at, reason, at FROM won
    )
    SELECT claimed.id, claimed.version, claimed.list_total_fen, counted.id IS NOT NULL AS counted
    FROM claimed LEFT JOIN counted ON counted.id = claimed.buyer_id`.execute(trx);
  return result.rows.map((row) => ({
    id: row.id,
    version: Number(row.version),
    listTotalFen: row.listTotalFen === null ? null : Number(row.listTotalFen),
    counted: row.counted,
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
