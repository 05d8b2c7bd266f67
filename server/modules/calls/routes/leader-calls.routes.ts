import { z } from 'zod';
import { toOffset } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { displayPhoneNumber } from '../calls.rules.js';
import * as schemas from '../calls.schemas.js';
import type { LeaderCallStatus } from '../calls.tables.js';
import * as leaderCalls from '../leader-calls.service.js';
import { deskAccess, desksAsked, pageOf, tags } from './route-support.js';

const toLeaderCall = (row: Awaited<ReturnType<typeof leaderCalls.findLeaderCalls>>['rows'][number]) => ({
  id: row.id,
  deskId: row.deskId,
  callId: row.callId,
  claimedName: row.claimedName,
  claimedTitle: row.claimedTitle,
  callbackNumber: displayPhoneNumber(row.callbackNumber),
  request: row.request,
  isIdentified: row.isIdentified === 1,
  status: row.status,
  createdAt: row.createdAt,
  createdByName: row.createdByName,
  reportedToName: row.reportedToName,
  reportedAt: row.reportedAt,
  closedAt: row.closedAt,
  closedByName: row.closedByName,
  closingNote: row.closingNote,
});

/** Calls from someone claiming to be a manager (SEC-4): recorded, reported upwards, closed. */
export async function leaderCallRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.post(
    '/api/calls/leader-calls',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: { tags, body: schemas.leaderCallBody, response: { 201: schemas.leaderCallSchema } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await leaderCalls.recordLeaderCall(db, { actor, input: request.body, now: now() });
      return reply.status(201).send(
        toLeaderCall({
          ...row,
          createdByName: actor.displayName,
          reportedToName: null,
          closedByName: null,
        }),
      );
    },
  );

  app.get(
    '/api/calls/leader-calls',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        querystring: schemas.deskRecordsQuery,
        response: { 200: pageOf(schemas.leaderCallSchema) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { page, pageSize, deskId, status } = request.query;
      const parsedStatus = z
        .enum(['recorded', 'reported', 'closed'])
        .optional()
        .parse(status || undefined) as LeaderCallStatus | undefined;
      const result = await leaderCalls.findLeaderCalls(db, {
        actor,
        deskIds: await desksAsked(db, actor, deskId),
        status: parsedStatus,
        ...toOffset({ page, pageSize }),
      });
      return { items: result.rows.map(toLeaderCall), total: result.total, page, pageSize };
    },
  );

  for (const action of ['report', 'close'] as const) {
    app.post(
      `/api/calls/leader-calls/:leaderCallId/${action}`,
      {
        config: { access: deskAccess, scope: 'desk' },
        schema: {
          tags,
          params: schemas.leaderCallIdParams,
          body: schemas.closeBody.nullish(),
          response: { 200: schemas.leaderCallStepSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const row =
          action === 'report'
            ? await leaderCalls.reportLeaderCall(db, {
                actor,
                leaderCallId: request.params.leaderCallId,
                now: now(),
              })
            : await leaderCalls.closeLeaderCall(db, {
                actor,
                leaderCallId: request.params.leaderCallId,
                note: request.body?.note ?? '',
                now: now(),
              });
        return { id: row.id, status: row.status };
      },
    );
  }
}
