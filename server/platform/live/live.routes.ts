import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import type { Db } from '../db/database.js';
import { AppError, commonErrors, defineErrors, localized } from '../errors.js';
import { anyStaff } from '../http/access.js';
import { type AppContext, type AppInstance, requireActor } from '../http/types.js';
import { getLiveHub, lastEventIdOf, serveLiveStream } from './live.stream.js';

export const liveErrors = defineErrors({
  LIVE_TOPIC_FORBIDDEN: {
    kind: 'forbidden',
    message: localized(
      '无权订阅实时频道 {topic}。',
      '無權訂閱即時頻道 {topic}。',
      'You may not subscribe to the live topic {topic}.',
    ),
  },
  LIVE_TOPICS_INVALID: {
    kind: 'invalid',
    message: localized(
      '实时频道格式有误(1–30 个,形如 kind:id)。',
      '即時頻道格式有誤(1–30 個,形如 kind:id)。',
      'Live topics must be 1–30 entries of the form kind:id.',
    ),
  },
});

/** Decides whether a signed-in member of staff may receive a topic kind's events. */
export type TopicAuthoriser = (db: Db, actor: Actor, id: string) => Promise<boolean>;

const authorisers = new Map<string, TopicAuthoriser>();

/**
 * Lets a module open a topic kind to staff streams, e.g. `registerLiveTopic('opening', …)`.
 * Kinds nobody registered are refused.
 */
export function registerLiveTopic(kind: string, authorise: TopicAuthoriser): void {
  authorisers.set(kind, authorise);
}

registerLiveTopic('staff', async (_db, actor, id) => id === actor.staffId);
registerLiveTopic('company', async (_db, actor, id) => id === actor.companyId);

/** Whether the staff session behind a stream is still alive; the staff module registers it. */
export type LiveSessionCheck = (db: Db, actor: Actor, now: Date) => Promise<boolean>;

let sessionCheck: LiveSessionCheck | null = null;

export function registerLiveSessionCheck(check: LiveSessionCheck): void {
  sessionCheck = check;
}

const topicSchema = z.string().regex(/^[a-z][a-z_]*:[\w-]{1,80}$/);

export function parseTopics(raw: string | undefined): string[] {
  const topics = [
    ...new Set(
      (raw ?? '')
        .split(',')
        .map((topic) => topic.trim())
        .filter(Boolean),
    ),
  ];
  if (
    topics.length === 0 ||
    topics.length > 30 ||
    !topics.every((topic) => topicSchema.safeParse(topic).success)
  )
    throw new AppError(liveErrors.LIVE_TOPICS_INVALID);
  return topics;
}

export async function authoriseTopics(db: Db, actor: Actor, topics: string[]): Promise<void> {
  for (const topic of topics) {
    const at = topic.indexOf(':');
    const authorise = authorisers.get(topic.slice(0, at));
    if (!authorise || !(await authorise(db, actor, topic.slice(at + 1))))
      throw new AppError(liveErrors.LIVE_TOPIC_FORBIDDEN, { topic });
  }
}

export async function liveRoutes(app: AppInstance, context: AppContext) {
  const { database, now } = context;
  const hub = getLiveHub(app, database);
  app.get(
    '/api/live',
    {
      // Each topic is checked by its kind's authoriser (a project's, a desk's, the caller's own).
      config: { access: anyStaff, scope: 'self', answers: 'event-stream' },
      schema: {
        tags: ['live'],
        summary: 'Server-sent events of the given topics (resume with Last-Event-ID)',
        querystring: z.strictObject({
          topics: z.string().max(2000),
          lastEventId: z.string().max(16).optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const topics = parseTopics(request.query.topics);
      await authoriseTopics(database.db, actor, topics);
      await serveLiveStream(hub, request, reply, {
        topics,
        lastEventId: lastEventIdOf(request),
        recheck: async () => {
          // No check registered means no way to know: end the stream rather than trust it.
          if (!sessionCheck || !(await sessionCheck(database.db, actor, now()))) return false;
          await authoriseTopics(database.db, actor, topics);
          return true;
        },
      });
    },
  );
}

export interface PublicStreamOptions {
  /** The route, e.g. `/api/public/openings/:eventId/live`. */
  url: string;
  /** Why no session is needed (shown in the access table). */
  reason: string;
  /**
   * Checks the caller (a token in the query, a signed link…) and returns the topics it may read,
   * or throws an AppError. Runs again every `recheckMs` (default 60 s); a throw or empty list ends the stream.
   */
  authorise: (request: FastifyRequest) => Promise<string[]>;
  recheckMs?: number;
}

/**
 * Mounts a public (no staff session) SSE stream for a module with its own check — e.g. the
 * online-opening buyer page: `mountPublicLiveStream(app, context, { url, reason, authorise })`.
 * Publish what such a page may see on its own topic (`opening:<id>`), never on staff topics.
 */
export function mountPublicLiveStream(
  app: AppInstance,
  context: AppContext,
  options: PublicStreamOptions,
): void {
  const hub = getLiveHub(app, context.database);
  app.get(
    options.url,
    {
      config: { access: { public: true, reason: options.reason }, scope: 'buyer', answers: 'event-stream' },
      schema: { tags: ['live'], hide: true },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const topics = await options.authorise(request);
      if (!topics.length) throw new AppError(commonErrors.FORBIDDEN);
      await serveLiveStream(hub, request, reply, {
        topics,
        lastEventId: lastEventIdOf(request),
        recheckMs: options.recheckMs,
        recheck: async () => {
          const again = await options.authorise(request);
          return topics.every((topic) => again.includes(topic));
        },
      });
    },
  );
}
