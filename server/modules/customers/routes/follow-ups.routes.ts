import { rolesAllowed } from '../../../platform/http/access.js';
import { registerListWithExport } from '../../../platform/http/list-export.js';
import { idParam } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../customers.schemas.js';
import { followUpSheet } from '../sheets/follow-ups.sheet.js';
import * as followUps from '../use-cases/follow-ups.js';
import { frontline } from './roles.js';

export async function followUpRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.post(
    '/api/customers/:id/follow-ups',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['follow-ups'],
        params: idParam,
        body: schemas.followUpBody,
        response: { 201: schemas.followUpSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await followUps.planFollowUp(db, {
          actor: requireActor(request),
          customerId: request.params.id,
          plannedAt: new Date(request.body.plannedAt),
          theme: request.body.theme,
          channel: request.body.channel,
          now: now(),
        }),
      ),
  );

  registerListWithExport(app, {
    url: '/api/follow-ups',
    tags: ['follow-ups'],
    access: rolesAllowed(...frontline),
    scope: 'owner',
    querystring: schemas.followUpFilters,
    item: schemas.followUpSchema,
    // In planned order: the sort is not offered.
    find: ({ actor }, { sort: _sort, order: _order, ...query }) =>
      followUps.findFollowUps(db, { actor, ...query, now: now() }),
    sheet: followUpSheet,
    exportLimit: 50_000,
  });

  app.post(
    '/api/follow-ups/:id/complete',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['follow-ups'],
        params: idParam,
        body: schemas.followUpOutcomeBody,
        response: { 200: schemas.followUpSchema },
      },
    },
    async (request) =>
      followUps.completeFollowUp(db, {
        actor: requireActor(request),
        followUpId: request.params.id,
        outcome: request.body.outcome,
        now: now(),
      }),
  );

  app.post(
    '/api/follow-ups/:id/cancel',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['follow-ups'],
        params: idParam,
        body: schemas.followUpCancelBody,
        response: { 200: schemas.followUpSchema },
      },
    },
    async (request) =>
      followUps.cancelFollowUp(db, {
        actor: requireActor(request),
        followUpId: request.params.id,
        reason: request.body.reason,
        now: now(),
      }),
  );
}
