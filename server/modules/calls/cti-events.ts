import type SqliteDatabase from 'better-sqlite3';
import { createCache } from '../../platform/cache.js';
import { isUniqueViolation } from '../../platform/db/constraints.js';
import type { Database, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { type LiveEventInput, publishLiveMany } from '../../platform/live/index.js';
import { callsErrors } from './calls.errors.js';
import * as queries from './calls.queries.js';
import { kyselyStore, sqliteStatements, sqliteStore } from './calls.store.js';
import { isSignatureValid, sha256 } from './cti.crypto.js';
import {
  type CtiEvent,
  ctiTimestampWindowSeconds,
  plainSecret,
  type VerifiedCtiRequest,
} from './cti.service.js';
import { loadDeskContextCached } from './desk-context.js';
import * as directory from './directory.queries.js';
import { attachRecordingReference, checkEventRecording } from './recordings.service.js';
import {
  applyCallEvent,
  type CallLivePayload,
  ctiActor,
  type RecordedEvent,
} from './use-cases/apply-call-event.js';

// Receiving the telephony webhook's events: verified requests are stored in batches, one
// transaction per batch, each answered once the batch holding its event has committed.

// Usernames in answered/transferred events: a positive answer is kept for a minute (a username
// is not reused for someone else within a minute); an unknown one is asked again every time.
const usernameCache = createCache<string>({ name: 'calls-cti-usernames', max: 10_000, ttlMs: 60_000 });

async function staffIdByUsername(trx: Tx, companyId: string, username: string): Promise<string | null> {
  const key = `${companyId}|${username}`;
  const cached = usernameCache.get(trx, key);
  if (cached) return cached;
  const staffId = await directory.findStaffIdByUsername(trx, companyId, username);
  if (!staffId) return null;
  usernameCache.set(trx, key, staffId);
  return staffId;
}

export interface CtiSubmission {
  verified: VerifiedCtiRequest;
  event: CtiEvent;
  rawBody: string;
  requestId?: string;
  now: Date;
}

type Outcome = { recorded: RecordedEvent } | { error: unknown };

/**
 * Stores the events of one batch in the caller's transaction, in arrival order, each exactly as if
 * it came alone (an event sees the ones before it, so a retry inside the batch is a duplicate).
 * An event refused by a check (replay, reused id, withdrawn secret) is refused alone: the checks
 * run before it writes anything. Each desk's screens get one `calls.updated` live event for the
 * batch, listing every event applied (in order), all in one outbox statement.
 */
export async function applyCtiBatch(
  /** The batch's transaction; the module's caches are the database's, which a transaction shares. */
  trx: Tx,
  submissions: CtiSubmission[],
  sqlite?: SqliteDatabase.Database,
): Promise<Outcome[]> {
  const store = sqlite ? sqliteStore(sqlite) : kyselyStore(trx);
  const statements = sqlite ? sqliteStatements(sqlite) : undefined;
  const credentials = new Map<string, { secretEncrypted: string; isEnabled: number } | undefined>();
  const liveByDesk = new Map<string, CallLivePayload[]>();
  const touched = new Map<string, string>();
  const outcomes: Outcome[] = [];
  for (const submission of submissions) {
    const { verified, event, now } = submission;
    try {
      if (!credentials.has(verified.deskId))
        credentials.set(
          verified.deskId,
          statements
            ? (statements.findCredential.get(verified.deskId) as
                | { secretEncrypted: string; isEnabled: number }
                | undefined)
            : await queries.findCredential(trx, verified.deskId),
        );
      const credential = credentials.get(verified.deskId);
      if (!credential?.isEnabled) throw new AppError(callsErrors.CTI_UNAUTHENTICATED);
      const { proof } = verified;
      if (
        credential.secretEncrypted !== proof.secretEncrypted &&
        !isSignatureValid(
          plainSecret(trx, verified.deskId, credential.secretEncrypted),
          proof.timestamp,
          submission.rawBody,
          proof.signature,
        )
      )
        throw new AppError(callsErrors.CTI_BAD_SIGNATURE);
      const context = await loadDeskContextCached(trx, verified.companyId, verified.deskId);
      const recordingUrl = await checkEventRecording(trx, context, event);
      const agentStaffId = event.agent ? await staffIdByUsername(trx, context.companyId, event.agent) : null;
      const targetStaffId = event.transferTo
        ? await staffIdByUsername(trx, context.companyId, event.transferTo)
        : null;
      const recorded = await applyCallEvent(
        trx,
        context,
        ctiActor(context, submission.requestId),
        {
          source: 'cti',
          eventId: event.eventId,
          type: event.type,
          occurredAt: new Date(event.occurredAt),
          externalCallId: event.callId,
          callerNumber: event.callerNumber ?? null,
          agentRef: event.agent ?? null,
          agentStaffId,
          targetStaffId,
          transferKind: event.type === 'transferred' ? (event.transferKind ?? 'transfer') : null,
          releasedBy: event.releasedBy ?? null,
          signatureHash: verified.signatureHash,
          // The event's identity is its content, not its signature: a re-signed retry is a duplicate.
          payloadHash: sha256(JSON.stringify(event)),
        },
        now,
        { store, live: liveOf(liveByDesk, verified.deskId) },
      );
      if (recordingUrl && !recorded.isDuplicate)
        await attachRecordingReference(trx, context, recorded.call, recordingUrl, now);
      if (!recorded.isDuplicate) touched.set(verified.deskId, now.toISOString());
      outcomes.push({ recorded });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ error });
    }
  }
  for (const [deskId, at] of touched)
    if (statements) statements.touchCredential.run(at, deskId);
    else await queries.updateCredential(trx, deskId, { lastEventAt: at });
  const live: LiveEventInput[] = [];
  for (const [deskId, calls] of liveByDesk)
    for (let index = 0; index < calls.length; index += liveChunk)
      live.push({
        topic: `desk:${deskId}`,
        type: 'calls.updated',
        payload: { calls: calls.slice(index, index + liveChunk) },
      });
  if (live.length) await publishLiveMany(trx, live, submissions[submissions.length - 1].now);
  return outcomes;
}

/** Entries per `calls.updated` live event: a screen gets one message per batch, of a modest size. */
const liveChunk = 20;

function liveOf(byDesk: Map<string, CallLivePayload[]>, deskId: string): CallLivePayload[] {
  let list = byDesk.get(deskId);
  if (!list) {
    list = [];
    byDesk.set(deskId, list);
  }
  return list;
}

interface Pending {
  submission: CtiSubmission;
  resolve: (recorded: RecordedEvent) => void;
  reject: (error: unknown) => void;
}

/** Events that arrive while a batch commits wait for the next one; this many go in one transaction at most. */
const maxBatch = 200;

/**
 * Group commit for the CTI webhook (like the opening's PickBatcher): events arriving together share
 * one transaction, its commit and one outbox insert; each request is answered only after the
 * commit that stored its event, so nothing acknowledged is ever lost. A batch that fails as a
 * whole (e.g. two instances creating the same call on PostgreSQL) is retried event by event.
 */
export class CtiBatcher {
  private queue: Pending[] = [];
  private running = false;

  constructor(private readonly database: Database) {}

  submit(submission: CtiSubmission): Promise<RecordedEvent> {
    return new Promise((resolve, reject) => {
      this.queue.push({ submission, resolve, reject });
      if (!this.running) {
        this.running = true;
        // better-sqlite3 answers synchronously: waiting for the check phase lets the requests
        // already read from their sockets join this batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private run(take: () => Pending[]): Promise<{ batch: Pending[]; outcomes: Outcome[] }> {
    const { db, dialect, sqlite } = this.database;
    return db.transaction().execute(async (trx) => {
      // Taken once the transaction holds the connection: whatever arrived meanwhile joins it.
      const batch = take();
      const outcomes = await applyCtiBatch(
        trx,
        batch.map((entry) => entry.submission),
        dialect === 'sqlite' ? sqlite : undefined,
      );
      return { batch, outcomes };
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        let taken: Pending[] = [];
        try {
          const { batch, outcomes } = await this.run(() => {
            taken = this.queue.splice(0, maxBatch);
            return taken;
          });
          settle(batch, outcomes);
        } catch (error) {
          // No transaction could even start (the database is closing or gone): nothing was
          // stored, so every waiting request is answered with the error rather than retried forever.
          if (taken.length === 0) {
            for (const entry of this.queue.splice(0)) entry.reject(error);
            continue;
          }
          for (const entry of taken) await this.runAlone(entry);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async runAlone(entry: Pending): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { batch, outcomes } = await this.run(() => [entry]);
        settle(batch, outcomes);
        return;
      } catch (error) {
        // Two events of a new call raced to create it (PostgreSQL): the second one now finds it.
        if (attempt < 2 && isUniqueViolation(error)) continue;
        entry.reject(error);
        return;
      }
    }
  }
}

function settle(batch: Pending[], outcomes: Outcome[]): void {
  for (const [index, entry] of batch.entries()) {
    const outcome = outcomes[index];
    if ('recorded' in outcome) entry.resolve(outcome.recorded);
    else entry.reject(outcome.error);
  }
}

const batchers = new WeakMap<Database, CtiBatcher>();

function batcherFor(database: Database): CtiBatcher {
  let batcher = batchers.get(database);
  if (!batcher) {
    batcher = new CtiBatcher(database);
    batchers.set(database, batcher);
  }
  return batcher;
}

/** Stores one verified CTI event; resolves once it is committed. Nothing is stored when it is refused. */
export async function receiveCtiEvent(database: Database, submission: CtiSubmission): Promise<RecordedEvent> {
  const occurredAt = new Date(submission.event.occurredAt);
  if (occurredAt.getTime() - submission.now.getTime() > ctiTimestampWindowSeconds * 1000)
    throw new AppError(
      callsErrors.CTI_MALFORMED_EVENT,
      { reason: 'occurredAt is in the future' },
      { occurredAt: callsErrors.CTI_MALFORMED_EVENT.message },
    );
  return batcherFor(database).submit(submission);
}
