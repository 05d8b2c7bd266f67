import { anyStaff, anyStaffDuring } from '../../platform/http/access.js';
import { sessionCookieName } from '../../platform/http/security.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import { resolveSession } from './auth.service.js';
import { currentUser } from './current-user.js';
import * as schemas from './staff.schemas.js';
import * as twoFactor from './two-factor.service.js';

/** A person's own two-step verification: enrolment, the second step of signing in, codes, turning it off. */
export async function twoFactorRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  const duringEnrolment = anyStaffDuring('enrol_second_factor');

  app.get(
    '/api/auth/two-factor',
    {
      config: { access: duringEnrolment, scope: 'self' },
      schema: { tags: ['auth'], response: { 200: schemas.twoFactorStatusSchema } },
    },
    async (request) => twoFactor.getTwoFactorStatus(db, requireActor(request)),
  );

  app.post(
    '/api/auth/two-factor/enrolment',
    {
      config: { access: duringEnrolment, scope: 'self' },
      schema: { tags: ['auth'], response: { 200: schemas.enrolmentSchema } },
    },
    async (request) => twoFactor.beginTwoFactorEnrolment(db, { actor: requireActor(request), now: now() }),
  );

  app.post(
    '/api/auth/two-factor/enrolment/confirm',
    {
      config: { access: duringEnrolment, scope: 'self' },
      schema: {
        tags: ['auth'],
        body: schemas.twoFactorCodeBody,
        response: { 200: schemas.recoveryCodesSchema },
      },
    },
    async (request) =>
      twoFactor.confirmTwoFactorEnrolment(db, {
        actor: requireActor(request),
        code: request.body.code,
        ip: request.ip,
        now: now(),
      }),
  );

  app.post(
    '/api/auth/two-factor/verify',
    {
      config: { access: anyStaffDuring('second_factor'), scope: 'self' },
      schema: {
        tags: ['auth'],
        body: schemas.secondFactorBody,
        response: { 200: schemas.sessionSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await twoFactor.verifySecondFactor(db, { actor, ...request.body, ip: request.ip, now: now() });
      // Whatever the session owes next (a password change, say), as the access hook will see it.
      const session = await resolveSession(db, request.cookies[sessionCookieName] ?? '', now());
      return {
        user: await currentUser(
          db,
          actor.staffId,
          actor.companyId,
          session.status === 'valid' ? session.pendingStep : null,
        ),
        csrfToken: request.sessionCsrfToken ?? '',
      };
    },
  );

  app.post(
    '/api/auth/two-factor/recovery-codes',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: {
        tags: ['auth'],
        body: schemas.identityProofBody,
        response: { 200: schemas.recoveryCodesSchema },
      },
    },
    async (request) =>
      twoFactor.regenerateRecoveryCodes(db, {
        actor: requireActor(request),
        proof: request.body,
        ip: request.ip,
        now: now(),
      }),
  );

  app.post(
    '/api/auth/two-factor/disable',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: { tags: ['auth'], body: schemas.identityProofBody },
    },
    async (request, reply) => {
      await twoFactor.disableTwoFactor(db, {
        actor: requireActor(request),
        proof: request.body,
        ip: request.ip,
        now: now(),
      });
      return reply.status(204).send();
    },
  );
}
