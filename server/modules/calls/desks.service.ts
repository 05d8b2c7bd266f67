import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { findDesks } from '../org/index.js';
import { findCtiStatuses } from './cti.service.js';
import type { CallDeskKind } from './desk-context.js';

/**
 * The call desks (service centres and security posts) with their CTI status: those the actor
 * staffs (desk scope), or for setting them up every call desk of the administrator's projects.
 */
export async function findCallDesks(db: Db, actor: Actor, purpose: 'work' | 'setup' = 'work') {
  const desks = (await findDesks(db, actor, { scope: purpose === 'work' ? 'desk' : 'project' })).filter(
    (desk) => desk.kind === 'service_centre' || desk.kind === 'security_post',
  );
  const statuses = await findCtiStatuses(
    db,
    desks.map((desk) => desk.id),
  );
  return desks.map((desk) => {
    const cti = statuses.get(desk.id);
    return {
      id: desk.id,
      name: desk.name,
      kind: desk.kind as CallDeskKind,
      phone: desk.phone,
      projectId: desk.projectId,
      projectName: desk.projectName,
      cti: {
        isEnabled: cti?.isEnabled ?? false,
        secretHint: cti?.secretHint ?? null,
        rotatedAt: cti?.rotatedAt ?? null,
        lastEventAt: cti?.lastEventAt ?? null,
      },
    };
  });
}
