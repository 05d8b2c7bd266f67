import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { buildTestApp, createClock, signIn, type TestSession } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createBuilding, createDesk, createProject } from '../org/index.js';

process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

/**
 * Issue 13: calls are scoped by desk, not by project. An agent works the service centres, a guard
 * the security posts, department heads and managers both, each in their own projects; nobody
 * learns that another desk's call, message, incident or leader call exists (404), and lists,
 * exports and statistics leave them out.
 */
describe('desk scope of the call desk', () => {
  const clock = createClock('2026-11-27T02:00:00.000Z');
  let database: TestDatabase;
  let app: AppInstance;
  let org: TestOrg;
  let other: TestOrg;
  let otherEstateDeskId: string;
  let agent: TestSession;
  let guard: TestSession;
  let manager: TestSession;
  let admin: TestSession;
  let otherProjectAgent: TestSession;
  let otherCompanyAgent: TestSession;
  let recipient: Actor & { username: string };
  let serviceCallId: string;
  let postCallId: string;
  let postIncidentId: string;
  let postLeaderCallId: string;
  let serviceMessageId: string;

  const day = '2026-11-27';

  beforeAll(async () => {
    database = await createTestDatabase();
    org = await buildOrg(database.db);
    other = await buildOrg(database.db);
    app = await buildTestApp(database, clock);
    const secondEstate = await createProject(database.db, {
      actor: org.system,
      input: { name: '第二家园', kind: 'estate', city: '深圳', address: '' },
      now: clock.now(),
    });
    otherEstateDeskId = (
      await createDesk(database.db, {
        actor: org.system,
        projectId: secondEstate.id,
        input: { name: '第二客服中心', kind: 'service_centre', phone: '0755-7654321' },
        now: clock.now(),
      })
    ).id;
    const estate = org.estateProjectId;
    const sessionOf = async (o: Pick<TestOrg, 'companyId'>, roles: Parameters<typeof buildStaff>[2]) =>
      signIn(app, (await buildStaff(database.db, o, roles)).username);
    agent = await sessionOf(org, { roles: [{ role: 'agent', projectId: estate }] });
    guard = await sessionOf(org, { roles: [{ role: 'guard', projectId: estate }] });
    manager = await sessionOf(org, { roles: [{ role: 'manager', projectId: estate }] });
    admin = await sessionOf(org, { roles: ['admin'] });
    otherProjectAgent = await sessionOf(org, { roles: [{ role: 'agent', projectId: secondEstate.id }] });
    otherCompanyAgent = await sessionOf(other, {
      roles: [{ role: 'agent', projectId: other.estateProjectId }],
    });
    recipient = await buildStaff(database.db, org, { displayName: '收件人' });

    const started = async (session: TestSession, deskId: string, callerNumber: string) => {
      const response = await session.request('POST', `/api/calls/desks/${deskId}/calls`, { callerNumber });
      expect(response.statusCode).toBe(201);
      return response.json().id as string;
    };
    serviceCallId = await started(agent, org.serviceDeskId, '13912345678');
    postCallId = await started(guard, org.postDeskId, '13912345678');
    const incident = await guard.request('POST', '/api/calls/incidents', {
      deskId: org.postDeskId,
      isEmergency: false,
      phone: '13912345678',
      account: '东门栏杆故障',
    });
    expect(incident.statusCode).toBe(201);
    postIncidentId = incident.json().id;
    const leaderCall = await guard.request('POST', '/api/calls/leader-calls', {
      deskId: org.postDeskId,
      claimedName: '陈',
      claimedTitle: '总经理',
      callbackNumber: '13711112222',
      request: '今晚两辆车放行',
      isIdentified: false,
    });
    expect(leaderCall.statusCode).toBe(201);
    postLeaderCallId = leaderCall.json().id;
    const message = await agent.request('POST', '/api/calls/messages', {
      deskId: org.serviceDeskId,
      callId: serviceCallId,
      recipientStaffId: recipient.staffId,
      kind: 'message',
      callerName: '王先生',
      callbackNumber: '139 1234 5678',
      content: '厨房漏水,请回电',
      urgency: 'normal',
    });
    expect(message.statusCode).toBe(201);
    serviceMessageId = message.json().id;
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const ids = (response: { json(): { items: Array<{ id: string }> } }) =>
    response.json().items.map((item) => item.id);

  it('guard of a gate post gets 404 on customer-service calls', async () => {
    for (const [method, url, body] of [
      ['GET', `/api/calls/${serviceCallId}`, undefined],
      ['PUT', `/api/calls/${serviceCallId}`, { notes: '看看' }],
      ['POST', `/api/calls/${serviceCallId}/actions`, { action: 'answer' }],
      ['GET', `/api/calls/desks/${org.serviceDeskId}/queue`, undefined],
      ['POST', `/api/calls/desks/${org.serviceDeskId}/calls`, { callerNumber: '13900000000' }],
      ['GET', `/api/calls?deskId=${org.serviceDeskId}`, undefined],
      ['GET', `/api/calls/desks/${org.serviceDeskId}/messages`, undefined],
      ['GET', `/api/calls/stats?deskId=${org.serviceDeskId}&fromDay=${day}&toDay=${day}`, undefined],
    ] as const) {
      const response = await guard.request(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    // Their own lists, export and statistics hold the gate post's call and nothing of the service centre.
    const list = await guard.request('GET', '/api/calls');
    expect(ids(list)).toEqual([postCallId]);
    expect(JSON.stringify(list.json())).not.toContain(org.serviceDeskId);
    const desks = await guard.request('GET', '/api/calls/desks');
    expect(ids(desks)).toEqual([org.postDeskId]);
    const stats = (await guard.request('GET', `/api/calls/stats?fromDay=${day}&toDay=${day}`)).json();
    expect(stats.summary.calls).toBe(1);
    expect(stats.byDesk.map((desk: { deskId: string }) => desk.deskId)).toEqual([org.postDeskId]);
    const exported = await guard.request('GET', '/api/calls/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    // The screen pop of the gate post's call shows the post's history of the number only.
    const detail = (await guard.request('GET', `/api/calls/${postCallId}`)).json();
    expect(detail.caller.recentCalls).toEqual([]);
    expect(detail.caller.recentMessages).toEqual([]);
    expect(detail.caller.recentIncidents.map((row: { id: string }) => row.id)).toEqual([postIncidentId]);
  });

  it("service agent gets 404 on the gate post's incidents and leader calls", async () => {
    for (const [method, url, body] of [
      ['GET', `/api/calls/${postCallId}`, undefined],
      ['POST', `/api/calls/incidents/${postIncidentId}/steps`, { action: 'dispatch' }],
      ['POST', `/api/calls/leader-calls/${postLeaderCallId}/report`, undefined],
      ['POST', `/api/calls/leader-calls/${postLeaderCallId}/close`, { note: '' }],
      ['GET', `/api/calls/incidents?deskId=${org.postDeskId}`, undefined],
      ['GET', `/api/calls/leader-calls?deskId=${org.postDeskId}`, undefined],
      [
        'POST',
        '/api/calls/incidents',
        { deskId: org.postDeskId, isEmergency: false, account: '不是我的卡口' },
      ],
    ] as const) {
      const response = await agent.request(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    expect(ids(await agent.request('GET', '/api/calls/incidents'))).toEqual([]);
    expect(ids(await agent.request('GET', '/api/calls/leader-calls'))).toEqual([]);
    expect(ids(await agent.request('GET', '/api/calls'))).toEqual([serviceCallId]);
    // The service call's screen pop does not tell the agent of the gate post's incident or call.
    const detail = (await agent.request('GET', `/api/calls/${serviceCallId}`)).json();
    expect(detail.caller.recentCalls).toEqual([]);
    expect(detail.caller.recentIncidents).toEqual([]);
    expect(detail.caller.recentMessages.map((row: { id: string }) => row.id)).toEqual([serviceMessageId]);
  });

  it('a manager of the estate sees both kinds of desk', async () => {
    expect(ids(await manager.request('GET', '/api/calls')).sort()).toEqual(
      [serviceCallId, postCallId].sort(),
    );
    expect(ids(await manager.request('GET', '/api/calls/incidents'))).toEqual([postIncidentId]);
    expect(ids(await manager.request('GET', '/api/calls/leader-calls'))).toEqual([postLeaderCallId]);
    expect(ids(await manager.request('GET', `/api/calls/desks/${org.serviceDeskId}/messages`))).toEqual([
      serviceMessageId,
    ]);
  });

  it("another project's agent and another company's agent get 404 and empty lists", async () => {
    for (const session of [otherProjectAgent, otherCompanyAgent]) {
      for (const url of [
        `/api/calls/${serviceCallId}`,
        `/api/calls/desks/${org.serviceDeskId}/queue`,
        `/api/calls/desks/${org.serviceDeskId}/messages`,
        `/api/calls?deskId=${org.serviceDeskId}`,
      ])
        expect((await session.request('GET', url)).statusCode, url).toBe(404);
      expect(ids(await session.request('GET', '/api/calls'))).toEqual([]);
      const stats = (await session.request('GET', `/api/calls/stats?fromDay=${day}&toDay=${day}`)).json();
      expect(stats.summary.calls).toBe(0);
      const read = await session.request('POST', `/api/calls/messages/${serviceMessageId}/read`);
      expect(read.statusCode).toBe(404);
    }
    expect(ids(await otherProjectAgent.request('GET', '/api/calls/desks'))).toEqual([otherEstateDeskId]);
    expect(ids(await otherCompanyAgent.request('GET', '/api/calls/desks'))).toEqual([other.serviceDeskId]);
  });

  it('a message reaches its recipient in their own inbox; only the recipient moves it on', async () => {
    const mine = await signIn(app, recipient.username);
    const inbox = (await mine.request('GET', '/api/calls/messages?box=mine')).json();
    expect(inbox.items.map((item: { id: string }) => item.id)).toEqual([serviceMessageId]);
    // The agent who took it sees it on the desk but may not mark it read for the recipient.
    const byAgent = await agent.request('POST', `/api/calls/messages/${serviceMessageId}/read`);
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().error.code).toBe('NOT_RECIPIENT');
    // The guard never learns it exists.
    expect((await guard.request('POST', `/api/calls/messages/${serviceMessageId}/read`)).statusCode).toBe(
      404,
    );
    expect((await guard.request('GET', '/api/calls/messages')).json().items).toEqual([]);
    expect((await mine.request('POST', `/api/calls/messages/${serviceMessageId}/read`)).statusCode).toBe(200);
  });

  it('the administrator sets desks up but reads no call, message, incident or leader call', async () => {
    const records = [serviceCallId, postCallId, postIncidentId, postLeaderCallId, serviceMessageId];
    for (const url of [
      '/api/calls',
      `/api/calls/${serviceCallId}`,
      '/api/calls/incidents',
      '/api/calls/leader-calls',
      `/api/calls/stats?fromDay=${day}&toDay=${day}`,
      '/api/calls/desks',
      `/api/calls/desks/${org.serviceDeskId}/queue`,
      `/api/calls/desks/${org.serviceDeskId}/messages`,
    ]) {
      const response = await admin.request('GET', url);
      expect(response.statusCode, url).toBe(403);
      for (const id of records) expect(response.body, url).not.toContain(id);
      expect(response.body, url).not.toContain('5678');
    }
    expect((await admin.request('POST', `/api/calls/messages/${serviceMessageId}/read`)).statusCode).toBe(
      404,
    );
    const setup = await admin.request('GET', '/api/calls/setup/desks');
    expect(ids(setup).sort()).toEqual([org.serviceDeskId, org.postDeskId, otherEstateDeskId].sort());
    expect((await admin.request('GET', `/api/calls/desks/${org.serviceDeskId}/scripts`)).statusCode).toBe(
      200,
    );
    expect(
      (
        await admin.request('PUT', `/api/calls/desks/${org.postDeskId}/emergency-contacts`, {
          staffIds: [recipient.staffId],
        })
      ).statusCode,
    ).toBe(200);
    expect((await admin.request('POST', `/api/calls/desks/${org.serviceDeskId}/cti-secret`)).statusCode).toBe(
      200,
    );
    // Desks and buildings of another company do not exist for them.
    const theirBuilding = await createBuilding(database.db, {
      actor: other.system,
      projectId: other.estateProjectId,
      input: { name: '外司1栋', floorCount: 6, sortOrder: 0 },
      now: clock.now(),
    });
    const seated = await admin.request('PUT', `/api/calls/directory/${recipient.staffId}/workplace`, {
      buildingId: theirBuilding.id,
      doorId: null,
    });
    expect(seated.json().error.code).toBe('UNKNOWN_REFERENCE');
    expect(
      (await admin.request('POST', `/api/calls/desks/${other.serviceDeskId}/cti-secret`)).statusCode,
    ).toBe(404);
    expect((await admin.request('GET', `/api/calls/desks/${other.serviceDeskId}/scripts`)).statusCode).toBe(
      404,
    );
  });
});
