import { z } from 'zod';
import { anyStaff } from '../../../platform/http/access.js';
import { toOffset } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { displayPhoneNumber } from '../calls.rules.js';
import * as schemas from '../calls.schemas.js';
import type { CallMessagesTable } from '../calls.tables.js';
import * as messages from '../messages.service.js';
import { deskAccess, pageOf, tags } from './route-support.js';

function toMessageResponse(
  row: CallMessagesTable & { recipientName: string; createdByName?: string; escalatedToName?: string | null },
) {
  return {
    id: row.id,
    deskId: row.deskId,
    callId: row.callId,
    recipientStaffId: row.recipientStaffId,
    recipientName: row.recipientName,
    kind: row.kind,
    callerName: row.callerName,
    callbackNumber: row.callbackNumber,
    callbackNumberDisplay: displayPhoneNumber(row.callbackNumber),
    isCallbackNumberValid: row.isCallbackNumberValid === 1,
    content: row.content,
    urgency: row.urgency,
    status: row.status,
    createdAt: row.createdAt,
    createdByName: row.createdByName ?? '',
    readAt: row.readAt,
    handledAt: row.handledAt,
    handledNote: row.handledNote,
    escalatedAt: row.escalatedAt,
    escalatedToName: row.escalatedToName ?? null,
  };
}

/** Messages and pass-ons (CS-3): left at a desk, read and handled by the person they are for. */
export async function messageRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.post(
    '/api/calls/messages',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: { tags, body: schemas.messageBody, response: { 201: schemas.messageSchema } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await messages.leaveMessage(db, { actor, input: request.body, now: now() });
      return reply.status(201).send(toMessageResponse({ ...row, createdByName: actor.displayName }));
    },
  );

  app.get(
    '/api/calls/messages',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: {
        tags,
        summary: 'My messages and pass-ons: left for me, or escalated to me as department head',
        querystring: schemas.messageListQuery,
        response: { 200: pageOf(schemas.messageSchema).extend({ unhandled: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize, order, sort, status } = request.query;
      const result = await messages.findMyMessages(db, {
        actor: requireActor(request),
        status,
        ...toOffset({ page, pageSize }),
        order: sort ? order : 'desc',
      });
      return {
        items: result.rows.map(toMessageResponse),
        total: result.total,
        page,
        pageSize,
        unhandled: result.unhandled,
      };
    },
  );

  app.get(
    '/api/calls/desks/:deskId/messages',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'The messages and pass-ons left at a desk',
        params: schemas.deskIdParams,
        querystring: schemas.deskMessageListQuery,
        response: { 200: pageOf(schemas.messageSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, order, sort, status } = request.query;
      const result = await messages.findDeskMessages(db, {
        actor: requireActor(request),
        deskId: request.params.deskId,
        status,
        ...toOffset({ page, pageSize }),
        order: sort ? order : 'desc',
      });
      return { items: result.rows.map(toMessageResponse), total: result.total, page, pageSize };
    },
  );

  for (const action of ['read', 'handle'] as const) {
    app.post(
      `/api/calls/messages/:messageId/${action}`,
      {
        config: { access: anyStaff, scope: 'self' },
        schema: {
          tags,
          params: schemas.messageIdParams,
          body: schemas.handleBody.nullish(),
          response: { 200: schemas.messageStepSchema },
        },
      },
      async (request) => {
        const row = await messages.advanceMessage(db, {
          actor: requireActor(request),
          messageId: request.params.messageId,
          action,
          note: request.body?.note,
          now: now(),
        });
        return { id: row.id, status: row.status, readAt: row.readAt, handledAt: row.handledAt };
      },
    );
  }
}
