import { rolesAllowed } from '../../../platform/http/access.js';
import { idParam } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../customers.schemas.js';
import * as sources from '../use-cases/source-channels.js';
import { managers, viewers } from './roles.js';

export async function sourceChannelRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/source-channels',
    {
      config: { access: rolesAllowed(...viewers), scope: 'project' },
      schema: {
        tags: ['customers'],
        querystring: schemas.sourceChannelQuery,
        response: { 200: schemas.sourceChannelList },
      },
    },
    async (request) => ({
      items: await sources.findSourceChannels(db, {
        actor: requireActor(request),
        projectId: request.query.projectId,
        includeArchived: request.query.includeArchived === 'true',
        now: now(),
      }),
    }),
  );

  app.post(
    '/api/source-channels',
    {
      config: { access: rolesAllowed(...managers), scope: 'project' },
      schema: {
        tags: ['customers'],
        body: schemas.sourceChannelBody,
        response: { 201: schemas.sourceChannelSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await sources.createSourceChannel(db, {
          actor: requireActor(request),
          ...request.body,
          now: now(),
        }),
      ),
  );

  app.put(
    '/api/source-channels/:id',
    {
      config: { access: rolesAllowed(...managers), scope: 'project' },
      schema: {
        tags: ['customers'],
        params: idParam,
        body: schemas.sourceChannelUpdateBody,
        response: { 200: schemas.sourceChannelSchema },
      },
    },
    async (request) =>
      sources.updateSourceChannel(db, {
        actor: requireActor(request),
        channelId: request.params.id,
        ...request.body,
        now: now(),
      }),
  );
}
