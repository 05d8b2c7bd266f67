import { z } from 'zod';
import { idParam } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { planSheet } from '../deals.exports.js';
import * as schemas from '../deals.schemas.js';
import * as deals from '../deals.service.js';
import {
  planPreviewSchema,
  planResultSchema,
  planSchema,
  planVersionSchema,
} from '../responses/plans.responses.js';
import { listWithExport, managers, planners, sales, sendPdf, tags } from './route-helpers.js';

/** Plans (购房方案, SA-9): list and export, create, preview, revise, decide, versions, schedule, PDF. */
export function planRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  listWithExport(app, '/api/deals/plans', {
    access: sales,
    item: planSchema,
    querystring: schemas.planListQuery,
    defaultSort: 'updatedAt',
    find: (actor, query) => deals.findPlans(db, actor, query),
    sheet: planSheet,
  });
  app.post(
    '/api/deals/plans',
    {
      config: { access: planners, scope: 'deal' },
      schema: { response: { 201: planSchema }, tags, body: schemas.planCreateBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await deals.createPlan(db, { actor: requireActor(request), choices: request.body, now: now() }),
        ),
  );
  app.post(
    '/api/deals/plans/preview',
    {
      config: { access: planners, scope: 'deal' },
      schema: { response: { 200: planPreviewSchema }, tags, body: schemas.planPreviewBody },
    },
    async (request) => {
      const { unitId, ...choices } = request.body;
      return deals.previewPlan(db, { actor: requireActor(request), unitId, choices, now: now() });
    },
  );
  app.get(
    '/api/deals/plans/:id',
    {
      config: { access: sales, scope: 'deal' },
      schema: { response: { 200: planSchema }, tags, params: idParam },
    },
    async (request) => deals.getPlanById(db, requireActor(request), request.params.id),
  );
  app.put(
    '/api/deals/plans/:id',
    {
      config: { access: planners, scope: 'deal' },
      schema: { response: { 200: planSchema }, tags, params: idParam, body: schemas.planReviseBody },
    },
    async (request) => {
      const { expectedVersion, ...choices } = request.body;
      return deals.revisePlan(db, {
        actor: requireActor(request),
        planId: request.params.id,
        expectedVersion,
        choices,
        now: now(),
      });
    },
  );
  app.post(
    '/api/deals/plans/:id/decision',
    {
      config: { access: managers, scope: 'deal' },
      schema: { response: { 200: planSchema }, tags, params: idParam, body: schemas.decisionBody },
    },
    async (request) =>
      deals.decidePlan(db, {
        actor: requireActor(request),
        planId: request.params.id,
        ...request.body,
        now: now(),
      }),
  );
  app.get(
    '/api/deals/plans/:id/versions',
    {
      config: { access: sales, scope: 'deal' },
      schema: { response: { 200: z.object({ items: z.array(planVersionSchema) }) }, tags, params: idParam },
    },
    async (request) => ({
      items: await deals.findPlanVersionsOf(db, requireActor(request), request.params.id),
    }),
  );
  app.get(
    '/api/deals/plans/:id/schedule',
    {
      config: { access: sales, scope: 'deal' },
      schema: {
        response: { 200: planResultSchema },
        tags,
        params: idParam,
        querystring: schemas.versionQuery,
      },
    },
    async (request) =>
      deals.getPlanSchedule(db, requireActor(request), request.params.id, request.query.version),
  );
  app.get(
    '/api/deals/plans/:id/pdf',
    { config: { answers: 'file', access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request, reply) =>
      sendPdf(reply, await deals.planPdf(db, { actor: requireActor(request), planId: request.params.id })),
  );
}
