import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import { escapeLike } from '../../platform/text/pinyin.js';

// Reads of staff for other modules' views (the call desk's directory, screen pop and names), and
// the workplace (building and door) an administrator sets at the call desk.

export interface DirectoryStaffFilter {
  companyId: string;
  ids?: string[];
  departmentId?: string;
  buildingId?: string;
  doorId?: string;
  /** Every word must match: the name, pinyin, initials or title, or one of the places found for it. */
  words?: Array<{
    text: string;
    departmentIds: string[];
    buildingIds: string[];
    doorIds: string[];
    buildingDoorPairs: Array<{ buildingId: string; doorId: string }>;
  }>;
}

/** Enabled staff of a company for the directory, by pinyin. */
export async function findDirectoryStaff(db: Tx, filter: DirectoryStaffFilter, limit: number) {
  let query = db
    .selectFrom('staff')
    .select([
      'id',
      'displayName',
      'namePinyin',
      'nameInitials',
      'title',
      'departmentId',
      'buildingId',
      'doorId',
      'officePhone',
      'mobile',
      'isMobileShareable',
      'presence',
      'presenceChangedAt',
    ])
    .where('isDisabled', '=', 0)
    .where('companyId', '=', filter.companyId);
  if (filter.ids) query = query.where('id', 'in', filter.ids.length ? filter.ids : ['']);
  if (filter.departmentId) query = query.where('departmentId', '=', filter.departmentId);
  if (filter.buildingId) query = query.where('buildingId', '=', filter.buildingId);
  if (filter.doorId) query = query.where('doorId', '=', filter.doorId);
  for (const word of filter.words ?? []) {
    const contains = `%${escapeLike(word.text)}%`;
    const prefix = `${escapeLike(word.text)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(staff.display_name)`, 'like', sql`${contains} ESCAPE '\\'`),
        eb('namePinyin', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        eb('nameInitials', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        eb(sql`lower(staff.title)`, 'like', sql`${contains} ESCAPE '\\'`),
        ...(word.departmentIds.length ? [eb('departmentId', 'in', word.departmentIds)] : []),
        ...(word.buildingIds.length ? [eb('buildingId', 'in', word.buildingIds)] : []),
        ...(word.doorIds.length ? [eb('doorId', 'in', word.doorIds)] : []),
        ...word.buildingDoorPairs.map((pair) =>
          eb.and([eb('buildingId', '=', pair.buildingId), eb('doorId', '=', pair.doorId)]),
        ),
      ]),
    );
  }
  return query.orderBy('namePinyin').orderBy('id').limit(limit).execute();
}

/** Staff numbers to recognise a caller by (screen pop); a company has hundreds, not millions. */
export async function findStaffPhones(db: Tx, companyId: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'mobile', 'officePhone'])
    .where('companyId', '=', companyId)
    .where('isDisabled', '=', 0)
    .where((eb) => eb.or([eb('mobile', '!=', ''), eb('officePhone', '!=', '')]))
    .execute();
}

/** Display names by staff id (ids not found are left out). */
export async function findStaffDisplayNames(db: Tx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'displayName']).where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, row.displayName]));
}

export async function findStaffIdOfUsername(
  db: Tx,
  companyId: string,
  username: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('companyId', '=', companyId)
    .where('username', '=', username)
    .executeTakeFirst();
  return row?.id;
}

/** Where a person sits (楼栋, 楼门), set at the call desk's directory. */
export async function updateStaffWorkplace(
  db: Tx,
  staffId: string,
  workplace: { buildingId: string | null; doorId: string | null; at: string },
) {
  await db
    .updateTable('staff')
    .set({ buildingId: workplace.buildingId, doorId: workplace.doorId, updatedAt: workplace.at })
    .where('id', '=', staffId)
    .execute();
}

/** Enabled staff holding one of the roles on a project (or company-wide): who is on duty at a desk. */
export async function findStaffWithRolesOnProject(
  db: Db | Tx,
  companyId: string,
  roles: string[],
  projectId: string,
) {
  return db
    .selectFrom('staffRoles')
    .innerJoin('staff', 'staff.id', 'staffRoles.staffId')
    .select(['staff.id', 'staff.departmentId'])
    .where('staff.companyId', '=', companyId)
    .where('staff.isDisabled', '=', 0)
    .where('staffRoles.role', 'in', roles as never[])
    .where((eb) =>
      eb.or([eb('staffRoles.projectId', '=', projectId), eb('staffRoles.projectId', 'is', null)]),
    )
    .execute();
}

/** The department a member of staff belongs to (an engineer's team for work orders), if any. */
export async function findDepartmentOfStaff(db: Tx, staffId: string): Promise<string | null> {
  const row = await db
    .selectFrom('staff')
    .select('departmentId')
    .where('id', '=', staffId)
    .executeTakeFirst();
  return row?.departmentId ?? null;
}
