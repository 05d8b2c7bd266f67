import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverNodeArgs } from '../scripts/build.js';
import { loggableUrl } from './app.js';
import { seedDemoOrganisation } from './demo/seed-demo.js';
import { verifyAuditChain } from './modules/audit/index.js';
import type { AppInstance } from './platform/http/types.js';
import { buildTestApp, signIn } from './testing/test-app.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';

describe('the application shell', () => {
  let database: TestDatabase;
  let app: AppInstance;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoOrganisation(database.db);
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('loads a demo organisation with every role of DOMAIN.md, all audited', async () => {
    const grants = await database.db.selectFrom('staffRoles').select('role').distinct().execute();
    expect(grants.map((grant) => grant.role).sort()).toEqual(
      [
        'admin',
        'agent',
        'consultant',
        'controller',
        'dept_head',
        'dpo',
        'engineer',
        'finance',
        'guard',
        'manager',
      ].sort(),
    );
    const desks = await database.db.selectFrom('desks').select('kind').execute();
    expect(new Set(desks.map((desk) => desk.kind))).toEqual(
      new Set(['service_centre', 'security_post', 'sales_line']),
    );
    const doors = await database.db.selectFrom('doors').select('id').execute();
    expect(doors.length).toBeGreaterThan(0);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('lets a demo login sign in', async () => {
    const session = await signIn(app, 'admin', 'Yingke2026');
    expect((await session.request('GET', '/api/auth/me')).json().user.companyName).toBe('迎客置业集团');
  });

  it('PRIV logs a search URL with phone and ID numbers masked', () => {
    expect(loggableUrl('/api/customers?q=13812345678&page=2')).toBe('/api/customers?q=138****5678&page=2');
    expect(loggableUrl('/api/deals?id=11010519491231002X')).toBe('/api/deals?id=110****002X');
    expect(loggableUrl('/api/staff?q=%2B86%2013812345678')).toBe('/api/staff?q=+86 138****5678');
    expect(loggableUrl('/api/calls?q=0755-2345678')).toBe('/api/calls?q=0755-****');
    expect(loggableUrl('/api/staff?q=5678')).toBe('/api/staff?q=5678');
    expect(loggableUrl('/api/org/projects')).toBe('/api/org/projects');
  });

  it('is started by npm start with the node flags the benchmarks and browser tests use', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toContain(`node ${serverNodeArgs.join(' ')} dist/server/main.js`);
  });

  it('answers health and readiness probes', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/readyz' })).json()).toMatchObject({
      status: 'ready',
      migrations: 'current',
    });
  });

  it('sends the security headers on every answer, the API and errors included', async () => {
    for (const url of ['/healthz', '/api/org/projects', '/api/no-such-route']) {
      const headers = (await app.inject({ url })).headers;
      expect(headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(headers['x-content-type-options'], url).toBe('nosniff');
      expect(headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(headers['x-powered-by'], url).toBeUndefined();
    }
  });

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const document = (await app.inject({ url: '/api/docs/json' })).json();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.paths['/api/staff'].post.requestBody).toBeDefined();
    expect((await app.inject({ url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('tells in the OpenAPI document who may call each operation (x-access, from config.access)', async () => {
    const document = (await app.inject({ url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { 'x-access'?: unknown }>>;
    };
    let documented = 0;
    for (const route of app.routeTable) {
      const operation = document.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      if (!operation) continue; // hidden from the document (schema.hide)
      documented += 1;
      expect(operation['x-access'], `${route.method} ${route.url}`).toEqual(
        'public' in route.access ? 'public' : route.access.roles,
      );
    }
    expect(documented).toBeGreaterThan(150);
    expect(document.paths['/api/staff'].get['x-access']).toEqual(['admin']);
    expect(document.paths['/api/auth/me'].get['x-access']).toBe('any');
  });

  it('answers unknown API routes in the one error shape with a request id', async () => {
    const response = await app.inject({ url: '/api/nothing-here', headers: { 'accept-language': 'zh-TW' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: '介面不存在。' } });
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('refuses malformed JSON with a clear error', async () => {
    const session = await signIn(app, 'admin', 'Yingke2026');
    const response = await app.inject({
      method: 'POST',
      url: '/api/org/projects',
      payload: '{"name": ',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });
});
