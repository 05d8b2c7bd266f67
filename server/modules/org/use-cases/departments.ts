import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/errors.js';
import { orgErrors } from '../org.errors.js';
import * as queries from '../org.queries.js';
import { assertSeesCompany, auditedChange, notFound } from './org-access.js';

// --- departments ---

export async function findDepartments(db: Db, actor: Actor) {
  assertSeesCompany(actor);
  const rows = await queries.findDepartmentsWithCounts(db, actor.companyId);
  return rows.map((row) => ({ ...row, staffCount: Number(row.staffCount ?? 0) }));
}

export async function getDepartmentById(db: Tx, actor: Pick<Actor, 'companyId'>, departmentId: string) {
  const department = await queries.findDepartmentRow(db, departmentId);
  if (!department || department.companyId !== actor.companyId) throw notFound('department');
  return department;
}

async function assertStaffOfCompany(db: Tx, staffId: string | null, companyId: string) {
  if (staffId && !(await queries.staffBelongsToCompany(db, staffId, companyId)))
    throw new AppError(orgErrors.UNKNOWN_STAFF, {}, { headStaffId: orgErrors.UNKNOWN_STAFF.message });
}

export async function createDepartment(
  db: Db,
  options: { actor: Actor; name: string; headStaffId: string | null; now: Date },
) {
  const { actor, name, headStaffId, now } = options;
  assertSeesCompany(actor);
  return auditedChange(db, name, async (trx) => {
    await assertStaffOfCompany(trx, headStaffId, actor.companyId);
    const row = { id: newId(), companyId: actor.companyId, name, headStaffId, createdAt: now.toISOString() };
    await queries.insertDepartment(trx, row);
    return {
      result: row,
      audit: { actor, at: now, entityType: 'department', entityId: row.id, action: 'create', after: row },
    };
  });
}

export async function updateDepartment(
  db: Db,
  options: { actor: Actor; departmentId: string; name: string; headStaffId: string | null; now: Date },
) {
  const { actor, departmentId, name, headStaffId, now } = options;
  return auditedChange(db, name, async (trx) => {
    const before = await getDepartmentById(trx, actor, departmentId);
    assertSeesCompany(actor);
    await assertStaffOfCompany(trx, headStaffId, actor.companyId);
    await queries.updateDepartmentRow(trx, departmentId, { name, headStaffId });
    const after = { ...before, name, headStaffId };
    return {
      result: after,
      audit: {
        actor,
        at: now,
        entityType: 'department',
        entityId: departmentId,
        action: 'update',
        before,
        after,
      },
    };
  });
}
