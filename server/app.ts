import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { resolveLocale } from '../contracts/locales.js';
import { routePlugins } from './modules/registry.js';
import { resolveSession } from './modules/staff/index.js';
import { type ScopeKind, ScopeTracker, scopeKinds } from './platform/auth/scope.js';
import { listenForCacheInvalidations } from './platform/cache.js';
import type { Database } from './platform/db/database.js';
import { AppError, commonErrors } from './platform/errors.js';
import type { Access, PendingStep } from './platform/http/access.js';
import { cleanRequestInput } from './platform/http/clean-input.js';
import { errorBody, handleError } from './platform/http/error-handler.js';
import {
  clearSessionCookie,
  constantTimeEqual,
  csrfHeaderName,
  isSameOrigin,
  isStateChanging,
  securityHeadersFor,
  sessionCookieName,
} from './platform/http/security.js';
import { responseSerializerCompiler } from './platform/http/serialization.js';
import type { AppContext, AppInstance } from './platform/http/types.js';
import { zodValidatorCompiler } from './platform/http/validation.js';
import { registerOpsRoutes } from './platform/ops/index.js';

const pendingStepErrors: Record<PendingStep, (typeof commonErrors)[keyof typeof commonErrors]> = {
  second_factor: commonErrors.TWO_FACTOR_REQUIRED,
  change_password: commonErrors.PASSWORD_CHANGE_REQUIRED,
  enrol_second_factor: commonErrors.TWO_FACTOR_ENROLMENT_REQUIRED,
};

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
  scope: ScopeKind;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with its declared access, for the authorisation walk in tests. */
    routeTable: RouteEntry[];
  }
}

export interface BuildAppOptions {
  database: Database;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  trustProxy?: boolean;
  /** Built web UI to serve; omitted in API-only tests. */
  webDistDir?: string;
  /**
   * Also check every answer against its zod schema (see platform/http/serialization.ts). The tests
   * turn it on with YINGKE_CHECK_RESPONSES=1; a production server writes answers without the check.
   */
  checkResponses?: boolean;
  /** METRICS_TOKEN: lets a Prometheus elsewhere read /metrics (localhost always may). */
  metricsToken?: string;
}

/**
 * A search may carry a phone or ID number in its query string (`?q=13812345678`): logs keep the
 * path and the query with every long run of digits masked, never a whole number (PRIV).
 */
export function loggableUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  let query = url.slice(queryStart);
  try {
    query = decodeURIComponent(query);
  } catch {
    // keep it encoded: masking below still sees plain digits
  }
  return (
    url.slice(0, queryStart) +
    query.replace(/\d{7,}[\dXx]?/g, (digits) =>
      digits.length >= 11 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****',
    )
  );
}

export const loggerOptions = (level: string): FastifyServerOptions['logger'] => ({
  level,
  serializers: {
    req: (request: { method: string; url: string; ip?: string; id?: string }) => ({
      method: request.method,
      url: loggableUrl(request.url),
      remoteAddress: request.ip,
    }),
  },
  // Cookies, tokens and bodies can carry credentials or personal data: they never reach the log.
  redact: [
    'req.headers.cookie',
    'req.headers.authorization',
    `req.headers["${csrfHeaderName}"]`,
    'res.headers["set-cookie"]',
  ],
});

export async function buildApp(options: BuildAppOptions): Promise<AppInstance> {
  const now = options.now ?? (() => new Date());
  const app = Fastify({
    logger: options.logger ?? false,
    // One line per request (below, when it completes) rather than fastify's two. nginx sets
    // X-Request-Id (deploy/nginx): the same id names a request in the proxy's log and in every
    // line this instance logs for it (`requestId`), and goes back in the answer's header.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
    // Draining (SIGTERM): a request that still arrives on an open connection is served (and the
    // connection closed after it) rather than refused with 503, which nginx may not pass on for a POST.
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(
    responseSerializerCompiler({
      checkResponses: options.checkResponses ?? process.env.YINGKE_CHECK_RESPONSES === '1',
    }),
  );
  app.setErrorHandler(handleError);

  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        url: loggableUrl(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        staffId: request.actor?.staffId,
      },
      'request',
    );
    done();
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('sessionCsrfToken', null);
  app.decorateRequest('pendingStep', null);

  await app.register(fastifyCookie);
  // Worked out once (helmet's policy does not depend on the request): @fastify/helmet rebuilt its
  // middleware and re-parsed the CSP on every request, a measurable share of a plain read.
  const securityHeaders = securityHeadersFor({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd 6 injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        // Offices reach the server over plain HTTP on their LAN; upgrading would break every request.
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    done();
  });
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 5, fields: 20 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Yingke 迎客 API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: sessionCookieName } } },
    },
    // Each operation carries who may call it (`x-access`: "public" or the roles, "any" for every
    // signed-in person), from the route's own config.access, so a client or the smoke test over
    // every route reads it from the document instead of a second list.
    transform: (input) => {
      const result = jsonSchemaTransform(input);
      const access = input.route.config?.access;
      if (!access) return result;
      return {
        ...result,
        schema: {
          ...result.schema,
          'x-access': 'public' in access ? 'public' : access.roles,
          'x-scope': input.route.config?.scope,
        },
      };
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Every API route must say who may call it; a forgotten declaration stops the server at start.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access (config.access)`);
    const scope = route.config?.scope;
    if (!scope || !scopeKinds.includes(scope))
      throw new Error(`Route ${route.method} ${route.url} declares no object scope (config.scope)`);
    if ('public' in access !== (scope === 'public' || scope === 'buyer'))
      throw new Error(
        `Route ${route.method} ${route.url}: only public routes serve the public or buyer scope`,
      );
    // Answers are serialized from their schema and checked against it: a route without one must say why.
    if (!route.schema?.response && !route.config?.answers)
      throw new Error(
        `Route ${route.method} ${route.url} declares no response schema (schema.response) nor what it answers instead (config.answers)`,
      );
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, access, scope });
  });

  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[sessionCookieName];
    let sessionExpired = false;
    // The browser's language until the session says otherwise: an error while resolving the
    // session (the database away) is still answered in a language the user reads.
    request.locale = resolveLocale(request.headers['accept-language']);
    if (token) {
      const session = await resolveSession(options.database.db, token, now());
      if (session.status === 'valid') {
        request.actor = { ...session.actor, requestId: request.id };
        request.sessionCsrfToken = session.csrfToken;
        request.pendingStep = session.pendingStep;
      } else {
        sessionExpired = session.status === 'expired';
        clearSessionCookie(reply);
      }
    }
    request.locale = resolveLocale(request.actor?.locale, request.headers['accept-language']);
    reply.header('x-request-id', request.id);

    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    reply.header('Cache-Control', 'no-store');
    const access = request.routeOptions.config?.access;
    if (!access) return;
    if ('public' in access) {
      if (isStateChanging(request.method) && !isSameOrigin(request))
        throw new AppError(commonErrors.CSRF_FAILED);
      return;
    }
    if (!request.actor)
      throw new AppError(sessionExpired ? commonErrors.SESSION_EXPIRED : commonErrors.UNAUTHENTICATED);
    if (isStateChanging(request.method)) {
      const sent = request.headers[csrfHeaderName];
      if (
        typeof sent !== 'string' ||
        !request.sessionCsrfToken ||
        !constantTimeEqual(sent, request.sessionCsrfToken)
      )
        throw new AppError(commonErrors.CSRF_FAILED);
    }
    // A session that still owes a step (second factor, password change, two-factor set-up) reaches
    // only the routes that declare they serve it: checked here once, so no route can forget it.
    if (request.pendingStep && !access.during?.includes(request.pendingStep))
      throw new AppError(pendingStepErrors[request.pendingStep]);
    // The administrator's job is projects, staff, desks, scripts and settings: a route lets them
    // in only where it names 'admin' (customers' personal data and deals do not).
    if (access.roles !== 'any') {
      const allowed = access.roles;
      if (!request.actor.grants.some((grant) => allowed.includes(grant.role)))
        throw new AppError(commonErrors.FORBIDDEN);
    }
    const scope = request.routeOptions.config?.scope;
    if (scope) request.actor.scopeTracker = new ScopeTracker(scope);
  });

  // A successful answer of a route whose declared object scope no use case applied is refused
  // (a forgotten check must fail, not leak): the route-matrix test and the smoke test see a 500.
  app.addHook('onSend', async (request, reply, payload) => {
    const tracker = request.actor?.scopeTracker;
    if (!tracker || reply.statusCode >= 400 || tracker.isSatisfied()) return payload;
    request.log.error(
      { method: request.method, url: request.routeOptions.url, scope: tracker.declared },
      'route answered without applying its declared object scope',
    );
    if (payload && typeof (payload as { destroy?: unknown }).destroy === 'function')
      (payload as { destroy: () => void }).destroy();
    reply.status(500).header('content-type', 'application/json; charset=utf-8');
    reply.removeHeader('content-disposition');
    return JSON.stringify(
      errorBody(new AppError(commonErrors.SCOPE_NOT_APPLIED, { requestId: request.id }), request.locale),
    );
  });

  // Before any route is registered, so every route (and every plugin's routes) inherits it.
  app.addHook('preValidation', cleanRequestInput);

  const context: AppContext = { database: options.database, now };

  // /healthz, /readyz, /metrics (and the request metrics hook): platform/ops, see deploy/OPERATIONS.md.
  await registerOpsRoutes(app, { database: options.database, now, metricsToken: options.metricsToken });

  for (const plugin of routePlugins) await plugin(app, context);
  listenForCacheInvalidations(app, context);

  const webDir = options.webDistDir;
  const hasWeb = Boolean(webDir && fs.existsSync(path.join(webDir, 'index.html')));
  if (hasWeb && webDir) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, maxAge: '1h' });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !hasWeb || request.method !== 'GET')
      return reply.status(404).send(errorBody(new AppError(commonErrors.ROUTE_NOT_FOUND), request.locale));
    // Client-side routes: the single-page app answers every other GET.
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });

  return app;
}
