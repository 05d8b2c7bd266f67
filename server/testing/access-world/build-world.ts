import type { Role } from '../../../contracts/roles.js';
import { createProject } from '../../modules/org/index.js';
import { type Actor, systemActor } from '../../platform/auth/actor.js';
import type { Database, Db } from '../../platform/db/database.js';
import { startJobRunner } from '../../platform/jobs/index.js';
import { buildCompany } from '../factories.js';
import { buildCustomers } from './customers.js';
import { buildDailyReport } from './daily-report.js';
import { buildDeal } from './deal.js';
import { buildDeskObjects } from './desk-objects.js';
import { buildOpening } from './opening.js';
import { buildReferenceData } from './reference-data.js';
import { buildResidents } from './residents.js';
import { buildSiteStaff, type Site, siteContext } from './site.js';
import type { AccessWorld, Relation, WorldObject } from './types.js';
import { buildWorkOrder } from './work-orders.js';

/** Every kind of object of one site, owned by / taken part in by the site's "other" consultant. */
async function buildSiteObjects(db: Db, site: Site, now: Date): Promise<WorldObject[]> {
  const ctx = siteContext(db, site, now);
  const { building, service, post, units } = await buildReferenceData(ctx);
  const { customerId } = await buildCustomers(ctx);
  await buildDeal(ctx, { buildingId: building.id, unitIds: units.map((unit) => unit.id), customerId });
  await buildDeskObjects(ctx, { service, post });
  await buildOpening(ctx, units);
  await buildDailyReport(ctx);
  await buildWorkOrder(ctx);
  await buildResidents(ctx);
  return ctx.objects;
}

const siteRoles: readonly Role[] = [
  'manager',
  'controller',
  'consultant',
  'finance',
  'agent',
  'guard',
  'dept_head',
  'engineer',
];

/** Builds the whole world (about a second on SQLite). */
export async function buildAccessWorld(
  database: Database,
  now = new Date('2026-11-27T02:00:00.000Z'),
): Promise<AccessWorld> {
  const db = database.db;
  const { companyId: companyA } = await buildCompany(db, { name: '甲物业集团', shortName: '甲', now });
  const { companyId: companyB } = await buildCompany(db, { name: '丙物业集团', shortName: '丙', now });
  const project = async (companyId: string, name: string) =>
    (
      await createProject(db, {
        actor: systemActor(companyId),
        input: { name, kind: 'sales', city: '深圳', address: '' },
        now,
      })
    ).id;
  const p1 = await project(companyA, '甲一花园');
  const p2 = await project(companyA, '甲二花园');
  const pb = await project(companyB, '丙花园');
  const estate = async (companyId: string, name: string) =>
    (
      await createProject(db, {
        actor: systemActor(companyId),
        input: { name, kind: 'estate', city: '深圳', address: '' },
        now,
      })
    ).id;
  const e1 = await estate(companyA, '甲一家园');
  const e2 = await estate(companyA, '甲二家园');
  const eb = await estate(companyB, '丙家园');

  const allRoles: Role[] = [
    'admin',
    'manager',
    'controller',
    'consultant',
    'finance',
    'agent',
    'guard',
    'dept_head',
    'dpo',
    'engineer',
  ];
  const siteA1 = await buildSiteStaff(
    db,
    { name: 'p1', companyId: companyA, projectId: p1, estateProjectId: e1 },
    allRoles,
  );
  const siteA2 = await buildSiteStaff(
    db,
    { name: 'p2', companyId: companyA, projectId: p2, estateProjectId: e2 },
    siteRoles,
  );
  const siteB = await buildSiteStaff(
    db,
    { name: 'b', companyId: companyB, projectId: pb, estateProjectId: eb },
    siteRoles,
  );

  // The answering order (SA-1) would give P1's visitor and call to the consultant who calls the
  // routes (and their colleagues in P2 and B): away while the world is built, the other consultant receives them.
  const consultants = [siteA1, siteA2, siteB].map((site) => site.staff.consultant!.staffId);
  const setPresence = (presence: 'away' | 'at_desk') =>
    db.updateTable('staff').set({ presence }).where('id', 'in', consultants).execute();
  await setPresence('away');
  const objects: WorldObject[] = [];
  for (const site of [siteA1, siteA2, siteB]) objects.push(...(await buildSiteObjects(db, site, now)));
  // The notifications queued above are delivered (the notify routes' deliveries and jobs).
  const runner = startJobRunner({ database, instanceId: 'access-world', now: () => now, autoStart: false });
  await runner.runUntilIdle();
  await runner.stop();
  for (const site of [siteA1, siteA2, siteB]) {
    const delivery = await db
      .selectFrom('notifyDeliveries')
      .select(['id', 'jobId', 'projectId'])
      .where('companyId', '=', site.companyId)
      .where('projectId', 'in', [site.projectId, site.estateProjectId])
      .executeTakeFirst();
    if (!delivery) continue;
    const scoped = { companyId: site.companyId, projectId: delivery.projectId };
    const relation: Relation =
      site.name === 'b' ? 'other-company' : site.name === 'p2' ? 'other-project' : 'other-consultant';
    const base = { site: site.name, relation, markers: [], secrets: [], scoped };
    objects.push(
      { ...base, kind: 'delivery', id: delivery.id, row: { table: 'notifyDeliveries', id: delivery.id } },
      { ...base, kind: 'notifyJob', id: delivery.jobId, row: { table: 'jobs', id: delivery.jobId } },
    );
  }
  await setPresence('at_desk');
  objects.push(
    {
      kind: 'project',
      id: p2,
      site: 'p2',
      relation: 'other-project',
      markers: [],
      secrets: [],
      scoped: { companyId: companyA, projectId: p2 },
      row: { table: 'projects', id: p2 },
    },
    {
      kind: 'project',
      id: pb,
      site: 'b',
      relation: 'other-company',
      markers: ['丙花园'],
      secrets: [],
      scoped: { companyId: companyB, projectId: pb },
      row: { table: 'projects', id: pb },
    },
  );
  return {
    companyA,
    companyB,
    p1,
    e1,
    p2,
    pb,
    callers: siteA1.staff as Record<Role, Actor & { username: string }>,
    otherConsultant: siteA1.other,
    objects,
  };
}
