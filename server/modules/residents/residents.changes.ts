import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, localized } from '../../platform/errors.js';
import { writeAudit } from '../audit/index.js';
import { residentErrors } from './residents.errors.js';
import * as queries from './residents.queries.js';
import { getVisibleRow, toResidentViews } from './residents.service.js';

// A resident's life after registering: moving out, and (owners) their consent.

export async function moveOutResident(
  db: Db,
  options: { actor: Actor; residentId: string; moveOutOn: string; now: Date },
) {
  const { actor, now } = options;
  const row = await db.transaction().execute(async (trx) => {
    const current = await getVisibleRow(trx, actor, options.residentId);
    if (current.moveOutOn) throw new AppError(residentErrors.RESIDENT_ALREADY_MOVED_OUT);
    if (current.moveInOn && options.moveOutOn < current.moveInOn)
      throw new AppError(
        residentErrors.RESIDENT_MOVE_OUT_BEFORE_MOVE_IN,
        {},
        {
          moveOutOn: localized('早于入住日期', '早於入住日期', 'Before the move-in day'),
        },
      );
    const changes = { moveOutOn: options.moveOutOn, updatedAt: now.toISOString() };
    await queries.updateResident(trx, current.id, changes);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: current.projectId,
      entityType: 'resident',
      entityId: current.id,
      action: 'move_out',
      after: { moveOutOn: options.moveOutOn },
    });
    return { ...current, ...changes };
  });
  return (await toResidentViews(db, actor, [row], now))[0]!;
}

/** SA-18: the owner's consent (after-sales care, new-project announcements), who changed it and when. */
export async function setResidentConsent(
  db: Db,
  options: { actor: Actor; residentId: string; afterSalesCare: boolean; announcements: boolean; now: Date },
) {
  const { actor, now } = options;
  const row = await db.transaction().execute(async (trx) => {
    const current = await getVisibleRow(trx, actor, options.residentId);
    const changes = {
      consentsAfterSales: options.afterSalesCare ? 1 : 0,
      consentsAnnouncements: options.announcements ? 1 : 0,
      consentChangedBy: actor.staffId,
      consentChangedAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    await queries.updateResident(trx, current.id, changes);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: current.projectId,
      entityType: 'resident',
      entityId: current.id,
      action: 'consent',
      before: {
        afterSalesCare: current.consentsAfterSales === 1,
        announcements: current.consentsAnnouncements === 1,
      },
      after: { afterSalesCare: options.afterSalesCare, announcements: options.announcements },
    });
    return { ...current, ...changes };
  });
  return (await toResidentViews(db, actor, [row], now))[0]!;
}
