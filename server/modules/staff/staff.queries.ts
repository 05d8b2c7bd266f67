import { sql } from 'kysely';
import type { Role } from '../../../contracts/roles.js';
import type { RoleGrant } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { escapeLike } from '../../platform/text/pinyin.js';
import type { Presence, SessionsTable, StaffTable } from './staff.tables.js';

export type StaffRow = StaffTable;

export async function findStaffByUsername(db: Tx, username: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findStaffRowById(db: Tx, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findGrants(db: Tx, staffIds: string[]): Promise<Map<string, RoleGrant[]>> {
  const grants = new Map<string, RoleGrant[]>();
  if (staffIds.length === 0) return grants;
  const rows = await db
    .selectFrom('staffRoles')
    .select(['staffId', 'role', 'projectId'])
    .where('staffId', 'in', staffIds)
    .orderBy('role')
    .execute();
  for (const row of rows) {
    const list = grants.get(row.staffId) ?? [];
    list.push({ role: row.role, projectId: row.projectId });
    grants.set(row.staffId, list);
  }
  return grants;
}

export async function insertStaff(db: Tx, row: StaffRow): Promise<void> {
  await db.insertInto('staff').values(row).execute();
}

export async function updateStaffRow(db: Tx, id: string, changes: Partial<StaffRow>): Promise<void> {
  await db.updateTable('staff').set(changes).where('id', '=', id).execute();
}

/**
 * One more failed sign-in on the account, counted in the database (not from a count read before):
 * attempts at the same moment, on any instance, each add one. Answers the new count.
 */
export async function incrementFailedLogins(db: Tx, id: string): Promise<number> {
  const row = await db
    .updateTable('staff')
    .set((eb) => ({ failedLogins: eb('failedLogins', '+', 1) }))
    .where('id', '=', id)
    .returning('failedLogins')
    .executeTakeFirstOrThrow();
  return Number(row.failedLogins);
}

export async function replaceGrants(db: Tx, staffId: string, grants: RoleGrant[]): Promise<void> {
  await db.deleteFrom('staffRoles').where('staffId', '=', staffId).execute();
  if (grants.length === 0) return;
  await db
    .insertInto('staffRoles')
    .values(grants.map((grant) => ({ id: newId(), staffId, role: grant.role, projectId: grant.projectId })))
    .execute();
}

export interface StaffFilter {
  companyId: string;
  search?: string;
  departmentId?: string;
  role?: Role;
  projectId?: string;
  status?: 'active' | 'disabled';
}

export type StaffSortKey = 'displayName' | 'username' | 'createdAt' | 'departmentName';

function filteredStaff(db: Db, filter: StaffFilter) {
  let query = db.selectFrom('staff').where('staff.companyId', '=', filter.companyId);
  if (filter.departmentId) query = query.where('staff.departmentId', '=', filter.departmentId);
  if (filter.status) query = query.where('staff.isDisabled', '=', filter.status === 'disabled' ? 1 : 0);
  if (filter.role || filter.projectId) {
    const { role, projectId } = filter;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('staffRoles')
          .select('staffRoles.id')
          .whereRef('staffRoles.staffId', '=', 'staff.id')
          .$if(Boolean(role), (sub) => sub.where('staffRoles.role', '=', role!))
          .$if(Boolean(projectId), (sub) =>
            sub.where((inner) =>
              inner.or([
                inner('staffRoles.projectId', '=', projectId!),
                inner('staffRoles.projectId', 'is', null),
              ]),
            ),
          ),
      ),
    );
  }
  const search = filter.search?.trim().toLowerCase();
  if (search) {
    const contains = `%${escapeLike(search)}%`;
    const prefix = `${escapeLike(search)}%`;
    const digits = search.replace(/\D/g, '');
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(staff.display_name)`, 'like', sql`${contains} ESCAPE '\\'`),
        eb('staff.namePinyin', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        eb('staff.nameInitials', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        eb(sql`lower(staff.username)`, 'like', sql`${contains} ESCAPE '\\'`),
        ...(digits.length >= 4
          ? [eb('staff.mobile', 'like', `%${digits}`), eb('staff.officePhone', 'like', `%${digits}%`)]
          : []),
      ]),
    );
  }
  return query;
}

/**
 * One page of the company's staff. `departmentOrder` lists department ids in name order (from org),
 * so a sort by department name needs no join of org's table; each row's name is merged by the caller.
 */
export async function findStaffPage(
  db: Db,
  filter: StaffFilter,
  page: { offset: number; limit: number; sort: StaffSortKey; order: 'asc' | 'desc' },
  departmentOrder: string[],
) {
  const byDepartmentName =
    departmentOrder.length === 0
      ? sql<number | null>`null`
      : sql<number | null>`case ${sql.join(
          departmentOrder.map((id, rank) => sql`when staff.department_id = ${id} then ${rank}`),
          sql` `,
        )} else null end`;
  const sortColumn = {
    displayName: sql`staff.name_pinyin`,
    username: sql`staff.username`,
    createdAt: sql`staff.created_at`,
    departmentName: byDepartmentName,
  } as const;
  const base = filteredStaff(db, filter);
  const [rows, count] = await Promise.all([
    base
      .selectAll('staff')
      .orderBy(sortColumn[page.sort], page.order)
      .orderBy('staff.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export async function countStaffByDepartment(db: Db, companyId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('staff')
    .select((eb) => ['departmentId', eb.fn.countAll<number>().as('count')])
    .where('companyId', '=', companyId)
    .where('departmentId', 'is not', null)
    .groupBy('departmentId')
    .execute();
  return new Map(rows.map((row) => [row.departmentId as string, Number(row.count)]));
}

export async function staffBelongsToCompany(db: Tx, staffId: string, companyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('id', '=', staffId)
    .where('companyId', '=', companyId)
    .executeTakeFirst();
  return Boolean(row);
}

export async function setPresence(db: Tx, staffId: string, presence: Presence, at: string): Promise<void> {
  await db
    .updateTable('staff')
    .set({ presence, presenceChangedAt: at, updatedAt: at })
    .where('id', '=', staffId)
    .execute();
}

// --- sessions and sign-in attempts ---

export async function insertSession(db: Tx, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Tx, id: string): Promise<SessionsTable | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The session and the few staff columns every authenticated request needs, in one query. */
export async function findSessionWithStaff(db: Tx, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staffId')
    .leftJoin('staffTwoFactor', (join) =>
      join
        .onRef('staffTwoFactor.staffId', '=', 'sessions.staffId')
        .on('staffTwoFactor.confirmedAt', 'is not', null),
    )
    .select([
      'sessions.id',
      'sessions.staffId',
      'sessions.csrfToken',
      'sessions.createdAt',
      'sessions.lastSeenAt',
      'sessions.expiresAt',
      'sessions.isSecondFactorPending',
      'staff.companyId',
      'staff.displayName',
      'staff.locale',
      'staff.isDisabled',
      'staff.mustChangePassword',
      'staffTwoFactor.confirmedAt as twoFactorConfirmedAt',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Tx, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', id).execute();
}

/** Deletes a session; answers whose it was (null when there was none). */
export async function deleteSession(db: Tx, id: string): Promise<string | null> {
  const row = await db.deleteFrom('sessions').where('id', '=', id).returning('staffId').executeTakeFirst();
  return row?.staffId ?? null;
}

export async function deleteSessionsOfStaff(
  db: Tx,
  staffId: string,
  exceptSessionId?: string,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('staffId', '=', staffId);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  await query.execute();
}

export async function deleteExpiredSessions(db: Tx, now: string, idleBefore: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expiresAt', '<=', now), eb('lastSeenAt', '<=', idleBefore)]))
    .execute();
}

export async function insertLoginAttempt(
  db: Tx,
  attempt: { username: string; ip: string; at: string; isSuccess: boolean },
) {
  await db
    .insertInto('loginAttempts')
    .values({
      id: newId(),
      username: attempt.username,
      ip: attempt.ip,
      at: attempt.at,
      isSuccess: attempt.isSuccess ? 1 : 0,
    })
    .execute();
}

export async function countFailedAttempts(
  db: Tx,
  where: { ip?: string; username?: string; since: string },
): Promise<number> {
  let query = db.selectFrom('loginAttempts').where('isSuccess', '=', 0).where('at', '>=', where.since);
  if (where.ip) query = query.where('ip', '=', where.ip);
  if (where.username) query = query.where('username', '=', where.username);
  const row = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Members of staff as other modules address them (notify's recipients, names beside records). */
export async function findStaffContacts(db: Tx, ids: readonly string[]) {
  const rows: Array<Pick<StaffRow, 'id' | 'companyId' | 'displayName' | 'mobile' | 'locale' | 'isDisabled'>> =
    [];
  const unique = [...new Set(ids)];
  for (let index = 0; index < unique.length; index += 500)
    rows.push(
      ...(await db
        .selectFrom('staff')
        .select(['id', 'companyId', 'displayName', 'mobile', 'locale', 'isDisabled'])
        .where('id', 'in', unique.slice(index, index + 500))
        .execute()),
    );
  return rows;
}

/** The ids of a company's staff, as a subquery (`where actorId in …`). */
export function staffIdsOfCompany(db: Tx, companyId: string) {
  return db.selectFrom('staff').select('staff.id').where('staff.companyId', '=', companyId);
}

/** Display names by staff id, for other modules' lists (holders, authors, verifiers). */
export async function findStaffNames(db: Tx, staffIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(staffIds)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'displayName']).where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, row.displayName]));
}
