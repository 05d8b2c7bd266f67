import { z } from 'zod';
import { rolesAllowed } from '../../../platform/http/access.js';
import { registerListWithExport } from '../../../platform/http/list-export.js';
import { idParam } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../customers.schemas.js';
import { conflictSheet } from '../sheets/ownership.sheet.js';
import * as ownership from '../use-cases/ownership.js';
import { frontline, managers } from './roles.js';

export async function ownershipRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.post(
    '/api/customers/ownership-requests',
    {
      config: { access: rolesAllowed('consultant'), scope: 'owner' },
      schema: {
        response: { 201: z.object({ id: z.string(), status: z.literal('requested') }) },
        tags: ['customers'],
        body: schemas.requestReassignBody,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await ownership.requestReassignment(db, {
          actor: requireActor(request),
          ...request.body,
          now: now(),
        }),
      ),
  );

  registerListWithExport(app, {
    url: '/api/customers/ownership-conflicts',
    tags: ['customers'],
    access: rolesAllowed(...frontline),
    exportAccess: rolesAllowed(...managers),
    scope: 'owner',
    querystring: schemas.conflictFilters,
    item: schemas.conflictSchema,
    // The newest first: the sort is not offered.
    find: ({ actor }, { projectId, status, offset, limit }) =>
      ownership.findOwnershipConflicts(db, { actor, projectId, status, offset, limit }),
    sheet: conflictSheet,
    exportLimit: 50_000,
  });

  app.post(
    '/api/customers/ownership-requests/:id/resolve',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: {
        response: { 204: z.null() },
        tags: ['customers'],
        params: idParam,
        body: schemas.resolveRequestBody,
      },
    },
    async (request, reply) => {
      await ownership.resolveReassignment(db, {
        actor: requireActor(request),
        requestId: request.params.id,
        ...request.body,
        now: now(),
      });
      return reply.status(204).send(null);
    },
  );
}
