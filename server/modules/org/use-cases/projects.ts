import { type Actor, visibleProjectIds } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import * as queries from '../org.queries.js';
import type { ProjectKind } from '../org.tables.js';
import { assertSeesCompany, assertSeesProject, auditedChange, notFound } from './org-access.js';

// --- company ---

/** The caller's company as the screens read it (company scope). */
export async function getOwnCompany(db: Tx, actor: Actor) {
  assertSeesCompany(actor);
  return getCompanyById(db, actor.companyId);
}

export async function getCompanyById(db: Tx, companyId: string) {
  const company = await queries.findCompany(db, companyId);
  if (!company) throw notFound('company');
  return company;
}

export async function updateCompany(
  db: Db,
  options: { actor: Actor; name: string; shortName: string; now: Date },
) {
  const { actor, now } = options;
  return auditedChange(db, options.name, async (trx) => {
    const before = await getOwnCompany(trx, actor);
    await queries.updateCompanyRow(trx, actor.companyId, {
      name: options.name,
      shortName: options.shortName,
    });
    const after = await getCompanyById(trx, actor.companyId);
    return {
      result: after,
      audit: { actor, at: now, entityType: 'company', entityId: after.id, action: 'update', before, after },
    };
  });
}

// --- projects ---

/** The projects the actor holds a role in (all of them for a company-wide grant), from the kept company list. */
export function findProjects(db: Db, actor: Actor) {
  return queries.findProjectsWithCounts(db, actor.companyId, visibility(actor, 'company').projectIds());
}

export async function getProjectById(db: Tx, actor: Pick<Actor, 'companyId'>, projectId: string) {
  const project = await queries.findProjectRow(db, projectId);
  if (!project || project.companyId !== actor.companyId) throw notFound('project');
  return project;
}

/**
 * A project the actor holds a role in (or every project, for company-wide grants). Any other
 * project answers 404, like one of another company: the caller may not know it exists.
 */
export async function getVisibleProject(db: Tx, actor: Actor, projectId: string) {
  const visible = visibleProjectIds(actor);
  if (visible && !visible.includes(projectId)) throw notFound('project');
  return getProjectById(db, actor, projectId);
}

export interface ProjectInput {
  name: string;
  kind: ProjectKind;
  city: string;
  address: string;
}

export async function createProject(db: Db, options: { actor: Actor; input: ProjectInput; now: Date }) {
  const { actor, input, now } = options;
  assertSeesCompany(actor);
  return auditedChange(db, input.name, async (trx) => {
    const row = {
      id: newId(),
      companyId: actor.companyId,
      ...input,
      isArchived: 0,
      createdAt: now.toISOString(),
    };
    await queries.insertProject(trx, row);
    return {
      result: row,
      audit: {
        actor,
        at: now,
        entityType: 'project',
        entityId: row.id,
        projectId: row.id,
        action: 'create',
        after: row,
      },
    };
  });
}

export async function updateProject(
  db: Db,
  options: {
    actor: Actor;
    projectId: string;
    changes: { name: string; city: string; address: string; isArchived: boolean };
    now: Date;
  },
) {
  const { actor, projectId, changes, now } = options;
  return auditedChange(db, changes.name, async (trx) => {
    const before = await getProjectById(trx, actor, projectId);
    assertSeesProject(actor, before);
    await queries.updateProjectRow(trx, projectId, { ...changes, isArchived: changes.isArchived ? 1 : 0 });
    const after = await getProjectById(trx, actor, projectId);
    return {
      result: after,
      audit: {
        actor,
        at: now,
        entityType: 'project',
        entityId: projectId,
        projectId,
        action: 'update',
        before,
        after,
      },
    };
  });
}
