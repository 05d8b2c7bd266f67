import { type Role, roles } from '../../contracts/roles.js';
import type { RouteEntry } from '../app.js';
import { pdfText } from '../modules/deals/testing/pdf-text.js';
import { type ObjectScopeKind, type Reach, scopeRules, Visibility } from '../platform/auth/scope.js';
import type { Db } from '../platform/db/database.js';
import type { AppInstance } from '../platform/http/types.js';
import type { AccessWorld, ObjectKind, Relation, SecretField, WorldObject } from './access-world.js';
import { scopeOfKind, signInBuyer } from './access-world.js';
import { signIn, type TestSession } from './test-app.js';
import { workbookText } from './workbook-text.js';

/**
 * The access matrix: every route of `app.routeTable` called as every role of P1 against the
 * objects of another consultant, another desk, another project, another company and another
 * buyer (access-world.ts). A cell LEAKS when a caller gets a 2xx for an object the rules do not
 * let them see, when any answer (JSON, .xlsx, PDF) carries a marker of such an object, or when it
 * carries a whole phone or ID number the field rules below do not allow there.
 *
 * Who may see an object comes only from `scopeRules` (platform/auth/scope.ts); the fields table
 * below is the one other rule, written once for a reviewer.
 */

/** Where a whole (unmasked) number may appear; anywhere else it is a leak. */
export const fieldRules: Record<SecretField, { label: string; whole: string }> = {
  customerPhone: {
    label: "A customer's phone (customer, visitor, sales caller)",
    whole:
      "Only in the answer of POST /api/customers/:id/reveal-phones (a logged, reasoned act), to the owning consultant and the manager, and in the customer's personal-data export (GET /api/customers/:id/personal-data), to the manager and the data-protection officer who answer the customer's request.",
  },
  callerNumber: {
    label: "A desk caller's number (call, message, incident, leader call)",
    whole: 'To the roles whose desk reach covers the desk the call came in on (they call back).',
  },
  buyerPhone: {
    label: "An online-opening buyer's phone",
    whole: 'To that buyer only (their own session).',
  },
  idNumber: {
    label: 'A resident ID number (agreement buyer, opening buyer)',
    whole: 'Never; only a route whose path says it reveals an ID number (…/reveal-id…).',
  },
};

/** The roles that may see a customer's whole phone, on the reveal route. */
const phoneRevealers: readonly Role[] = ['consultant', 'manager'];
/** The roles that answer a customer's access request with their personal-data export. */
const exportReaders: readonly Role[] = ['manager', 'dpo'];

/**
 * A route's path parameter → the kind of object it names: by parameter name, or for `:id` by
 * the path segment before it. A parameter that is neither fails the matrix (add a fixture).
 */
const kindByParam: Record<string, ObjectKind> = {
  projectId: 'project',
  buildingId: 'building',
  deskId: 'desk',
  staffId: 'staff',
  callId: 'call',
  messageId: 'message',
  incidentId: 'incident',
  leaderCallId: 'leaderCall',
  eventId: 'opening',
  purposeId: 'purpose',
};
const kindBySegment: Record<string, ObjectKind> = {
  projects: 'project',
  buildings: 'building',
  doors: 'door',
  departments: 'department',
  desks: 'desk',
  staff: 'staff',
  deliveries: 'delivery',
  jobs: 'notifyJob',
  units: 'unit',
  'price-lists': 'priceList',
  openings: 'opening',
  buyers: 'openingBuyer',
  customers: 'customer',
  'ownership-requests': 'ownershipRequest',
  'follow-ups': 'followUp',
  'source-channels': 'sourceChannel',
  campaigns: 'campaign',
  'customer-imports': 'customerImport',
  'reception/calls': 'salesCall',
  visits: 'visit',
  plans: 'plan',
  deposits: 'deposit',
  receipts: 'receipt',
  forms: 'form',
  files: 'file',
  agreements: 'agreement',
  'transaction-files': 'transactionFile',
  statements: 'statement',
  mortgage: 'mortgage',
  'move-in': 'moveIn',
  tasks: 'task',
  designations: 'designation',
};
/** Parameters that name a value, not an object (filled with a valid value of the caller's own). */
const literalParams: Record<string, string> = {
  'settings/:key': 'deals.uploadMaxKilobytes',
  'templates/:event': 'deal.payment_reminder',
  'providers/:channel': 'sms',
  'years/:year': '2026',
  'scripts/:situation': 'greeting',
  'steps/:step': 'greet',
};

/** Buyer routes a person holding another event's (or no) buyer session may still call. */
const openBuyerRoutes = new Set([
  'GET /api/public/openings/:eventId',
  'POST /api/public/openings/:eventId/code',
  // Signing out of an event one is not signed in to changes nothing.
  'DELETE /api/public/openings/:eventId/session',
]);

export type MatrixKind = ObjectKind | 'literal';

/** A body field naming an object: a mutation is sent the foreign object there too. */
const kindByBodyField: Record<string, ObjectKind> = {
  projectId: 'project',
  deskId: 'desk',
  customerId: 'customer',
  planId: 'plan',
  unitId: 'unit',
  callId: 'call',
  fileId: 'file',
  idCopyFileId: 'file',
  agreementId: 'agreement',
  depositId: 'deposit',
  transactionFileId: 'transactionFile',
  recipientStaffId: 'staff',
  staffId: 'staff',
  buildingId: 'building',
  doorId: 'door',
};

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Strings tried in turn for a field until one fits its pattern and length. */
const sampleStrings = [
  'matrix-0001',
  '2026-12-01',
  '2026-12-01T02:00:00.000Z',
  '13700000000',
  '矩阵测试',
  '1',
];

/**
 * A plausible body for a mutation, from its JSON schema (the OpenAPI document): the required
 * fields with a value that passes validation, so the request reaches the use case and its scope
 * check instead of stopping at 400. `objectFor` fills fields that name an object.
 */
export function sampleBody(
  schema: JsonSchema | undefined,
  objectFor: (field: string, kind: ObjectKind) => string | undefined,
  field = '',
): unknown {
  if (!schema) return {};
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (variant) return sampleBody(variant, objectFor, field);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((item) => item !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const name of schema.required ?? [])
        result[name] = sampleBody(schema.properties?.[name], objectFor, name);
      return result;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleBody(schema.items, objectFor, field));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'string': {
      const kind = kindByBodyField[field];
      const id = kind ? objectFor(field, kind) : undefined;
      if (id) return id;
      const fits = (value: string) =>
        value.length >= (schema.minLength ?? 0) &&
        value.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY) &&
        (!schema.pattern || new RegExp(schema.pattern, 'u').test(value));
      return sampleStrings.find(fits) ?? 'x'.repeat(schema.minLength ?? 1);
    }
    default:
      return {};
  }
}

export interface ParamPlan {
  name: string;
  kind: MatrixKind | undefined;
  key: string;
}

/** The parameters of a route and the kind each names. */
export function routeParams(url: string): ParamPlan[] {
  const segments = url.split('/');
  const result: ParamPlan[] = [];
  segments.forEach((segment, index) => {
    if (!segment.startsWith(':')) return;
    const name = segment.slice(1);
    const before = segments[index - 1] ?? '';
    const key = `${before}/${segment}`;
    if (literalParams[key] !== undefined) {
      result.push({ name, kind: 'literal', key });
      return;
    }
    const twoBefore = `${segments[index - 2]}/${before}`;
    const kind =
      kindByParam[name] ?? (name === 'id' ? (kindBySegment[twoBefore] ?? kindBySegment[before]) : undefined);
    result.push({ name, kind, key });
  });
  return result;
}

export interface Leak {
  method: string;
  url: string;
  caller: string;
  relation: string;
  what: string;
}

export interface MatrixResult {
  cells: number;
  leaks: Leak[];
  /** Route parameters no fixture fills ("add a fixture for …"). */
  missingFixtures: string[];
  /** Routes that answered 500 SCOPE_NOT_APPLIED to some caller: their scope is declared but not applied yet. */
  scopeNotApplied: string[];
  /** Routes every call of which stopped at validation (400/406/415): their cells prove little. */
  onlyRefusedInput: string[];
}

export interface Answer {
  status: number;
  text: string;
}

async function answerText(response: {
  statusCode: number;
  headers: Record<string, unknown>;
  rawPayload: Buffer;
}): Promise<string> {
  const type = String(response.headers['content-type'] ?? '');
  const bytes = response.rawPayload;
  if (type.includes('spreadsheetml')) {
    try {
      return await workbookText(bytes);
    } catch {
      return bytes.toString('latin1');
    }
  }
  if (type.includes('pdf')) {
    try {
      return pdfText(bytes);
    } catch {
      return bytes.toString('latin1');
    }
  }
  return bytes.toString('utf8');
}

/** The caller's reach per scope kind (for the generated doc and for `sees`). */
export function reachOf(role: Role, kind: ObjectScopeKind): readonly Reach[] {
  return scopeRules[kind][role] ?? [];
}

/** The caller an answer is judged for: a role of P1, or buyer 1 of P1's opening. */
export interface JudgedCaller {
  name: string;
  role: Role | 'buyer';
  sees: (object: WorldObject) => boolean;
  seesAs?: (object: WorldObject, route: RouteEntry) => boolean;
  buyerId?: string;
}

/**
 * The leaks in one answer: a 2xx for a target the caller may not see, a marker of an object it
 * may not see, a whole number where the field rules do not allow it.
 */
export function findLeaks(
  world: AccessWorld,
  route: RouteEntry,
  url: string,
  caller: JudgedCaller,
  relation: string,
  target: WorldObject | undefined,
  answer: Answer,
): Leak[] {
  const found: Leak[] = [];
  const leak = (what: string) =>
    found.push({ method: route.method, url, caller: caller.name, relation, what });
  const ok = answer.status >= 200 && answer.status < 300;
  if (target && ok && !(caller.seesAs ?? caller.sees)(target, route))
    leak(`answered ${answer.status} for ${target.site}'s ${target.kind} it may not see`);
  if (answer.text.length === 0) return found;
  for (const object of world.objects) {
    const visible = caller.sees(object);
    if (!visible)
      for (const marker of object.markers)
        if (answer.text.includes(marker)) leak(`shows ${object.site}'s ${object.kind} (${marker})`);
    for (const secret of object.secrets) {
      if (!answer.text.includes(secret.value)) continue;
      if (visible && wholeAllowed(world, secret.field, route, caller, object)) continue;
      leak(`shows a whole ${secret.field} of ${object.site}'s ${object.kind}`);
    }
  }
  return found;
}

function wholeAllowed(
  world: AccessWorld,
  field: SecretField,
  route: RouteEntry,
  caller: { role: Role | 'buyer'; buyerId?: string },
  object: WorldObject,
): boolean {
  switch (field) {
    case 'customerPhone':
      if (caller.role === 'buyer') return false;
      if (route.url.endsWith('/personal-data')) return exportReaders.includes(caller.role);
      return (
        route.url.endsWith('/reveal-phones') &&
        phoneRevealers.includes(caller.role) &&
        (caller.role === 'manager' || object.scoped.ownerId === world.callers.consultant.staffId)
      );
    case 'callerNumber':
      return caller.role !== 'buyer' && reachOf(caller.role, 'desk').length > 0;
    case 'buyerPhone':
      return caller.role === 'buyer' && caller.buyerId === object.id;
    case 'idNumber':
      return /reveal-id/.test(route.url);
  }
}

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

async function toAnswer(response: {
  statusCode: number;
  headers: Record<string, unknown>;
  rawPayload: Buffer;
}): Promise<Answer> {
  return { status: response.statusCode, text: await answerText(response) };
}

export function describeLeak(leak: Leak): string {
  return `${leak.method} ${leak.url} as ${leak.caller} (${leak.relation}): ${leak.what}`;
}

export type { Relation };

const reachLabels: Record<Reach, string> = {
  project: 'whole project',
  own: 'own (owner)',
  participant: 'taken part in',
  'desk:service_centre': 'service-centre desks',
  'desk:security_post': 'security-post desks',
};

const scopeDescriptions: Record<ObjectScopeKind, string> = {
  company: "the company's shared reference data (projects, buildings, desks, staff directory, settings)",
  project: "a project's objects every member works with (units, board, price lists, openings)",
  desk: 'calls, messages, incidents and leader calls, by the kind of desk',
  owner: 'customers with their follow-ups, visits and sales calls; campaigns and imports',
  deal: 'plans, deposits, receipts, forms, ID copies, agreements, transaction files and what hangs off them',
};

/**
 * docs/access-matrix.md, generated from `scopeRules` and `fieldRules`: a unit test compares the
 * file with this text, so the document cannot drift from the rules the code applies.
 */
export function renderAccessMatrixDoc(): string {
  const kinds = Object.keys(scopeRules) as ObjectScopeKind[];
  const lines = [
    '# Access matrix — who sees what',
    '',
    '<!-- Generated from scopeRules (server/platform/auth/scope.ts) and fieldRules',
    '     (server/platform/testing/access-matrix.ts) by renderAccessMatrixDoc(); do not edit by hand:',
    '     run `npx tsx scripts/access-matrix-doc.ts` after changing the rules. -->',
    '',
    'Every `/api` route declares the roles that may call it (`config.access`) and the object scope it',
    'serves (`config.scope`). A role reaches objects of a scope only in the projects its grant covers',
    '(a company-wide grant covers every project of the company), never in another company. What a',
    'caller may not see does not exist for them: detail reads and mutations answer 404, lists and',
    'exports leave it out.',
    '',
    '## Role × scope → reach',
    '',
    `| role | ${kinds.join(' | ')} |`,
    `|---|${kinds.map(() => '---|').join('')}`,
  ];
  for (const role of roles)
    lines.push(
      `| ${role} | ${kinds
        .map((kind) => {
          const reach = reachOf(role, kind);
          return reach.length ? reach.map((item) => reachLabels[item]).join(', ') : '—';
        })
        .join(' | ')} |`,
    );
  lines.push(
    '',
    '— : nothing of that scope. The administrator also passes a route only where its roles name',
    "'admin' (projects, staff, desks, scripts, settings), never through an implicit pass.",
    '',
    '## Scopes',
    '',
    '| scope | objects |',
    '|---|---|',
    ...kinds.map((kind) => `| ${kind} | ${scopeDescriptions[kind]} |`),
    '| public | no caller (sign-in, health, signed webhooks) |',
    "| self | the caller's own account, session, preferences and inbox |",
    '| buyer | an online-opening buyer, by their own token for their own event |',
    '',
    '## Fields: whole phone and ID numbers',
    '',
    'Everywhere else a phone shows masked (`138****5678`) and an ID number never whole.',
    '',
    '| field | shown whole |',
    '|---|---|',
    ...Object.values(fieldRules).map((rule) => `| ${rule.label} | ${rule.whole} |`),
    '',
    '## The test that proves it',
    '',
    '`server/access.matrix.test.ts` (in `npm test`, on SQLite and PostgreSQL; `npm run bench:access`',
    'prints the same counts) builds a world (`server/platform/testing/access-world.ts`): company A with',
    'projects P1 and P2, company B; in P1 one caller per role and a second consultant who owns every',
    'object of P1. It calls every route of the route table as every role against the objects of',
    'another consultant, another desk, another project, another company and another buyer, and',
    'counts a leak for a 2xx on an object the rules above hide, an answer (JSON, .xlsx, PDF) carrying',
    "such an object's marker or a whole number the field rules do not allow, or a hidden row changed.",
    'A route whose path parameter names no object of the world fails the test until a fixture is added.',
    '',
  );
  return lines.join('\n');
}
