import { z } from 'zod';
import { rolesAllowed } from '../../../platform/http/access.js';
import { idParam } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../deals.schemas.js';
import * as deals from '../deals.service.js';
import { formBatchSchema, formReportSchema, formSchema } from '../responses/forms.responses.js';
import { sales, tags } from './route-helpers.js';

/** Paper forms in numbered batches (SA-13). */
export function formRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/deals/forms',
    {
      config: { access: sales, scope: 'project' },
      schema: {
        response: { 200: z.object({ items: z.array(formSchema) }) },
        tags,
        querystring: schemas.formListQuery,
      },
    },
    async (request) => ({
      items: await deals.findForms(db, { actor: requireActor(request), ...request.query }),
    }),
  );
  app.get(
    '/api/deals/forms/report',
    {
      config: { access: rolesAllowed('manager', 'controller', 'finance'), scope: 'project' },
      schema: { response: { 200: formReportSchema }, tags, querystring: schemas.projectQuery },
    },
    async (request) =>
      deals.formReport(db, { actor: requireActor(request), projectId: request.query.projectId }),
  );
  app.post(
    '/api/deals/form-batches',
    {
      config: { access: rolesAllowed('manager', 'controller'), scope: 'project' },
      schema: { response: { 201: formBatchSchema }, tags, body: schemas.formBatchBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await deals.issueFormBatch(db, { actor: requireActor(request), ...request.body, now: now() })),
  );
  app.post(
    '/api/deals/forms/:id/check-out',
    {
      config: { access: sales, scope: 'project' },
      schema: { response: { 204: z.null() }, tags, params: idParam },
    },
    async (request, reply) => {
      await deals.checkOutForm(db, { actor: requireActor(request), formId: request.params.id, now: now() });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/deals/forms/:id/void',
    {
      config: { access: sales, scope: 'project' },
      schema: { response: { 204: z.null() }, tags, params: idParam, body: schemas.reasonBody },
    },
    async (request, reply) => {
      await deals.voidForm(db, {
        actor: requireActor(request),
        formId: request.params.id,
        reason: request.body.reason,
        now: now(),
      });
      return reply.status(204).send(null);
    },
  );
}
