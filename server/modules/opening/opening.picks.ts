import type { Actor } from '../../platform/auth/actor.js';
import { type Db, isPostgres, type Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { publishLiveMany } from '../../platform/live/index.js';
import { writeAudit } from '../audit/index.js';
import { historyRow } from '../inventory/index.js';
import * as queries from './opening.queries.js';
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

/** Picks that arrive while a batch commits wait for the next one; this many go in one transaction at most. */
const maxBatch = 256;

/**
 * Group commit for the opening's picks. Every pick still makes its own conditional UPDATE and
 * affected-row check (the decision); what picks arriving together share is the transaction, its
 * commit (the fsync on PostgreSQL, the write lock on SQLite) and one live event per topic. A
 * batch that fails as a whole is retried pick by pick, so one bad pick cannot sink the others.
 *
 * On PostgreSQL two batches run at once: a batch is six round trips (begin, the round's claim
 * and records in one statement, live outbox with its notify, two for the audit chain, commit), and
 * while one waits on the network or its commit the next can already claim. They cannot sell a unit twice or pass a
 * buyer's limit: a second claim of the same row waits for the first commit and then finds the
 * unit taken (the conditional WHERE is re-checked), the same for a buyer's count; the audit chain
 * serialises them at its head row. On SQLite there is one connection and one batch at a time.
 */
export class PickBatcher {
  private queue: Pending[] = [];
  private active = 0;
  private starting = false;
  /** Settles when the batch now deciding its claims has decided them (PostgreSQL: see drain). */
  private claiming: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly concurrency: number,
  ) {}

  submit(request: PickRequest): Promise<PickOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.start();
    });
  }

  private start() {
    if (this.starting || this.active >= this.concurrency || this.queue.length === 0) return;
    this.starting = true;
    // better-sqlite3 answers synchronously, so a transaction started right here would run to
    // its commit inside this request's microtasks, before the other requests already read
    // from their sockets get a turn: waiting for the check phase lets them all join the batch.
    setImmediate(() => {
      this.starting = false;
      if (this.active >= this.concurrency || this.queue.length === 0) return;
      this.active += 1;
      void this.drain().finally(() => {
        this.active -= 1;
        this.start();
      });
      this.start();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      let batch: Pending[] = [];
      try {
        // The batch is taken once the transaction holds the connection, not before: picks whose
        // requests were waiting for the database meanwhile join it instead of queueing behind it.
        // With two batches at once, the second takes its picks only when the first has decided
        // its claims: it gathers what arrives meanwhile instead of leaving with one or two picks,
        // and the claims of the two overlap the other's records, audit and commit.
        const outcomes = await this.db.transaction().execute(async (trx) => {
          while (this.claiming) await this.claiming;
          batch = this.queue.splice(0, maxBatch);
          let claimed = () => {};
          const claiming = new Promise<void>((resolve) => {
            claimed = resolve;
          });
          this.claiming = claiming;
          const release = () => {
            if (this.claiming === claiming) this.claiming = null;
            claimed();
          };
          try {
            return await applyPicks(
              trx,
              batch.map((entry) => entry.request),
              release,
            );
          } finally {
            release();
          }
        });
        for (const [index, entry] of batch.entries()) entry.resolve(outcomes[index]);
      } catch (error) {
        if (batch.length <= 1) {
          for (const entry of batch) entry.reject(error);
          continue;
        }
        for (const entry of batch) {
          try {
            const [outcome] = await this.db.transaction().execute((trx) => applyPicks(trx, [entry.request]));
            entry.resolve(outcome);
          } catch (single) {
            entry.reject(single);
          }
        }
      }
    }
  }
}

const batchers = new WeakMap<Db, PickBatcher>();

export function pickBatcherFor(db: Db): PickBatcher {
  const existing = batchers.get(db);
  if (existing) return existing;
  const batcher = new PickBatcher(db, isPostgres(db) ? 2 : 1);
  batchers.set(db, batcher);
  return batcher;
}

/**
 * The picks of one transaction, in arrival order; returns each pick's outcome. Per event, the
 * first pick of each unit and of each buyer in the batch goes into one conditional claim; a later
 * pick of a unit already in the batch has lost to the earlier one; a buyer's second pick in the
 * same batch is decided after the first (in a second round), so the limit is counted in order.
 */
export async function applyPicks(
  trx: Tx,
  requests: PickRequest[],
  onClaimed: () => void = () => {},
): Promise<PickOutcome[]> {
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
      const claimed = new Map(
        (
          await queries.claimAndRecordPicks(trx, eventId, claims, entries[0].request.perBuyerLimit, nowIso)
        ).map((row) => [row.id, row]),
      );
      await queries.unclaimUnits(
        trx,
        [...claimed.values()].filter((row) => !row.counted).map((row) => row.id),
        nowIso,
      );
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
  onClaimed();
  if (won.length === 0) return outcomes as PickOutcome[];

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

function chunksOf<T>(list: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < list.length; index += size) chunks.push(list.slice(index, index + size));
  return chunks;
}
