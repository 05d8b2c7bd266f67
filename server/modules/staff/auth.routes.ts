import type { FastifyRequest } from 'fastify';
import { anyStaff, anyStaffDuring, pendingSteps } from '../../platform/http/access.js';
import { clearSessionCookie, sessionCookieName, setSessionCookie } from '../../platform/http/security.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import * as auth from './auth.service.js';
import { resolveSession } from './auth.service.js';
import { currentUser } from './current-user.js';
import { listenForSessionChanges } from './session-cache.js';
import * as schemas from './staff.schemas.js';
import { twoFactorRoutes } from './two-factor.routes.js';

/** Reading who one is and signing out work whatever step a session still owes. */
const duringAnyStep = anyStaffDuring(...pendingSteps);

function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[sessionCookieName];
}

export async function authRoutes(app: AppInstance, context: AppContext) {
  const {
    database: { db },
    now,
  } = context;
  listenForSessionChanges(app, context);
  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true, reason: 'signing in' }, scope: 'public' },
      schema: { tags: ['auth'], body: schemas.loginBody, response: { 200: schemas.sessionSchema } },
    },
    async (request, reply) => {
      const result = await auth.login(db, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
        previousToken: sessionToken(request),
        now: now(),
      });
      setSessionCookie(reply, request, result.token, result.maxAgeSeconds);
      // The step the new session owes, as the access hook will see it on the next request.
      const session = await resolveSession(db, result.token, now());
      const pendingStep = session.status === 'valid' ? session.pendingStep : null;
      return {
        user: await currentUser(db, result.staffId, result.companyId, pendingStep),
        csrfToken: result.csrfToken,
      };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: duringAnyStep, scope: 'self' }, schema: { tags: ['auth'] } },
    async (request, reply) => {
      const token = sessionToken(request);
      if (token) await auth.logout(db, token);
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: duringAnyStep, scope: 'self' },
      schema: { tags: ['auth'], response: { 200: schemas.sessionSchema } },
    },
    async (request) => {
      const actor = requireActor(request);
      return {
        user: await currentUser(db, actor.staffId, actor.companyId, request.pendingStep),
        csrfToken: request.sessionCsrfToken ?? '',
      };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: anyStaffDuring('change_password'), scope: 'self' },
      schema: { tags: ['auth'], body: schemas.changePasswordBody },
    },
    async (request, reply) => {
      await auth.changePassword(db, { actor: requireActor(request), ...request.body, now: now() });
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/auth/me/preferences',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: {
        tags: ['auth'],
        body: schemas.preferencesBody,
        response: { 200: schemas.sessionSchema.pick({ user: true }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await auth.setOwnLocale(db, { actor, locale: request.body.locale, now: now() });
      return { user: await currentUser(db, actor.staffId, actor.companyId, request.pendingStep) };
    },
  );

  app.put(
    '/api/auth/me/presence',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: {
        tags: ['auth'],
        body: schemas.presenceBody,
        response: { 200: schemas.sessionSchema.pick({ user: true }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await auth.setOwnPresence(db, { actor, presence: request.body.presence, now: now() });
      return { user: await currentUser(db, actor.staffId, actor.companyId, request.pendingStep) };
    },
  );

  await twoFactorRoutes(app, context);
}
