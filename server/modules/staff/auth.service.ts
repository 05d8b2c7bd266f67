import { createHash, randomBytes } from 'node:crypto';
import { type Locale, resolveLocale } from '../../../contracts/locales.js';
import type { Actor } from '../../platform/auth/actor.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../audit/index.js';
import { getSetting } from '../settings/index.js';
import { announceSessionChange, forgetSession, forgetSessionsOf, sessionCacheFor } from './session-cache.js';
import { staffErrors } from './staff.errors.js';
import * as queries from './staff.queries.js';
import type { Presence } from './staff.tables.js';

/** Failed sign-ins allowed from one address per window, whatever the usernames tried. */
const ipFailureLimit = 20;
const ipWindowMinutes = 15;

function minutesBefore(now: Date, minutes: number): string {
  return new Date(now.getTime() - minutes * 60_000).toISOString();
}

/** Only the SHA-256 of a session token is stored, so a leaked table gives no usable cookies. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  staffId: string;
  companyId: string;
  maxAgeSeconds: number;
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
  if (
    (await queries.countFailedAttempts(db, { ip, since: minutesBefore(now, ipWindowMinutes) })) >=
    ipFailureLimit
  )
    throw new AppError(staffErrors.LOGIN_THROTTLED);

  const staff = await queries.findStaffByUsername(db, username);
  if (!staff) {
    await verifyPassword(await dummyPasswordHash(), password);
    await queries.insertLoginAttempt(db, { username, ip, at, isSuccess: false });
    throw new AppError(staffErrors.INVALID_CREDENTIALS);
  }
  const context = { companyId: staff.companyId };
  const lockoutMinutes = await getSetting(db, 'auth.lockoutMinutes', context);
  if (staff.lockedUntil && staff.lockedUntil > at) {
    await queries.insertLoginAttempt(db, { username, ip, at, isSuccess: false });
    const minutesLeft = Math.ceil((Date.parse(staff.lockedUntil) - now.getTime()) / 60_000);
    throw new AppError(staffErrors.ACCOUNT_LOCKED, { minutes: minutesLeft });
  }

  if (!(await verifyPassword(staff.passwordHash, password))) {
    const threshold = await getSetting(db, 'auth.lockoutThreshold', context);
    const failures = staff.failedLogins + 1;
    const isLocking = failures >= threshold;
    await db.transaction().execute(async (trx) => {
      await queries.updateStaffRow(trx, staff.id, {
        failedLogins: isLocking ? 0 : failures,
        lockedUntil: isLocking
          ? new Date(now.getTime() + lockoutMinutes * 60_000).toISOString()
          : staff.lockedUntil,
      });
      await queries.insertLoginAttempt(trx, { username, ip, at, isSuccess: false });
    });
    if (isLocking) throw new AppError(staffErrors.ACCOUNT_LOCKED, { minutes: lockoutMinutes });
    throw new AppError(staffErrors.INVALID_CREDENTIALS);
  }
  if (staff.isDisabled) {
    await queries.insertLoginAttempt(db, { username, ip, at, isSuccess: false });
    throw new AppError(staffErrors.ACCOUNT_DISABLED);
  }

  const absoluteHours = await getSetting(db, 'auth.absoluteTimeoutHours', context);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    // Rotation: the session the browser came with (if any) ends, a fresh id is issued.
    if (options.previousToken) await queries.deleteSession(trx, sessionIdOf(options.previousToken));
    await queries.insertSession(trx, {
      id: sessionIdOf(token),
      staffId: staff.id,
      csrfToken,
      createdAt: at,
      lastSeenAt: at,
      expiresAt: new Date(now.getTime() + absoluteHours * 3_600_000).toISOString(),
      ip,
      userAgent: options.userAgent.slice(0, 300),
    });
    await queries.updateStaffRow(trx, staff.id, { failedLogins: 0, lockedUntil: null });
    await queries.insertLoginAttempt(trx, { username, ip, at, isSuccess: true });
  });
  if (options.previousToken) forgetSession(db, sessionIdOf(options.previousToken));
  return {
    token,
    csrfToken,
    staffId: staff.id,
    companyId: staff.companyId,
    maxAgeSeconds: absoluteHours * 3600,
  };
}

export async function logout(db: Db, token: string): Promise<void> {
  const sessionId = sessionIdOf(token);
  await queries.deleteSession(db, sessionId);
  forgetSession(db, sessionId);
}

export type SessionResolution =
  | { status: 'valid'; actor: Actor; csrfToken: string }
  | { status: 'expired' }
  | { status: 'none' };

/** Only refresh last-seen once a minute: a busy desk would otherwise write on every request. */
const touchIntervalMs = 60_000;

export async function resolveSession(db: Db, token: string, now: Date): Promise<SessionResolution> {
  const sessionId = sessionIdOf(token);
  const cache = sessionCacheFor(db);
  const nowMs = now.getTime();
  const cached = cache.get(sessionId, nowMs);
  if (cached && cached.expiresAtMs > nowMs && cached.lastSeenMs + cached.idleMinutes * 60_000 > nowMs) {
    if (nowMs - cached.lastSeenMs > touchIntervalMs) {
      cached.lastSeenMs = nowMs;
      await queries.touchSession(db, sessionId, now.toISOString());
    }
    return { status: 'valid', actor: cached.actor, csrfToken: cached.csrfToken };
  }

  const generationAtStart = cache.generation;
  const session = await queries.findSessionWithStaff(db, sessionId);
  if (!session) return { status: 'none' };
  if (session.isDisabled) {
    await queries.deleteSession(db, sessionId);
    cache.forgetSession(sessionId);
    return { status: 'none' };
  }
  const idleMinutes = await getSetting(db, 'auth.idleTimeoutMinutes', { companyId: session.companyId });
  if (!isAlive({ ...session, idleMinutes }, now)) {
    await queries.deleteSession(db, sessionId);
    cache.forgetSession(sessionId);
    return { status: 'expired' };
  }
  let lastSeenAt = session.lastSeenAt;
  if (nowMs - Date.parse(session.lastSeenAt) > touchIntervalMs) {
    lastSeenAt = now.toISOString();
    await queries.touchSession(db, sessionId, lastSeenAt);
  }
  const grants = (await queries.findGrants(db, [session.staffId])).get(session.staffId) ?? [];
  const actor: Actor = {
    staffId: session.staffId,
    companyId: session.companyId,
    displayName: session.displayName,
    locale: resolveLocale(session.locale),
    grants,
    sessionId,
  };
  cache.store(
    sessionId,
    {
      actor,
      csrfToken: session.csrfToken,
      expiresAtMs: Date.parse(session.expiresAt),
      lastSeenMs: Date.parse(lastSeenAt),
      idleMinutes,
      cachedAt: nowMs,
    },
    generationAtStart,
  );
  return { status: 'valid', csrfToken: session.csrfToken, actor };
}

/** Within the absolute lifetime and not idle for longer than the setting allows. */
function isAlive(
  session: { expiresAt: string; lastSeenAt: string; idleMinutes: number },
  now: Date,
): boolean {
  return (
    session.expiresAt > now.toISOString() &&
    Date.parse(session.lastSeenAt) + session.idleMinutes * 60_000 > now.getTime()
  );
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
