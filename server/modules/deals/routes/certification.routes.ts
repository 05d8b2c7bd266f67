import { z } from 'zod';
import { idParam, pageResult, toOffset } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../deals.schemas.js';
import * as deals from '../deals.service.js';
import {
  designationSchema,
  examListItemSchema,
  examSchema,
  projectStaffSchema,
} from '../responses/forms.responses.js';
import { managers, sales, tags } from './route-helpers.js';

/** Certification (SA-15) and designations. */
export function certificationRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/deals/exams',
    {
      config: { access: sales, scope: 'company' },
      schema: { response: { 200: pageResult(examListItemSchema) }, tags, querystring: schemas.examListQuery },
    },
    async (request) => {
      const { page, pageSize, staffId } = request.query;
      const { rows, total } = await deals.findExams(
        db,
        requireActor(request),
        { staffId, ...toOffset({ page, pageSize }) },
        now(),
      );
      return { items: rows, total, page, pageSize };
    },
  );
  app.post(
    '/api/deals/exams',
    {
      config: { access: managers, scope: 'company' },
      schema: { response: { 201: examSchema }, tags, body: schemas.examBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await deals.recordExam(db, { actor: requireActor(request), ...request.body, now: now() })),
  );
  app.get(
    '/api/deals/staff',
    {
      config: { access: managers, scope: 'project' },
      schema: {
        response: { 200: z.object({ items: z.array(projectStaffSchema) }) },
        tags,
        querystring: schemas.projectQuery,
      },
    },
    async (request) => ({
      items: await deals.findProjectStaff(db, requireActor(request), request.query.projectId),
    }),
  );
  app.get(
    '/api/deals/designations',
    {
      config: { access: sales, scope: 'project' },
      schema: {
        response: { 200: z.object({ items: z.array(designationSchema) }) },
        tags,
        querystring: schemas.projectQuery,
      },
    },
    async (request) => ({
      items: await deals.findDesignations(db, requireActor(request), request.query.projectId),
    }),
  );
  app.post(
    '/api/deals/designations',
    {
      config: { access: managers, scope: 'project' },
      schema: { response: { 201: designationSchema }, tags, body: schemas.designationBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await deals.designate(db, { actor: requireActor(request), ...request.body, now: now() })),
  );
  app.delete(
    '/api/deals/designations/:id',
    {
      config: { access: managers, scope: 'project' },
      schema: { response: { 204: z.null() }, tags, params: idParam },
    },
    async (request, reply) => {
      await deals.revokeDesignation(db, {
        actor: requireActor(request),
        designationId: request.params.id,
        now: now(),
      });
      return reply.status(204).send(null);
    },
  );
}
