import type { Actor } from '../../platform/auth/actor.js';
import { type Db, isPostgres, type Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { publishLiveMany } from '../../platform/live/index.js';
import { countOpeningPicks } from '../../platform/ops/index.js';
import { writeAudit } from '../audit/index.js';
import { historyRow } from '../inventory/index.js';
import * as queries from './opening.picks.queries.js';
import type { OpeningPicksTable } from './opening.tables.js';

export interface PickRequest {
  eventId: string;
  projectId: string;
  companyId: string;
  unitId: string;
  buyerId: string;
  buyerName: string;
  customerId: string | null;
  perBuyerLimit: number;
  now: Date;
}

export type PickOutcome =
  | { result: 'won'; pick: OpeningPicksTable; version: number }
  | { result: 'taken' }
  | { result: 'limit' };

interface Pending {
  request: PickRequest;
  resolve: (outcome: PickOutcome) => void;
  reject: (error: unknown) => void;
}

/** Picks that arrive while a batch commits wait for the next one; this many go in one batch at most. */
const maxBatch = 256;

/**
 * Group commit for the opening's picks. Every pick still makes its own conditional claim and
 * affected-row check (the decision); what picks arriving together share is the commit (the fsync)
 * and one live event per topic and one audit row. A batch is one event's picks with each unit and
 * each buyer once (a buyer's second pick, a second pick of the same unit or another event's pick
 * waits for the next batch), in arrival order. On PostgreSQL such a batch is one statement
 * (applyPickRoundPostgres) run on its own, atomic and one round trip; on SQLite it is one
 * transaction on the one connection. A batch that fails as a whole is retried pick by pick, so one
 * bad pick cannot sink the others. One batch runs at a time: picks that arrive meanwhile gather
 * for the next.
 */
export class PickBatcher {
  private queue: Pending[] = [];
  private running = false;
  private starting = false;
  private readonly postgres: boolean;

  constructor(private readonly db: Db) {
    this.postgres = isPostgres(db);
  }

  submit(request: PickRequest): Promise<PickOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.start();
    });
  }

  private start() {
    if (this.starting || this.running || this.queue.length === 0) return;
    this.starting = true;
    // better-sqlite3 answers synchronously, so a batch started right here would run to its commit
    // inside this request's microtasks, before the other requests already read from their
    // sockets get a turn: waiting for the check phase lets them all join the batch.
    setImmediate(() => {
      this.starting = false;
      if (this.running || this.queue.length === 0) return;
      this.running = true;
      void this.drain().finally(() => {
        this.running = false;
        this.start();
      });
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.takeBatch();
      try {
        const outcomes = await this.apply(batch.map((entry) => entry.request));
        countOpeningPicks(outcomes.map((outcome) => outcome.result));
        for (const [index, entry] of batch.entries()) entry.resolve(outcomes[index]);
      } catch (error) {
        if (batch.length === 1) {
          batch[0].reject(error);
          continue;
        }
        for (const entry of batch) {
          try {
            const [outcome] = await this.apply([entry.request]);
            countOpeningPicks([outcome.result]);
            entry.resolve(outcome);
          } catch (single) {
            entry.reject(single);
          }
        }
      }
    }
  }

  private apply(requests: PickRequest[]): Promise<PickOutcome[]> {
    // PostgreSQL: the batch is a single statement, atomic without a transaction around it.
    if (this.postgres) return applyPicks(this.db, requests);
    return this.db.transaction().execute((trx) => applyPicks(trx, requests));
  }

  /** The first queued pick's event: up to maxBatch of its picks, each unit and buyer once. */
  private takeBatch(): Pending[] {
    const eventId = this.queue[0].request.eventId;
    const units = new Set<string>();
    const buyers = new Set<string>();
    const batch: Pending[] = [];
    const left: Pending[] = [];
    for (const entry of this.queue) {
      const { unitId, buyerId } = entry.request;
      if (
        batch.length < maxBatch &&
        entry.request.eventId === eventId &&
        !units.has(unitId) &&
        !buyers.has(buyerId)
      ) {
        units.add(unitId);
        buyers.add(buyerId);
        batch.push(entry);
      } else left.push(entry);
    }
    this.queue = left;
    return batch;
  }
}

const batchers = new WeakMap<Db, PickBatcher>();

export function pickBatcherFor(db: Db): PickBatcher {
  const existing = batchers.get(db);
  if (existing) return existing;
  const batcher = new PickBatcher(db);
  batchers.set(db, batcher);
  return batcher;
}

/**
 * The picks of one transaction, in arrival order; returns each pick's outcome. Per event, the
 * first pick of each unit and of each buyer in the batch goes into one conditional claim; a later
 * pick of a unit already in the batch has lost to the earlier one; a buyer's second pick in the
 * same batch is decided after the first (in a second round), so the limit is counted in order.
 */
export async function applyPicks(trx: Tx, requests: PickRequest[]): Promise<PickOutcome[]> {
  const postgres = isPostgres(trx);
  const outcomes: Array<PickOutcome | undefined> = new Array(requests.length);
  const won: Array<{ request: PickRequest; pick: OpeningPicksTable; version: number }> = [];
  let pending = requests.map((request, index) => ({ request, index }));
  while (pending.length) {
    const round: typeof pending = [];
    const later: typeof pending = [];
    const unitsInRound = new Set<string>();
    const buyersInRound = new Set<string>();
    for (const entry of pending) {
      const { unitId, buyerId } = entry.request;
      if (unitsInRound.has(unitId)) outcomes[entry.index] = { result: 'taken' };
      else if (buyersInRound.has(buyerId)) later.push(entry);
      else {
        unitsInRound.add(unitId);
        buyersInRound.add(buyerId);
        round.push(entry);
      }
    }
    const byEventInRound = new Map<string, typeof round>();
    for (const entry of round)
      byEventInRound.set(entry.request.eventId, [
        ...(byEventInRound.get(entry.request.eventId) ?? []),
        entry,
      ]);
    for (const [eventId, entries] of byEventInRound) {
      const nowIso = entries[entries.length - 1].request.now.toISOString();
      const claims = entries.map(({ request }): queries.BatchClaim => {
        const pickedAt = request.now.toISOString();
        return {
          unitId: request.unitId,
          buyerId: request.buyerId,
          customerId: request.customerId,
          pickId: newId(),
          pickedAt,
          history: historyRow(
            { id: request.unitId, projectId: request.projectId },
            {
              action: 'opening_pick',
              from: 'for_sale',
              to: 'deposited',
              actor: { staffId: 'system', displayName: `${request.buyerName}(线上开盘)` },
              customerId: request.customerId,
              reason: `opening:${eventId}`,
              at: pickedAt,
            },
          ),
        };
      });
      const round: Round = { eventId, entries, claims, nowIso };
      const claimed = postgres ? await decideRoundPostgres(trx, round) : await decideRoundSqlite(trx, round);
      for (const [position, entry] of entries.entries()) {
        const row = claimed.get(entry.request.unitId);
        if (!row) outcomes[entry.index] = { result: 'taken' };
        else if (!row.counted) outcomes[entry.index] = { result: 'limit' };
        else {
          const claim = claims[position];
          const pick: OpeningPicksTable = {
            id: claim.pickId,
            eventId,
            unitId: claim.unitId,
            buyerId: claim.buyerId,
            listTotalFen: row.listTotalFen,
            pickedAt: claim.pickedAt,
          };
          won.push({ request: entry.request, pick, version: row.version });
          outcomes[entry.index] = { result: 'won', pick, version: row.version };
        }
      }
    }
    pending = later;
  }
  // PostgreSQL wrote each round's live events and audit row in the round's own statement.
  if (won.length === 0 || postgres) return outcomes as PickOutcome[];

  const units = new Map(won.map((entry) => [entry.pick.unitId, { version: entry.version }]));

  const byProject = new Map<string, typeof won>();
  const byEvent = new Map<string, typeof won>();
  for (const entry of won) {
    byProject.set(entry.request.projectId, [...(byProject.get(entry.request.projectId) ?? []), entry]);
    byEvent.set(entry.request.eventId, [...(byEvent.get(entry.request.eventId) ?? []), entry]);
  }
  const at = won[won.length - 1].request.now;
  // One outbox insert (and on PostgreSQL one NOTIFY statement) per batch for both screens. Board
  // patches go 24 units to an event: a NOTIFY over ~7 kB is sent as a reference that every
  // instance must read back from the outbox, one more query per batch in the middle of the rush.
  await publishLiveMany(
    trx,
    [
      ...[...byProject].flatMap(([projectId, all]) =>
        chunksOf(all, 24).map((entries) => ({
          topic: `board:${projectId}`,
          type: 'units.changed',
          payload: {
            units: entries.map(({ pick, request }) => ({
              id: pick.unitId,
              status: 'deposited',
              version: units.get(pick.unitId)?.version ?? 0,
              holderStaffId: null,
              holderStaffName: null,
              holdExpiresAt: null,
              holdCustomerId: null,
              buyerCustomerId: request.customerId,
            })),
          },
        })),
      ),
      ...[...byEvent].map(([eventId, entries]) => ({
        topic: `opening:${eventId}`,
        type: 'units.taken',
        payload: { unitIds: entries.map((entry) => entry.pick.unitId) },
      })),
    ],
    at,
  );
  // One audit row per event and batch lists every pick in it (unit, buyer, pick, price): the
  // chain stays complete while the rush writes three audit statements per batch, not per pick.
  for (const [eventId, entries] of byEvent) {
    const first = entries[0].request;
    const actor: Actor = {
      staffId: 'system',
      companyId: first.companyId,
      displayName: '线上开盘',
      locale: 'zh-CN',
      grants: [],
    };
    await writeAudit(trx, {
      actor,
      at,
      entityType: 'opening_picks',
      entityId: entries.length === 1 ? entries[0].pick.unitId : eventId,
      projectId: first.projectId,
      action: 'opening_pick',
      after: {
        eventId,
        picks: entries.map(({ request, pick }) => ({
          unitId: pick.unitId,
          buyerId: request.buyerId,
          buyerName: request.buyerName,
          pickId: pick.id,
          listTotalFen: pick.listTotalFen,
          at: pick.pickedAt,
          status: 'deposited',
        })),
      },
    });
  }
  return outcomes as PickOutcome[];
}

/** One event's picks of a round (each unit and buyer once), with their claims in the same order. */
interface Round {
  eventId: string;
  entries: Array<{ request: PickRequest; index: number }>;
  claims: queries.BatchClaim[];
  nowIso: string;
}
/** Per unit claimed for its pick: whether the buyer was under the limit (the pick won). */
type RoundDecision = Map<string, { counted: boolean; version: number; listTotalFen: number | null }>;

/** SQLite: the claims and records, then the units claimed for buyers over their limit given back. */
async function decideRoundSqlite(
  trx: Tx,
  { eventId, entries, claims, nowIso }: Round,
): Promise<RoundDecision> {
  const rows = await queries.claimAndRecordPicks(
    trx,
    eventId,
    claims,
    entries[0].request.perBuyerLimit,
    nowIso,
  );
  await queries.unclaimUnits(
    trx,
    rows.filter((row) => !row.counted).map((row) => row.id),
    nowIso,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** PostgreSQL: the whole round, with its live events and audit row, in one statement. */
async function decideRoundPostgres(
  trx: Tx,
  { eventId, entries, claims, nowIso }: Round,
): Promise<RoundDecision> {
  const rows = await queries.applyPickRoundPostgres(trx, {
    eventId,
    projectId: entries[0].request.projectId,
    limit: entries[0].request.perBuyerLimit,
    nowIso,
    picks: claims.map((claim, position) => ({ ...claim, buyerName: entries[position].request.buyerName })),
  });
  const decision: RoundDecision = new Map();
  for (const row of rows)
    if (row.locked)
      decision.set(row.unitId, {
        counted: row.won,
        version: row.version ?? 0,
        listTotalFen: row.listTotalFen,
      });
  return decision;
}

function chunksOf<T>(list: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < list.length; index += size) chunks.push(list.slice(index, index + size));
  return chunks;
}
