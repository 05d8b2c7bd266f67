import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { findDesks } from '../org/index.js';
import { findCtiStatuses } from './cti.service.js';
import { type CallDeskKind, canWorkDesk } from './desk-context.js';

/** The call desks (service centres and security posts) the actor works, with their CTI status. */
export async function findCallDesks(db: Db, actor: Actor) {
  const desks = (await findDesks(db, actor)).filter(
    (desk) =>
      (desk.kind === 'service_centre' || desk.kind === 'security_post') && canWorkDesk(actor, desk.projectId),
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
