import { createCipheriv, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { buildTestApp, createClock, signIn, type TestSession } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { normalisePhones, registerCustomerInTransaction } from '../customers/index.js';
import { createDesk } from '../org/index.js';
import { forgetLegacyCtiKey, signCtiRequest } from './cti.crypto.js';
import { rotateCtiSecret } from './cti.service.js';
import { escalateMessage } from './messages.service.js';
import { buildServiceDepartment } from './testing/service-department.js';

process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

const clock = createClock('2026-11-27T02:00:00.000Z');
let database: TestDatabase;
let app: AppInstance;
let org: TestOrg;
let admin: TestSession;
let agentSession: TestSession;
let agent: Actor & { username: string };
let head: Actor & { username: string };
let engineer: Actor & { username: string };
let secret: string;

let eventCounter = 0;
function ctiEvent(fields: Record<string, unknown>) {
  eventCounter += 1;
  return { version: 1, eventId: `ev-${eventCounter}`, occurredAt: clock.now().toISOString(), ...fields };
}

async function postCti(
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

async function countCalls() {
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

describe('CTI webhook', () => {
  it('CS-1 accepts a signed ringing → answered → ended call and derives its rings', async () => {
    const ringing = await postCti(
      ctiEvent({ callId: 'pbx-1', type: 'ringing', callerNumber: '13912345678' }),
    );
    expect(ringing.statusCode).toBe(200);
    expect(ringing.json()).toMatchObject({ status: 'accepted', callStatus: 'ringing' });
    clock.advance(12_000);
    const answered = await postCti(ctiEvent({ callId: 'pbx-1', type: 'answered', agent: agent.username }));
    expect(answered.json().callStatus).toBe('answered');
    clock.advance(60_000);
    const ended = await postCti(ctiEvent({ callId: 'pbx-1', type: 'ended', releasedBy: 'caller' }));
    const call = await agentSession.request('GET', `/api/calls/${ended.json().callId}`);
    expect(call.statusCode).toBe(200);
    expect(call.json().call).toMatchObject({
      status: 'ended',
      rings: 3,
      ringMs: 12_000,
      isAnsweredWithinLimit: true,
      answeredByStaffId: agent.staffId,
      answeredByName: '孙丽',
      releasedBy: 'caller',
      callerNumber: '+8613912345678',
      isCallerNumberValid: true,
    });
  });

  it('CS-1 with the strict reading a call answered after 12 s is late', async () => {
    const set = await admin.request('PUT', '/api/settings/calls.ringCounting', {
      scopeType: 'desk',
      scopeId: org.serviceDeskId,
      value: 'during_ring',
    });
    expect(set.statusCode).toBe(200);
    await postCti(ctiEvent({ callId: 'pbx-strict', type: 'ringing', callerNumber: '0755-23456789' }));
    clock.advance(12_000);
    const answered = await postCti(
      ctiEvent({ callId: 'pbx-strict', type: 'answered', agent: agent.username }),
    );
    const call = await agentSession.request('GET', `/api/calls/${answered.json().callId}`);
    expect(call.json().call).toMatchObject({ rings: 3, isAnsweredWithinLimit: false });
    await admin.request(
      'DELETE',
      `/api/settings/calls.ringCounting?scopeType=desk&scopeId=${org.serviceDeskId}`,
    );
  });

  it('refuses a wrong signature with 401 and stores nothing', async () => {
    const before = await countCalls();
    const response = await postCti(ctiEvent({ callId: 'pbx-bad', type: 'ringing' }), {
      key: 'ykcti_not-the-secret',
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('CTI_BAD_SIGNATURE');
    const unsigned = await app.inject({
      method: 'POST',
      url: '/api/cti/events',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().error.code).toBe('CTI_UNAUTHENTICATED');
    expect(await countCalls()).toEqual(before);
  });

  it('refuses a stale timestamp and an exact replay, storing nothing', async () => {
    const stale = await postCti(ctiEvent({ callId: 'pbx-old', type: 'ringing' }), {
      timestamp: Math.floor(clock.now().getTime() / 1000) - 3600,
    });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('CTI_STALE_TIMESTAMP');

    const body = ctiEvent({ callId: 'pbx-replay', type: 'ringing', callerNumber: '13622223333' });
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    expect((await postCti(body, { timestamp })).statusCode).toBe(200);
    const before = await countCalls();
    const replay = await postCti(body, { timestamp });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe('CTI_REPLAYED');
    expect(await countCalls()).toEqual(before);
  });

  it('treats a re-signed retry of the same event as a duplicate, and a reused id for another event as a conflict', async () => {
    const body = ctiEvent({ callId: 'pbx-dup', type: 'ringing', callerNumber: '13622223333' });
    expect((await postCti(body)).json().status).toBe('accepted');
    clock.advance(1000);
    const before = await countCalls();
    const retry = await postCti(body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().status).toBe('duplicate');
    expect(await countCalls()).toEqual(before);
    const reused = await postCti({ ...body, type: 'ended' });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('CTI_EVENT_ID_CONFLICT');
  });

  it('rejects malformed events with the field named and stores nothing', async () => {
    const before = await countCalls();
    const notJson = await postCti(null, { raw: '{"version":1,' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('CTI_MALFORMED_EVENT');
    const badType = await postCti(ctiEvent({ callId: 'pbx-x', type: 'exploded' }));
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.fields).toHaveProperty('type');
    const badVersion = await postCti({ ...ctiEvent({ callId: 'pbx-x', type: 'ringing' }), version: 2 });
    expect(badVersion.statusCode).toBe(400);
    expect(badVersion.json().error.fields).toHaveProperty('version');
    expect(await countCalls()).toEqual(before);
  });

  it('verifies the signature on the raw bytes while the input layer normalises the parsed copy', async () => {
    const before = await countCalls();
    // A PBX that sends a decomposed é: signed over exactly what it sent, stored in NFC.
    const decomposed = await postCti(ctiEvent({ callId: 'pbx-cafe\u0301', type: 'ringing' }));
    expect(decomposed.statusCode).toBe(200);
    const call = await database.db
      .selectFrom('calls')
      .select('externalCallId')
      .where('id', '=', decomposed.json().callId)
      .executeTakeFirstOrThrow();
    expect(call.externalCallId).toBe('pbx-caf\u00e9');
    const withNul = await postCti(ctiEvent({ callId: 'pbx-\u0000', type: 'ringing' }));
    expect(withNul.statusCode).toBe(400);
    expect(Object.keys(withNul.json().error.fields)).toEqual(['callId']);
    expect((await countCalls()).calls).toBe(before.calls + 1);
  });

  it('SEC-6 handles an ended event that arrives before the answered one', async () => {
    const start = clock.now();
    await postCti(
      ctiEvent({
        callId: 'pbx-ooo',
        type: 'ringing',
        callerNumber: '13912345678',
        occurredAt: start.toISOString(),
      }),
    );
    const endedAt = new Date(start.getTime() + 90_000).toISOString();
    const ended = await postCti(
      ctiEvent({ callId: 'pbx-ooo', type: 'ended', releasedBy: 'caller', occurredAt: endedAt }),
    );
    expect(ended.json().callStatus).toBe('missed');
    const answered = await postCti(
      ctiEvent({
        callId: 'pbx-ooo',
        type: 'answered',
        agent: agent.username,
        occurredAt: new Date(start.getTime() + 4000).toISOString(),
      }),
    );
    expect(answered.json().callStatus).toBe('ended');
    const call = (await agentSession.request('GET', `/api/calls/${answered.json().callId}`)).json().call;
    expect(call).toMatchObject({
      rings: 1,
      isAnsweredWithinLimit: true,
      releasedBy: 'caller',
      talkMs: 86_000,
    });
  });

  it('judges events arriving together each alone: a retry among them is a duplicate, a replay is refused, the rest stored and shown live', async () => {
    const earlier = ctiEvent({ callId: 'pbx-earlier', type: 'ringing', callerNumber: '13622224444' });
    const earlierAt = Math.floor(clock.now().getTime() / 1000);
    expect((await postCti(earlier, { timestamp: earlierAt })).statusCode).toBe(200);
    clock.advance(1000);
    const before = await countCalls();
    const ringing = ctiEvent({ callId: 'pbx-together', type: 'ringing', callerNumber: '13622225555' });
    const answered = ctiEvent({ callId: 'pbx-together', type: 'answered', agent: agent.username });
    const [first, second, retry, replay] = await Promise.all([
      postCti(ringing),
      postCti(answered),
      // The PBX retried the ringing event, re-signed a second later.
      postCti(ringing, { timestamp: Math.floor(clock.now().getTime() / 1000) + 1 }),
      postCti(earlier, { timestamp: earlierAt }),
    ]);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe('CTI_REPLAYED');
    for (const response of [first, second, retry]) expect(response.statusCode).toBe(200);
    // Whichever copy of the ringing event came first is stored; the other is its duplicate.
    expect([first.json().status, retry.json().status].sort()).toEqual(['accepted', 'duplicate']);
    expect(second.json()).toMatchObject({ status: 'accepted', callStatus: 'answered' });
    expect(await countCalls()).toEqual({ calls: before.calls + 1, events: before.events + 2 });

    const shown = (
      await database.db
        .selectFrom('liveEvents')
        .select(['type', 'payloadJson'])
        .where('topic', '=', `desk:${org.serviceDeskId}`)
        .execute()
    ).flatMap((row) =>
      row.type === 'calls.updated'
        ? (JSON.parse(row.payloadJson) as { calls: Array<{ eventId: string }> }).calls.map(
            (call) => call.eventId,
          )
        : [],
    );
    expect(shown).toEqual(expect.arrayContaining([ringing.eventId, answered.eventId]));
    expect(shown.filter((eventId) => eventId === ringing.eventId)).toHaveLength(1);
  });

  it('lets an administrator rotate the secret, shown whole only once; the old one stops working', async () => {
    const rotated = await admin.request('POST', `/api/calls/desks/${org.serviceDeskId}/cti-secret`);
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json().secret as string;
    expect(fresh).toMatch(/^ykcti_/);
    const desks = await admin.request('GET', '/api/calls/setup/desks');
    expect(JSON.stringify(desks.json())).not.toContain(fresh);
    expect(
      desks.json().items.find((desk: { id: string }) => desk.id === org.serviceDeskId).cti.secretHint,
    ).toBe(fresh.slice(-4));
    const stored = await database.db
      .selectFrom('ctiCredentials')
      .select('secretEncrypted')
      .where('deskId', '=', org.serviceDeskId)
      .executeTakeFirstOrThrow();
    expect(stored.secretEncrypted).not.toContain(fresh);
    expect((await postCti(ctiEvent({ callId: 'pbx-old-key', type: 'ringing' }))).statusCode).toBe(401);
    secret = fresh;
    expect((await postCti(ctiEvent({ callId: 'pbx-new-key', type: 'ringing' }))).statusCode).toBe(200);
    expect(
      (await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/cti-secret`)).statusCode,
    ).toBe(403);
  });
  it('keeps accepting a desk whose secret was stored under the old CTI key, and a rotation moves it to the platform key', async () => {
    const legacyKey = randomBytes(32).toString('hex');
    const saved = process.env.CTI_SECRET_KEY;
    process.env.CTI_SECRET_KEY = legacyKey;
    forgetLegacyCtiKey();
    try {
      const desk = await createDesk(database.db, {
        actor: org.system,
        projectId: org.estateProjectId,
        input: { name: '西门卡口', kind: 'security_post', phone: '0755-7654321' },
        now: clock.now(),
      });
      const legacySecret = 'ykcti_stored-before-the-platform-key';
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', Buffer.from(legacyKey, 'hex'), iv);
      const body = Buffer.concat([cipher.update(legacySecret, 'utf8'), cipher.final()]);
      await database.db
        .insertInto('ctiCredentials')
        .values({
          deskId: desk.id,
          companyId: org.companyId,
          secretEncrypted: ['v1', iv, cipher.getAuthTag(), body]
            .map((part) => part.toString('base64'))
            .join(':'),
          secretHint: legacySecret.slice(-4),
          isEnabled: 1,
          rotatedAt: clock.now().toISOString(),
          rotatedBy: null,
          lastEventAt: null,
        })
        .execute();
      const ringing = ctiEvent({ callId: 'pbx-legacy-key', type: 'ringing', callerNumber: '13912345609' });
      expect((await postCti(ringing, { deskId: desk.id, key: legacySecret })).statusCode).toBe(200);
      expect(
        (
          await postCti(ctiEvent({ callId: 'pbx-legacy-bad', type: 'ringing' }), {
            deskId: desk.id,
            key: 'x',
          })
        ).statusCode,
      ).toBe(401);

      const rotated = await rotateCtiSecret(database.db, {
        actor: org.system,
        deskId: desk.id,
        now: clock.now(),
      });
      const stored = await database.db
        .selectFrom('ctiCredentials')
        .select('secretEncrypted')
        .where('deskId', '=', desk.id)
        .executeTakeFirstOrThrow();
      expect(stored.secretEncrypted).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
      const ended = ctiEvent({ callId: 'pbx-legacy-key', type: 'ended', releasedBy: 'caller' });
      expect((await postCti(ended, { deskId: desk.id, key: rotated.secret })).statusCode).toBe(200);
    } finally {
      if (saved === undefined) delete process.env.CTI_SECRET_KEY;
      else process.env.CTI_SECRET_KEY = saved;
      forgetLegacyCtiKey();
    }
  });
});

describe('the agent at the desk', () => {
  it('CS-1 SEC-7 answers one of two ringing calls, holds it to take the other, and counts the hold time', async () => {
    const first = await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/calls`, {
      callerNumber: '13900001111',
    });
    expect(first.statusCode).toBe(201);
    const second = await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/calls`, {
      callerNumber: '12345',
    });
    expect(second.json()).toMatchObject({ isCallerNumberValid: false, callerNumber: '12345' });
    const queue = await agentSession.request('GET', `/api/calls/desks/${org.serviceDeskId}/queue`);
    const ids = queue.json().items.map((call: { id: string }) => call.id);
    expect(ids).toEqual(expect.arrayContaining([first.json().id, second.json().id]));
    clock.advance(3000);
    expect(
      (
        await agentSession.request('POST', `/api/calls/${first.json().id}/actions`, { action: 'answer' })
      ).json().status,
    ).toBe('answered');
    const detail = await agentSession.request('GET', `/api/calls/${first.json().id}`);
    expect(detail.json().greeting).toBe('您好！测试物业客户服务中心，您请讲。');
    clock.advance(2000);
    expect(
      (await agentSession.request('POST', `/api/calls/${first.json().id}/actions`, { action: 'hold' })).json()
        .status,
    ).toBe('on_hold');
    expect(
      (
        await agentSession.request('POST', `/api/calls/${second.json().id}/actions`, { action: 'answer' })
      ).json().rings,
    ).toBe(2);
    clock.advance(20_000);
    await agentSession.request('POST', `/api/calls/${second.json().id}/actions`, {
      action: 'end',
      releasedBy: 'caller',
    });
    const resumed = await agentSession.request('POST', `/api/calls/${first.json().id}/actions`, {
      action: 'resume',
    });
    expect(resumed.json()).toMatchObject({ status: 'answered', holdMs: 20_000, holdCount: 1 });
    const refused = await agentSession.request('POST', `/api/calls/${second.json().id}/actions`, {
      action: 'answer',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CALL_ACTION_NOT_ALLOWED');
  });

  it('SEC-3 keeps the purpose, caller and key points of the call', async () => {
    const call = (
      await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/calls`, {
        callerNumber: '13900002222',
      })
    ).json();
    const purposes = (await agentSession.request('GET', '/api/calls/purposes')).json().items;
    expect(purposes.map((purpose: { label: string }) => purpose.label)).toEqual([
      '咨询',
      '报修',
      '投诉',
      '找人',
      '领导来电',
      '紧急',
      '其他',
    ]);
    const saved = await agentSession.request('PUT', `/api/calls/${call.id}`, {
      purposeId: purposes[1].id,
      notes: '3栋电梯异响',
      callerName: '王先生',
    });
    expect(saved.json()).toMatchObject({
      purposeId: purposes[1].id,
      notes: '3栋电梯异响',
      callerName: '王先生',
    });
  });

  it('SEC-8 keeps the conduct steps the agent ticked on the call, in the rule’s order, and refuses unknown ones', async () => {
    const call = (
      await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/calls`, {
        callerNumber: '13900003333',
      })
    ).json();
    expect(call.conductSteps).toEqual([]);
    const saved = await agentSession.request('PUT', `/api/calls/${call.id}`, {
      conductSteps: ['courteous', 'calm_tone'],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().conductSteps).toEqual(['calm_tone', 'courteous']);
    const refused = await agentSession.request('PUT', `/api/calls/${call.id}`, {
      conductSteps: ['shouted'],
    });
    expect(refused.statusCode).toBe(400);
    const detail = (await agentSession.request('GET', `/api/calls/${call.id}`)).json();
    expect(detail.call.conductSteps).toEqual(['calm_tone', 'courteous']);
    const audit = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityId', '=', call.id)
      .where('action', '=', 'update_details')
      .execute();
    expect(JSON.stringify(audit)).toContain('courteous');
  });

  it('tells the desk’s open screens at once when CTI is switched off or on, so its badge follows', async () => {
    const before = await database.db
      .selectFrom('liveEvents')
      .select('seq')
      .where('topic', '=', `desk:${org.serviceDeskId}`)
      .where('type', '=', 'desk.cti')
      .execute();
    expect(
      (await admin.request('PUT', `/api/calls/desks/${org.serviceDeskId}/cti`, { isEnabled: false }))
        .statusCode,
    ).toBe(204);
    expect(
      (await admin.request('PUT', `/api/calls/desks/${org.serviceDeskId}/cti`, { isEnabled: true }))
        .statusCode,
    ).toBe(204);
    const after = await database.db
      .selectFrom('liveEvents')
      .selectAll()
      .where('topic', '=', `desk:${org.serviceDeskId}`)
      .where('type', '=', 'desk.cti')
      .execute();
    expect(after.length - before.length).toBe(2);
    expect(after.map((row) => JSON.parse(row.payloadJson).isEnabled).slice(-2)).toEqual([false, true]);
  });

  it('screen pop recognises a member of staff by their number', async () => {
    const call = (
      await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/calls`, {
        callerNumber: '138 0000 0015',
      })
    ).json();
    const detail = (await agentSession.request('GET', `/api/calls/${call.id}`)).json();
    expect(detail.caller.staff).toMatchObject({ id: engineer.staffId, displayName: '张三' });
  });

  it('screen pop recognises a customer of the sales register by their number, masked, with the owning consultant', async () => {
    const consultant = await buildStaff(database.db, org, {
      displayName: '陈静',
      roles: [{ role: 'consultant', projectId: org.salesProjectId }],
    });
    // Registered through the customers module's use case (its routes are scoped by their own module).
    const registered = await database.db.transaction().execute((trx) =>
      registerCustomerInTransaction(trx, {
        actor: consultant,
        projectId: org.salesProjectId,
        input: {
          name: '王小明',
          gender: 'unknown',
          phones: ['139-1234-5600'],
          isPhoneRefused: false,
          sourceChannelId: null,
          keyKind: null,
          notes: '',
          hasContactConsent: true,
          hasMarketingConsent: false,
          consentVia: 'verbal',
          locale: 'zh-CN',
          intentLayout: '',
          intentAreaMin: null,
          intentAreaMax: null,
          intentBudgetFen: null,
          intentPurpose: '',
        },
        now: clock.now(),
        firstContact: 'manual',
        phones: normalisePhones(['139-1234-5600']),
      }),
    );
    expect(registered.status).toBe('created');
    // The PBX sends the number in another form than the consultant typed it.
    const ringing = await postCti(
      ctiEvent({ callId: 'pbx-customer', type: 'ringing', callerNumber: '+86 139 1234 5600' }),
    );
    const detail = (await agentSession.request('GET', `/api/calls/${ringing.json().callId}`)).json();
    expect(detail.caller.staff).toBeNull();
    expect(detail.caller.customers).toEqual([
      {
        id: registered.customerId,
        name: '王小明',
        projectName: '测试花园',
        category: 'normal',
        phoneMasked: '139****5600',
        ownerName: '陈静',
      },
    ]);
    expect(JSON.stringify(detail.caller)).not.toContain('13912345600');

    const stranger = await postCti(
      ctiEvent({ callId: 'pbx-stranger', type: 'ringing', callerNumber: '13912345601' }),
    );
    const unknown = (await agentSession.request('GET', `/api/calls/${stranger.json().callId}`)).json();
    expect(unknown.caller.customers).toEqual([]);
  });

  it('SEC-2 greets at a security post with the post’s name', async () => {
    const scripts = (await agentSession.request('GET', `/api/calls/desks/${org.postDeskId}/scripts`)).json()
      .items;
    expect(scripts.find((script: { situation: string }) => script.situation === 'greeting').phrases[0]).toBe(
      '您好，这里是东门卡口，我可以怎样帮助您？',
    );
  });

  it('SEC-8 serves the calm-tone, no-interrupting, courteous reminder first on every desk, in all three languages, editable like a script', async () => {
    const manner = async (deskId: string, locale: string) => {
      const items = (
        await agentSession.request('GET', `/api/calls/desks/${deskId}/scripts?locale=${locale}`)
      ).json().items as Array<{ situation: string; rule: string; phrases: string[] }>;
      expect(items[0]?.situation).toBe('manner');
      return items[0];
    };
    for (const deskId of [org.serviceDeskId, org.postDeskId]) {
      expect(await manner(deskId, 'zh-CN')).toMatchObject({
        rule: 'SEC-8',
        phrases: ['语气平和、语调平稳；不打断对方讲话；礼貌待人。'],
      });
      expect(await manner(deskId, 'zh-TW')).toMatchObject({
        rule: 'SEC-8',
        phrases: ['語氣平和、語調平穩；不打斷對方講話；禮貌待人。'],
      });
      expect(await manner(deskId, 'en')).toMatchObject({
        rule: 'SEC-8',
        phrases: ['Keep a calm, even tone; do not interrupt the caller; be courteous.'],
      });
    }

    // The desk's call view carries it with the other scripts, so the script panel shows it.
    const ringing = await postCti(
      ctiEvent({ callId: 'pbx-sec8', type: 'ringing', callerNumber: '13912345608' }),
    );
    const detail = (await agentSession.request('GET', `/api/calls/${ringing.json().callId}`)).json();
    expect(detail.scripts[0]).toMatchObject({ situation: 'manner', rule: 'SEC-8' });
    expect(detail.scripts[0].phrases[0]).toContain('不打断对方讲话');

    // An administrator may reword it (a new version); the desk then shows the new words.
    const edit = await admin.request('PUT', `/api/calls/desks/${org.postDeskId}/scripts/manner`, {
      locale: 'en',
      templates: ['Stay calm and even; let the caller finish; be polite.'],
    });
    expect(edit.statusCode).toBe(200);
    expect((await manner(org.postDeskId, 'en')).phrases).toEqual([
      'Stay calm and even; let the caller finish; be polite.',
    ]);
  });

  it('CS-0 shows the document’s phrases verbatim, and an administrator’s edit becomes a new version', async () => {
    const scripts = (
      await agentSession.request('GET', `/api/calls/desks/${org.serviceDeskId}/scripts?locale=zh-CN`)
    ).json().items;
    const phrase = (situation: string) =>
      scripts.find((script: { situation: string }) => script.situation === situation).phrases;
    expect(phrase('transfer')).toEqual(['请稍候，我将电话转接给他(她)']);
    expect(phrase('fetch_person')).toEqual(['请稍候，我去叫他(她)']);
    expect(phrase('not_at_seat')).toEqual([
      '对不起！他(她)不在座位上，您是否需要留言或传话(视情况可告诉手机号码)',
    ]);
    expect(phrase('unknown_person')).toEqual([
      '对不起！您能说出他(她)是哪个楼门的吗？',
      '对不起，请稍候，我帮您问一下。',
    ]);
    expect(phrase('leader_verification')).toEqual(['请问您是哪位领导？']);
    expect(phrase('closing')).toEqual(['谢谢您', '不客气', '这是我们应该做的']);
    const traditional = (
      await agentSession.request('GET', `/api/calls/desks/${org.serviceDeskId}/scripts?locale=zh-TW`)
    ).json().items;
    expect(
      traditional.find((script: { situation: string }) => script.situation === 'greeting').phrases[0],
    ).toBe('您好！测试物業客戶服務中心，您請講。');

    const edit = await admin.request('PUT', `/api/calls/desks/${org.serviceDeskId}/scripts/greeting`, {
      locale: 'zh-CN',
      templates: ['您好！{company}物业客户服务中心，请讲。'],
    });
    expect(edit.json()).toEqual({ version: 1, phrases: ['您好！测试物业客户服务中心，请讲。'] });
    const versions = (
      await admin.request(
        'GET',
        `/api/calls/desks/${org.serviceDeskId}/scripts/greeting/versions?locale=zh-CN`,
      )
    ).json().items;
    expect(versions.map((version: { version: number }) => version.version)).toEqual([1, 0]);
    expect(
      (
        await agentSession.request('PUT', `/api/calls/desks/${org.serviceDeskId}/scripts/greeting`, {
          locale: 'zh-CN',
          templates: ['x'],
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('finding people and messages', () => {
  it('CS-4 finds staff by pinyin initials, full pinyin, name and department; CS-3 shows a mobile only when shareable', async () => {
    const byInitials = (await agentSession.request('GET', '/api/calls/directory?q=zs')).json().items;
    expect(byInitials.map((entry: { displayName: string }) => entry.displayName)).toEqual(
      expect.arrayContaining(['张三', '张思远']),
    );
    const byPinyin = (await agentSession.request('GET', '/api/calls/directory?q=zhangsan')).json().items;
    expect(byPinyin.map((entry: { displayName: string }) => entry.displayName)).toEqual(['张三']);
    expect(byPinyin[0].shareableMobile).toBe('13800000015');
    const other = byInitials.find((entry: { displayName: string }) => entry.displayName === '张思远');
    expect(other.shareableMobile).toBeNull();
    const byDepartment = (await agentSession.request('GET', '/api/calls/directory?q=客服部')).json().items;
    expect(byDepartment.map((entry: { displayName: string }) => entry.displayName)).toEqual(
      expect.arrayContaining(['张三', '孙丽']),
    );
  });

  it('CS-4 finds staff by building and door (樓門) once an administrator sets where they sit', async () => {
    const buildings = (
      await admin.request('POST', `/api/org/projects/${org.estateProjectId}/buildings`, {
        name: '3栋',
        floorCount: 11,
        sortOrder: 0,
      })
    ).json();
    const door = (
      await admin.request('POST', `/api/org/buildings/${buildings.id}/doors`, { name: '2单元' })
    ).json();
    const set = await admin.request('PUT', `/api/calls/directory/${engineer.staffId}/workplace`, {
      buildingId: buildings.id,
      doorId: door.id,
    });
    expect(set.statusCode).toBe(200);
    const found = (
      await agentSession.request('GET', `/api/calls/directory?q=${encodeURIComponent('3栋2单元')}`)
    ).json().items;
    expect(found.map((entry: { displayName: string }) => entry.displayName)).toEqual(['张三']);
    const byWords = (
      await agentSession.request('GET', `/api/calls/directory?q=${encodeURIComponent('3栋 张')}`)
    ).json().items;
    expect(byWords[0]).toMatchObject({ buildingName: '3栋', doorName: '2单元' });
  });

  it('CS-2 records to whom a call was transferred or the person fetched', async () => {
    const call = (
      await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/calls`, {
        callerNumber: '13900003333',
      })
    ).json();
    await agentSession.request('POST', `/api/calls/${call.id}/actions`, { action: 'answer' });
    const transferred = await agentSession.request('POST', `/api/calls/${call.id}/actions`, {
      action: 'transfer',
      targetStaffId: engineer.staffId,
      transferKind: 'fetch',
    });
    expect(transferred.json()).toMatchObject({
      transferredToStaffId: engineer.staffId,
      transferredToName: '张三',
      transferKind: 'fetch',
    });
  });

  it('CS-3 leaves a message that the recipient reads and handles, each step timed', async () => {
    const created = await agentSession.request('POST', '/api/calls/messages', {
      deskId: org.serviceDeskId,
      recipientStaffId: engineer.staffId,
      kind: 'message',
      callerName: '王先生',
      callbackNumber: '139 1234 5678',
      content: '厨房漏水,请回电',
      urgency: 'urgent',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'new',
      callbackNumber: '+8613912345678',
      recipientName: '张三',
    });
    const live = await database.db
      .selectFrom('liveEvents')
      .selectAll()
      .where('topic', '=', `staff:${engineer.staffId}`)
      .execute();
    expect(live.map((event) => event.type)).toContain('message.created');

    const recipient = await signIn(app, engineer.username);
    const inbox = (await recipient.request('GET', '/api/calls/messages?box=mine')).json();
    expect(inbox.unhandled).toBe(1);
    const id = created.json().id;
    const foreign = await agentSession.request('POST', `/api/calls/messages/${id}/read`);
    expect(foreign.statusCode).toBe(403);
    clock.advance(60_000);
    expect((await recipient.request('POST', `/api/calls/messages/${id}/read`)).json().status).toBe('read');
    clock.advance(60_000);
    const handled = (
      await recipient.request('POST', `/api/calls/messages/${id}/handle`, { note: '已回电' })
    ).json();
    expect(handled.status).toBe('handled');
    expect(Date.parse(handled.handledAt) - Date.parse(handled.readAt)).toBe(60_000);
    expect((await recipient.request('POST', `/api/calls/messages/${id}/handle`, {})).json().error.code).toBe(
      'STEP_NOT_ALLOWED',
    );
  });

  it('CS-3 escalates a message still unhandled after the set time to the department head', async () => {
    const created = (
      await agentSession.request('POST', '/api/calls/messages', {
        deskId: org.serviceDeskId,
        recipientStaffId: engineer.staffId,
        kind: 'pass_on',
        callerName: '李女士',
        callbackNumber: '12345',
        content: '明早来取钥匙',
      })
    ).json();
    expect(created.isCallbackNumberValid).toBe(false);
    const job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('dedupeKey', '=', `escalation:calls.message:${created.id}`)
      .executeTakeFirstOrThrow();
    expect(Date.parse(job.runAt) - clock.now().getTime()).toBe(30 * 60_000);
    expect(job.payloadJson).toContain(head.staffId);
    clock.advance(31 * 60_000);
    const escalated = await database.db
      .transaction()
      .execute((trx) => escalateMessage(trx, { messageId: created.id, now: clock.now() }));
    expect(escalated).toBe(true);
    const headSession = await signIn(app, head.username);
    const notices = await database.db
      .selectFrom('liveEvents')
      .selectAll()
      .where('topic', '=', `staff:${head.staffId}`)
      .execute();
    expect(notices.map((event) => event.type)).toContain('message.escalated');
    const handledByHead = await headSession.request('POST', `/api/calls/messages/${created.id}/handle`, {
      note: '已转告',
    });
    expect(handledByHead.json().status).toBe('handled');
  });
});

describe('leader calls and emergencies', () => {
  let guardSession: TestSession;
  beforeAll(async () => {
    const guard = await buildStaff(database.db, org, {
      displayName: '郑强',
      roles: [{ role: 'guard', projectId: org.estateProjectId }],
      departmentId: org.departmentId,
    });
    guardSession = await signIn(app, guard.username);
  });

  it('SEC-4 records a leader call and reports it to the department head with one action, then closes it', async () => {
    const created = await guardSession.request('POST', '/api/calls/leader-calls', {
      deskId: org.postDeskId,
      claimedName: '陈',
      claimedTitle: '总经理',
      callbackNumber: '13711112222',
      request: '今晚两辆车放行',
      isIdentified: false,
    });
    expect(created.statusCode).toBe(201);
    const reported = await guardSession.request(
      'POST',
      `/api/calls/leader-calls/${created.json().id}/report`,
    );
    expect(reported.json().status).toBe('reported');
    const list = (
      await guardSession.request('GET', `/api/calls/leader-calls?deskId=${org.postDeskId}`)
    ).json().items;
    expect(list[0]).toMatchObject({ reportedToName: '何平', isIdentified: false });
    expect(
      (
        await guardSession.request('POST', `/api/calls/leader-calls/${created.json().id}/close`, {
          note: '已核实',
        })
      ).json().status,
    ).toBe('closed');
  });

  it('SEC-5 refuses an emergency without name, identity, address, phone and account, naming each field, and stores nothing', async () => {
    const refused = await guardSession.request('POST', '/api/calls/incidents', {
      deskId: org.postDeskId,
      isEmergency: true,
      callerName: '赵女士',
      account: '起火',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('EMERGENCY_INCOMPLETE');
    expect(Object.keys(refused.json().error.fields).sort()).toEqual(['address', 'callerIdentity', 'phone']);
    expect(refused.json().error.message).toContain('身份');
    const english = await guardSession.request(
      'POST',
      '/api/calls/incidents',
      { deskId: org.postDeskId, isEmergency: true },
      { 'accept-language': 'en' },
    );
    expect(english.json().error.fields.callerName).toBeDefined();
    const count = await database.db
      .selectFrom('incidents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('SEC-5 saves a complete emergency, notifies the desk’s contacts at once and follows it reported → dispatched → resolved', async () => {
    await admin.request('PUT', `/api/calls/desks/${org.postDeskId}/emergency-contacts`, {
      staffIds: [head.staffId],
    });
    const saved = await guardSession.request('POST', '/api/calls/incidents', {
      deskId: org.postDeskId,
      isEmergency: true,
      callerName: '赵女士',
      callerIdentity: 'owner',
      unitLabel: '3栋1502',
      phone: '13622223333',
      account: '楼道有烟味',
    });
    expect(saved.statusCode).toBe(201);
    const notices = await database.db
      .selectFrom('liveEvents')
      .selectAll()
      .where('topic', '=', `staff:${head.staffId}`)
      .execute();
    expect(notices.length).toBeGreaterThan(0);
    const notifications = await database.db.selectFrom('notifications').selectAll().execute();
    expect(notifications.some((row) => JSON.stringify(row).includes('calls.emergency'))).toBe(true);
    const id = saved.json().id;
    clock.advance(60_000);
    await guardSession.request('POST', `/api/calls/incidents/${id}/steps`, {
      action: 'dispatch',
      note: '两人前往',
    });
    clock.advance(600_000);
    const resolved = (
      await guardSession.request('POST', `/api/calls/incidents/${id}/steps`, {
        action: 'resolve',
        note: '无火情',
      })
    ).json();
    expect(
      resolved.timeline.map((step: { status: string; byName: string }) => [step.status, step.byName]),
    ).toEqual([
      ['reported', '郑强'],
      ['dispatched', '郑强'],
      ['resolved', '郑强'],
    ]);
  });
});

describe('statistics', () => {
  it('CS-1 SEC-1 SEC-6 gives per-day figures, within-limit share, p90 rings and caller-hung-up-first share, and exports them', async () => {
    agentSession = await signIn(app, agent.username);
    const day = new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const stats = await agentSession.request(
      'GET',
      `/api/calls/stats?deskId=${org.serviceDeskId}&fromDay=${day}&toDay=${day}`,
    );
    expect(stats.statusCode).toBe(200);
    const summary = stats.json().summary;
    expect(summary.calls).toBeGreaterThan(5);
    expect(summary.answered + summary.missed).toBeLessThanOrEqual(summary.calls);
    expect(summary.ringsP90).toBeGreaterThanOrEqual(1);
    expect(summary.callerHungUpFirstPercent).toBeGreaterThan(0);
    expect(stats.json().byHour).toHaveLength(24);
    const exported = await agentSession.request(
      'GET',
      `/api/calls/stats/export?deskId=${org.serviceDeskId}&fromDay=${day}&toDay=${day}`,
    );
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const tooLong = await agentSession.request('GET', `/api/calls/stats?fromDay=2020-01-01&toDay=${day}`);
    expect(tooLong.json().error.code).toBe('RANGE_TOO_LONG');
    const list = await agentSession.request('GET', `/api/calls/export?deskId=${org.serviceDeskId}`);
    expect(list.statusCode).toBe(200);
  });

  it('keeps people off desks they do not work', async () => {
    const sales = await buildStaff(database.db, org, {
      roles: [{ role: 'agent', projectId: org.salesProjectId }],
    });
    const session = await signIn(app, sales.username);
    const response = await session.request('GET', `/api/calls/desks/${org.serviceDeskId}/queue`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});
