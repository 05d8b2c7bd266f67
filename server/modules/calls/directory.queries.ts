import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import { escapeLike } from '../../platform/text/pinyin.js';

// The directory (CS-2, CS-4) is a read-only view over the staff and organisation tables: one
// join answers "name, pinyin, initials, department, building and door" in a single indexed query,
// which the staff and org modules' per-record use cases cannot. It never writes to them, except
// for the workplace (building/door) an administrator sets here, which only this desk reads.

export interface DirectoryFilter {
  companyId: string;
  search?: string;
  departmentId?: string;
  buildingId?: string;
  doorId?: string;
  ids?: string[];
}

function directoryBase(db: Tx) {
  return db
    .selectFrom('staff')
    .leftJoin('departments', 'departments.id', 'staff.departmentId')
    .leftJoin('buildings', 'buildings.id', 'staff.buildingId')
    .leftJoin('doors', 'doors.id', 'staff.doorId')
    .select([
      'staff.id',
      'staff.displayName',
      'staff.namePinyin',
      'staff.nameInitials',
      'staff.title',
      'staff.departmentId',
      'departments.name as departmentName',
      'departments.headStaffId as departmentHeadStaffId',
      'staff.buildingId',
      'buildings.name as buildingName',
      'staff.doorId',
      'doors.name as doorName',
      'staff.officePhone',
      'staff.mobile',
      'staff.isMobileShareable',
      'staff.presence',
      'staff.presenceChangedAt',
    ])
    .where('staff.isDisabled', '=', 0);
}

export type DirectoryRow = Awaited<ReturnType<typeof findDirectoryRows>>[number];

export async function findDirectoryRows(db: Tx, filter: DirectoryFilter, limit: number) {
  let query = directoryBase(db).where('staff.companyId', '=', filter.companyId);
  if (filter.ids) query = query.where('staff.id', 'in', filter.ids.length ? filter.ids : ['']);
  if (filter.departmentId) query = query.where('staff.departmentId', '=', filter.departmentId);
  if (filter.buildingId) query = query.where('staff.buildingId', '=', filter.buildingId);
  if (filter.doorId) query = query.where('staff.doorId', '=', filter.doorId);
  // Every word must match something: "3栋 张" finds Zhang in building 3.
  const words = (filter.search ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  for (const word of words) {
    const contains = `%${escapeLike(word)}%`;
    const prefix = `${escapeLike(word)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(staff.display_name)`, 'like', sql`${contains} ESCAPE '\\'`),
        eb('staff.namePinyin', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        eb('staff.nameInitials', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        eb(sql`lower(staff.title)`, 'like', sql`${contains} ESCAPE '\\'`),
        eb(sql`lower(departments.name)`, 'like', sql`${contains} ESCAPE '\\'`),
        eb(sql`lower(buildings.name)`, 'like', sql`${contains} ESCAPE '\\'`),
        eb(sql`lower(doors.name)`, 'like', sql`${contains} ESCAPE '\\'`),
        eb(
          sql`lower(${sql.ref('buildings.name')} || ${sql.ref('doors.name')})`,
          'like',
          sql`${contains} ESCAPE '\\'`,
        ),
      ]),
    );
  }
  return query.orderBy('staff.namePinyin').orderBy('staff.id').limit(limit).execute();
}

export async function findDirectoryEntry(db: Tx, companyId: string, staffId: string) {
  return directoryBase(db)
    .where('staff.companyId', '=', companyId)
    .where('staff.id', '=', staffId)
    .executeTakeFirst();
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

export async function findStaffNames(db: Tx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'displayName']).where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, row.displayName]));
}

export async function findStaffIdByUsername(
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

export async function findBuildingOfProject(db: Tx, buildingId: string) {
  return db
    .selectFrom('buildings')
    .innerJoin('projects', 'projects.id', 'buildings.projectId')
    .select(['buildings.id', 'buildings.projectId', 'buildings.name', 'projects.companyId'])
    .where('buildings.id', '=', buildingId)
    .executeTakeFirst();
}

/** Names of buildings and doors (楼栋, 楼门) by id, for showing an address in parts. */
export async function findPlaceNames(db: Tx, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter(Boolean))];
  if (wanted.length === 0) return new Map();
  const [buildings, doors] = await Promise.all([
    db.selectFrom('buildings').select(['id', 'name']).where('id', 'in', wanted).execute(),
    db.selectFrom('doors').select(['id', 'name']).where('id', 'in', wanted).execute(),
  ]);
  return new Map([...buildings, ...doors].map((row) => [row.id, row.name]));
}

export async function findDoor(db: Tx, doorId: string) {
  return db
    .selectFrom('doors')
    .select(['id', 'buildingId', 'name'])
    .where('id', '=', doorId)
    .executeTakeFirst();
}

export async function setStaffWorkplace(
  db: Tx,
  staffId: string,
  buildingId: string | null,
  doorId: string | null,
  at: string,
) {
  await db
    .updateTable('staff')
    .set({ buildingId, doorId, updatedAt: at })
    .where('id', '=', staffId)
    .execute();
}

export async function findDepartmentHead(db: Tx, departmentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('departments')
    .select('headStaffId')
    .where('id', '=', departmentId)
    .executeTakeFirst();
  return row?.headStaffId ?? null;
}

/** Staff holding a role on a project (or company-wide): who is on duty at a desk. */
export async function findStaffWithRoles(db: Db | Tx, companyId: string, roles: string[], projectId: string) {
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
