import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Wallboard } from '../../../contracts/calls-wallboard.js';
import { type JobRunner, startJobRunner } from '../../platform/jobs/index.js';
import { buildCompany, buildStaff } from '../../testing/factories.js';
import { signIn, type TestSession } from '../../testing/test-app.js';
import { leaveMessage } from './messages.service.js';
import { ringAlertJobKind } from './ring-alerts.js';
import {
  admin,
  agent,
  agentSession,
  app,
  clock,
  ctiEvent,
  database,
  head,
  org,
  postCti,
  setUpCallsWorld,
} from './testing/calls-world.js';

setUpCallsWorld();

// The supervisor's wallboard (issue 16) and the ring-limit alert (CS-1 / SEC-1) on recorded CTI events.

let headSession: TestSession;
let managerSession: TestSession;
let runner: JobRunner;

beforeAll(async () => {
  headSession = await signIn(app, head.username);
  const manager = await buildStaff(database.db, org, {
    displayName: '周经理',
    roles: [{ role: 'manager', projectId: org.estateProjectId }],
  });
  managerSession = await signIn(app, manager.username);
  runner = startJobRunner({ database, now: clock.now, instanceId: 'wallboard-test', autoStart: false });
});
afterAll(async () => {
  await runner?.stop();
});

async function board(session: TestSession, deskId = org.serviceDeskId): Promise<Wallboard> {
  const response = await session.request('GET', `/api/calls/wallboard/${deskId}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Wallboard;
}

/** Runs the due jobs, then the deliveries they queued for the same moment. */
async function runJobs() {
  await runner.runUntilIdle();
  await runner.runUntilIdle();
}

async function ringLimitNotices(session: TestSession) {
  const inbox = (await session.request('GET', '/api/notify/inbox')).json() as {
    items: Array<{ event: string; title: string; link: string | null }>;
  };
  return inbox.items.filter((item) => item.event === 'calls.ringLimit');
}

describe('the supervisor wallboard', () => {
  it('CS-1 shows a ringing call with the moment ring 3 starts, and today’s answer rate within the limit', async () => {
    const ringingAt = new Date(clock.now().getTime() - 12_000).toISOString();
    expect(
      (await postCti(ctiEvent({ callId: 'wb-1', type: 'ringing', occurredAt: ringingAt }))).statusCode,
    ).toBe(200);
    // Answered on ring 2 (6 s): within the limit of 3.
    const early = new Date(clock.now().getTime() - 60_000);
    await postCti(ctiEvent({ callId: 'wb-2', type: 'ringing', occurredAt: early.toISOString() }));
    await postCti(
      ctiEvent({
        callId: 'wb-2',
        type: 'answered',
        agent: agent.username,
        occurredAt: new Date(early.getTime() + 6_000).toISOString(),
      }),
    );
    // Never answered.
    await postCti(ctiEvent({ callId: 'wb-3', type: 'ringing', occurredAt: early.toISOString() }));
    await postCti(
      ctiEvent({
        callId: 'wb-3',
        type: 'ended',
        releasedBy: 'caller',
        occurredAt: new Date(early.getTime() + 30_000).toISOString(),
      }),
    );

    const shown = await board(headSession);
    expect(shown.serverTime).toBe(clock.now().toISOString());
    expect(shown.desk).toMatchObject({ id: org.serviceDeskId, kind: 'service_centre' });
    expect(shown.policy).toMatchObject({ cadenceSeconds: 5, maxRings: 3 });
    expect(shown.liveTopics).toEqual([`desk:${org.serviceDeskId}`]);
    expect(shown.ringing).toHaveLength(1);
    expect(shown.ringing[0]).toMatchObject({
      ringingAt,
      alertAt: new Date(Date.parse(ringingAt) + 10_000).toISOString(),
    });
    expect(shown.active).toEqual([
      expect.objectContaining({ status: 'answered', agentName: '孙丽', heldSince: null }),
    ]);
    expect(shown.agents).toEqual([expect.objectContaining({ displayName: '孙丽', isOnCall: true })]);
    expect(shown.today).toMatchObject({ calls: 3, answered: 1, answeredWithinLimit: 1, missed: 1 });
    // Two calls decided (the ringing one not yet), one of them answered within the limit.
    expect(shown.today.answerRate).toBe(0.5);
    // A wall screen shows no caller's number.
    expect(JSON.stringify(shown)).not.toMatch(/139|138/);
  });

  it('shows a call on hold with the time it was put on hold', async () => {
    const heldAt = new Date(clock.now().getTime() - 20_000).toISOString();
    await postCti(ctiEvent({ callId: 'wb-2', type: 'held', occurredAt: heldAt }));
    const shown = await board(managerSession);
    expect(shown.active).toEqual([expect.objectContaining({ status: 'on_hold', heldSince: heldAt })]);
  });

  it('CS-3 lists messages still unhandled past their time, not those still within it', async () => {
    const input = {
      deskId: org.serviceDeskId,
      recipientStaffId: head.staffId,
      kind: 'message' as const,
      callerName: '王先生',
      callbackNumber: '13900001111',
      content: '请回电',
      urgency: 'normal' as const,
    };
    await leaveMessage(database.db, {
      actor: agent,
      input,
      now: new Date(clock.now().getTime() - 31 * 60_000),
    });
    await leaveMessage(database.db, {
      actor: agent,
      input,
      now: new Date(clock.now().getTime() - 5 * 60_000),
    });
    const shown = await board(headSession);
    expect(shown.overdueMessages).toEqual([
      expect.objectContaining({ recipientName: '何平', kind: 'message', urgency: 'normal' }),
    ]);
  });

  it('shows only the desks of the caller’s projects and kind; any other desk is 404', async () => {
    const headDesks = (await headSession.request('GET', '/api/calls/wallboard/desks')).json().items;
    expect(headDesks.map((desk: { id: string }) => desk.id).sort()).toEqual(
      [org.serviceDeskId, org.postDeskId].sort(),
    );
    const agentDesks = (await agentSession.request('GET', '/api/calls/wallboard/desks')).json().items;
    expect(agentDesks.map((desk: { id: string }) => desk.id)).toEqual([org.serviceDeskId]);
    expect((await agentSession.request('GET', `/api/calls/wallboard/${org.postDeskId}`)).statusCode).toBe(
      404,
    );
    expect((await headSession.request('GET', `/api/calls/wallboard/${org.salesDeskId}`)).statusCode).toBe(
      404,
    );
    const other = await buildCompany(database.db);
    const stranger = await buildStaff(database.db, other, { roles: ['manager'] });
    const strangerSession = await signIn(app, stranger.username);
    expect(
      (await strangerSession.request('GET', `/api/calls/wallboard/${org.serviceDeskId}`)).statusCode,
    ).toBe(404);
    expect((await strangerSession.request('GET', '/api/calls/wallboard/no-such-desk')).statusCode).toBe(404);
  });

  it('lets the administrator watch every desk, polling (the desk topic is for those who staff it)', async () => {
    const shown = await board(admin);
    expect(shown.ringing).toHaveLength(1);
    expect(shown.liveTopics).toEqual([]);
    expect((await admin.request('GET', `/api/calls/wallboard/${org.salesDeskId}`)).statusCode).toBe(200);
  });

  it('SA-1 shows the sales line’s answering order (who is next) to its consultants', async () => {
    const consultant = await buildStaff(database.db, org, {
      displayName: '林顾问',
      roles: [{ role: 'consultant', projectId: org.salesProjectId }],
    });
    const session = await signIn(app, consultant.username);
    const shown = await board(session, org.salesDeskId);
    expect(shown.policy).toBeNull();
    expect(shown.ringing).toEqual([]);
    expect(shown.liveTopics).toEqual([`desk:${org.salesDeskId}`, `project:${org.salesProjectId}`]);
    expect(shown.answeringOrder?.members.map((member) => member.displayName)).toEqual(['林顾问']);
    expect(shown.agents.map((person) => person.displayName)).toEqual(['林顾问']);
  });
});

describe('the ring-limit alert', () => {
  it('CS-1 notifies the department head and the project’s managers when a call reaches ring 3 unanswered', async () => {
    const ringingAt = clock.now();
    await postCti(ctiEvent({ callId: 'alert-1', type: 'ringing', occurredAt: ringingAt.toISOString() }));
    const call = await database.db
      .selectFrom('calls')
      .select('id')
      .where('externalCallId', '=', 'alert-1')
      .executeTakeFirstOrThrow();
    const job = await database.db
      .selectFrom('jobs')
      .select(['runAt', 'status'])
      .where('kind', '=', ringAlertJobKind)
      .where('payloadJson', '=', JSON.stringify({ callId: call.id }))
      .executeTakeFirstOrThrow();
    // Ring 3 starts 10 s after alerting at the 5 s cadence.
    expect(job).toEqual({ runAt: new Date(ringingAt.getTime() + 10_000).toISOString(), status: 'pending' });
    // Due now: the earlier calls' alerts (wb-1 still rings: one notice; wb-2 answered, wb-3 ended: none).
    await runJobs();
    const before = await ringLimitNotices(headSession);
    expect(before).toHaveLength(1);
    clock.advance(9_000);
    await runJobs();
    expect(await ringLimitNotices(headSession)).toHaveLength(1);
    clock.advance(1_000);
    await runJobs();
    const notices = await ringLimitNotices(headSession);
    expect(notices).toHaveLength(2);
    expect(notices[0].title).toContain('3');
    expect(notices[0].link).toBe(`/calls/wallboard?desk=${org.serviceDeskId}`);
    expect(await ringLimitNotices(managerSession)).toHaveLength(2);
    // The agent is not a supervisor.
    expect(await ringLimitNotices(agentSession)).toEqual([]);
  });

  it('CS-1 tells nobody when the call is answered before ring 3', async () => {
    const ringingAt = clock.now();
    await postCti(ctiEvent({ callId: 'alert-2', type: 'ringing', occurredAt: ringingAt.toISOString() }));
    clock.advance(6_000);
    await postCti(ctiEvent({ callId: 'alert-2', type: 'answered', agent: agent.username }));
    clock.advance(10_000);
    await runJobs();
    expect(await ringLimitNotices(headSession)).toHaveLength(2);
  });

  it('CS-1 schedules no alert for a call first seen answered', async () => {
    const before = await database.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', ringAlertJobKind)
      .executeTakeFirstOrThrow();
    await postCti(ctiEvent({ callId: 'alert-3', type: 'answered', agent: agent.username }));
    const after = await database.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', ringAlertJobKind)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
