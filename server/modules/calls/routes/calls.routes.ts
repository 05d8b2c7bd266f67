import { z } from 'zod';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { registerListWithExport } from '../../../platform/http/list-export.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { callDetailSchema } from '../call-detail.schemas.js';
import { getCallDetail } from '../call-detail.service.js';
import * as queries from '../calls.queries.js';
import { shanghaiDayRange } from '../calls.rules.js';
import * as schemas from '../calls.schemas.js';
import * as calls from '../calls.service.js';
import { deskRecordsCondition } from '../desk-context.js';
import { callSheet } from './calls.sheet.js';
import { callResponses, deskAccess, desksAsked, tags } from './route-support.js';

type CallFilters = z.infer<typeof schemas.callFilters>;

/** The filter of the call list and its export: the actor's desks, the days asked, the other filters. */
export async function callListFilter(db: Db, actor: Actor, query: CallFilters) {
  const { sort, order, deskId, fromDay, toDay, withinLimit, ...filter } = query;
  const range =
    fromDay || toDay ? shanghaiDayRange(fromDay ?? '2000-01-01', toDay ?? '2999-12-31') : undefined;
  return {
    filter: {
      visible: deskRecordsCondition(actor, 'calls'),
      deskIds: await desksAsked(db, actor, deskId),
      fromIso: range?.fromIso,
      toIso: range?.toIso,
      isWithinLimit: withinLimit === undefined ? undefined : withinLimit === 'true',
      ...filter,
    },
    sort: sort ?? ('ringingAt' as const),
    order: sort ? order : ('desc' as const),
  };
}

/** A desk's live queue, calls logged by hand, the call list, one call and what is done to it. */
export async function callRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/calls/desks/:deskId/queue',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'Calls ringing, in progress or on hold at a desk (SEC-7)',
        params: schemas.deskIdParams,
        response: {
          200: z.object({ desk: schemas.deskSummarySchema, items: z.array(schemas.callSchema) }),
        },
      },
    },
    async (request) => {
      const { context, calls: rows } = await calls.findDeskQueue(db, {
        actor: requireActor(request),
        deskId: request.params.deskId,
        now: now(),
      });
      return {
        desk: {
          id: context.deskId,
          name: context.deskName,
          kind: context.deskKind,
          projectName: context.projectName,
          policy: context.policy,
        },
        items: await callResponses(db, rows),
      };
    },
  );

  app.post(
    '/api/calls/desks/:deskId/calls',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'Log a call by hand (desks without CTI)',
        params: schemas.deskIdParams,
        body: schemas.manualCallBody,
        response: { 201: schemas.callSchema },
      },
    },
    async (request, reply) => {
      const call = await calls.startManualCall(db, {
        actor: requireActor(request),
        deskId: request.params.deskId,
        callerNumber: request.body.callerNumber,
        now: now(),
      });
      return reply.status(201).send((await callResponses(db, [call]))[0]);
    },
  );

  registerListWithExport(app, {
    url: '/api/calls',
    tags,
    access: deskAccess,
    scope: 'desk',
    querystring: schemas.callFilters,
    item: schemas.callSchema,
    find: async ({ actor }, { offset, limit, ...query }) => {
      const { filter, sort, order } = await callListFilter(db, actor, query);
      const { rows, total } = await queries.findCallPage(db, filter, { offset, limit, sort, order });
      return { items: await callResponses(db, rows), total };
    },
    sheet: ({ actor }) => callSheet(db, actor, now()),
    exportLimit: 50_000,
  });

  app.get(
    '/api/calls/:callId',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'A call with its greeting, screen pop and what came of it',
        params: schemas.callIdParams,
        response: { 200: callDetailSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const detail = await getCallDetail(db, {
        actor,
        callId: request.params.callId,
        locale: request.locale,
        now: now(),
      });
      return { ...detail, call: (await callResponses(db, [detail.call]))[0] };
    },
  );

  app.post(
    '/api/calls/:callId/actions',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'Answer, hold, resume, transfer or end a call',
        params: schemas.callIdParams,
        body: schemas.callActionBody,
        response: { 200: schemas.callSchema },
      },
    },
    async (request) => {
      const call = await calls.actOnCall(db, {
        actor: requireActor(request),
        callId: request.params.callId,
        input: request.body,
        now: now(),
      });
      return (await callResponses(db, [call]))[0];
    },
  );

  app.put(
    '/api/calls/:callId',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'Purpose, caller name and notes (SEC-3)',
        params: schemas.callIdParams,
        body: schemas.callDetailsBody,
        response: { 200: schemas.callSchema },
      },
    },
    async (request) => {
      const call = await calls.updateCallDetails(db, {
        actor: requireActor(request),
        callId: request.params.callId,
        input: request.body,
        now: now(),
      });
      return (await callResponses(db, [call]))[0];
    },
  );

  app.post(
    '/api/calls/:callId/greeting-shown',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'The desk screen shows the call its greeting (CS-1, SEC-2); the first report is kept',
        params: schemas.callIdParams,
        response: { 200: schemas.greetingShownSchema },
      },
    },
    async (request) => {
      const call = await calls.recordGreetingShown(db, {
        actor: requireActor(request),
        callId: request.params.callId,
        locale: request.locale,
        now: now(),
      });
      return { greetingShownAt: call.greetingShownAt, greetingVersion: call.greetingVersion };
    },
  );
}
