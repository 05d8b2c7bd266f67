import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { createMigrator } from '../db/migrate.js';
import { AppError, commonErrors } from '../errors.js';
import { errorBody } from '../http/error-handler.js';
import { constantTimeEqual } from '../http/security.js';
import type { AppInstance } from '../http/types.js';
import { getLiveHub } from '../live/index.js';
import { createAppMetrics } from './metrics.js';

export interface OpsRoutesOptions {
  database: Database;
  now: () => Date;
  /** METRICS_TOKEN: a scraper elsewhere sends `Authorization: Bearer <token>`; without it only localhost reads /metrics. */
  metricsToken?: string;
}

/** Seconds a load balancer waits before asking an instance that is not ready again. */
const retryAfterSeconds = 5;

/**
 * Forward-only migrations: once every migration this code knows is applied it stays so, and the
 * catalog is not read again. A newer instance migrating ahead does not make this one unready.
 */
function migrationsChecker(database: Database) {
  let current = false;
  return async (): Promise<{ current: boolean; pending: number }> => {
    if (current) return { current, pending: 0 };
    const migrations = await createMigrator(database.db).getMigrations();
    const pending = migrations.filter((migration) => migration.executedAt === undefined).length;
    current = pending === 0;
    return { current, pending };
  };
}

/**
 * Local means the socket is the loopback and no proxy forwarded the request: behind nginx on the
 * same host every request comes from 127.0.0.1, but carries X-Forwarded-For.
 */
function isLocalScrape(request: FastifyRequest): boolean {
  const address = request.socket.remoteAddress ?? '';
  const proxied = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some(
    (name) => request.headers[name] !== undefined,
  );
  return !proxied && ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(address);
}

function hasMetricsToken(request: FastifyRequest, token: string | undefined): boolean {
  const header = request.headers.authorization;
  if (!token || typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  return constantTimeEqual(header.slice('Bearer '.length), token);
}

/** /healthz (the process answers), /readyz (database, live listener, migrations) and /metrics. */
export async function registerOpsRoutes(app: AppInstance, options: OpsRoutesOptions): Promise<void> {
  const { database } = options;
  const metrics = createAppMetrics({ database, liveHub: () => app.liveHub, now: options.now });
  const migrations = migrationsChecker(database);

  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, never the raw URL: ids in paths would make a series per record.
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });

  app.get(
    '/healthz',
    {
      config: { access: { public: true, reason: 'liveness probe' }, scope: 'public' },
      schema: { hide: true },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config: { access: { public: true, reason: 'readiness probe' }, scope: 'public' },
      schema: { hide: true },
    },
    async (_request, reply) => {
      // The hub is made on first use; asking here starts its listener, so a fresh instance is
      // ready only once it would deliver live events.
      const hub = getLiveHub(app, database);
      // A hub still connecting gets a moment (a load balancer's first probe need not fail for it);
      // one that cannot connect leaves the instance unready rather than the probe hanging.
      await Promise.race([
        hub.ready.catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 2000).unref()),
      ]);
      const databaseUp = await sql`select 1`.execute(database.db).then(
        () => true,
        () => false,
      );
      const schema = databaseUp ? await migrations().catch(() => ({ current: false, pending: -1 })) : null;
      const listening = hub.isListening();
      const body = {
        status: databaseUp && schema?.current && listening ? 'ready' : 'unavailable',
        database: databaseUp ? 'ok' : 'unreachable',
        live: listening ? (database.dialect === 'postgres' ? 'listening' : 'polling') : 'not listening',
        migrations: !schema ? 'unknown' : schema.current ? 'current' : `${schema.pending} pending`,
      };
      if (body.status !== 'ready') reply.status(503).header('Retry-After', String(retryAfterSeconds));
      return body;
    },
  );

  app.get(
    '/metrics',
    {
      config: {
        access: {
          public: true,
          reason: 'Prometheus scrape: from localhost, or with the METRICS_TOKEN bearer token',
        },
        scope: 'public',
      },
      schema: { hide: true },
    },
    async (request, reply) => {
      if (!isLocalScrape(request) && !hasMetricsToken(request, options.metricsToken))
        return reply
          .status(403)
          .header('WWW-Authenticate', 'Bearer')
          .send(errorBody(new AppError(commonErrors.FORBIDDEN), request.locale));
      reply.header('Content-Type', metrics.contentType);
      return metrics.render();
    },
  );
}
