import { createHash, randomBytes } from 'node:crypto';
import { type Locale, resolveLocale } from '../../../contracts/locales.js';
import type { Actor } from '../../platform/auth/actor.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { rememberHashes } from '../../platform/auth/presented-tokens.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { PendingStep } from '../../platform/http/access.js';
import { writeAudit } from '../audit/index.js';
import { getSetting } from '../settings/index.js';
import {
  announceSessionChange,
  type CachedSession,
  forgetSession,
  forgetSessionsOf,
  getCachedSession,
  loadCachedSession,
} from './session-cache.js';
import { staffErrors } from './staff.errors.js';
import * as queries from './staff.queries.js';
import type { Presence } from './staff.tables.js';
import { findTwoFactor } from './two-factor.queries.js';
import { pendingStepOf } from './two-factor.rules.js';

/** Failed sign-ins allowed from one address per window, whatever the usernames tried. */
const ipFailureLimit = 20;
const ipWindowMinutes = 15;

/** How long a session may wait for its second factor after the password was given. */
const secondFactorMinutes = 10;

function minutesBefore(now: Date, minutes: number): string {
  return new Date(now.getTime() - minutes * 60_000).toISOString();
}

/** A locked account is refused (and the attempt counted) before any password or code is looked at. */
export async function assertNotLocked(
  db: Db,
  options: { staff: queries.StaffRow; ip: string; now: Date },
): Promise<void> {
  const { staff, ip, now } = options;
  const at = now.toISOString();
  if (!staff.lockedUntil || staff.lockedUntil <= at) return;
  await queries.insertLoginAttempt(db, { username: staff.username, ip, at, isSuccess: false });
  const minutesLeft = Math.ceil((Date.parse(staff.lockedUntil) - now.getTime()) / 60_000);
  throw new AppError(staffErrors.ACCOUNT_LOCKED, { minutes: minutesLeft });
}

/** Refuses an address that failed too often lately, whatever accounts it tried. */
export async function assertAddressNotThrottled(db: Db, ip: string, now: Date): Promise<void> {
  if (
    (await queries.countFailedAttempts(db, { ip, since: minutesBefore(now, ipWindowMinutes) })) >=
    ipFailureLimit
  )
    throw new AppError(staffErrors.LOGIN_THROTTLED);
}

/**
 * A wrong password or a wrong second factor: one more failure on the account (locking it at the
 * setting's threshold, then throwing ACCOUNT_LOCKED) and one on the address.
 */
export async function recordFailedSignIn(
  db: Db,
  options: { staff: queries.StaffRow; ip: string; now: Date },
): Promise<void> {
  const { staff, ip, now } = options;
  const context = { companyId: staff.companyId };
  const threshold = await getSetting(db, 'auth.lockoutThreshold', context);
  const lockoutMinutes = await getSetting(db, 'auth.lockoutMinutes', context);
  // The increment holds the row until the commit: concurrent failures (another instance's too)
  // queue behind it and count on, so exactly one of them reaches the threshold and locks.
  const isLocking = await db.transaction().execute(async (trx) => {
    const failures = await queries.incrementFailedLogins(trx, staff.id);
    const locks = failures >= threshold;
    if (locks)
      await queries.updateStaffRow(trx, staff.id, {
        failedLogins: 0,
        lockedUntil: new Date(now.getTime() + lockoutMinutes * 60_000).toISOString(),
      });
    await queries.insertLoginAttempt(trx, {
      username: staff.username,
      ip,
      at: now.toISOString(),
      isSuccess: false,
    });
    return locks;
  });
  if (isLocking) throw new AppError(staffErrors.ACCOUNT_LOCKED, { minutes: lockoutMinutes });
}

/** Only the SHA-256 of a session token is stored, so a leaked table gives no usable cookies. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The session id of the token a browser presents (remembered: the same token comes on every request). */
const sessionIdOfPresented = rememberHashes(sessionIdOf);

export interface LoginResult {
  token: string;
  csrfToken: string;
  staffId: string;
  companyId: string;
  maxAgeSeconds: number;
  isSecondFactorPending: boolean;
}

export async function login(
  db: Db,
  options: {
    username: string;
    password: string;
    ip: string;
    userAgent: string;
    previousToken?: string;
    now: Date;
  },
): Promise<LoginResult> {
  const { username, password, ip, now } = options;
  const at = now.toISOString();
  await assertAddressNotThrottled(db, ip, now);

  const staff = await queries.findStaffByUsername(db, username);
  if (!staff) {
    await verifyPassword(await dummyPasswordHash(), password);
    await queries.insertLoginAttempt(db, { username, ip, at, isSuccess: false });
    throw new AppError(staffErrors.INVALID_CREDENTIALS);
  }
  const context = { companyId: staff.companyId };
  await assertNotLocked(db, { staff, ip, now });

  if (!(await verifyPassword(staff.passwordHash, password))) {
    await recordFailedSignIn(db, { staff, ip, now });
    throw new AppError(staffErrors.INVALID_CREDENTIALS);
  }
  if (staff.isDisabled) {
    await queries.insertLoginAttempt(db, { username, ip, at, isSuccess: false });
    throw new AppError(staffErrors.ACCOUNT_DISABLED);
  }

  const absoluteHours = await getSetting(db, 'auth.absoluteTimeoutHours', context);
  const isSecondFactorPending = Boolean((await findTwoFactor(db, staff.id))?.confirmedAt);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const fullExpiry = now.getTime() + absoluteHours * 3_600_000;
  await db.transaction().execute(async (trx) => {
    // Rotation: the session the browser came with (if any) ends, a fresh id is issued.
    if (options.previousToken) await endSession(trx, sessionIdOf(options.previousToken));
    await queries.insertSession(trx, {
      id: sessionIdOf(token),
      staffId: staff.id,
      csrfToken,
      createdAt: at,
      lastSeenAt: at,
      // A session still owing its second factor lives minutes, not hours.
      expiresAt: new Date(
        isSecondFactorPending
          ? Math.min(fullExpiry, now.getTime() + secondFactorMinutes * 60_000)
          : fullExpiry,
      ).toISOString(),
      ip,
      userAgent: options.userAgent.slice(0, 300),
      isSecondFactorPending: isSecondFactorPending ? 1 : 0,
    });
    // The password was right; the failure count restarts only once the second factor is given too.
    if (!isSecondFactorPending) {
      await queries.updateStaffRow(trx, staff.id, { failedLogins: 0, lockedUntil: null });
      await queries.insertLoginAttempt(trx, { username, ip, at, isSuccess: true });
    }
  });
  if (options.previousToken) forgetSession(db, sessionIdOf(options.previousToken));
  return {
    token,
    csrfToken,
    staffId: staff.id,
    companyId: staff.companyId,
    maxAgeSeconds: absoluteHours * 3600,
    isSecondFactorPending,
  };
}

export async function logout(db: Db, token: string): Promise<void> {
  const sessionId = sessionIdOf(token);
  await db.transaction().execute((trx) => endSession(trx, sessionId));
  forgetSession(db, sessionId);
}

/**
 * Deletes a session and tells the other instances, which may hold it in their session cache
 * (announced in the same transaction; they drop the person's cached sessions when it arrives).
 */
async function endSession(trx: Tx, sessionId: string): Promise<void> {
  const staffId = await queries.deleteSession(trx, sessionId);
  if (staffId) await announceSessionChange(trx, staffId);
}

export type SessionResolution =
  | { status: 'valid'; actor: Actor; csrfToken: string; pendingStep: PendingStep | null }
  | { status: 'expired' }
  | { status: 'none' };

/** Only refresh last-seen once a minute: a busy desk would otherwise write on every request. */
const touchIntervalMs = 60_000;

export async function resolveSession(db: Db, token: string, now: Date): Promise<SessionResolution> {
  const sessionId = sessionIdOfPresented(token);
  const nowMs = now.getTime();
  let session = getCachedSession(db, sessionId, nowMs);
  if (!session || !isAlive(session, nowMs)) {
    if (session) forgetSession(db, sessionId);
    try {
      session = await loadCachedSession(db, sessionId, () => loadSession(db, sessionId, nowMs));
    } catch (error) {
      if (error instanceof SessionEnded) return { status: error.status };
      throw error;
    }
  }
  if (nowMs - session.lastSeenMs > touchIntervalMs) {
    session.lastSeenMs = nowMs;
    await queries.touchSession(db, sessionId, now.toISOString());
  }
  return {
    status: 'valid',
    actor: session.actor,
    csrfToken: session.csrfToken,
    pendingStep: session.pendingStep,
  };
}

/** Why a presented session resolves to nothing: thrown by the load so that nothing is cached. */
class SessionEnded extends Error {
  constructor(readonly status: 'none' | 'expired') {
    super(status);
  }
}

/** Reads a session from the database; a disabled person's or an expired one is deleted there. */
async function loadSession(db: Db, sessionId: string, nowMs: number): Promise<CachedSession> {
  const row = await queries.findSessionWithStaff(db, sessionId);
  if (!row) throw new SessionEnded('none');
  const liveness = {
    expiresAtMs: Date.parse(row.expiresAt),
    lastSeenMs: Date.parse(row.lastSeenAt),
    idleMinutes: await getSetting(db, 'auth.idleTimeoutMinutes', { companyId: row.companyId }),
  };
  if (row.isDisabled || !isAlive(liveness, nowMs)) {
    await queries.deleteSession(db, sessionId);
    throw new SessionEnded(row.isDisabled ? 'none' : 'expired');
  }
  const grants = (await queries.findGrants(db, [row.staffId])).get(row.staffId) ?? [];
  const pendingStep = pendingStepOf({
    isSecondFactorPending: row.isSecondFactorPending === 1,
    mustChangePassword: row.mustChangePassword === 1,
    hasTwoFactor: row.twoFactorConfirmedAt !== null,
    grants,
    requiredRoles: await getSetting(db, 'auth.twoFactorRoles', { companyId: row.companyId }),
  });
  const session: CachedSession = {
    ...liveness,
    actor: {
      staffId: row.staffId,
      companyId: row.companyId,
      displayName: row.displayName,
      locale: resolveLocale(row.locale),
      grants,
      sessionId,
    },
    csrfToken: row.csrfToken,
    pendingStep,
    cachedAt: nowMs,
  };
  return session;
}

/** Within the absolute lifetime and not idle for longer than the setting allows. */
function isAlive(
  session: Pick<CachedSession, 'expiresAtMs' | 'lastSeenMs' | 'idleMinutes'>,
  nowMs: number,
): boolean {
  return session.expiresAtMs > nowMs && session.lastSeenMs + session.idleMinutes * 60_000 > nowMs;
}

export async function changePassword(
  db: Db,
  options: { actor: Actor; currentPassword: string; newPassword: string; now: Date },
): Promise<void> {
  const { actor, now } = options;
  const staff = await queries.findStaffRowById(db, actor.staffId);
  if (!staff) throw new AppError(staffErrors.INVALID_CREDENTIALS);
  if (!(await verifyPassword(staff.passwordHash, options.currentPassword)))
    throw new AppError(
      staffErrors.WRONG_CURRENT_PASSWORD,
      {},
      { currentPassword: staffErrors.WRONG_CURRENT_PASSWORD.message },
    );
  if (
    options.newPassword === options.currentPassword ||
    options.newPassword.toLowerCase() === staff.username.toLowerCase()
  )
    throw new AppError(staffErrors.WEAK_PASSWORD, {}, { newPassword: staffErrors.WEAK_PASSWORD.message });
  const passwordHash = await hashPassword(options.newPassword);
  await db.transaction().execute(async (trx) => {
    await queries.updateStaffRow(trx, staff.id, {
      passwordHash,
      mustChangePassword: 0,
      updatedAt: now.toISOString(),
    });
    // Other devices signed in with the old password are signed out.
    await queries.deleteSessionsOfStaff(trx, staff.id, actor.sessionId);
    await announceSessionChange(trx, staff.id);
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'staff',
      entityId: staff.id,
      action: 'change_password',
    });
  });
  forgetSessionsOf(db, staff.id);
}

export async function setOwnLocale(
  db: Db,
  options: { actor: Actor; locale: Locale; now: Date },
): Promise<void> {
  await queries.updateStaffRow(db, options.actor.staffId, {
    locale: options.locale,
    updatedAt: options.now.toISOString(),
  });
  // Only this person's own sessions carry the language; other instances catch up within seconds.
  forgetSessionsOf(db, options.actor.staffId);
}

export async function setOwnPresence(
  db: Db,
  options: { actor: Actor; presence: Presence; now: Date },
): Promise<void> {
  await queries.setPresence(db, options.actor.staffId, options.presence, options.now.toISOString());
}
