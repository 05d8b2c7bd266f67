import { rolesAllowed } from '../../platform/http/access.js';
import { registerReportWithExport } from '../../platform/http/list-export.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import * as schemas from './dashboard.schemas.js';
import { dashboardRoles, getSalesDashboard, wholeProjectRoles } from './dashboard.service.js';
import { dashboardRows, dashboardSheet } from './dashboard.sheet.js';
import { findSalesTargets, setSalesTarget } from './targets.service.js';

const tags = ['dashboard'];

/** The route and a query the bench times (`dashboard_p99_ms`): one project's month. */
export const dashboardTiming = {
  path: '/api/dashboard/sales',
  query: (projectId: string, day: string) => ({ projectId, period: 'month', day }),
};

/** 案场看板: the sales figures of a project (or the caller's projects) and its monthly targets. */
export async function dashboardRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  registerReportWithExport(app, {
    url: dashboardTiming.path,
    tags,
    access: rolesAllowed(...dashboardRoles),
    scope: 'project',
    querystring: schemas.dashboardQuery,
    response: schemas.dashboardSchema,
    find: ({ actor }, query) => getSalesDashboard(db, { actor, ...query, now: now() }),
    rows: dashboardRows,
    sheet: dashboardSheet,
  });

  app.get(
    '/api/dashboard/targets',
    {
      config: { access: rolesAllowed(...wholeProjectRoles), scope: 'project' },
      schema: { tags, querystring: schemas.targetsQuery, response: { 200: schemas.targetListSchema } },
    },
    async (request) => ({
      items: await findSalesTargets(db, { actor: requireActor(request), ...request.query }),
    }),
  );

  app.put(
    '/api/dashboard/targets',
    {
      config: { access: rolesAllowed(...wholeProjectRoles), scope: 'project' },
      schema: { tags, body: schemas.targetBody, response: { 200: schemas.targetSchema } },
    },
    async (request) => setSalesTarget(db, { actor: requireActor(request), ...request.body, now: now() }),
  );
}
