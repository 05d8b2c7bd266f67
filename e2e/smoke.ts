import { expect } from 'vitest';
import { roles as allRoles, type Role } from '../contracts/roles.js';
import { demoPassword } from './harness.js';

/**
 * Every GET route of the OpenAPI document, called on the built server as a demo login whose role
 * may call it (the document's `x-access`, from each route's config.access), with path parameters
 * taken from what the list routes answer. Any 5xx fails the calling test and is printed with its
 * body. smoke.e2e.ts walks the demo office as it starts; deals.e2e.ts walks again once a deal
 * exists, so the routes of plans, receipts, agreements and files get real ids.
 */

/** Routes that stream: their answer stays open, so a plain GET never ends. Each says why it is skipped. */
const skipped: Record<string, string> = {
  '/api/live': 'server-sent events: the answer stays open until the client leaves',
};

/** An id no row has: a route that has no list to draw a real id from must answer 404 for it. */
const unknownId = '00000000-0000-4000-8000-000000000000';

/**
 * Where a path's id comes from when the list is not the path's own prefix (`/api/x/{id}` ← `/api/x`).
 * Each entry: the list route (with its parameters filled in) and the field of its items to take.
 */
const listFor: Record<string, { list: string; field?: string; items?: (body: unknown) => unknown[] }> = {
  '/api/inventory/units/{id}': {
    list: '/api/inventory/projects/{projectId}/board',
    field: 'i',
    // The board is grouped by building; each cell's id is `i` (contracts/inventory-board.ts).
    items: (body) =>
      collect(body, (value) => isRecord(value) && 'i' in value && 'n' in value && 's' in value),
  },
  '/api/inventory/price-lists/{id}': { list: '/api/inventory/projects/{projectId}/price-lists' },
  '/api/deals/transaction-files/{id}': { list: '/api/deals/files-list' },
  '/api/deals/transaction-files/{id}/pdf': { list: '/api/deals/files-list' },
  '/api/deals/files/{id}': {
    list: '/api/deals/transaction-files/{id}',
    field: 'idCopyFileId',
    // A stored document: a buyer's ID copy in the transaction file's agreement.
    items: (body) => collect(body, (value) => isRecord(value) && typeof value.idCopyFileId === 'string'),
  },
  '/api/notify/templates/{event}/versions': { list: '/api/notify/templates', field: 'event' },
  '/api/public/openings/{eventId}': { list: '/api/openings' },
  '/api/public/openings/{eventId}/me': { list: '/api/openings' },
  '/api/public/openings/{eventId}/units': { list: '/api/openings' },
};

type Access = 'public' | 'any' | Role[];

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: { type?: string; enum?: string[]; format?: string; pattern?: string };
}

interface Operation {
  path: string;
  access: Access;
  parameters: Parameter[];
}

interface Answer {
  status: number;
  body: unknown;
  text: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every value inside a JSON answer that matches, depth first. */
function collect(value: unknown, keep: (value: unknown) => boolean, found: unknown[] = []): unknown[] {
  if (keep(value)) found.push(value);
  if (Array.isArray(value)) for (const item of value) collect(item, keep, found);
  else if (isRecord(value)) for (const item of Object.values(value)) collect(item, keep, found);
  return found;
}

/** The items of a list answer: `{ items: [...] }` or a bare array. */
function itemsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (isRecord(body) && Array.isArray(body.items)) return body.items;
  return [];
}

async function signIn(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

function shanghaiDay(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Calls every GET route of the server's OpenAPI document and asserts that none answers 5xx. */
export async function expectNoServerErrorOnAnyGet(baseUrl: string, label: string): Promise<void> {
  const document = (await (await fetch(`${baseUrl}/api/docs/json`)).json()) as {
    paths: Record<string, Record<string, { 'x-access'?: Access; parameters?: Parameter[] }>>;
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    const get = methods.get;
    if (!get) continue;
    expect(get['x-access'], `${path} carries no x-access`).toBeDefined();
    operations.push({ path, access: get['x-access'] as Access, parameters: get.parameters ?? [] });
  }
  expect(operations.length).toBeGreaterThan(50);
  for (const path of Object.keys(skipped))
    expect(
      operations.some((operation) => operation.path === path),
      `skipped route ${path} is no longer in the document`,
    ).toBe(true);

  // One demo login per role, found in the staff list (the administrator may read it).
  const cookies = new Map<string, string>();
  const cookieOf = async (username: string) => {
    const known = cookies.get(username);
    if (known) return known;
    const cookie = await signIn(baseUrl, username);
    cookies.set(username, cookie);
    return cookie;
  };
  const call = async (url: string, username: string | null): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (username) headers.cookie = await cookieOf(username);
    const response = await fetch(`${baseUrl}${url}`, { headers });
    const text = await response.text();
    let body: unknown = null;
    if ((response.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
    return { status: response.status, body, text };
  };
  const staff = await call('/api/staff?pageSize=100', 'admin');
  expect(staff.status).toBe(200);
  const userFor = new Map<Role, string>();
  for (const person of itemsOf(staff.body)) {
    if (!isRecord(person) || person.isDisabled !== false || !Array.isArray(person.roles)) continue;
    for (const grant of person.roles)
      if (isRecord(grant) && !userFor.has(grant.role as Role))
        userFor.set(grant.role as Role, String(person.username));
  }
  for (const role of allRoles) expect(userFor.get(role), `a demo login with role ${role}`).toBeDefined();
  const callerFor = (access: Access): string | null => {
    if (access === 'public') return null;
    if (access === 'any') return 'admin';
    const role = access.find((candidate) => userFor.has(candidate));
    if (!role) throw new Error(`no demo login holds any of ${access.join(', ')}`);
    return userFor.get(role) ?? null;
  };

  // Values every route shares: the sales project, a desk, the company.
  const projects = itemsOf((await call('/api/org/projects', 'admin')).body).filter(isRecord);
  const salesProject = projects.find((project) => project.kind === 'sales') ?? projects[0];
  const company = (await call('/api/org/company', 'admin')).body;
  const desks = itemsOf((await call('/api/calls/desks', 'manager')).body).filter(isRecord);
  const now = new Date();
  const monthAgo = new Date(now.getTime() - 30 * 86_400_000);
  const byName: Record<string, string | undefined> = {
    projectId: salesProject ? String(salesProject.id) : undefined,
    deskId: desks[0] ? String(desks[0].id) : undefined,
    scopeId: isRecord(company) ? String(company.id) : undefined,
    // The rest-day look-up takes a comma-separated list of days.
    dates: `${shanghaiDay(monthAgo)},${shanghaiDay(now)}`,
    // The working calendar is kept by year.
    year: shanghaiDay(now).slice(0, 4),
  };

  const answers = new Map<string, Answer>();
  const results: Array<{ path: string; url: string; caller: string; status: number; text: string }> = [];
  const usedUnknownId = new Set<string>();

  const fill = async (operation: Operation): Promise<string> => {
    let url = operation.path;
    const query = new URLSearchParams();
    for (const parameter of operation.parameters) {
      let value: string | undefined;
      const schema = parameter.schema ?? {};
      if (parameter.in === 'path') {
        const source = listFor[operation.path];
        const listPath =
          source?.list ?? operation.path.slice(0, operation.path.indexOf(`/{${parameter.name}}`));
        const field = source?.field ?? (parameter.name.endsWith('Id') ? 'id' : parameter.name);
        if (schema.enum) value = schema.enum[0];
        else if (byName[parameter.name] && !source) value = byName[parameter.name];
        else {
          const listOperation = operations.find((candidate) => candidate.path === listPath);
          if (listOperation) value = await firstOf(listOperation, field, source?.items ?? itemsOf);
        }
        if (value === undefined) {
          value = unknownId;
          usedUnknownId.add(operation.path);
        }
        url = url.replace(`{${parameter.name}}`, encodeURIComponent(value));
        continue;
      }
      if (parameter.in !== 'query' || !parameter.required) continue;
      if (schema.enum) value = schema.enum[0];
      else if (schema.format === 'date-time')
        value = (/from/i.test(parameter.name) ? monthAgo : now).toISOString();
      // A day: z.iso.date() documents itself as format `date`, older fields by their pattern.
      else if (schema.format === 'date' || schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}'))
        value = shanghaiDay(/from/i.test(parameter.name) ? monthAgo : now);
      else value = byName[parameter.name];
      if (value === undefined)
        throw new Error(`${operation.path}: no value for query parameter ${parameter.name}`);
      query.set(parameter.name, value);
    }
    const search = query.toString();
    return search ? `${url}?${search}` : url;
  };

  /**
   * A field of the first item a list route answers. A list shows each role its own rows (a
   * manager's customer list is theirs), so every role that may call it is asked until one has a row.
   */
  async function firstOf(
    list: Operation,
    field: string,
    items: (body: unknown) => unknown[],
  ): Promise<string | undefined> {
    await run(list);
    const callers =
      list.access === 'public' || list.access === 'any' ? [] : list.access.map((role) => userFor.get(role));
    for (const caller of [callerFor(list.access), ...callers, 'admin']) {
      if (caller === undefined) continue;
      const answer =
        caller === callerFor(list.access) ? answers.get(list.path) : await call(await fill(list), caller);
      if (answer?.status !== 200) continue;
      const first = items(answer.body).find((item) => isRecord(item) && item[field] !== undefined);
      if (isRecord(first)) return String(first[field]);
    }
    return undefined;
  }

  async function run(operation: Operation): Promise<Answer | undefined> {
    const done = answers.get(operation.path);
    if (done) return done;
    if (skipped[operation.path]) return undefined;
    const url = await fill(operation);
    const caller = callerFor(operation.access);
    const answer = await call(url, caller);
    answers.set(operation.path, answer);
    results.push({
      path: operation.path,
      url,
      caller: caller ?? '(public)',
      status: answer.status,
      text: answer.text.slice(0, 600),
    });
    return answer;
  }

  // Lists first (no path parameters), so the routes below them can take real ids from them.
  const ordered = [...operations].sort(
    (a, b) => Number(a.path.includes('{')) - Number(b.path.includes('{')) || a.path.localeCompare(b.path),
  );
  for (const operation of ordered) {
    if (skipped[operation.path]) {
      console.log(`skipped GET ${operation.path}: ${skipped[operation.path]}`);
      continue;
    }
    await run(operation);
  }

  const failures = results.filter((result) => result.status >= 500);
  for (const failure of failures)
    console.error(`5xx: GET ${failure.url} as ${failure.caller} → ${failure.status}\n${failure.text}`);
  const notOk = results.filter((result) => result.status >= 300 && result.status < 500);
  for (const result of notOk)
    console.log(
      `${result.status}: GET ${result.url} as ${result.caller}${usedUnknownId.has(result.path) ? ' (unknown id)' : ''}`,
    );
  console.log(
    `smoke (${label}): ${results.length} GET routes called (${usedUnknownId.size} with an unknown id), ${Object.keys(skipped).length} skipped, ${failures.length} answered 5xx`,
  );
  expect(results.length + Object.keys(skipped).length).toBe(operations.length);
  expect(failures.map((failure) => `GET ${failure.url} → ${failure.status}`)).toEqual([]);
  // A route given an id no row has says so with 404, not a 5xx nor a success.
  for (const result of results)
    if (usedUnknownId.has(result.path)) expect(result.status, `GET ${result.url}`).toBe(404);
}
