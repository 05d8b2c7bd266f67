import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { buildStaff, type TestOrg } from '../../../testing/factories.js';
import { updateDepartment } from '../../org/index.js';

type TestStaff = Actor & { username: string };

export interface ServiceDepartment {
  /** 何平, the department head escalations go to. */
  head: TestStaff;
  /** 孙丽, the agent at the service desk. */
  agent: TestStaff;
  /** 张三, a colleague in the department that callers ask for. */
  colleague: TestStaff;
}

/** The customer-service department (客服部) of the test org, as the calls tests work in it. */
export async function buildServiceDepartment(
  db: Db,
  org: TestOrg,
  now: Date,
  colleague: { mobile?: string; isMobileShareable?: boolean } = {},
): Promise<ServiceDepartment> {
  const head = await buildStaff(db, org, {
    displayName: '何平',
    roles: [{ role: 'dept_head', projectId: org.estateProjectId }],
    departmentId: org.departmentId,
  });
  await updateDepartment(db, {
    actor: org.system,
    departmentId: org.departmentId,
    name: '客服部',
    headStaffId: head.staffId,
    now,
  });
  const agent = await buildStaff(db, org, {
    displayName: '孙丽',
    roles: [{ role: 'agent', projectId: org.estateProjectId }],
    departmentId: org.departmentId,
  });
  return {
    head,
    agent,
    colleague: await buildStaff(db, org, {
      displayName: '张三',
      departmentId: org.departmentId,
      ...colleague,
    }),
  };
}
