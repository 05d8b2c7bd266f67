import type { Actor } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/errors.js';
import { orgErrors } from '../org.errors.js';
import * as queries from '../org.queries.js';
import type { DeskKind, ProjectKind } from '../org.tables.js';
import { assertSeesProject, auditedChange, notFound } from './org-access.js';
import { getProjectById } from './projects.js';

// --- desks (接听席) ---

const deskKindsByProjectKind: Record<ProjectKind, DeskKind[]> = {
  sales: ['sales_line'],
  estate: ['service_centre', 'security_post'],
};

/**
 * The desks the actor may know of: by default every desk of their projects (project scope); the
 * call desk asks for the desks the actor staffs (desk scope: service centres, security posts).
 */
export async function findDesks(
  db: Db,
  actor: Actor,
  options: { projectId?: string; scope?: 'project' | 'desk' } = {},
) {
  // assertProject knows grants, not companies: a company-wide grant reaches any id, so the project is loaded too.
  if (options.projectId) {
    await getProjectById(db, actor, options.projectId);
    visibility(actor, options.scope ?? 'project').assertProject(options.projectId);
  }
  return queries.findDesksWithProject(db, actor.companyId, {
    projectId: options.projectId,
    visible: visibility(actor, options.scope ?? 'project').condition({
      projectId: 'desks.projectId',
      deskId: 'desks.id',
    }),
  });
}

export async function getDeskById(db: Tx, actor: Pick<Actor, 'companyId'>, deskId: string) {
  const desk = await queries.findDeskRow(db, deskId);
  if (!desk) throw notFound('desk');
  const project = await getProjectById(db, actor, desk.projectId);
  return { ...desk, projectName: project.name, projectKind: project.kind };
}

export interface DeskInput {
  name: string;
  kind: DeskKind;
  phone: string;
}

function assertDeskKindFits(projectKind: ProjectKind, deskKind: DeskKind) {
  if (!deskKindsByProjectKind[projectKind].includes(deskKind))
    throw new AppError(orgErrors.DESK_KIND_MISMATCH, {}, { kind: orgErrors.DESK_KIND_MISMATCH.message });
}

export async function createDesk(
  db: Db,
  options: { actor: Actor; projectId: string; input: DeskInput; now: Date },
) {
  const { actor, projectId, input, now } = options;
  return auditedChange(db, input.name, async (trx) => {
    const project = await getProjectById(trx, actor, projectId);
    assertSeesProject(actor, project);
    assertDeskKindFits(project.kind, input.kind);
    const row = { id: newId(), projectId, ...input, createdAt: now.toISOString() };
    await queries.insertDesk(trx, row);
    return {
      result: { ...row, projectName: project.name },
      audit: {
        actor,
        at: now,
        entityType: 'desk',
        entityId: row.id,
        projectId,
        action: 'create',
        after: row,
      },
    };
  });
}

export async function updateDesk(
  db: Db,
  options: { actor: Actor; deskId: string; input: DeskInput; now: Date },
) {
  const { actor, deskId, input, now } = options;
  return auditedChange(db, input.name, async (trx) => {
    const before = await getDeskById(trx, actor, deskId);
    assertSeesProject(actor, { companyId: actor.companyId, id: before.projectId });
    assertDeskKindFits(before.projectKind, input.kind);
    await queries.updateDeskRow(trx, deskId, input);
    const after = { ...before, ...input };
    return {
      result: after,
      audit: {
        actor,
        at: now,
        entityType: 'desk',
        entityId: deskId,
        projectId: before.projectId,
        action: 'update',
        before,
        after,
      },
    };
  });
}
