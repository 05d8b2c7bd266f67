import { z } from 'zod';
import { rolesAllowed } from '../../../platform/http/access.js';
import { registerListWithExport } from '../../../platform/http/list-export.js';
import { idParam, toOffset } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../customers.schemas.js';
import { sendLogSheet } from '../sheets/campaigns.sheet.js';
import * as campaigns from '../use-cases/campaigns.js';
import { managers } from './roles.js';

export async function campaignRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/campaigns',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: {
        tags: ['campaigns'],
        querystring: schemas.campaignListQuery,
        response: { 200: schemas.pageOf(schemas.campaignSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, projectId } = request.query;
      return {
        ...(await campaigns.findCampaigns(db, {
          actor: requireActor(request),
          projectId,
          ...toOffset({ page, pageSize }),
        })),
        page,
        pageSize,
      };
    },
  );

  app.post(
    '/api/campaigns',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: { tags: ['campaigns'], body: schemas.campaignBody, response: { 201: schemas.campaignSchema } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await campaigns.createCampaign(db, { actor: requireActor(request), ...request.body, now: now() }),
        ),
  );

  app.get(
    '/api/campaigns/:id/recipients',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: {
        tags: ['campaigns'],
        params: idParam,
        querystring: schemas.pageOnlyQuery,
        response: { 200: schemas.pageOf(schemas.recipientPreviewSchema) },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      return {
        ...(await campaigns.previewCampaignRecipients(db, {
          actor: requireActor(request),
          campaignId: request.params.id,
          ...toOffset({ page, pageSize }),
        })),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/campaigns/:id',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: { tags: ['campaigns'], params: idParam, response: { 200: schemas.campaignSchema } },
    },
    async (request) =>
      campaigns.getCampaign(db, { actor: requireActor(request), campaignId: request.params.id }),
  );

  // Stops a send between two batches; the send request itself answers with how many went.
  app.post(
    '/api/campaigns/:id/cancel',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: { tags: ['campaigns'], params: idParam, response: { 200: schemas.campaignSchema } },
    },
    async (request) =>
      campaigns.cancelCampaignSend(db, {
        actor: requireActor(request),
        campaignId: request.params.id,
        now: now(),
      }),
  );

  app.post(
    '/api/campaigns/:id/send',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: { tags: ['campaigns'], params: idParam, response: { 200: schemas.campaignSendResultSchema } },
    },
    async (request) => {
      // The unsubscribe link points back at this server, as the customer's phone will reach it.
      const siteUrl = `${request.protocol}://${request.headers.host ?? 'localhost'}`;
      return campaigns.sendCampaign(db, {
        actor: requireActor(request),
        campaignId: request.params.id,
        siteUrl,
        now: now(),
      });
    },
  );

  registerListWithExport(app, {
    url: '/api/campaigns/:id/send-log',
    tags: ['campaigns'],
    access: rolesAllowed(...managers),
    scope: 'owner',
    params: idParam,
    querystring: schemas.sendLogFilters,
    item: schemas.sendLogSchema,
    // In sending order: the sort is not offered.
    find: ({ actor, params }, { offset, limit }) =>
      campaigns.findCampaignSendLog(db, { actor, campaignId: params.id, offset, limit }),
    sheet: sendLogSheet,
    exportLimit: 50_000,
  });

  app.post(
    '/api/public/unsubscribe',
    {
      config: {
        access: {
          public: true,
          reason: 'customers withdraw marketing consent from the link in a message (SA-18, PRIV)',
        },
        scope: 'public',
      },
      schema: {
        response: { 200: z.object({ isUnsubscribed: z.boolean() }) },
        tags: ['campaigns'],
        body: schemas.unsubscribeBody,
      },
    },
    async (request) => campaigns.unsubscribe(db, { token: request.body.token, now: now() }),
  );
}
