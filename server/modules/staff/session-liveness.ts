import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { registerLiveSessionCheck } from '../../platform/live/index.js';
import { getSetting } from '../settings/index.js';

/**
 * A live stream outlives the request that opened it: every recheck asks whether its session is
 * still alive (not signed out, expired, idle or disabled).
 */
async function isSessionAlive(db: Db, actor: Actor, now: Date): Promise<boolean> {
  if (!actor.sessionId) return false;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staffId')
    .select(['sessions.expiresAt', 'sessions.lastSeenAt', 'staff.isDisabled'])
    .where('sessions.id', '=', actor.sessionId)
    .executeTakeFirst();
  if (!row || row.isDisabled) return false;
  const idleMinutes = await getSetting(db, 'auth.idleTimeoutMinutes', { companyId: actor.companyId });
  return (
    row.expiresAt > now.toISOString() && Date.parse(row.lastSeenAt) + idleMinutes * 60_000 > now.getTime()
  );
}

registerLiveSessionCheck(isSessionAlive);
