import { randomBytes } from 'node:crypto';
import { systemActor } from '../../../platform/auth/actor.js';
import { rememberHashes } from '../../../platform/auth/presented-tokens.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { publishLive } from '../../../platform/live/index.js';
import { writeAudit } from '../../audit/index.js';
import { isChannelEnabled, notify } from '../../notify/index.js';
import { findProjectRow } from '../../org/index.js';
import { getSetting } from '../../settings/index.js';
import {
  type BuyerSession,
  eventSnapshot,
  loadedSessionsOf,
  sessionsOfEvent,
  toSession,
} from '../opening.caches.js';
import { openingErrors } from '../opening.errors.js';
import * as queries from '../opening.queries.js';
import {
  type CodePolicy,
  eventPhase,
  hashCode,
  maskName,
  newCode,
  normaliseMobile,
  sameHash,
  secondsUntilResend,
  sha256,
} from '../opening.rules.js';
import { eventEntity } from './staff-access.js';

export type { BuyerSession } from '../opening.caches.js';

// --- public: buyer sign-in with a one-time code ---

export interface PublicEvent {
  id: string;
  name: string;
  projectName: string;
  startsAt: string;
  endsAt: string;
  perBuyerLimit: number;
  phase: ReturnType<typeof eventPhase>;
  serverTime: string;
}

export async function getPublicEvent(db: Db, eventId: string, now: Date): Promise<PublicEvent> {
  const { event } = await eventSnapshot(db, eventId);
  const project = await findProjectRow(db, event.projectId);
  if (!project) throw new AppError(commonErrors.NOT_FOUND, { entity: eventEntity });
  return {
    id: event.id,
    name: event.name,
    projectName: project.name,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    perBuyerLimit: event.perBuyerLimit,
    phase: eventPhase(event, now),
    serverTime: now.toISOString(),
  };
}

async function codePolicyOf(db: Tx, companyId: string, projectId: string): Promise<CodePolicy> {
  const context = { companyId, projectId };
  const [validMinutes, maxAttempts, resendSeconds] = await Promise.all([
    getSetting(db, 'opening.codeValidMinutes', context),
    getSetting(db, 'opening.codeMaxAttempts', context),
    getSetting(db, 'opening.codeResendSeconds', context),
  ]);
  return { validMinutes, maxAttempts, resendSeconds };
}

/**
 * Sends a one-time code to a registered, ID-checked buyer by SMS (the notification service's
 * outbox, queued in the transaction that stores the code). The answer is the same whether or not
 * the number is registered, so the page cannot be used to find out who pledged. Without an SMS
 * channel (demo installs) the controller's console shows the code instead, to read it out.
 */
export async function requestBuyerCode(
  db: Db,
  options: { eventId: string; phone: string; now: Date },
): Promise<{ sent: true }> {
  const { event, companyId } = await eventSnapshot(db, options.eventId);
  const phone = normaliseMobile(options.phone);
  if (!phone)
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      {
        phone: localized(
          '请输入 11 位手机号',
          '請輸入 11 位手機號',
          'Enter an 11-digit mainland mobile number',
        ),
      },
    );
  const buyer = await queries.findBuyerByPhone(db, event.id, phone);
  if (!buyer?.idVerifiedAt || event.isCancelled) return { sent: true };
  const policy = await codePolicyOf(db, companyId, event.projectId);
  const wait = secondsUntilResend(buyer.codeSentAt, policy, options.now);
  if (wait > 0) throw new AppError(openingErrors.CODE_TOO_SOON, { seconds: wait });
  const code = newCode();
  const hasSms = await isChannelEnabled(db, companyId, 'sms');
  await db.transaction().execute(async (trx) => {
    // Conditional on the send time read above: of two requests racing, one sends a code.
    const stored = await queries.storeBuyerCode(trx, buyer.id, buyer.codeSentAt, {
      codeHash: hashCode(buyer.id, code),
      codeExpiresAt: new Date(options.now.getTime() + policy.validMinutes * 60_000).toISOString(),
      codeAttempts: 0,
      codeSentAt: options.now.toISOString(),
      demoCode: hasSms ? null : code,
    });
    if (!stored)
      throw new AppError(openingErrors.CODE_TOO_SOON, { seconds: Math.max(1, policy.resendSeconds) });
    await notify(trx, {
      event: 'opening.signInCode',
      projectId: event.projectId,
      companyId,
      recipients: [
        { kind: 'requester', key: `opening_buyer:${buyer.id}`, name: buyer.name, phone: buyer.phone },
      ],
      params: { code, minutes: String(policy.validMinutes), event: event.name },
      now: options.now,
    });
    await publishLive(
      trx,
      {
        topic: `board:${event.projectId}`,
        type: 'opening.code_sent',
        payload: { eventId: event.id, buyerId: buyer.id },
      },
      options.now,
    );
  });
  return { sent: true };
}

/** Signs a buyer in: a correct, unexpired code gives a session token (only its hash is stored). */
export async function signInBuyer(
  db: Db,
  options: { eventId: string; phone: string; code: string; now: Date },
) {
  const { event, companyId } = await eventSnapshot(db, options.eventId);
  const phone = normaliseMobile(options.phone);
  const buyer = phone ? await queries.findBuyerByPhone(db, event.id, phone) : undefined;
  const nowIso = options.now.toISOString();
  if (!buyer?.codeHash || !buyer.codeExpiresAt || buyer.codeExpiresAt <= nowIso)
    throw new AppError(openingErrors.CODE_INVALID);
  const policy = await codePolicyOf(db, companyId, event.projectId);
  if (buyer.codeAttempts >= policy.maxAttempts) throw new AppError(openingErrors.CODE_ATTEMPTS_EXCEEDED);
  if (!sameHash(hashCode(buyer.id, options.code.trim()), buyer.codeHash)) {
    await queries.countWrongCode(db, buyer.id);
    throw new AppError(openingErrors.CODE_INVALID);
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(
    Math.max(Date.parse(event.endsAt), options.now.getTime()) + 24 * 3_600_000,
  ).toISOString();
  await db.transaction().execute(async (trx) => {
    await queries.updateBuyerRow(trx, buyer.id, {
      codeHash: null,
      codeExpiresAt: null,
      codeAttempts: 0,
      demoCode: null,
      sessionHash: sha256(token),
      sessionExpiresAt: expiresAt,
    });
    await writeAudit(trx, {
      actor: { ...systemActor(companyId), displayName: `${buyer.name}(线上开盘)`, grants: [] },
      at: options.now,
      entityType: 'opening_buyer',
      entityId: buyer.id,
      projectId: event.projectId,
      action: 'sign_in',
    });
  });
  const sessions = await loadedSessionsOf(db, event.id)?.catch(() => undefined);
  // Signing in again ends the buyer's earlier session (its hash was just overwritten).
  for (const [hash, session] of sessions?.byHash ?? [])
    if (session.buyerId === buyer.id) sessions?.byHash.delete(hash);
  sessions?.byHash.set(sha256(token), {
    buyerId: buyer.id,
    eventId: event.id,
    name: buyer.name,
    customerId: buyer.customerId,
    pickCount: buyer.pickCount,
    expiresAt,
  });
  return { token, expiresAt, buyer: { name: maskName(buyer.name), pledgeNumber: buyer.pledgeNumber } };
}

/** In the rush each buyer presents the same cookie for the availability, the live stream and every pick. */
const sessionHashOfPresented = rememberHashes(sha256);

/** The buyer behind a session token, for this event (from the event's session map, see above). */
export async function resolveBuyer(
  db: Db,
  eventId: string,
  token: string | undefined,
  now: Date,
): Promise<BuyerSession> {
  if (!token) throw new AppError(openingErrors.BUYER_UNAUTHENTICATED);
  const hash = sessionHashOfPresented(token);
  const nowIso = now.toISOString();
  const sessions = await sessionsOfEvent(db, eventId);
  const known = sessions.byHash.get(hash);
  if (known) {
    if (known.expiresAt <= nowIso) throw new AppError(openingErrors.BUYER_UNAUTHENTICATED);
    return known;
  }
  // Signed in after the map was read (on another instance): look it up once and remember it.
  const session = toSession(await queries.findBuyerBySessionFast(db, hash));
  if (!session || session.eventId !== eventId || session.expiresAt <= nowIso)
    throw new AppError(openingErrors.BUYER_UNAUTHENTICATED);
  sessions.byHash.set(hash, session);
  return session;
}

export async function signOutBuyer(
  db: Db,
  options: { eventId: string; token: string | undefined; now: Date },
) {
  if (!options.token) return;
  const hash = sha256(options.token);
  (await loadedSessionsOf(db, options.eventId)?.catch(() => undefined))?.byHash.delete(hash);
  const buyer = await queries.findBuyerBySession(db, hash);
  if (buyer && buyer.eventId === options.eventId)
    await queries.updateBuyerRow(db, buyer.id, { sessionHash: null, sessionExpiresAt: null });
}

export async function getBuyerOverview(db: Db, session: BuyerSession, now: Date) {
  const buyer = await queries.findBuyerRow(db, session.buyerId);
  const picks = await queries.findPicksOfBuyer(db, session.buyerId);
  const { event } = await eventSnapshot(db, session.eventId);
  return {
    name: maskName(buyer?.name ?? session.name),
    pledgeNumber: buyer?.pledgeNumber ?? '',
    pickCount: buyer?.pickCount ?? 0,
    perBuyerLimit: event.perBuyerLimit,
    serverTime: now.toISOString(),
    picks: picks.map((pick) => ({
      id: pick.id,
      unitId: pick.unitId,
      label: pick.label,
      layout: pick.layout,
      buildingAreaDm2: pick.buildingAreaDm2,
      listTotalFen: pick.listTotalFen === null ? null : Number(pick.listTotalFen),
      pickedAt: pick.pickedAt,
    })),
  };
}
