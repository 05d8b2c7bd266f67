import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Locale } from '../../../contracts/locales.js';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/database.js';
import type { PendingStep } from './access.js';

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What a module's routes need besides the request: given once when the app is built. */
export interface AppContext {
  database: Database;
  /** Injected clock, so tests can move time (session expiry, lockouts, reminders). */
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    sessionCsrfToken: string | null;
    /** What the caller's session still owes before it is a full one (see access.ts); null if nothing. */
    pendingStep: PendingStep | null;
  }
}

/** The signed-in actor of a route whose access requires one (the access hook guarantees it). */
export function requireActor(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw new Error('requireActor on a route without a session: declare its access roles');
  return request.actor;
}
