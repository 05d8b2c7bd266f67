import type { SalesTarget } from '../../../contracts/dashboard.js';
import { type Actor, assertProjectRole } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { localized } from '../../platform/errors.js';
import { writeAudit } from '../audit/index.js';
import { getVisibleProject } from '../org/index.js';
import { findStaffNames } from '../staff/index.js';
import * as queries from './dashboard.queries.js';
import { wholeProjectRoles } from './dashboard.service.js';
import type { DashboardTargetsTable } from './dashboard.tables.js';

const entity = localized('项目', '項目', 'Project');

async function assertManages(db: Tx, actor: Actor, projectId: string) {
  visibility(actor, 'project').assertProject(projectId, entity);
  await getVisibleProject(db, actor, projectId);
  assertProjectRole(actor, projectId, wholeProjectRoles);
}

async function views(db: Tx, rows: DashboardTargetsTable[]): Promise<SalesTarget[]> {
  const names = await findStaffNames(
    db,
    rows.map((row) => row.updatedBy),
  );
  return rows.map((row) => ({
    projectId: row.projectId,
    month: row.month,
    units: row.units,
    amountFen: Number(row.amountFen),
    updatedByName: names.get(row.updatedBy) ?? '',
    updatedAt: row.updatedAt,
  }));
}

/** A project's monthly targets of one year; its manager and the administrator read and set them. */
export async function findSalesTargets(db: Db, options: { actor: Actor; projectId: string; year: string }) {
  await assertManages(db, options.actor, options.projectId);
  return views(db, await queries.findTargetsOfYear(db, options.projectId, options.year));
}

/** Sets (or changes) a project's target for a month; the change and the target before it are audited. */
export async function setSalesTarget(
  db: Db,
  options: { actor: Actor; projectId: string; month: string; units: number; amountFen: number; now: Date },
): Promise<SalesTarget> {
  const { actor, projectId, month, now } = options;
  await assertManages(db, actor, projectId);
  return db.transaction().execute(async (trx) => {
    const before = await queries.findTarget(trx, projectId, month);
    const change = {
      units: options.units,
      amountFen: options.amountFen,
      updatedBy: actor.staffId,
      updatedAt: now.toISOString(),
    };
    const row: DashboardTargetsTable = before
      ? { ...before, ...change }
      : { id: newId(), companyId: actor.companyId, projectId, month, ...change };
    if (before) await queries.updateTarget(trx, before.id, change);
    else await queries.insertTarget(trx, row);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId,
      entityType: 'sales_target',
      entityId: row.id,
      action: before ? 'update' : 'create',
      before: before ? { month, units: before.units, amountFen: Number(before.amountFen) } : undefined,
      after: { month, units: options.units, amountFen: options.amountFen },
    });
    return (await views(trx, [row]))[0]!;
  });
}
