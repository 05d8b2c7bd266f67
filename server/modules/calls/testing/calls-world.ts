import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.js';
import type { AppInstance } from '../../../platform/http/types.js';
import { buildOrg, buildStaff, type TestOrg } from '../../../testing/factories.js';
import { buildTestApp, createClock, signIn, type TestSession } from '../../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.js';
import { signCtiRequest } from '../cti.crypto.js';
import { rotateCtiSecret } from '../cti.service.js';
import { buildServiceDepartment } from './service-department.js';

// The calls tests' shared world: one database and app per test file, the service department,
// an administrator, the agent signed in, the service desk's CTI secret, and helpers to post
// signed CTI events. A test file calls setUpCallsWorld() once; the bindings below are live.

process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

export const clock = createClock('2026-11-27T02:00:00.000Z');
export let database: TestDatabase;
export let app: AppInstance;
export let org: TestOrg;
export let admin: TestSession;
export let agentSession: TestSession;
export let agent: Actor & { username: string };
export let head: Actor & { username: string };
export let engineer: Actor & { username: string };
export let secret: string;

let eventCounter = 0;
export function ctiEvent(fields: Record<string, unknown>) {
  eventCounter += 1;
  return { version: 1, eventId: `ev-${eventCounter}`, occurredAt: clock.now().toISOString(), ...fields };
}

export async function postCti(
  body: unknown,
  options: { deskId?: string; key?: string; timestamp?: number; raw?: string; signature?: string } = {},
) {
  const raw = options.raw ?? JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(clock.now().getTime() / 1000));
  return app.inject({
    method: 'POST',
    url: '/api/cti/events',
    headers: {
      'content-type': 'application/json',
      'x-yingke-desk': options.deskId ?? org.serviceDeskId,
      'x-yingke-timestamp': timestamp,
      'x-yingke-signature': options.signature ?? signCtiRequest(options.key ?? secret, timestamp, raw),
    },
    payload: raw,
  });
}

export async function countCalls() {
  const row = await database.db
    .selectFrom('calls')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const events = await database.db
    .selectFrom('callEvents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { calls: Number(row.n), events: Number(events.n) };
}

export function setUpCallsWorld(): void {
  beforeAll(async () => {
    database = await createTestDatabase();
    org = await buildOrg(database.db);
    app = await buildTestApp(database, clock);
    const adminActor = await buildStaff(database.db, org, { roles: ['admin'] });
    ({
      head,
      agent,
      colleague: engineer,
    } = await buildServiceDepartment(database.db, org, clock.now(), {
      mobile: '13800000015',
      isMobileShareable: true,
    }));
    await buildStaff(database.db, org, {
      displayName: '张思远',
      mobile: '13800000016',
      isMobileShareable: false,
    });
    admin = await signIn(app, adminActor.username);
    agentSession = await signIn(app, agent.username);
    secret = (
      await rotateCtiSecret(database.db, { actor: org.system, deskId: org.serviceDeskId, now: clock.now() })
    ).secret;
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });
}

export function setSecret(value: string): void {
  secret = value;
}

export function setAgentSession(value: TestSession): void {
  agentSession = value;
}
