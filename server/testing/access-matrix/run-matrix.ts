import { type Role, roles } from '../../../contracts/roles.js';
import type { RouteEntry } from '../../app.js';
import { Visibility } from '../../platform/auth/scope.js';
import type { Db } from '../../platform/db/database.js';
import type { AppInstance } from '../../platform/http/types.js';
import {
  type AccessWorld,
  type ObjectKind,
  scopeOfKind,
  signInBuyer,
  type WorldObject,
} from '../access-world/index.js';
import { signIn, type TestSession } from '../test-app.js';
import {
  type Answer,
  findLeaks,
  type JudgedCaller,
  type Leak,
  type MatrixResult,
  toAnswer,
} from './leaks.js';
import { kindByBodyField, literalParams, openBuyerRoutes, routeParams } from './route-params.js';
import { type JsonSchema, sampleBody } from './sample-body.js';

interface Caller {
  name: string;
  role: Role;
  session: TestSession;
  /** Whether the caller may know of the object (its own scope kind). */
  sees: (object: WorldObject) => boolean;
  /** The same for the object a route names: a desk named by a desk-scope route is seen by desk reach. */
  seesAs: (object: WorldObject, route: RouteEntry) => boolean;
}

/** Runs the matrix over every route; the world's foreign rows must not change. */
export async function runAccessMatrix(
  app: AppInstance,
  db: Db,
  world: AccessWorld,
  options: { onlyRoutes?: (route: RouteEntry) => boolean } = {},
): Promise<MatrixResult> {
  const leaks: Leak[] = [];
  const missing = new Set<string>();
  const unapplied = new Set<string>();
  const reached = new Set<string>();
  const tried = new Set<string>();
  let cells = 0;

  const callers: Caller[] = [];
  for (const role of roles) {
    const person = world.callers[role];
    const session = await signIn(app, person.username);
    callers.push({
      name: role,
      role,
      session,
      sees: (object) => new Visibility(person, scopeOfKind[object.kind]).sees(object.scoped),
      seesAs: (object, route) =>
        new Visibility(
          person,
          object.kind === 'desk' && route.scope === 'desk' ? 'desk' : scopeOfKind[object.kind],
        ).sees(object.scoped),
    });
  }
  const judge = (
    route: RouteEntry,
    url: string,
    caller: JudgedCaller,
    relation: string,
    target: WorldObject | undefined,
    answer: Answer,
  ) => {
    if (answer.status === 500 && answer.text.includes('SCOPE_NOT_APPLIED'))
      unapplied.add(`${route.method} ${route.url}`);
    if (![400, 406, 415].includes(answer.status)) reached.add(`${route.method} ${route.url}`);
    tried.add(`${route.method} ${route.url}`);
    return findLeaks(world, route, url, caller, relation, target, answer);
  };
  const openApi = (
    app as unknown as { swagger: () => { paths: Record<string, Record<string, unknown>> } }
  ).swagger();
  const bodySchemaOf = (route: RouteEntry): JsonSchema | undefined => {
    const operation = openApi.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()] as
      | { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }
      | undefined;
    return operation?.requestBody?.content?.['application/json']?.schema;
  };
  const byKind = new Map<ObjectKind, WorldObject[]>();
  for (const object of world.objects) byKind.set(object.kind, [...(byKind.get(object.kind) ?? []), object]);

  // Self routes are read (and scanned) but not sent changes: signing out or changing one's own
  // password would only end the caller's session. Event streams never end: the live tests cover them.
  const routes = app.routeTable.filter(
    (route) =>
      route.scope !== 'public' &&
      !(route.scope === 'self' && route.method !== 'GET') &&
      !route.url.endsWith('/live') &&
      (options.onlyRoutes?.(route) ?? true),
  );
  const reads = routes.filter((route) => route.method === 'GET');
  const writes = routes.filter((route) => route.method !== 'GET');

  // Rows that no caller of P1 may see must come out of the run unchanged.
  const untouchable = world.objects.filter(
    (object) => object.row && !callers.some((caller) => caller.sees(object)),
  );
  const snapshot = async () => {
    const rows = new Map<string, string>();
    for (const object of untouchable) {
      const { table, id } = object.row!;
      const row = await db
        .selectFrom(table as 'staff')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      rows.set(`${object.site}'s ${object.kind} ${id}`, JSON.stringify(row ?? null));
    }
    return rows;
  };

  const buyerRoutes = routes.filter((route) => route.scope === 'buyer');
  const staffRoutes = (list: RouteEntry[]) => list.filter((route) => route.scope !== 'buyer');

  let last = await snapshot();
  let previous: RouteEntry | undefined;
  /** Compared after each mutation route, so a changed row names the route that changed it. */
  const compareRows = async () => {
    // GETs too: a read must not change anything either (a receipt's reprint count is a write).
    if (!previous) return;
    const current = await snapshot();
    for (const [key, row] of last)
      if (current.get(key) !== row)
        leaks.push({
          method: previous.method,
          url: previous.url,
          caller: 'a P1 caller',
          relation: 'mutation',
          what: `changed ${key}, which no caller of P1 may see`,
        });
    last = current;
  };
  for (const route of [...staffRoutes(reads), ...staffRoutes(writes)]) {
    await compareRows();
    previous = route;
    const params = routeParams(route.url);
    const unknown = params.filter((param) => param.kind === undefined);
    const objectParams = params.filter((param) => param.kind !== undefined && param.kind !== 'literal');
    const withoutFixture = objectParams.filter((param) => !byKind.has(param.kind as ObjectKind));
    for (const param of unknown)
      missing.add(`add a fixture for ${route.method} ${route.url} (:${param.name})`);
    for (const param of withoutFixture)
      missing.add(`add a fixture for ${param.kind} (${route.method} ${route.url})`);
    if (unknown.length || withoutFixture.length) continue;

    const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
    const bodySchema = hasBody ? bodySchemaOf(route) : undefined;
    /** The body sent with `target` named: other object fields take objects of the target's site. */
    const bodyFor = (target: WorldObject | undefined, targetField?: string) =>
      hasBody
        ? sampleBody(bodySchema, (field, kind) => {
            if (target && field === targetField) return target.id;
            const site = target?.site ?? 'p1';
            return world.objects.find((object) => object.kind === kind && object.site === site)?.id;
          })
        : undefined;
    const bodyTarget = hasBody
      ? (bodySchema?.required ?? []).find((field) => {
          const kind = kindByBodyField[field];
          return kind !== undefined && byKind.has(kind);
        })
      : undefined;
    const fill = (target: WorldObject | undefined) =>
      route.url.replace(/:(\w+)/g, (_whole, name: string) => {
        const plan = params.find((param) => param.name === name)!;
        if (plan.kind === 'literal') return literalParams[plan.key]!;
        return target?.id ?? '';
      });

    if (objectParams.length === 0 && !bodyTarget) {
      for (const caller of callers) {
        cells += 1;
        for (const url of [fill(undefined), `${fill(undefined)}?projectId=${world.p1}`]) {
          const response = await caller.session.request(route.method as 'GET', url, bodyFor(undefined));
          leaks.push(...judge(route, url, caller, 'list', undefined, await toAnswer(response)));
        }
      }
      continue;
    }
    // The object the route is about: its last path parameter, else the body's first object field.
    const kind = (
      objectParams.length ? objectParams[objectParams.length - 1]!.kind : kindByBodyField[bodyTarget!]
    ) as ObjectKind;
    const targetField = objectParams.length ? undefined : bodyTarget;
    const targets = byKind.get(kind)!;
    const relationsOf = [...new Set(targets.map((target) => target.relation))];
    for (const caller of callers)
      for (const relation of relationsOf) {
        cells += 1;
        for (const target of targets.filter((item) => item.relation === relation)) {
          const url = fill(target);
          const body = bodyFor(target, targetField);
          const response = await caller.session.request(route.method as 'GET', url, body);
          leaks.push(...judge(route, url, caller, relation, target, await toAnswer(response)));
        }
      }
  }

  await compareRows();

  // Buyer routes: buyer 1 of P1's opening calls every other event and is scanned for buyer 2.
  const p1Opening = world.objects.find((object) => object.kind === 'opening' && object.site === 'p1');
  const p1Buyers = world.objects.filter((object) => object.kind === 'openingBuyer' && object.site === 'p1');
  if (p1Opening && p1Buyers.length >= 2 && buyerRoutes.length) {
    const buyer = p1Buyers[0]!;
    const cookie = await signInBuyer(app, db, p1Opening.id, buyer);
    const buyerCaller = {
      name: 'buyer',
      role: 'buyer' as const,
      buyerId: buyer.id,
      // A buyer sees their own event (its public page) and themself; no other buyer.
      sees: (object: WorldObject) =>
        object.id === buyer.id || (object.kind === 'opening' && object.id === p1Opening.id),
    };
    // Signing out last, so buyer 1 stays signed in for the rest.
    const ordered = [...buyerRoutes].sort(
      (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
    );
    for (const route of ordered) {
      const events = world.objects.filter((object) => object.kind === 'opening');
      for (const event of events) {
        const relation = event.id === p1Opening.id ? 'other-buyer' : event.relation;
        cells += 1;
        const url = route.url.replace(':eventId', event.id);
        const response = await app.inject({
          method: route.method as 'GET',
          url,
          headers: cookie ? { cookie, origin: 'http://localhost' } : {},
          ...(route.method === 'GET' || route.method === 'DELETE'
            ? {}
            : {
                payload: sampleBody(bodySchemaOf(route), (_field, kind) =>
                  kind === 'unit'
                    ? world.objects.find((object) => object.kind === kind && object.site === event.site)?.id
                    : undefined,
                ) as object,
              }),
        });
        const answer = await toAnswer(response);
        const open = openBuyerRoutes.has(`${route.method} ${route.url}`);
        const target = open || event.id === p1Opening.id ? undefined : event;
        // An event's public page shows the event and its project to anyone holding the link.
        const sees = (object: WorldObject) =>
          buyerCaller.sees(object) ||
          (open &&
            (object.id === event.id || (object.kind === 'project' && object.id === event.scoped.projectId)));
        leaks.push(...judge(route, url, { ...buyerCaller, sees }, relation, target, answer));
      }
    }
  }

  const after = await snapshot();
  for (const [key, row] of last)
    if (after.get(key) !== row)
      leaks.push({
        method: '*',
        url: 'buyer routes',
        caller: 'buyer',
        relation: 'mutation',
        what: `changed ${key}`,
      });
  return {
    cells,
    leaks,
    missingFixtures: [...missing].sort(),
    scopeNotApplied: [...unapplied].sort(),
    onlyRefusedInput: [...tried].filter((route) => !reached.has(route)).sort(),
  };
}
