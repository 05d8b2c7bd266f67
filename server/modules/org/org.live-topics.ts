import type { Actor } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import type { Db } from '../../platform/db/database.js';
import { registerLiveTopic } from '../../platform/live/index.js';

// The live topics about a project and its desks: who may hear them is the org module's to say,
// since it owns projects and desks.

async function projectOfCompany(db: Db, actor: Actor, projectId: string): Promise<boolean> {
  const row = await db
    .selectFrom('projects')
    .select('companyId')
    .where('id', '=', projectId)
    .executeTakeFirst();
  return Boolean(row && visibility(actor, 'project').sees({ companyId: row.companyId, projectId }));
}

registerLiveTopic('project', projectOfCompany);
registerLiveTopic('board', projectOfCompany);
// A desk's calls are for the people who staff that kind of desk (scope 'desk'), not the whole project.
registerLiveTopic('desk', async (db, actor, id) => {
  const desk = await db
    .selectFrom('desks')
    .innerJoin('projects', 'projects.id', 'desks.projectId')
    .select(['desks.projectId', 'desks.kind', 'projects.companyId'])
    .where('desks.id', '=', id)
    .executeTakeFirst();
  if (!desk) return false;
  if (desk.kind === 'sales_line')
    return visibility(actor, 'project').sees({ companyId: desk.companyId, projectId: desk.projectId });
  return visibility(actor, 'desk').sees({ ...desk, deskKind: desk.kind });
});
