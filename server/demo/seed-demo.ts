import type { Role } from '../../contracts/roles.js';
import { seedCallDeskDemo } from '../modules/calls/index.js';
import { seedDealsDemo } from '../modules/deals/index.js';
import { seedSalesControlDemo } from '../modules/opening/index.js';
import {
  createBuilding,
  createDepartment,
  createDesk,
  createDoor,
  createProject,
  findFirstCompany,
  insertCompany,
  updateDepartment,
} from '../modules/org/index.js';
import { seedReceptionDemo } from '../modules/reception/index.js';
import { seedResidentsDemo } from '../modules/residents/index.js';
import { changeSetting } from '../modules/settings/index.js';
import { createStaff } from '../modules/staff/index.js';
import { seedWorkOrdersDemo } from '../modules/workorders/index.js';
import { type Actor, systemActor } from '../platform/auth/actor.js';
import type { Db } from '../platform/db/database.js';
import { newId } from '../platform/db/ids.js';

/** Known only in demo data: printed on first start, and used by the browser tests. */
export const demoPassword = 'Yingke2026';

export interface DemoLogin {
  username: string;
  displayName: string;
  roles: string;
}

interface DemoPerson {
  username: string;
  displayName: string;
  department: string;
  title: string;
  mobile: string;
  isMobileShareable: boolean;
  roles: Array<{ role: Role; project?: 'sales' | 'estate' }>;
}

const people: DemoPerson[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    department: '综合管理部',
    title: '系统管理员',
    mobile: '13800000001',
    isMobileShareable: false,
    roles: [{ role: 'admin' }],
  },
  {
    username: 'manager',
    displayName: '王建国',
    department: '营销部',
    title: '项目经理',
    mobile: '13800000002',
    isMobileShareable: true,
    roles: [{ role: 'manager', project: 'sales' }],
  },
  {
    username: 'controller',
    displayName: '李娜',
    department: '营销部',
    title: '销控专员',
    mobile: '13800000003',
    isMobileShareable: false,
    roles: [{ role: 'controller', project: 'sales' }],
  },
  {
    username: 'zhangwei',
    displayName: '张伟',
    department: '营销部',
    title: '置业顾问',
    mobile: '13800000004',
    isMobileShareable: true,
    roles: [{ role: 'consultant', project: 'sales' }],
  },
  {
    username: 'liuyang',
    displayName: '刘洋',
    department: '营销部',
    title: '置业顾问',
    mobile: '13800000005',
    isMobileShareable: true,
    roles: [{ role: 'consultant', project: 'sales' }],
  },
  {
    username: 'chenjing',
    displayName: '陈静',
    department: '营销部',
    title: '置业顾问',
    mobile: '13800000006',
    isMobileShareable: false,
    roles: [{ role: 'consultant', project: 'sales' }],
  },
  {
    username: 'zhaolei',
    displayName: '赵磊',
    department: '营销部',
    title: '置业顾问',
    mobile: '13800000007',
    isMobileShareable: true,
    roles: [{ role: 'consultant', project: 'sales' }],
  },
  {
    username: 'finance',
    displayName: '周敏',
    department: '财务部',
    title: '出纳',
    mobile: '13800000008',
    isMobileShareable: false,
    roles: [{ role: 'finance', project: 'sales' }],
  },
  {
    username: 'agent',
    displayName: '孙丽',
    department: '客服部',
    title: '客服专员',
    mobile: '13800000009',
    isMobileShareable: false,
    roles: [{ role: 'agent', project: 'estate' }],
  },
  {
    username: 'agent2',
    displayName: '吴芳',
    department: '客服部',
    title: '客服专员',
    mobile: '13800000010',
    isMobileShareable: false,
    roles: [{ role: 'agent', project: 'estate' }],
  },
  {
    username: 'servicehead',
    displayName: '何平',
    department: '客服部',
    title: '客服部经理',
    mobile: '13800000011',
    isMobileShareable: true,
    roles: [{ role: 'dept_head', project: 'estate' }],
  },
  {
    username: 'guard',
    displayName: '郑强',
    department: '保安部',
    title: '保安员',
    mobile: '13800000012',
    isMobileShareable: false,
    roles: [{ role: 'guard', project: 'estate' }],
  },
  {
    username: 'guard2',
    displayName: '冯军',
    department: '保安部',
    title: '物业管理员',
    mobile: '13800000013',
    isMobileShareable: false,
    roles: [{ role: 'guard', project: 'estate' }],
  },
  {
    username: 'securityhead',
    displayName: '许刚',
    department: '保安部',
    title: '保安队长',
    mobile: '13800000014',
    isMobileShareable: true,
    roles: [{ role: 'dept_head', project: 'estate' }],
  },
  {
    username: 'dpo',
    displayName: '林静',
    department: '法务部',
    title: '个人信息保护负责人',
    mobile: '13800000017',
    isMobileShareable: false,
    roles: [{ role: 'dpo' }],
  },
  {
    username: 'engineer',
    displayName: '单志强',
    department: '工程部',
    title: '维修主管',
    mobile: '13800000015',
    isMobileShareable: true,
    roles: [{ role: 'engineer', project: 'estate' }],
  },
];

const departmentHeads: Record<string, string> = {
  客服部: 'servicehead',
  保安部: 'securityhead',
  营销部: 'manager',
};

/** Printed under the demo logins wherever they are listed. */
export const demoTwoFactorNote =
  'demo: two-factor not required; 设置 → 账号安全 to require it / 演示数据未要求两步验证,可在 设置 → 账号安全 中开启';

export async function hasAnyCompany(db: Db): Promise<boolean> {
  return Boolean(await findFirstCompany(db));
}

/**
 * The demo organisation of a fresh install: a property group with one sales project and one
 * managed estate, their desks, and a member of staff in every role. Goes through the same use
 * cases as the screens, so the audit log starts with it.
 */
export async function seedDemoOrganisation(
  db: Db,
  now: Date = new Date(),
): Promise<{ logins: DemoLogin[]; actor: Actor; projectIds: { sales: string; estate: string } }> {
  const companyId = newId();
  await insertCompany(db, {
    id: companyId,
    name: '迎客置业集团',
    shortName: '迎客',
    createdAt: now.toISOString(),
  });
  const actor = systemActor(companyId);
  // Every demo login (and every browser test) signs in with the demo password alone; the
  // administrator turns two-step verification on under 设置 → 安全 (the startup banner says so).
  await changeSetting(db, {
    actor,
    key: 'auth.twoFactorRoles',
    scope: { scopeType: 'company', scopeId: companyId },
    context: { companyId },
    value: [],
    now,
  });

  const sales = await createProject(db, {
    actor,
    input: { name: '翠湖花园', kind: 'sales', city: '深圳', address: '深圳市南山区翠湖路 88 号' },
    now,
  });
  const estate = await createProject(db, {
    actor,
    input: { name: '锦绣家园', kind: 'estate', city: '深圳', address: '深圳市福田区锦绣路 18 号' },
    now,
  });
  for (const [index, floors] of [18, 16].entries())
    await createBuilding(db, {
      actor,
      projectId: sales.id,
      input: { name: `${index + 1}栋`, floorCount: floors, sortOrder: index },
      now,
    });
  for (let index = 0; index < 6; index++) {
    const building = await createBuilding(db, {
      actor,
      projectId: estate.id,
      input: { name: `${index + 1}栋`, floorCount: 11, sortOrder: index },
      now,
    });
    for (const door of ['1单元', '2单元'])
      await createDoor(db, { actor, buildingId: building.id, name: door, now });
  }

  await createDesk(db, {
    actor,
    projectId: estate.id,
    input: { name: '客户服务中心', kind: 'service_centre', phone: '0755-88880000' },
    now,
  });
  await createDesk(db, {
    actor,
    projectId: estate.id,
    input: { name: '物业部办公室', kind: 'security_post', phone: '0755-88880001' },
    now,
  });
  await createDesk(db, {
    actor,
    projectId: estate.id,
    input: { name: '东门卡口', kind: 'security_post', phone: '0755-88880002' },
    now,
  });
  await createDesk(db, {
    actor,
    projectId: estate.id,
    input: { name: '南门卡口', kind: 'security_post', phone: '0755-88880003' },
    now,
  });
  await createDesk(db, {
    actor,
    projectId: sales.id,
    input: { name: '销售热线', kind: 'sales_line', phone: '0755-66668888' },
    now,
  });

  const departmentIds = new Map<string, string>();
  for (const name of new Set(people.map((person) => person.department))) {
    const department = await createDepartment(db, { actor, name, headStaffId: null, now });
    departmentIds.set(name, department.id);
  }

  const projectIdOf = { sales: sales.id, estate: estate.id };
  const staffIds = new Map<string, string>();
  for (const person of people) {
    const created = await createStaff(db, {
      actor,
      now,
      mustChangePassword: false,
      input: {
        username: person.username,
        password: demoPassword,
        displayName: person.displayName,
        departmentId: departmentIds.get(person.department) ?? null,
        title: person.title,
        officePhone: '',
        mobile: person.mobile,
        isMobileShareable: person.isMobileShareable,
        locale: 'zh-CN',
        roles: person.roles.map((grant) => ({
          role: grant.role,
          projectId: grant.project ? projectIdOf[grant.project] : null,
        })),
      },
    });
    staffIds.set(person.username, created.id);
  }
  for (const [department, username] of Object.entries(departmentHeads))
    await updateDepartment(db, {
      actor,
      departmentId: departmentIds.get(department)!,
      name: department,
      headStaffId: staffIds.get(username)!,
      now,
    });

  await seedCallDeskDemo(db, { actor, estateProjectId: estate.id, staffIds, now });
  await seedResidentsDemo(db, { actor, estateProjectId: estate.id, now });
  await seedSalesControlDemo(db, { companyId, salesProjectId: sales.id, staffIds, now });
  await seedDealsDemo(db, { actor, salesProjectId: sales.id, staffIds, now });
  await seedReceptionDemo(db, { actor, salesProjectId: sales.id, staffIds, now });
  await seedWorkOrdersDemo(db, { actor, estateProjectId: estate.id, staffIds, now });

  return {
    actor,
    projectIds: projectIdOf,
    logins: people.map((person) => ({
      username: person.username,
      displayName: person.displayName,
      roles: `${person.title}`,
    })),
  };
}
