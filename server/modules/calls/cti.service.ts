import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { isUniqueViolation } from '../../platform/db/constraints.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../audit/index.js';
import { callsErrors } from './calls.errors.js';
import * as queries from './calls.queries.js';
import { applyCallEvent, ctiActor, type RecordedEvent } from './calls.service.js';
import { decryptSecret, encryptSecret, generateSecret, isSignatureValid, sha256 } from './cti.crypto.js';
import { loadDeskContext, loadDeskContextCached } from './desk-context.js';
import * as directory from './directory.queries.js';

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
  occurredAt: z.iso.datetime({ offset: true }).describe('When it happened at the PBX (ISO-8601)'),
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
});
export type CtiEvent = z.infer<typeof ctiEventSchema>;

export interface VerifiedCtiRequest {
  deskId: string;
  companyId: string;
  signatureHash: string;
  lastEventAt: string | null;
}

// Decrypting is cheap but not free at 200 events/s; a rotation changes the stored text, so the cache
// is keyed by it and a new secret is used from the next request on.
const secretCache = new Map<string, string>();
function plainSecret(encrypted: string): string {
  let secret = secretCache.get(encrypted);
  if (!secret) {
    secret = decryptSecret(encrypted);
    if (secretCache.size > 1000) secretCache.clear();
    secretCache.set(encrypted, secret);
  }
  return secret;
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
  db: Tx,
  request: { headers: Record<string, string | string[] | undefined>; rawBody: string },
  now: Date,
): Promise<VerifiedCtiRequest> {
  const deskId = header(request.headers, ctiHeaders.desk);
  const timestamp = header(request.headers, ctiHeaders.timestamp);
  const signature = header(request.headers, ctiHeaders.signature);
  if (!deskId || !timestamp || !signature || !/^\d{9,12}$/.test(timestamp))
    throw new AppError(callsErrors.CTI_UNAUTHENTICATED);
  const credential = await queries.findCredential(db, deskId);
  if (!credential || !credential.isEnabled) throw new AppError(callsErrors.CTI_UNAUTHENTICATED);
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > ctiTimestampWindowSeconds)
    throw new AppError(callsErrors.CTI_STALE_TIMESTAMP, { seconds: ctiTimestampWindowSeconds });
  if (!isSignatureValid(plainSecret(credential.secretEncrypted), timestamp, request.rawBody, signature))
    throw new AppError(callsErrors.CTI_BAD_SIGNATURE);
  return {
    deskId,
    lastEventAt: credential.lastEventAt,
    companyId: credential.companyId,
    signatureHash: sha256(`${deskId}.${timestamp}.${signature}`),
  };
}

/** Stores one verified CTI event. Nothing is stored when it is refused. */
export async function receiveCtiEvent(
  db: Db,
  options: { verified: VerifiedCtiRequest; event: CtiEvent; rawBody: string; requestId?: string; now: Date },
): Promise<RecordedEvent> {
  const { verified, event, now } = options;
  const occurredAt = new Date(event.occurredAt);
  if (occurredAt.getTime() - now.getTime() > ctiTimestampWindowSeconds * 1000)
    throw new AppError(
      callsErrors.CTI_MALFORMED_EVENT,
      { reason: 'occurredAt is in the future' },
      { occurredAt: callsErrors.CTI_MALFORMED_EVENT.message },
    );
  const attempt = () =>
    db.transaction().execute(async (trx) => {
      const context = await loadDeskContextCached(trx, verified.companyId, verified.deskId);
      const agentStaffId = event.agent
        ? ((await directory.findStaffIdByUsername(trx, context.companyId, event.agent)) ?? null)
        : null;
      const targetStaffId = event.transferTo
        ? ((await directory.findStaffIdByUsername(trx, context.companyId, event.transferTo)) ?? null)
        : null;
      const recorded = await applyCallEvent(
        trx,
        context,
        ctiActor(context, options.requestId),
        {
          source: 'cti',
          eventId: event.eventId,
          type: event.type,
          occurredAt,
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
      );
      if (!recorded.isDuplicate)
        await queries.updateCredential(trx, verified.deskId, { lastEventAt: now.toISOString() });
      return recorded;
    });
  try {
    return await attempt();
  } catch (error) {
    // Two events of a new call raced to create it (PostgreSQL): the second one now finds it.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
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
  return db.transaction().execute(async (trx) => {
    const context = await loadDeskContext(trx, actor.companyId, options.deskId);
    const previous = await queries.findCredential(trx, options.deskId);
    const row = {
      deskId: options.deskId,
      companyId: actor.companyId,
      secretEncrypted: encryptSecret(secret),
      secretHint: secret.slice(-4),
      isEnabled: 1,
      rotatedAt: now.toISOString(),
      rotatedBy: actor.staffId === 'system' ? null : actor.staffId,
      lastEventAt: previous?.lastEventAt ?? null,
    };
    await queries.upsertCredential(trx, row);
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
    return { secret, deskId: options.deskId, secretHint: row.secretHint, rotatedAt: row.rotatedAt };
  });
}

export async function setCtiEnabled(
  db: Db,
  options: { actor: Actor; deskId: string; isEnabled: boolean; now: Date },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const context = await loadDeskContext(trx, actor.companyId, options.deskId);
    const credential = await queries.findCredential(trx, options.deskId);
    if (!credential) throw new AppError(callsErrors.CTI_UNAUTHENTICATED);
    await queries.updateCredential(trx, options.deskId, { isEnabled: options.isEnabled ? 1 : 0 });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: context.projectId,
      entityType: 'cti_credential',
      entityId: options.deskId,
      action: options.isEnabled ? 'enable' : 'disable',
    });
  });
}
