import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { preparedStatement } from '../../platform/db/prepared.js';
import { announceLocalPublish, liveNotifyQuery, liveOutboxCtes } from '../../platform/live/index.js';
import { auditAppendCtes } from '../audit/index.js';
import type { UnitHistoryRow } from '../inventory/index.js';

// The rush: what buyers see and what they pick. Units and their history belong to the inventory
// module; this path (and only this one) touches them itself, because one pick must be one lean
// transaction (see opening.picks.ts) and the availability is rebuilt every 250 ms under load.

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
 * A round of the batch, decided unit by unit (SQLite; PostgreSQL decides a round with
 * applyPickRoundPostgres): each unit goes to its buyer only if it is still for sale (the
 * conditional WHERE on its own row) and the buyer's count goes up only while under the limit (the
 * conditional WHERE on the buyer's row); for every pick that passes both, the pick and the unit's
 * history row are written. The claims travel as one JSON parameter, so the SQL text is the same
 * whatever the batch size: one prepared statement each.
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

/** A pick of a PostgreSQL round: its claim, and the buyer's name for the audit row. */
export interface RoundPick extends BatchClaim {
  buyerName: string;
}

export interface RoundOutcome {
  unitId: string;
  /** The unit was free and locked for this pick: it is won, or lost to the buyer's limit. */
  locked: boolean;
  won: boolean;
  version: number | null;
  listTotalFen: number | null;
}

/**
 * PostgreSQL: a whole round of one event — claims, records, live events and audit row — in one
 * statement, so a batch outside a transaction is one round trip and atomic by itself.
 * - `locked`: the units still for sale (an expired hold counts) are locked FOR UPDATE, in unit-id
 *   order; a unit a concurrent statement holds is waited for and then re-checked on its new version.
 * - `counted`: the buyers' counts go up only while under the limit (re-checked the same way).
 * - `claimed`: the locked units of counted buyers go to them; then the pick and history rows.
 * - one board event per 24 units and one availability event (liveOutboxCtes, notified in the
 *   final SELECT), and one audit row listing every pick (auditAppendCtes), when any pick won.
 * The claims drive the lookups through the units' primary key: json_to_recordset is estimated at
 * 100 rows, so its LIMIT tells the planner the real count (else it may hash-join against a scan of
 * every unit), and MATERIALIZED parses the JSON once. The CASE keeps the status test off units'
 * indexes, which a fresh database without statistics would otherwise prefer.
 */
export async function applyPickRoundPostgres(
  db: Tx,
  round: { eventId: string; projectId: string; limit: number; nowIso: string; picks: RoundPick[] },
): Promise<RoundOutcome[]> {
  const { eventId, projectId, limit, nowIso, picks } = round;
  if (picks.length === 0) return [];
  const input = JSON.stringify(
    picks.map((pick, ord) => ({
      ord,
      unit_id: pick.unitId,
      buyer_id: pick.buyerId,
      buyer_name: pick.buyerName,
      customer_id: pick.customerId,
      pick_id: pick.pickId,
      picked_at: pick.pickedAt,
      history_id: pick.history.id,
      project_id: pick.history.projectId,
      action: pick.history.action,
      from_status: pick.history.fromStatus,
      to_status: pick.history.toStatus,
      actor_id: pick.history.actorId,
      actor_name: pick.history.actorName,
      hold_expires_at: pick.history.holdExpiresAt,
      reason: pick.history.reason,
      at: pick.history.at,
    })),
  );
  const liveSource = sql`
    SELECT topic, type, payload_json, created_at FROM (
      SELECT 0 AS part, chunk, ${`board:${projectId}`}::text AS topic, 'units.changed'::text AS type,
        json_build_object('units', json_agg(json_build_object('id', id, 'status', 'deposited', 'version', version,
          'holderStaffId', NULL, 'holderStaffName', NULL, 'holdExpiresAt', NULL, 'holdCustomerId', NULL,
          'buyerCustomerId', customer_id) ORDER BY ord))::text AS payload_json,
        ${nowIso}::text AS created_at
      FROM (SELECT claimed.*, (row_number() OVER (ORDER BY ord) - 1) / 24 AS chunk FROM claimed) AS numbered
      GROUP BY chunk
      UNION ALL
      SELECT 1, 0, ${`opening:${eventId}`}::text, 'units.taken'::text,
        json_build_object('unitIds', json_agg(id ORDER BY ord))::text, ${nowIso}::text
      FROM claimed HAVING count(*) > 0
    ) AS events ORDER BY part, chunk`;
  const auditSource = sql`
    SELECT ${nowIso}::text AS at, NULL::text AS actor_id, '线上开盘'::text AS actor_name,
      ${projectId}::text AS project_id, 'opening_picks'::text AS entity_type,
      CASE WHEN count(*) = 1 THEN min(id) ELSE ${eventId}::text END AS entity_id,
      'opening_pick'::text AS action, NULL::text AS before_json,
      json_build_object('eventId', ${eventId}::text, 'picks', json_agg(json_build_object('unitId', id,
        'buyerId', buyer_id, 'buyerName', buyer_name, 'pickId', pick_id, 'listTotalFen', list_total_fen,
        'at', picked_at, 'status', 'deposited') ORDER BY ord))::text AS after_json,
      NULL::text AS request_id
    FROM claimed HAVING count(*) > 0`;
  const result = await sql<{
    unitId: string;
    locked: boolean;
    won: boolean;
    version: number | null;
    listTotalFen: string | number | null;
  }>`${preparedStatement}
    WITH claim AS MATERIALIZED (
      SELECT * FROM json_to_recordset(${input}::json) AS c(
        ord int, unit_id text, buyer_id text, buyer_name text, customer_id text, pick_id text, picked_at text,
        history_id text, project_id text, action text, from_status text, to_status text, actor_id text,
        actor_name text, hold_expires_at text, reason text, at text)
      LIMIT ${picks.length}
    ),
    locked AS MATERIALIZED (
      SELECT claim.* FROM claim JOIN units ON units.id = claim.unit_id
      WHERE (CASE WHEN units.status = 'for_sale' THEN 1
                  WHEN units.status = 'held' AND units.hold_expires_at <= ${nowIso} THEN 1 ELSE 0 END) = 1
      ORDER BY claim.unit_id
      FOR UPDATE OF units
    ),
    counted AS (
      UPDATE opening_buyers SET pick_count = opening_buyers.pick_count + 1
      FROM locked
      WHERE opening_buyers.id = locked.buyer_id AND opening_buyers.pick_count < ${limit}
      RETURNING opening_buyers.id
    ),
    claimed AS (
      UPDATE units SET status = 'deposited', opening_event_id = ${eventId},
        opening_buyer_id = winner.buyer_id, buyer_customer_id = winner.customer_id,
        holder_staff_id = NULL, hold_customer_id = NULL, hold_expires_at = NULL,
        status_changed_at = ${nowIso}, version = units.version + 1
      FROM (SELECT locked.* FROM locked JOIN counted ON counted.id = locked.buyer_id) AS winner
      WHERE units.id = winner.unit_id
      RETURNING units.id, units.version, units.list_total_fen, winner.ord, winner.buyer_id, winner.buyer_name,
        winner.customer_id, winner.pick_id, winner.picked_at, winner.history_id, winner.project_id, winner.action,
        winner.from_status, winner.to_status, winner.actor_id, winner.actor_name, winner.hold_expires_at,
        winner.reason, winner.at
    ),
    picks AS (
      INSERT INTO opening_picks (id, event_id, unit_id, buyer_id, list_total_fen, picked_at)
      SELECT pick_id, ${eventId}, id, buyer_id, list_total_fen, picked_at FROM claimed
    ),
    history AS (
      INSERT INTO unit_history (id, unit_id, project_id, action, from_status, to_status, actor_id, actor_name,
        customer_id, hold_expires_at, reason, at)
      SELECT history_id, id, project_id, action, from_status, to_status, actor_id, actor_name,
        customer_id, hold_expires_at, reason, at FROM claimed
    ),
    ${liveOutboxCtes(liveSource)},
    ${auditAppendCtes(auditSource)}
    SELECT claim.unit_id, locked.unit_id IS NOT NULL AS locked, claimed.id IS NOT NULL AS won,
      claimed.version, claimed.list_total_fen,
      (SELECT count(*) FROM (${liveNotifyQuery}) AS notified) AS notified
    FROM claim
    LEFT JOIN locked ON locked.unit_id = claim.unit_id
    LEFT JOIN claimed ON claimed.id = claim.unit_id
    ORDER BY claim.ord`.execute(db);
  announceLocalPublish();
  return result.rows.map((row) => ({
    unitId: row.unitId,
    locked: row.locked,
    won: row.won,
    version: row.version === null ? null : Number(row.version),
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
