import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildStaff } from '../../testing/factories.js';
import { signIn } from '../../testing/test-app.js';
import { createDesk } from '../org/index.js';
import { forgetLegacyCtiKey } from './cti.crypto.js';
import { rotateCtiSecret } from './cti.service.js';
import {
  admin,
  agent,
  agentSession,
  app,
  clock,
  countCalls,
  ctiEvent,
  database,
  org,
  postCti,
  setAgentSession,
  setSecret,
  setUpCallsWorld,
} from './testing/calls-world.js';

setUpCallsWorld();

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
    const badRecording = await postCti(
      ctiEvent({
        callId: 'pbx-x',
        type: 'ended',
        recording: { url: 'https://pbx.example/1.wav', user: 'x' },
      }),
    );
    expect(badRecording.statusCode).toBe(400);
    // Until the administrator lists the PBX hosts, no recording address is accepted (recordings.test.ts).
    const unlisted = await postCti(
      ctiEvent({ callId: 'pbx-x', type: 'ended', recording: { url: 'https://pbx.example/1.wav' } }),
    );
    expect(unlisted.json().error.code).toBe('RECORDING_URL_NOT_ALLOWED');
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
    setSecret(fresh);
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

describe('statistics', () => {
  it('CS-1 SEC-1 SEC-6 gives per-day figures, within-limit share, p90 rings and caller-hung-up-first share, and exports them', async () => {
    setAgentSession(await signIn(app, agent.username));
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
