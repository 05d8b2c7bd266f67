import { rolesAllowed } from '../../../platform/http/access.js';
import { idParam } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../deals.schemas.js';
import * as deals from '../deals.service.js';
import { agreementListItemSchema, agreementSchema } from '../responses/agreements.responses.js';
import { listWithExport, sales, tags } from './route-helpers.js';

/** Agreements (认购, SA-13). */
export function agreementRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  listWithExport(app, '/api/deals/agreements', {
    access: sales,
    item: agreementListItemSchema,
    querystring: schemas.agreementListQuery,
    defaultSort: 'updatedAt',
    find: (actor, query) => deals.findAgreements(db, actor, query),
  });
  app.post(
    '/api/deals/agreements',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { response: { 201: agreementSchema }, tags, body: schemas.agreementCreateBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await deals.createAgreement(db, { actor: requireActor(request), ...request.body, now: now() })),
  );
  app.get(
    '/api/deals/agreements/:id',
    {
      config: { access: sales, scope: 'deal' },
      schema: { response: { 200: agreementSchema }, tags, params: idParam },
    },
    async (request) => deals.getAgreementById(db, requireActor(request), request.params.id),
  );
  app.put(
    '/api/deals/agreements/:id',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: {
        response: { 200: agreementSchema },
        tags,
        params: idParam,
        body: schemas.agreementUpdateBody,
      },
    },
    async (request) =>
      deals.updateAgreement(db, {
        actor: requireActor(request),
        agreementId: request.params.id,
        input: request.body.input,
        now: now(),
      }),
  );
  app.post(
    '/api/deals/agreements/:id/submit',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { response: { 200: agreementSchema }, tags, params: idParam },
    },
    async (request) =>
      deals.submitAgreement(db, { actor: requireActor(request), agreementId: request.params.id, now: now() }),
  );
  app.post(
    '/api/deals/agreements/:id/abandon',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { response: { 200: agreementSchema }, tags, params: idParam, body: schemas.abandonBody },
    },
    async (request) =>
      deals.abandonAgreement(db, {
        actor: requireActor(request),
        agreementId: request.params.id,
        reason: request.body.reason,
        now: now(),
      }),
  );
  app.post(
    '/api/deals/agreements/:id/review',
    {
      config: { access: sales, scope: 'deal' },
      schema: { response: { 200: agreementSchema }, tags, params: idParam, body: schemas.reviewBody },
    },
    async (request) =>
      deals.reviewAgreement(db, {
        actor: requireActor(request),
        agreementId: request.params.id,
        ...request.body,
        now: now(),
      }),
  );
}
