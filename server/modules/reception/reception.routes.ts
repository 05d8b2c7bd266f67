import { z } from 'zod';
import type { Role } from '../../../contracts/roles.js';
import { rolesAllowed } from '../../platform/http/access.js';
import { registerListWithExport } from '../../platform/http/list-export.js';
import { idParam } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import * as schemas from './reception.schemas.js';
import * as reception from './reception.service.js';
import { callSheet, visitSheet } from './reception.sheets.js';
import * as sellingPoints from './selling-points.service.js';

const frontline: Role[] = ['manager', 'consultant'];

export async function receptionRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/reception/board',
    {
      config: { access: rolesAllowed(...frontline), scope: 'project' },
      schema: {
        tags: ['reception'],
        querystring: schemas.projectQuery,
        response: { 200: schemas.boardSchema },
      },
    },
    async (request) =>
      reception.getAnsweringBoard(db, {
        actor: requireActor(request),
        projectId: request.query.projectId,
        now: now(),
      }),
  );

  app.put(
    '/api/reception/order',
    {
      config: { access: rolesAllowed('manager'), scope: 'project' },
      schema: { tags: ['reception'], body: schemas.orderBody, response: { 200: schemas.boardSchema } },
    },
    async (request) =>
      reception.setAnsweringOrder(db, { actor: requireActor(request), ...request.body, now: now() }),
  );

  // SA-6: the project's selling points, read at the visit's boards step, kept by its manager.
  app.get(
    '/api/reception/selling-points',
    {
      config: { access: rolesAllowed(...frontline), scope: 'project' },
      schema: {
        tags: ['reception'],
        querystring: schemas.projectQuery,
        response: { 200: schemas.sellingPointListSchema },
      },
    },
    async (request) => ({
      items: await sellingPoints.findSellingPoints(db, {
        actor: requireActor(request),
        projectId: request.query.projectId,
      }),
    }),
  );

  app.put(
    '/api/reception/selling-points',
    {
      config: { access: rolesAllowed('manager'), scope: 'project' },
      schema: {
        tags: ['reception'],
        body: schemas.sellingPointsBody,
        response: { 200: schemas.sellingPointListSchema },
      },
    },
    async (request) => ({
      items: await sellingPoints.saveSellingPoints(db, {
        actor: requireActor(request),
        ...request.body,
        now: now(),
      }),
    }),
  );

  app.post(
    '/api/reception/calls/answer',
    {
      config: { access: rolesAllowed('consultant'), scope: 'owner' },
      schema: { tags: ['reception'], body: schemas.answerBody, response: { 201: schemas.answerResult } },
    },
    async (request, reply) =>
      reply.status(201).send(
        await reception.answerCall(db, {
          actor: requireActor(request),
          projectId: request.body.projectId,
          outOfTurn: request.body.outOfTurn,
          now: now(),
        }),
      ),
  );

  app.post(
    '/api/reception/calls/:id/greeting-shown',
    {
      config: { access: rolesAllowed('consultant'), scope: 'owner' },
      schema: {
        tags: ['reception'],
        summary: 'The answering screen shows the call its greeting (SA-1); the first report is kept',
        params: idParam,
        response: { 200: schemas.greetingShownSchema },
      },
    },
    async (request) =>
      reception.recordSalesGreetingShown(db, {
        actor: requireActor(request),
        callId: request.params.id,
        now: now(),
      }),
  );

  app.delete(
    '/api/reception/calls/:id',
    {
      config: { access: rolesAllowed('consultant'), scope: 'owner' },
      schema: { response: { 204: z.null() }, tags: ['reception'], params: idParam },
    },
    async (request, reply) => {
      await reception.discardCall(db, {
        actor: requireActor(request),
        callId: request.params.id,
        now: now(),
      });
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/reception/calls/:id',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['reception'],
        params: idParam,
        body: schemas.callRegisterBody,
        response: { 200: schemas.registerCallResult },
      },
    },
    async (request) =>
      reception.saveCallRegister(db, {
        actor: requireActor(request),
        callId: request.params.id,
        input: request.body,
        now: now(),
      }),
  );

  registerListWithExport(app, {
    url: '/api/reception/calls',
    tags: ['reception'],
    access: rolesAllowed(...frontline),
    scope: 'owner',
    querystring: schemas.callFilters,
    item: schemas.callSchema,
    // The newest first unless a sort is asked for.
    find: ({ actor }, { sort, order, ...query }) =>
      reception.findCalls(db, actor, { ...query, order: sort ? order : 'desc' }),
    sheet: callSheet,
    exportLimit: 50_000,
  });

  app.get(
    '/api/reception/calls/stats',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['reception'],
        querystring: schemas.statsQuery,
        response: { 200: schemas.statsSchema },
      },
    },
    async (request) =>
      reception.getCallStatistics(db, { actor: requireActor(request), ...request.query, now: now() }),
  );

  app.post(
    '/api/reception/visits',
    {
      config: { access: rolesAllowed('consultant'), scope: 'owner' },
      schema: { tags: ['reception'], body: schemas.visitorBody, response: { 201: schemas.receiveResult } },
    },
    async (request, reply) => {
      const { projectId, ...input } = request.body;
      return reply
        .status(201)
        .send(
          await reception.receiveVisitor(db, { actor: requireActor(request), projectId, input, now: now() }),
        );
    },
  );

  registerListWithExport(app, {
    url: '/api/reception/visits',
    tags: ['reception'],
    access: rolesAllowed(...frontline),
    scope: 'owner',
    querystring: schemas.visitFilters,
    item: schemas.visitRowSchema,
    // Always the latest arrivals first: the sort is not offered.
    find: ({ actor }, { sort: _sort, order: _order, ...query }) => reception.findVisits(db, actor, query),
    sheet: visitSheet,
    exportLimit: 50_000,
  });

  app.get(
    '/api/reception/visits/:id',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: { tags: ['reception'], params: idParam, response: { 200: schemas.visitSchema } },
    },
    async (request) => reception.getVisit(db, { actor: requireActor(request), visitId: request.params.id }),
  );

  app.post(
    '/api/reception/visits/:id/steps/:step',
    {
      config: { access: rolesAllowed('consultant'), scope: 'owner' },
      schema: {
        tags: ['reception'],
        params: schemas.stepParams,
        body: schemas.stepBody,
        response: { 200: schemas.visitSchema },
      },
    },
    async (request) =>
      reception.completeVisitStep(db, {
        actor: requireActor(request),
        visitId: request.params.id,
        step: request.params.step,
        ...request.body,
        now: now(),
      }),
  );

  app.post(
    '/api/reception/visits/:id/end-early',
    {
      config: { access: rolesAllowed('consultant'), scope: 'owner' },
      schema: {
        tags: ['reception'],
        params: idParam,
        body: schemas.endVisitBody,
        response: { 200: schemas.visitSchema },
      },
    },
    async (request) =>
      reception.endVisitEarly(db, {
        actor: requireActor(request),
        visitId: request.params.id,
        reason: request.body.reason,
        now: now(),
      }),
  );
}
