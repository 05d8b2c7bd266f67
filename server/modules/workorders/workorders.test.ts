import { describe, expect, it } from 'vitest';
import { signIn } from '../../testing/test-app.js';
import { startManualCall } from '../calls/testing/index.js';
import { findOpenWorkOrdersForCaller, findSlaBreaches, sweepSlaBreaches } from './index.js';
import { setUpWorkOrdersWorld, testPhoto } from './testing/index.js';

const world = setUpWorkOrdersWorld();

const order = (fields: Record<string, unknown> = {}) => ({
  projectId: world.org.estateProjectId,
  source: 'walk_in',
  category: 'repair',
  urgency: 'normal',
  buildingText: '3栋',
  doorText: '2单元',
  unitText: '1201',
  description: '厨房水管漏水',
  callerName: '陈女士',
  callerPhone: '13800138000',
  ...fields,
});

async function open(fields: Record<string, unknown> = {}) {
  const response = await world.as.agent.request('POST', '/api/work-orders', order(fields));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const step = (who: keyof typeof world.as, id: string, stepName: string, note = '') =>
  world.as[who].request('POST', `/api/work-orders/${id}/steps`, { step: stepName, note });

describe('work orders', () => {
  it('opens one from the live call in one step, linked to the call, with the SLA clocks of its category and urgency', async () => {
    const call = await startManualCall(world.database.db, {
      actor: world.agent,
      deskId: world.org.serviceDeskId,
      callerNumber: '13900139000',
      now: world.clock.now(),
    });
    const response = await world.as.agent.request('POST', `/api/calls/${call.id}/work-orders`, {
      category: 'repair',
      urgency: 'urgent',
      unitText: '1201',
      description: '电梯困人',
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      source: 'call',
      hasCall: true,
      status: 'new',
      urgency: 'urgent',
      callerPhone: '139 0013 9000',
      dueClock: 'respond',
      isBreached: false,
    });
    expect(created.number).toMatch(/^WO-\d{6}$/);
    // Urgent repair: 30 minutes to respond, 4 hours to finish (the settings' defaults).
    expect(Date.parse(created.respondDueAt) - world.clock.now().getTime()).toBe(30 * 60_000);
    expect(Date.parse(created.finishDueAt) - world.clock.now().getTime()).toBe(4 * 3_600_000);
  });

  it('refuses bad input with the field named and changes nothing', async () => {
    const before = (
      await world.as.agent.request('GET', `/api/work-orders?projectId=${world.org.estateProjectId}`)
    ).json().total;
    const response = await world.as.agent.request(
      'POST',
      '/api/work-orders',
      order({ description: '', category: 'noise' }),
    );
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields)).toEqual(
      expect.arrayContaining(['description', 'category']),
    );
    const after = (
      await world.as.agent.request('GET', `/api/work-orders?projectId=${world.org.estateProjectId}`)
    ).json().total;
    expect(after).toBe(before);
  });

  it('goes new → assigned → accepted → on site → done (photo) → callback (score) → closed, and reopens with a reason', async () => {
    const created = await open();
    const assigned = await world.as.agent.request('POST', `/api/work-orders/${created.id}/assign`, {
      assigneeId: world.engineer.staffId,
    });
    expect(assigned.json()).toMatchObject({ status: 'assigned', assigneeName: '王师傅', teamName: '工程部' });
    // Steps out of order are refused, and the order stays as it was.
    expect((await step('engineer', created.id, 'complete')).statusCode).toBe(409);
    expect((await step('engineer', created.id, 'accept')).json().status).toBe('accepted');
    expect((await step('engineer', created.id, 'arrive')).json().status).toBe('on_site');
    const photo = await world.as.engineer.upload(
      `/api/work-orders/${created.id}/photos?stage=done`,
      testPhoto,
      {
        fileName: 'done.png',
        contentType: 'image/png',
      },
    );
    expect(photo.statusCode, photo.body).toBe(201);
    const read = await world.as.agent.request('GET', `/api/work-order-photos/${photo.json().id}`);
    expect(read.headers['content-type']).toBe('image/png');
    expect(Buffer.from(read.rawPayload).equals(testPhoto)).toBe(true);
    const done = (await step('engineer', created.id, 'complete', '已更换阀门')).json();
    expect(done).toMatchObject({ status: 'done', doneNote: '已更换阀门', dueClock: null });
    // The callback is the desk's, not the engineer's.
    const byEngineer = await world.as.engineer.request('POST', `/api/work-orders/${created.id}/callback`, {
      satisfaction: 5,
    });
    expect(byEngineer.statusCode).toBe(403);
    const called = await world.as.agent.request('POST', `/api/work-orders/${created.id}/callback`, {
      satisfaction: 4,
      comment: '师傅很准时',
    });
    expect(called.json()).toMatchObject({
      status: 'callback',
      satisfaction: 4,
      callbackComment: '师傅很准时',
    });
    expect((await step('agent', created.id, 'close')).json().status).toBe('closed');
    const reopened = (
      await world.as.agent.request('POST', `/api/work-orders/${created.id}/reopen`, { reason: '又漏水了' })
    ).json();
    expect(reopened).toMatchObject({ status: 'assigned', satisfaction: null, dueClock: 'respond' });
    expect(reopened.timeline.map((event: { action: string }) => event.action)).toEqual([
      'create',
      'assign',
      'accept',
      'arrive',
      'complete',
      'callback',
      'close',
      'reopen',
    ]);
    expect(reopened.photos).toHaveLength(1);
    const audit = await world.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'work_order')
      .where('entityId', '=', created.id)
      .execute();
    expect(audit).toHaveLength(8);
  });

  it('refuses a photo that is not an image, and a score outside 1–5', async () => {
    const created = await open();
    const text = await world.as.agent.upload(`/api/work-orders/${created.id}/photos`, Buffer.from('hello'), {
      fileName: 'a.png',
      contentType: 'image/png',
    });
    expect(text.statusCode).toBe(400);
    const score = await world.as.agent.request('POST', `/api/work-orders/${created.id}/callback`, {
      satisfaction: 6,
    });
    expect(score.statusCode).toBe(400);
    expect(score.json().error.fields).toHaveProperty('satisfaction');
  });

  it('shows an engineer only the orders assigned to them or their team; any other answers 404', async () => {
    const mine = await open({ description: '王师傅的单' });
    await world.as.agent.request('POST', `/api/work-orders/${mine.id}/assign`, {
      assigneeId: world.engineer.staffId,
    });
    const team = await open({ description: '工程部的单' });
    await world.as.agent.request('POST', `/api/work-orders/${team.id}/assign`, { teamId: world.teamId });
    const nobody = await open({ description: '未派的单' });
    const list = (who: keyof typeof world.as) =>
      world.as[who]
        .request('GET', `/api/work-orders?projectId=${world.org.estateProjectId}&pageSize=200`)
        .then((response) => response.json().items.map((item: { id: string }) => item.id) as string[]);
    const engineers = await list('engineer');
    expect(engineers).toEqual(expect.arrayContaining([mine.id, team.id]));
    expect(engineers).not.toContain(nobody.id);
    const teammates = await list('teammate');
    expect(teammates).toContain(team.id);
    // A teammate sees the colleague's order (it is the team's), but cannot step it.
    expect(teammates).toContain(mine.id);
    expect((await step('teammate', mine.id, 'accept')).statusCode).toBe(403);
    expect(await list('loner')).toEqual([]);
    expect((await world.as.loner.request('GET', `/api/work-orders/${mine.id}`)).statusCode).toBe(404);
    expect((await step('loner', team.id, 'accept')).statusCode).toBe(404);
    expect((await world.as.engineer.request('GET', `/api/work-orders/${nobody.id}`)).statusCode).toBe(404);
    // Accepting the team's order makes the teammate its engineer.
    expect((await step('teammate', team.id, 'accept')).json()).toMatchObject({
      status: 'accepted',
      assigneeName: '李师傅',
    });
    const board = (
      await world.as.engineer.request('GET', `/api/work-orders/board?projectId=${world.org.estateProjectId}`)
    ).json();
    const onBoard = board.columns.flatMap((column: { items: { id: string }[] }) =>
      column.items.map((item) => item.id),
    );
    expect(onBoard).not.toContain(nobody.id);
    // Engineers read lists, not exports.
    const exported = await world.as.engineer.request(
      'GET',
      `/api/work-orders/export?projectId=${world.org.estateProjectId}`,
    );
    expect(exported.statusCode).toBe(403);
    const sheet = await world.as.agent.request(
      'GET',
      `/api/work-orders/export?projectId=${world.org.estateProjectId}`,
    );
    expect(sheet.statusCode).toBe(200);
  });

  it('finds an SLA breach once and escalates it to the department head once (notice and live event)', async () => {
    const created = await open({ urgency: 'urgent', description: '楼道积水' });
    world.clock.advance(29 * 60_000);
    expect((await sweepSlaBreaches(world.database.db, { now: world.clock.now() })).escalated).toBe(0);
    world.clock.advance(2 * 60_000);
    const found = await findSlaBreaches(world.database.db, world.clock.now());
    expect(found.map((row) => row.id)).toContain(created.id);
    const first = await sweepSlaBreaches(world.database.db, { now: world.clock.now() });
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    world.clock.advance(60_000);
    const again = await sweepSlaBreaches(world.database.db, { now: world.clock.now() });
    expect(again.escalated).toBe(0);
    // Half an hour idle ends a session: sign in again.
    world.as.head = await signIn(world.app, world.head.username);
    world.as.agent = await signIn(world.app, world.agent.username);
    const detail = (await world.as.head.request('GET', `/api/work-orders/${created.id}`)).json();
    expect(detail.isBreached).toBe(true);
    expect(detail.respondBreachedAt).not.toBeNull();
    expect(detail.timeline.filter((event: { action: string }) => event.action === 'escalate')).toHaveLength(
      1,
    );
    const notices = await world.database.db
      .selectFrom('notifications')
      .select(['id', 'paramsJson'])
      .where('event', '=', 'workorders.respondBreached')
      .execute();
    expect(notices.filter((notice) => notice.paramsJson.includes(detail.number))).toHaveLength(1);
    const live = await world.database.db
      .selectFrom('liveEvents')
      .select(['topic', 'payloadJson'])
      .where('type', '=', 'workorder.breached')
      .execute();
    const toHead = live.filter(
      (event) => event.topic === `staff:${world.head.staffId}` && event.payloadJson.includes(created.id),
    );
    expect(toHead).toHaveLength(1);
    // The breached-only filter finds it.
    const breached = (
      await world.as.head.request(
        'GET',
        `/api/work-orders?projectId=${world.org.estateProjectId}&breachedOnly=true`,
      )
    ).json();
    expect(breached.items.map((item: { id: string }) => item.id)).toContain(created.id);
  });

  it('lists a caller’s open orders by phone for the caller pop', async () => {
    const created = await open({ callerPhone: '137 0013 7000', description: '门禁坏了' });
    const found = await findOpenWorkOrdersForCaller(world.database.db, {
      projectId: world.org.estateProjectId,
      phones: ['+8613700137000'],
    });
    expect(found.map((row) => row.id)).toEqual([created.id]);
    expect(
      await findOpenWorkOrdersForCaller(world.database.db, {
        projectId: world.org.estateProjectId,
        phones: [],
      }),
    ).toEqual([]);
  });
});
