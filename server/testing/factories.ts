import type { Role } from '../../contracts/roles.js';
import type { DeskKind } from '../modules/org/index.js';
import { createDepartment, createDesk, createProject, insertCompany } from '../modules/org/index.js';
import { changeSetting } from '../modules/settings/index.js';
import { type Actor, type RoleGrant, systemActor } from '../platform/auth/actor.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { Db } from '../platform/db/database.js';
import { newId } from '../platform/db/ids.js';
import { namePinyin } from '../platform/text/pinyin.js';

export const testPassword = 'Test-password-1';
let testPasswordHash: Promise<string> | undefined;

export interface TestOrg {
  companyId: string;
  system: Actor;
  salesProjectId: string;
  estateProjectId: string;
  serviceDeskId: string;
  postDeskId: string;
  salesDeskId: string;
  departmentId: string;
}

/** A company with one sales project, one managed estate and a desk of each kind. */
export async function buildOrg(db: Db, now = new Date('2026-11-27T02:00:00.000Z')): Promise<TestOrg> {
  const companyId = newId();
  await insertCompany(db, {
    id: companyId,
    name: '测试物业集团',
    shortName: '测试',
    createdAt: now.toISOString(),
  });
  const system = systemActor(companyId);
  const sales = await createProject(db, {
    actor: system,
    input: { name: '测试花园', kind: 'sales', city: '深圳', address: '' },
    now,
  });
  const estate = await createProject(db, {
    actor: system,
    input: { name: '测试家园', kind: 'estate', city: '深圳', address: '' },
    now,
  });
  const desk = (projectId: string, name: string, kind: DeskKind) =>
    createDesk(db, { actor: system, projectId, input: { name, kind, phone: '0755-1234567' }, now });
  const service = await desk(estate.id, '客户服务中心', 'service_centre');
  const post = await desk(estate.id, '东门卡口', 'security_post');
  const salesLine = await desk(sales.id, '销售热线', 'sales_line');
  const department = await createDepartment(db, { actor: system, name: '客服部', headStaffId: null, now });
  // Tests sign in as every role with a password alone; a test about two-step verification sets
  // the roles that require it (the product's default requires it of finance, managers,
  // controllers and administrators).
  await withoutRequiredTwoFactor(db, system, now);
  return {
    companyId,
    system,
    salesProjectId: sales.id,
    estateProjectId: estate.id,
    serviceDeskId: service.id,
    postDeskId: post.id,
    salesDeskId: salesLine.id,
    departmentId: department.id,
  };
}

/** The company requires two-step verification of no role (as the demo company, and every test company). */
export async function withoutRequiredTwoFactor(db: Db, actor: Actor, now = new Date()): Promise<void> {
  await changeSetting(db, {
    actor,
    key: 'auth.twoFactorRoles',
    scope: { scopeType: 'company', scopeId: actor.companyId },
    context: { companyId: actor.companyId },
    value: [],
    now,
  });
}

/**
 * Another company (tenant), with nothing in it: for tests that prove one company's callers learn
 * nothing of another's (issue 13's access matrix builds its company B with it).
 */
export async function buildCompany(
  db: Db,
  options: { name?: string; shortName?: string; now?: Date } = {},
): Promise<{ companyId: string; system: Actor }> {
  const companyId = newId();
  await insertCompany(db, {
    id: companyId,
    name: options.name ?? '另一物业集团',
    shortName: options.shortName ?? '另一',
    createdAt: (options.now ?? new Date('2026-11-27T02:00:00.000Z')).toISOString(),
  });
  const system = systemActor(companyId);
  await withoutRequiredTwoFactor(db, system, options.now);
  return { companyId, system };
}

let staffCounter = 0;

/**
 * A member of staff inserted directly (one shared password hash, so factories stay fast);
 * returns the actor a use case would receive for them.
 */
export async function buildStaff(
  db: Db,
  org: Pick<TestOrg, 'companyId'>,
  options: {
    roles?: Array<Role | RoleGrant>;
    displayName?: string;
    username?: string;
    departmentId?: string | null;
    mobile?: string;
    isMobileShareable?: boolean;
  } = {},
): Promise<Actor & { username: string }> {
  testPasswordHash ??= hashPassword(testPassword);
  staffCounter += 1;
  const displayName = options.displayName ?? `测试员工${staffCounter}`;
  const username = options.username ?? `staff${staffCounter}_${newId().slice(0, 6)}`;
  const at = new Date().toISOString();
  const pinyin = namePinyin(displayName);
  const id = newId();
  await db
    .insertInto('staff')
    .values({
      id,
      companyId: org.companyId,
      username,
      displayName,
      namePinyin: pinyin.full,
      nameInitials: pinyin.initials,
      departmentId: options.departmentId ?? null,
      title: '',
      officePhone: '',
      mobile: options.mobile ?? '',
      isMobileShareable: options.isMobileShareable ? 1 : 0,
      buildingId: null,
      doorId: null,
      presence: 'at_desk',
      presenceChangedAt: at,
      passwordHash: await testPasswordHash,
      mustChangePassword: 0,
      locale: 'zh-CN',
      isDisabled: 0,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  const grants: RoleGrant[] = (options.roles ?? []).map((grant) =>
    typeof grant === 'string' ? { role: grant, projectId: null } : grant,
  );
  if (grants.length)
    await db
      .insertInto('staffRoles')
      .values(
        grants.map((grant) => ({ id: newId(), staffId: id, role: grant.role, projectId: grant.projectId })),
      )
      .execute();
  return { staffId: id, companyId: org.companyId, displayName, locale: 'zh-CN', grants, username };
}
