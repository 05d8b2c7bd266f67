import { beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '../../testing/factories.js';
import { signIn, type TestSession } from '../../testing/test-app.js';
import { escalateMessage } from './messages.service.js';
import {
  admin,
  agentSession,
  app,
  clock,
  database,
  engineer,
  head,
  org,
  setUpCallsWorld,
} from './testing/calls-world.js';

setUpCallsWorld();

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

// The SEC-5 test below reads the department head's live notices, which the CS-3 escalation above leaves.
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
