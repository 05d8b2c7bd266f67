import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Locale } from '../../../contracts/locales.js';
import { AppError } from '../../platform/errors.js';
import { rolesAllowed } from '../../platform/http/access.js';
import { errorBody } from '../../platform/http/error-handler.js';
import { idParam } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import { mountPublicLiveStream } from '../../platform/live/index.js';
import * as schemas from './opening.schemas.js';
import * as opening from './opening.service.js';

const staffRoles = rolesAllowed('consultant', 'controller', 'manager');
const controlRoles = rolesAllowed('controller', 'manager');
const buyerCookie = 'yk_buyer';

function cookiePath(eventId: string) {
  return `/api/public/openings/${eventId}`;
}

/**
 * A lost pick's answer, built once per code, parameters and language by the platform's own
 * errorBody (the one error shape, in the user's language) and then reused: in the rush it is the
 * same few bodies thousands of times.
 */
const refusalAnswers = new Map<string, { status: number; body: string }>();

function refusalAnswer(refusal: opening.PickRefusal, locale: Locale): { status: number; body: string } {
  const key = `${refusal.refusal.code} ${locale} ${JSON.stringify(refusal.params)}`;
  let answer = refusalAnswers.get(key);
  if (!answer) {
    const error = new AppError(refusal.refusal, refusal.params);
    answer = { status: error.status, body: JSON.stringify(errorBody(error, locale)) };
    if (refusalAnswers.size >= 1000) refusalAnswers.clear();
    refusalAnswers.set(key, answer);
  }
  return answer;
}

function buyerToken(request: FastifyRequest): string | undefined {
  return request.cookies[buyerCookie];
}

export async function openingRoutes(app: AppInstance, context: AppContext) {
  const { database, now } = context;
  const { db } = database;

  // --- staff console ---
  app.get(
    '/api/openings',
    {
      config: { access: staffRoles, scope: 'project' },
      schema: {
        tags: ['opening'],
        querystring: schemas.eventListQuery,
        response: { 200: schemas.eventListSchema },
      },
    },
    async (request) => ({
      items: await opening.findOpeningEvents(db, requireActor(request), request.query.projectId, now()),
    }),
  );

  app.post(
    '/api/openings',
    {
      config: { access: controlRoles, scope: 'project' },
      schema: { tags: ['opening'], body: schemas.eventBody, response: { 201: schemas.eventRowSchema } },
    },
    async (request, reply) => {
      const { projectId, ...input } = request.body;
      return reply.status(201).send(
        await opening.createOpeningEvent(db, {
          actor: requireActor(request),
          projectId,
          input,
          now: now(),
        }),
      );
    },
  );

  app.get(
    '/api/openings/:id',
    {
      config: { access: staffRoles, scope: 'project' },
      schema: { tags: ['opening'], params: idParam, response: { 200: schemas.eventDetailSchema } },
    },
    async (request) => opening.getOpeningEvent(db, requireActor(request), request.params.id, now()),
  );

  app.put(
    '/api/openings/:id',
    {
      config: { access: controlRoles, scope: 'project' },
      schema: {
        tags: ['opening'],
        params: idParam,
        body: schemas.eventUpdateBody,
        response: { 200: schemas.eventRowSchema },
      },
    },
    async (request) =>
      opening.updateOpeningEvent(db, {
        actor: requireActor(request),
        eventId: request.params.id,
        input: request.body,
        now: now(),
      }),
  );

  app.post(
    '/api/openings/:id/cancel',
    {
      config: { access: controlRoles, scope: 'project' },
      schema: { tags: ['opening'], params: idParam, response: { 200: schemas.eventRowSchema } },
    },
    async (request) =>
      opening.cancelOpeningEvent(db, {
        actor: requireActor(request),
        eventId: request.params.id,
        now: now(),
      }),
  );

  app.post(
    '/api/openings/:id/buyers',
    {
      config: { access: controlRoles, scope: 'project' },
      schema: {
        tags: ['opening'],
        params: idParam,
        body: schemas.buyersBody,
        response: { 201: schemas.registeredSchema },
      },
    },
    async (request, reply) => {
      const rows = await opening.registerBuyers(db, {
        actor: requireActor(request),
        eventId: request.params.id,
        buyers: request.body.buyers,
        now: now(),
      });
      return reply.status(201).send({ created: rows.length });
    },
  );

  app.post(
    '/api/openings/buyers/:id/verify',
    {
      config: { access: controlRoles, scope: 'project' },
      schema: { response: { 204: z.null() }, tags: ['opening'], params: idParam },
    },
    async (request, reply) => {
      await opening.verifyBuyerId(db, {
        actor: requireActor(request),
        buyerId: request.params.id,
        now: now(),
      });
      return reply.status(204).send(null);
    },
  );

  // --- the buyer's public page (线上开盘): no staff session; a buyer session cookie scoped to the event ---
  const buyerAccess = {
    public: true as const,
    reason: 'online opening buyer page: authenticated by the buyer session cookie',
  };

  app.get(
    '/api/public/openings/:eventId',
    {
      config: {
        access: {
          public: true,
          reason: 'online opening: event name, times and server clock for the countdown',
        },
        scope: 'buyer',
      },
      schema: {
        tags: ['opening'],
        params: schemas.eventIdParams,
        response: { 200: schemas.publicEventSchema },
      },
    },
    async (request) => opening.getPublicEvent(db, request.params.eventId, now()),
  );

  app.post(
    '/api/public/openings/:eventId/code',
    {
      config: {
        access: { public: true, reason: 'online opening: a registered buyer asks for a one-time code' },
        scope: 'buyer',
      },
      schema: {
        tags: ['opening'],
        params: schemas.eventIdParams,
        body: schemas.phoneBody,
        response: { 200: schemas.codeSentSchema },
      },
    },
    async (request) =>
      opening.requestBuyerCode(db, {
        eventId: request.params.eventId,
        phone: request.body.phone,
        now: now(),
      }),
  );

  app.post(
    '/api/public/openings/:eventId/session',
    {
      config: {
        access: { public: true, reason: 'online opening: buyer signs in with the one-time code' },
        scope: 'buyer',
      },
      schema: {
        tags: ['opening'],
        params: schemas.eventIdParams,
        body: schemas.signInBody,
        response: { 200: schemas.signedInSchema },
      },
    },
    async (request, reply) => {
      const { eventId } = request.params;
      const result = await opening.signInBuyer(db, {
        eventId,
        phone: request.body.phone,
        code: request.body.code,
        now: now(),
      });
      reply.setCookie(buyerCookie, result.token, {
        path: cookiePath(eventId),
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        expires: new Date(result.expiresAt),
      });
      return result.buyer;
    },
  );

  app.delete(
    '/api/public/openings/:eventId/session',
    {
      config: { access: buyerAccess, scope: 'buyer' },
      schema: { response: { 204: z.null() }, tags: ['opening'], params: schemas.eventIdParams },
    },
    async (request, reply) => {
      await opening.signOutBuyer(db, {
        eventId: request.params.eventId,
        token: buyerToken(request),
        now: now(),
      });
      reply.clearCookie(buyerCookie, { path: cookiePath(request.params.eventId) });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/public/openings/:eventId/me',
    {
      config: { access: buyerAccess, scope: 'buyer' },
      schema: {
        tags: ['opening'],
        params: schemas.eventIdParams,
        response: { 200: schemas.buyerOverviewSchema },
      },
    },
    async (request) => {
      const at = now();
      const session = await opening.resolveBuyer(db, request.params.eventId, buyerToken(request), at);
      return opening.getBuyerOverview(db, session, at);
    },
  );

  app.get(
    '/api/public/openings/:eventId/units',
    {
      config: { answers: 'preserialized-json', access: buyerAccess, scope: 'buyer' },
      schema: { tags: ['opening'], params: schemas.eventIdParams },
    },
    async (request: FastifyRequest<{ Params: { eventId: string } }>, reply: FastifyReply) => {
      const at = now();
      await opening.resolveBuyer(db, request.params.eventId, buyerToken(request), at);
      return reply
        .type('application/json; charset=utf-8')
        .send(await opening.getAvailabilityJson(db, request.params.eventId, at));
    },
  );

  // The pick is the opening rush's hot path (security headers are built once for all routes in app.ts).
  app.post(
    '/api/public/openings/:eventId/picks',
    {
      config: { answers: 'preserialized-json', access: buyerAccess, scope: 'buyer' },
      schema: { tags: ['opening'], params: schemas.eventIdParams, body: schemas.pickBody },
      validatorCompiler: schemas.pickValidatorCompiler,
    },
    async (request, reply) => {
      const at = now();
      const session = await opening.resolveBuyer(db, request.params.eventId, buyerToken(request), at);
      const result = await opening.pickUnit(db, { session, unitId: request.body.unitId, now: at });
      if (!('refusal' in result)) return result;
      const refused = refusalAnswer(result, request.locale);
      return reply.status(refused.status).type('application/json; charset=utf-8').send(refused.body);
    },
  );

  mountPublicLiveStream(app, context, {
    url: '/api/public/openings/:eventId/live',
    reason: 'online opening: availability pushed to a signed-in buyer',
    authorise: async (request) => {
      const { eventId } = request.params as { eventId: string };
      await opening.resolveBuyer(db, eventId, buyerToken(request), now());
      return [`opening:${eventId}`];
    },
  });
}
