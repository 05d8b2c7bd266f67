import type { Locale } from '../../../contracts/locales.js';
import type { Role } from '../../../contracts/roles.js';
import { type Actor, hasAnyRole, type RoleGrant } from '../../platform/auth/actor.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { visibility } from '../../platform/auth/scope.js';
import { isUniqueViolation } from '../../platform/db/constraints.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { maskPhone } from '../../platform/privacy/mask.js';
import { namePinyin } from '../../platform/text/pinyin.js';
import { writeAudit } from '../audit/index.js';
import { findDepartmentNames, getDepartmentById, getProjectById } from '../org/index.js';
import { announceSessionChange, forgetSessionsOf } from './session-cache.js';
import { staffErrors } from './staff.errors.js';
import type { StaffRow } from './staff.queries.js';
import * as queries from './staff.queries.js';
import { findConfirmedTwoFactor } from './two-factor.queries.js';

export interface StaffProfileInput {
  displayName: string;
  departmentId: string | null;
  title: string;
  officePhone: string;
  mobile: string;
  isMobileShareable: boolean;
  locale: Locale;
  roles: RoleGrant[];
}

export interface StaffCreateInput extends StaffProfileInput {
  username: string;
  password: string;
}

/** What the audit log keeps of a member of staff: never the password hash, never a whole mobile (PRIV). */
function auditView(row: StaffRow, grants: RoleGrant[]) {
  const { passwordHash: _hash, failedLogins: _failed, lockedUntil: _locked, ...rest } = row;
  return { ...rest, mobile: rest.mobile ? maskPhone(rest.mobile) : '', roles: grants };
}

async function assertReferencesExist(
  db: Tx,
  actor: Actor,
  input: Pick<StaffProfileInput, 'departmentId' | 'roles'>,
) {
  if (input.departmentId) {
    try {
      await getDepartmentById(db, actor, input.departmentId);
    } catch {
      throw new AppError(
        staffErrors.UNKNOWN_REFERENCE,
        { entity: localized('部门', '部門', 'Department') },
        { departmentId: localized('部门不存在', '部門不存在', 'No such department') },
      );
    }
  }
  for (const [index, grant] of input.roles.entries()) {
    // An administrator of some projects hands out roles only there: never company-wide ones.
    if (!hasAnyRole(actor, ['admin'], grant.projectId)) throw new AppError(commonErrors.FORBIDDEN);
    if (!grant.projectId) continue;
    try {
      await getProjectById(db, actor, grant.projectId);
    } catch {
      throw new AppError(
        staffErrors.UNKNOWN_REFERENCE,
        { entity: localized('项目', '項目', 'Project') },
        {
          [`roles.${index}.projectId`]: localized('项目不存在', '項目不存在', 'No such project'),
        },
      );
    }
  }
}

function uniqueGrants(grants: RoleGrant[]): RoleGrant[] {
  const seen = new Set<string>();
  return grants.filter((grant) => {
    const key = `${grant.role}|${grant.projectId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function profileColumns(input: StaffProfileInput) {
  const pinyin = namePinyin(input.displayName);
  return {
    displayName: input.displayName,
    namePinyin: pinyin.full,
    nameInitials: pinyin.initials,
    departmentId: input.departmentId,
    title: input.title,
    officePhone: input.officePhone,
    mobile: input.mobile,
    isMobileShareable: input.isMobileShareable ? 1 : 0,
    locale: input.locale,
  };
}

/** Staff administration is the company's (company scope): its people, nobody else's. */
function assertSeesStaffOf(actor: Actor, companyId: string): void {
  visibility(actor, 'company').assertSees({ companyId, projectId: null }, staffEntity);
}

export async function createStaff(
  db: Db,
  options: { actor: Actor; input: StaffCreateInput; now: Date; mustChangePassword?: boolean },
) {
  const { actor, input, now } = options;
  assertSeesStaffOf(actor, actor.companyId);
  const passwordHash = await hashPassword(input.password);
  const at = now.toISOString();
  const row: StaffRow = {
    id: newId(),
    companyId: actor.companyId,
    username: input.username,
    ...profileColumns(input),
    buildingId: null,
    doorId: null,
    presence: 'off',
    presenceChangedAt: at,
    passwordHash,
    mustChangePassword: (options.mustChangePassword ?? true) ? 1 : 0,
    isDisabled: 0,
    failedLogins: 0,
    lockedUntil: null,
    createdAt: at,
    updatedAt: at,
  };
  const grants = uniqueGrants(input.roles);
  try {
    await db.transaction().execute(async (trx) => {
      await assertReferencesExist(trx, actor, input);
      await queries.insertStaff(trx, row);
      await queries.replaceGrants(trx, row.id, grants);
      await writeAudit(trx, {
        actor,
        at: now,
        entityType: 'staff',
        entityId: row.id,
        action: 'create',
        after: auditView(row, grants),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(
        staffErrors.USERNAME_TAKEN,
        { username: input.username },
        { username: staffErrors.USERNAME_TAKEN.message },
      );
    throw error;
  }
  return getStaffById(db, actor, row.id);
}

const staffEntity = localized('员工', '員工', 'Staff member');

/** A member of staff as the administration screens read it (company scope). */
export async function getStaffMember(db: Tx, actor: Actor, staffId: string) {
  const staff = await getStaffById(db, actor, staffId);
  assertSeesStaffOf(actor, staff.companyId);
  return staff;
}

export async function getStaffById(db: Tx, actor: Pick<Actor, 'companyId'>, staffId: string) {
  const staff = await queries.findStaffRowById(db, staffId);
  if (!staff || staff.companyId !== actor.companyId)
    throw new AppError(commonErrors.NOT_FOUND, { entity: staffEntity });
  const departments = await findDepartmentNames(db, staff.companyId);
  const row = { ...staff, departmentName: departmentNameOf(departments, staff.departmentId) };
  const grants = (await queries.findGrants(db, [row.id])).get(row.id) ?? [];
  const withTwoFactor = await findConfirmedTwoFactor(db, [row.id]);
  return { ...row, roles: grants, hasTwoFactor: withTwoFactor.has(row.id) };
}

function assertNotLockingSelfOut(actor: Actor, staffId: string, grants: RoleGrant[] | null) {
  if (actor.staffId !== staffId) return;
  if (grants === null || !grants.some((grant) => grant.role === 'admin' && grant.projectId === null))
    throw new AppError(staffErrors.CANNOT_LOCK_SELF_OUT);
}

export async function updateStaff(
  db: Db,
  options: { actor: Actor; staffId: string; input: Partial<StaffProfileInput>; now: Date },
) {
  const { actor, staffId, now } = options;
  await db.transaction().execute(async (trx) => {
    const before = await getStaffMember(trx, actor, staffId);
    const input = mergeProfile(before, options.input);
    const wasAdmin = actor.grants.some((grant) => grant.role === 'admin' && grant.projectId === null);
    if (wasAdmin) assertNotLockingSelfOut(actor, staffId, input.roles);
    const grants = uniqueGrants(input.roles);
    await assertReferencesExist(trx, actor, input);
    await queries.updateStaffRow(trx, staffId, { ...profileColumns(input), updatedAt: now.toISOString() });
    await queries.replaceGrants(trx, staffId, grants);
    await announceSessionChange(trx, staffId);
    const after = await getStaffById(trx, actor, staffId);
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'staff',
      entityId: staffId,
      action: 'update',
      before: auditView(before, before.roles),
      after: auditView(after, grants),
    });
  });
  forgetSessionsOf(db, staffId);
  return getStaffById(db, actor, staffId);
}

/** The stored profile with the fields the request named laid over it. */
function mergeProfile(
  current: Awaited<ReturnType<typeof getStaffById>>,
  changes: Partial<StaffProfileInput>,
): StaffProfileInput {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  return {
    displayName: current.displayName,
    departmentId: current.departmentId,
    title: current.title,
    officePhone: current.officePhone,
    mobile: current.mobile,
    isMobileShareable: Boolean(current.isMobileShareable),
    locale: current.locale as Locale,
    roles: current.roles,
    ...defined,
  };
}

/** Disabling ends every session of that person in the same transaction. */
export async function setStaffDisabled(
  db: Db,
  options: { actor: Actor; staffId: string; isDisabled: boolean; now: Date },
) {
  const { actor, staffId, isDisabled, now } = options;
  if (isDisabled) assertNotLockingSelfOut(actor, staffId, null);
  await db.transaction().execute(async (trx) => {
    await getStaffMember(trx, actor, staffId);
    await queries.updateStaffRow(trx, staffId, {
      isDisabled: isDisabled ? 1 : 0,
      updatedAt: now.toISOString(),
    });
    if (isDisabled) await queries.deleteSessionsOfStaff(trx, staffId);
    await announceSessionChange(trx, staffId);
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'staff',
      entityId: staffId,
      action: isDisabled ? 'disable' : 'enable',
    });
  });
  forgetSessionsOf(db, staffId);
  return getStaffById(db, actor, staffId);
}

/** An administrator sets a temporary password; the person must change it at next sign-in. */
export async function resetStaffPassword(
  db: Db,
  options: { actor: Actor; staffId: string; newPassword: string; now: Date },
) {
  const { actor, staffId, now } = options;
  const passwordHash = await hashPassword(options.newPassword);
  await db.transaction().execute(async (trx) => {
    await getStaffMember(trx, actor, staffId);
    await queries.updateStaffRow(trx, staffId, {
      passwordHash,
      mustChangePassword: 1,
      failedLogins: 0,
      lockedUntil: null,
      updatedAt: now.toISOString(),
    });
    await queries.deleteSessionsOfStaff(trx, staffId);
    await announceSessionChange(trx, staffId);
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'staff',
      entityId: staffId,
      action: 'reset_password',
    });
  });
  forgetSessionsOf(db, staffId);
}

export interface StaffListQuery {
  search?: string;
  departmentId?: string;
  role?: Role;
  projectId?: string;
  status?: 'active' | 'disabled';
  sort: queries.StaffSortKey;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** The staff list of the administration screens (company scope). */
export async function listStaff(db: Db, actor: Actor, query: StaffListQuery) {
  assertSeesStaffOf(actor, actor.companyId);
  return findStaff(db, actor, query);
}

export async function findStaff(db: Db, actor: Actor, query: StaffListQuery) {
  const departments = await findDepartmentNames(db, actor.companyId);
  const page = await queries.findStaffPage(
    db,
    { companyId: actor.companyId, ...query },
    { offset: query.offset, limit: query.limit, sort: query.sort, order: query.order },
    [...departments.keys()],
  );
  const { total } = page;
  const rows = page.rows.map((row) => ({
    ...row,
    departmentName: departmentNameOf(departments, row.departmentId),
  }));
  const ids = rows.map((row) => row.id);
  const grants = await queries.findGrants(db, ids);
  const withTwoFactor = await findConfirmedTwoFactor(db, ids);
  return {
    rows: rows.map((row) => ({
      ...row,
      roles: grants.get(row.id) ?? [],
      hasTwoFactor: withTwoFactor.has(row.id),
    })),
    total,
  };
}

function departmentNameOf(names: Map<string, string>, departmentId: string | null): string | null {
  return departmentId ? (names.get(departmentId) ?? null) : null;
}
