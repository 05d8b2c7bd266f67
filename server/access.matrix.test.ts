import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Visibility } from './platform/auth/scope.js';
import type { AppInstance } from './platform/http/types.js';
import {
  describeLeak,
  findLeaks,
  type JudgedCaller,
  type MatrixResult,
  runAccessMatrix,
} from './testing/access-matrix/index.js';
import { type AccessWorld, buildAccessWorld, scopeOfKind } from './testing/access-world/index.js';
import { buildTestApp } from './testing/test-app.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';

// The matrix proves the enforced access: no implicit administrator pass, SCOPE_NOT_APPLIED on a
// forgotten scope. Set before the app is built (buildApp reads it once).
const enforcedBefore = process.env.YINGKE_ENFORCE_SCOPE;
process.env.YINGKE_ENFORCE_SCOPE = '1';

describe('access matrix (every route × role × relation, generated from the route table)', () => {
  let database: TestDatabase;
  let app: AppInstance;
  let world: AccessWorld;
  let result: MatrixResult;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildAccessWorld(database);
    app = await buildTestApp(database);
    result = await runAccessMatrix(app, database.db, world);
    console.log(`access matrix: ${result.cells} route × role × relation cells, ${result.leaks.length} leaks`);
    // Not a leak (the answer is refused), but the route does not work yet for its callers.
    if (result.scopeNotApplied.length)
      console.log(`routes answering SCOPE_NOT_APPLIED:\n  ${result.scopeNotApplied.join('\n  ')}`);
    if (result.onlyRefusedInput.length)
      console.log(
        `routes whose every call stopped at validation (a fixture or a body would reach further):\n  ${result.onlyRefusedInput.join('\n  ')}`,
      );
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    if (enforcedBefore === undefined) delete process.env.YINGKE_ENFORCE_SCOPE;
    else process.env.YINGKE_ENFORCE_SCOPE = enforcedBefore;
  });

  it('has a fixture for every route parameter (adding a route adds its rows)', () => {
    expect(result.missingFixtures).toEqual([]);
  });

  it('tries every route as every role', () => {
    expect(result.cells).toBeGreaterThan(app.routeTable.length * 9);
  });

  it('leaks no object and no whole number to a caller the rules do not let see it', () => {
    expect(result.leaks.map(describeLeak)).toEqual([]);
  });

  // The checks themselves can fail: each is shown an answer that leaks.
  describe('judges an answer', () => {
    const callerOf = (role: 'consultant' | 'manager'): JudgedCaller => ({
      name: role,
      role,
      sees: (object) => new Visibility(world.callers[role], scopeOfKind[object.kind]).sees(object.scoped),
    });
    const route = (method: string, url: string) => ({
      method,
      url,
      access: { roles: 'any' as const },
      scope: 'owner' as const,
    });
    const object = (site: string, kind: string) =>
      world.objects.find((item) => item.site === site && item.kind === kind)!;

    it("finds another company's deposit answered 200, and not when answered 404", () => {
      const deposit = object('b', 'deposit');
      const detail = route('GET', '/api/deals/deposits/:id');
      const leaks = (status: number) =>
        findLeaks(world, detail, 'url', callerOf('manager'), 'other-company', deposit, { status, text: '' });
      expect(leaks(200)).toHaveLength(1);
      expect(leaks(404)).toEqual([]);
    });

    it("finds another project's customer named in a list", () => {
      const customer = object('p2', 'customer');
      const list = route('GET', '/api/customers');
      const text = JSON.stringify({ items: [{ name: customer.markers[0] }] });
      expect(
        findLeaks(world, list, 'url', callerOf('manager'), 'list', undefined, { status: 200, text }),
      ).toHaveLength(1);
    });

    it('finds a whole phone of a customer the manager sees, except in the reveal answer', () => {
      const customer = object('p1', 'customer');
      const text = JSON.stringify({ phone: customer.secrets[0]!.value });
      const answer = { status: 200, text };
      const manager = callerOf('manager');
      expect(
        findLeaks(world, route('GET', '/api/customers/:id'), 'url', manager, 'x', customer, answer),
      ).toHaveLength(1);
      expect(
        findLeaks(
          world,
          route('POST', '/api/customers/:id/reveal-phones'),
          'url',
          manager,
          'x',
          customer,
          answer,
        ),
      ).toEqual([]);
      expect(
        findLeaks(
          world,
          route('POST', '/api/customers/:id/reveal-phones'),
          'url',
          callerOf('consultant'),
          'x',
          undefined,
          answer,
        ),
      ).toHaveLength(1);
    });
  });
});
