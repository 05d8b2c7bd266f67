import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { createCache } from '../../platform/cache.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { dateTime } from '../../platform/http/fields.js';
import { publishLive } from '../../platform/live/index.js';
import { writeAudit } from '../audit/index.js';
import { callsErrors } from './calls.errors.js';
import * as queries from './calls.queries.js';
import { decryptSecret, encryptSecret, generateSecret, isSignatureValid, sha256 } from './cti.crypto.js';
import { loadDeskInProject } from './desk-context.js';

/** Signed requests older or newer than this are refused (replays beyond it need a fresh signature). */
export const ctiTimestampWindowSeconds = 300;

export const ctiHeaders = {
  desk: 'x-yingke-desk',
  timestamp: 'x-yingke-timestamp',
  signature: 'x-yingke-signature',
} as const;

/** Version 1 of the CTI event (documented in OpenAPI under `cti`). */
export const ctiEventSchema = z.strictObject({
  version: z.literal(1),
  eventId: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .describe('Unique per desk; a retry with the same id is idempotent'),
  callId: z.string().trim().min(1).max(128).describe("The PBX's id of the call"),
  type: z.enum(['ringing', 'answered', 'held', 'resumed', 'transferred', 'ended']),
  occurredAt: dateTime.describe('When it happened at the PBX (ISO-8601)'),
  callerNumber: z.string().trim().max(40).optional().describe('Calling number as the PBX has it (ringing)'),
  agent: z
    .string()
    .trim()
    .max(64)
    .optional()
    .describe('Username of the member of staff who answered (answered)'),
  transferTo: z
    .string()
    .trim()
    .max(64)
    .optional()
    .describe('Username of the person the call went to (transferred)'),
  transferKind: z.enum(['transfer', 'fetch']).optional(),
  releasedBy: z.enum(['caller', 'agent', 'system']).optional().describe('Who hung up first (ended) — SEC-6'),
  recording: z
    .strictObject({
      url: z
        .string()
        .trim()
        .min(1)
        .max(2000)
        .describe('https address of the recording on a PBX host the administrator allow-listed'),
    })
    .optional()
    .describe("The call's recording on the PBX (ended only); or upload it to /api/cti/recordings"),
});
export type CtiEvent = z.infer<typeof ctiEventSchema>;

export interface VerifiedCtiRequest {
  deskId: string;
  companyId: string;
  signatureHash: string;
  /** What the request was checked with: the batch re-checks it against the stored credential. */
  proof: { timestamp: string; signature: string; secretEncrypted: string };
}

// Decrypting is cheap but not free at 200 events/s; a rotation changes the stored text, so the cache
// is keyed by it (and the desk it is bound to) and a new secret is used from the next request on.
const secretCache = createCache<string>({ name: 'calls-cti-secrets', max: 1000, ttlMs: 3_600_000 });

export function plainSecret(db: Tx, deskId: string, encrypted: string): string {
  const key = `${deskId}\n${encrypted}`;
  let secret = secretCache.get(db, key);
  if (!secret) {
    secret = decryptSecret(deskId, encrypted);
    secretCache.set(db, key, secret);
  }
  return secret;
}

// Enabled desks' credentials, so the signature is checked without a query. A rotation or a
// disabling drops the entry on every instance (announced in its transaction, dropped here again
// after the commit); whatever the cache says, the transaction that stores the event reads the
// credential again (one statement per batch) and refuses the event if the secret it was checked
// with is no longer the desk's, so a stale entry can never let one through.
const credentialCache = createCache<{ companyId: string; secretEncrypted: string }>({
  name: 'calls-cti-credentials',
  max: 1000,
  ttlMs: 10_000,
});

async function enabledCredential(db: Db, deskId: string) {
  const cached = credentialCache.get(db, deskId);
  if (cached) return cached;
  const credential = await queries.findCredential(db, deskId);
  if (!credential?.isEnabled) return undefined;
  const entry = { companyId: credential.companyId, secretEncrypted: credential.secretEncrypted };
  credentialCache.set(db, deskId, entry);
  return entry;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;
}

/**
 * Checks the desk, the timestamp window and the HMAC-SHA256 of `${timestamp}.${body}` with the
 * desk's secret. Throws 401 before anything is read from the body.
 */
export async function verifyCtiRequest(
  db: Db,
  request: { headers: Record<string, string | string[] | undefined>; rawBody: string },
  now: Date,
): Promise<VerifiedCtiRequest> {
  const { deskId, timestamp, signature, credential } = await checkCtiHeaders(db, request.headers, now);
  if (
    !isSignatureValid(
      plainSecret(db, deskId, credential.secretEncrypted),
      timestamp,
      request.rawBody,
      signature,
    )
  )
    throw new AppError(callsErrors.CTI_BAD_SIGNATURE);
  return {
    deskId,
    companyId: credential.companyId,
    signatureHash: sha256(`${deskId}.${timestamp}.${signature}`),
    proof: { timestamp, signature, secretEncrypted: credential.secretEncrypted },
  };
}

/**
 * The checks that need no body: the headers are there, the desk has CTI enabled and the timestamp
 * is fresh. A large upload is refused on these before its body is read.
 */
export async function checkCtiHeaders(
  db: Db,
  headers: Record<string, string | string[] | undefined>,
  now: Date,
) {
  const deskId = header(headers, ctiHeaders.desk);
  const timestamp = header(headers, ctiHeaders.timestamp);
  const signature = header(headers, ctiHeaders.signature);
  if (!deskId || !timestamp || !signature || !/^\d{9,12}$/.test(timestamp))
    throw new AppError(callsErrors.CTI_UNAUTHENTICATED);
  const credential = await enabledCredential(db, deskId);
  if (!credential) throw new AppError(callsErrors.CTI_UNAUTHENTICATED);
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > ctiTimestampWindowSeconds)
    throw new AppError(callsErrors.CTI_STALE_TIMESTAMP, { seconds: ctiTimestampWindowSeconds });
  return { deskId, timestamp, signature, credential };
}

// --- desk secrets --------------------------------------------------------------------------

export interface CtiStatus {
  deskId: string;
  isEnabled: boolean;
  secretHint: string | null;
  rotatedAt: string | null;
  lastEventAt: string | null;
}

export async function findCtiStatuses(db: Tx, deskIds: string[]): Promise<Map<string, CtiStatus>> {
  const rows = await queries.findCredentials(db, deskIds);
  return new Map(
    rows.map((row) => [
      row.deskId,
      {
        deskId: row.deskId,
        isEnabled: row.isEnabled === 1,
        secretHint: row.secretHint,
        rotatedAt: row.rotatedAt,
        lastEventAt: row.lastEventAt,
      },
    ]),
  );
}

/** Makes (or replaces) a desk's CTI secret. The whole secret is returned this once only. */
export async function rotateCtiSecret(db: Db, options: { actor: Actor; deskId: string; now: Date }) {
  const { actor, now } = options;
  const secret = generateSecret();
  const rotated = await db.transaction().execute(async (trx) => {
    const context = await loadDeskInProject(trx, actor, options.deskId);
    const previous = await queries.findCredential(trx, options.deskId);
    const row = {
      deskId: options.deskId,
      companyId: actor.companyId,
      secretEncrypted: encryptSecret(options.deskId, secret),
      secretHint: secret.slice(-4),
      isEnabled: 1,
      rotatedAt: now.toISOString(),
      rotatedBy: actor.staffId === 'system' ? null : actor.staffId,
      lastEventAt: previous?.lastEventAt ?? null,
    };
    await queries.upsertCredential(trx, row);
    await credentialCache.announce(trx, options.deskId);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: context.projectId,
      entityType: 'cti_credential',
      entityId: options.deskId,
      action: previous ? 'rotate' : 'create',
      before: previous ? { secretHint: previous.secretHint, rotatedAt: previous.rotatedAt } : undefined,
      after: { secretHint: row.secretHint, rotatedAt: row.rotatedAt },
    });
    // The desk's screens show the CTI badge: they change at once, not at the next reload.
    await publishLive(
      trx,
      { topic: `desk:${options.deskId}`, type: 'desk.cti', payload: { isEnabled: true } },
      now,
    );
    return { secret, deskId: options.deskId, secretHint: row.secretHint, rotatedAt: row.rotatedAt };
  });
  // Also after the commit: a request checked meanwhile may have cached the old secret again.
  credentialCache.invalidate(db, options.deskId);
  return rotated;
}

export async function setCtiEnabled(
  db: Db,
  options: { actor: Actor; deskId: string; isEnabled: boolean; now: Date },
) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const context = await loadDeskInProject(trx, actor, options.deskId);
    const credential = await queries.findCredential(trx, options.deskId);
    if (!credential) throw new AppError(callsErrors.CTI_UNAUTHENTICATED);
    await queries.updateCredential(trx, options.deskId, { isEnabled: options.isEnabled ? 1 : 0 });
    await credentialCache.announce(trx, options.deskId);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: context.projectId,
      entityType: 'cti_credential',
      entityId: options.deskId,
      action: options.isEnabled ? 'enable' : 'disable',
    });
    await publishLive(
      trx,
      { topic: `desk:${options.deskId}`, type: 'desk.cti', payload: { isEnabled: options.isEnabled } },
      now,
    );
  });
  credentialCache.invalidate(db, options.deskId);
}
