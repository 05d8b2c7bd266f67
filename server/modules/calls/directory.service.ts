import type { DirectoryEntry } from '../../../contracts/calls.js';
import type { Actor } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/index.js';
import { writeAudit } from '../audit/index.js';
import { callsErrors } from './calls.errors.js';
import * as directory from './directory.queries.js';

export type { DirectoryEntry };

export function toDirectoryEntry(row: directory.DirectoryRow): DirectoryEntry {
  return {
    id: row.id,
    displayName: row.displayName,
    namePinyin: row.namePinyin,
    nameInitials: row.nameInitials,
    title: row.title,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    buildingId: row.buildingId,
    buildingName: row.buildingName,
    doorId: row.doorId,
    doorName: row.doorName,
    officePhone: row.officePhone,
    shareableMobile: row.isMobileShareable === 1 && row.mobile ? row.mobile : null,
    presence: row.presence,
    presenceChangedAt: row.presenceChangedAt,
  };
}

/** CS-2 / CS-4: find a person by name, pinyin, initials (zs → 张三), department, building and door. */
export async function searchDirectory(
  db: Tx,
  options: {
    actor: Actor;
    search?: string;
    departmentId?: string;
    buildingId?: string;
    doorId?: string;
    limit: number;
  },
): Promise<DirectoryEntry[]> {
  // The staff directory is the company's: everyone who transfers a call or leaves a message needs it.
  visibility(options.actor, 'company').assertSees({ companyId: options.actor.companyId, projectId: null });
  const rows = await directory.findDirectoryRows(
    db,
    { companyId: options.actor.companyId, ...options },
    options.limit,
  );
  return rows.map(toDirectoryEntry);
}

/** Where a member of staff sits (building and door, 樓門), so callers who name the door find them. */
export async function setStaffWorkplace(
  db: Db,
  options: { actor: Actor; staffId: string; buildingId: string | null; doorId: string | null; now: Date },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const before = await directory.findDirectoryEntry(trx, actor.companyId, options.staffId);
    const entity = localized('员工', '員工', 'Staff member');
    if (!before) throw new AppError(commonErrors.NOT_FOUND, { entity });
    visibility(actor, 'company').assertSees({ companyId: actor.companyId, projectId: null }, entity);
    const building = options.buildingId
      ? await directory.findBuildingOfProject(trx, options.buildingId)
      : undefined;
    // A building of another company does not exist here.
    if (
      options.buildingId &&
      (!building ||
        !visibility(actor, 'project').sees({ companyId: building.companyId, projectId: building.projectId }))
    )
      throw new AppError(
        callsErrors.UNKNOWN_REFERENCE,
        { entity: localized('楼栋', '樓棟', 'Building') },
        { buildingId: localized('楼栋不存在', '樓棟不存在', 'No such building') },
      );
    if (options.doorId) {
      const door = await directory.findDoor(trx, options.doorId);
      if (!door || door.buildingId !== options.buildingId)
        throw new AppError(
          callsErrors.UNKNOWN_REFERENCE,
          { entity: localized('楼门', '樓門', 'Door') },
          { doorId: localized('楼门不属于该楼栋', '樓門不屬於該樓棟', 'That door is not in the building') },
        );
    }
    await directory.setStaffWorkplace(
      trx,
      options.staffId,
      options.buildingId,
      options.doorId,
      now.toISOString(),
    );
    await publishLive(
      trx,
      {
        topic: `company:${actor.companyId}`,
        type: 'directory.updated',
        payload: { staffId: options.staffId },
      },
      now,
    );
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'staff',
      entityId: options.staffId,
      action: 'set_workplace',
      before: { buildingId: before.buildingId, doorId: before.doorId },
      after: { buildingId: options.buildingId, doorId: options.doorId },
    });
    const after = await directory.findDirectoryEntry(trx, actor.companyId, options.staffId);
    return toDirectoryEntry(after!);
  });
}
