import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../contracts/roles.js';
import type { AppInstance } from './platform/http/types.js';
import { buildOrg, buildStaff, type TestOrg } from './testing/factories.js';
import { buildTestApp, signIn } from './testing/test-app.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';

/** Fills :params with a syntactically valid id that exists nowhere. */
function concreteUrl(url: string, values: Record<string, string> = {}): string {
  return url.replace(
    /:(\w+)/g,
    (_whole, name: string) => values[name] ?? '00000000-0000-4000-8000-000000000000',
  );
}

describe('route table authorisation (every /api route declares its roles)', () => {
  let database: TestDatabase;
  let app: AppInstance;
  let org: TestOrg;

  beforeAll(async () => {
    database = await createTestDatabase();
    org = await buildOrg(database.db);
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('has routes, each with a declared access', () => {
    expect(app.routeTable.length).toBeGreaterThan(20);
    for (const route of app.routeTable) expect(route.access, `${route.method} ${route.url}`).toBeDefined();
  });

  it('answers 401 to every non-public route without a session', async () => {
    const failures: string[] = [];
    for (const route of app.routeTable) {
      if ('public' in route.access) continue;
      const response = await app.inject({
        method: route.method as 'GET',
        url: concreteUrl(route.url),
        payload: route.method === 'GET' ? undefined : {},
      });
      if (response.statusCode !== 401) failures.push(`${route.method} ${route.url} → ${response.statusCode}`);
      else expect(response.json().error.code).toMatch(/UNAUTHENTICATED|SESSION_EXPIRED/);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to every role-restricted route for a user who holds none of its roles', async () => {
    const failures: string[] = [];
    const sessions = new Map<string, Awaited<ReturnType<typeof signIn>>>();
    for (const route of app.routeTable) {
      if ('public' in route.access || route.access.roles === 'any') continue;
      const allowed = route.access.roles;
      const outsider = roles.find((role) => role !== 'admin' && !allowed.includes(role));
      if (!outsider) continue;
      let session = sessions.get(outsider);
      if (!session) {
        const person = await buildStaff(database.db, org, { roles: [outsider] });
        session = await signIn(app, person.username);
        sessions.set(outsider, session);
      }
      const response = await session.request(
        route.method as 'GET',
        concreteUrl(route.url),
        route.method === 'GET' ? undefined : {},
      );
      if (response.statusCode !== 403)
        failures.push(`${route.method} ${route.url} as ${outsider} → ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 or 404 to a project-scoped route called for another project', async () => {
    const scopedRoles = roles
      .filter((role) => role !== 'admin')
      .map((role) => ({ role, projectId: org.salesProjectId }));
    const person = await buildStaff(database.db, org, { roles: scopedRoles });
    const session = await signIn(app, person.username);
    const failures: string[] = [];
    let checked = 0;
    for (const route of app.routeTable) {
      if ('public' in route.access || !route.url.includes(':projectId')) continue;
      checked += 1;
      const url = concreteUrl(route.url, { projectId: org.estateProjectId });
      const response = await session.request(
        route.method as 'GET',
        url,
        route.method === 'GET' ? undefined : {},
      );
      if (![403, 404].includes(response.statusCode))
        failures.push(`${route.method} ${route.url} → ${response.statusCode}`);
    }
    expect(checked).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});
