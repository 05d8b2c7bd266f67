import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../platform/http/types.js';
import { buildOrg, buildStaff } from '../../testing/factories.js';
import { buildTestApp, createClock, signIn } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { findSourceChannels } from '../customers/index.js';
import { buildDealsFixture, type DealsFixture, deals, submittedAgreement } from '../deals/testing/index.js';
import { holdUnit } from '../inventory/index.js';
import { buildCustomer } from '../inventory/testing/index.js';
import { answerCall, receiveVisitor, saveCallRegister } from '../reception/index.js';
import { periodDays } from './dashboard.rules.js';
import { getSalesDashboard, salesFigures } from './dashboard.service.js';
import { setSalesTarget } from './targets.service.js';

let database: TestDatabase;
let world: DealsFixture;
let app: AppInstance;
let projectId: string;
let channelId: string;
let approvedPriceFen: number;
let awaitingDepositId: string;
// 10:00 in Shanghai on 2026-11-28, the day the fixture's agreements are signed.
const now = new Date('2026-11-28T02:00:00.000Z');
const day = '2026-11-28';

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  world = await buildDealsFixture(db, { floors: 1, perFloor: 6, unitPriceFen: 2_000_000, forms: 5, now });
  const { fx } = world;
  projectId = fx.org.salesProjectId;
  channelId = (await findSourceChannels(db, { actor: fx.manager, projectId, now }))[0]!.id;

  // SA-1 / SA-10: one call and one visit of the first consultant, both from the same source channel.
  await db.updateTable('staff').set({ presence: 'away' }).where('id', '=', fx.consultant2.staffId).execute();
  await db
    .updateTable('staff')
    .set({ presence: 'at_desk' })
    .where('id', '=', fx.consultant.staffId)
    .execute();
  const { call } = await answerCall(db, { actor: fx.consultant, projectId, now });
  await saveCallRegister(db, {
    actor: fx.consultant,
    callId: call.id,
    input: {
      callerName: '钱先生',
      callerPhone: '13811112222',
      gender: 'male',
      sourceChannelId: channelId,
      questions: '有没有三房?',
      intentLayout: '三房',
      intentAreaMin: 100,
      intentAreaMax: 120,
      intentBudgetFen: 400_000_000,
      intentPurpose: 'self_use',
      result: 'left_contact',
      appointmentAt: null,
      hasContactConsent: true,
      hasMarketingConsent: false,
    },
    now,
  });
  await receiveVisitor(db, {
    actor: fx.consultant,
    projectId,
    input: {
      name: '来访客户',
      gender: 'unknown',
      phones: [],
      isPhoneRefused: true,
      partySize: 2,
      visitorKind: 'buyer',
      sourceChannelId: channelId,
      intentLayout: '',
      intentAreaMin: null,
      intentAreaMax: null,
      intentBudgetFen: null,
      intentPurpose: '',
      notes: '',
      hasContactConsent: false,
      hasMarketingConsent: false,
    },
    now,
  });

  // Two deals through 定金 to a submitted agreement; the manager approves the first (the unit is sealed).
  const first = await submittedAgreement(db, world, {
    unitId: fx.unitIds[0]!,
    formNumber: 'RG000001',
    customerName: '甲先生',
    now,
  });
  await submittedAgreement(db, world, {
    unitId: fx.unitIds[1]!,
    formNumber: 'RG000002',
    customerName: '乙女士',
    now,
  });
  await deals.reviewAgreement(db, {
    actor: fx.manager,
    agreementId: first.agreementId,
    decision: 'approve',
    comment: '',
    now,
  });
  approvedPriceFen = Number(
    (
      await db
        .selectFrom('dealAgreements')
        .select('priceFen')
        .where('id', '=', first.agreementId)
        .executeTakeFirstOrThrow()
    ).priceFen,
  );

  // A third customer's deposit asked for and not yet confirmed (SA-12), the unit still held.
  const customerId = await buildCustomer(db, fx.org, {
    projectId,
    ownerStaffId: fx.consultant.staffId,
    name: '丙',
  });
  await holdUnit(db, { actor: fx.consultant, unitId: fx.unitIds[2]!, customerId, now });
  const plan = await deals.createPlan(db, {
    actor: fx.consultant,
    choices: {
      customerId,
      unitId: fx.unitIds[2]!,
      discounts: [],
      paymentMethod: 'lump_sum',
      homeOrder: 'first',
    },
    now,
  });
  awaitingDepositId = (
    await deals.requestDeposit(db, {
      actor: fx.consultant,
      unitId: fx.unitIds[2]!,
      customerId,
      planId: plan.id,
      amountFen: 1_000_000,
      note: '',
      now,
    })
  ).id;
  app = await buildTestApp(database, createClock(now));
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('sales figures (案场看板)', () => {
  it('counts each funnel stage of the period from the recorded calls, visits, customers and deals', async () => {
    const figures = await salesFigures(database.db, { projectId, from: day, to: day });
    expect(figures).toMatchObject({
      calls: 1,
      visits: 1,
      plans: 3,
      deposits: 2,
      agreements: 2,
      contracts: 0,
      unitsSold: 1,
      amountFen: approvedPriceFen,
      targetUnits: null,
      targetAmountFen: null,
    });
    // The caller who left a name and the visitor went into the book that day (SA-1.4, SA-10).
    expect(figures.registered).toBe(2);
    // The day before holds only the fixture's customers, registered at 2026-11-27 10:00.
    const before = await salesFigures(database.db, { projectId, from: '2026-11-27', to: '2026-11-27' });
    expect(before).toMatchObject({ calls: 0, visits: 0, plans: 0, deposits: 0, agreements: 0, unitsSold: 0 });
  });

  it("sets the month's target (audited) and the period's figures carry it", async () => {
    const { fx } = world;
    await setSalesTarget(database.db, {
      actor: fx.manager,
      projectId,
      month: '2026-11',
      units: 10,
      amountFen: 5_000_000_000,
      now,
    });
    await setSalesTarget(database.db, {
      actor: fx.manager,
      projectId,
      month: '2026-11',
      units: 12,
      amountFen: 6_000_000_000,
      now,
    });
    const figures = await salesFigures(database.db, { projectId, from: day, to: day });
    expect(figures).toMatchObject({ targetUnits: 12, targetAmountFen: 6_000_000_000 });
    const audit = await database.db
      .selectFrom('auditLog')
      .select(['action', 'afterJson'])
      .where('entityType', '=', 'sales_target')
      .orderBy('seq')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]!.afterJson ?? '{}')).toEqual({
      month: '2026-11',
      units: 12,
      amountFen: 6_000_000_000,
    });
  });

  it('answers the dashboard: funnel, sources, ranking, trend and the lists needing attention', async () => {
    const { fx } = world;
    const dashboard = await getSalesDashboard(database.db, {
      actor: fx.manager,
      projectId,
      period: 'month',
      day,
      holdHours: 24 * 30,
      now,
    });
    expect(dashboard).toMatchObject({ fromDay: '2026-11-01', toDay: '2026-11-30', reach: 'all' });
    expect(dashboard.funnel.map((stage) => stage.count)).toEqual([
      2,
      dashboard.figures.registered,
      3,
      2,
      2,
      0,
      dashboard.figures.paid,
    ]);
    expect(dashboard.sources.find((source) => source.channelId === channelId)).toMatchObject({
      calls: 1,
      visits: 1,
    });
    expect(dashboard.consultants[0]).toMatchObject({
      staffId: fx.consultant.staffId,
      name: '张顾问',
      deals: 1,
      amountFen: approvedPriceFen,
      visits: 1,
      calls: 1,
      conversionPercent: 100,
    });
    expect(dashboard.trend).toEqual([{ day, calls: 1, visits: 1, agreements: 2 }]);
    expect(dashboard.depositsAwaiting).toEqual([
      expect.objectContaining({ depositId: awaitingDepositId, customerName: '丙', consultantName: '张顾问' }),
    ]);
    expect(dashboard.holdsExpiring.map((hold) => hold.unitId)).toContain(fx.unitIds[2]);
    expect(dashboard.overduePayments).toEqual([]);

    // After the down payment's due day (2026-12-20) the approved deal's unpaid items are overdue (SA-14).
    const later = await getSalesDashboard(database.db, {
      actor: fx.manager,
      projectId,
      period: 'day',
      day: '2026-12-25',
      holdHours: 24,
      now: new Date('2026-12-25T02:00:00.000Z'),
    });
    expect(later.overduePayments.length).toBeGreaterThan(0);
    expect(later.overduePayments[0]).toMatchObject({ customerName: '甲先生', consultantName: '张顾问' });
    expect(later.holdsExpiring).toEqual([]);
  });

  it('resolves day, week (Monday to Sunday), month and custom periods in Shanghai days', () => {
    expect(periodDays('day', '2026-11-28')).toEqual({ fromDay: '2026-11-28', toDay: '2026-11-28' });
    expect(periodDays('week', '2026-11-28')).toEqual({ fromDay: '2026-11-23', toDay: '2026-11-29' });
    expect(periodDays('month', '2026-02-10')).toEqual({ fromDay: '2026-02-01', toDay: '2026-02-28' });
    expect(periodDays('custom', '2026-11-28', { fromDay: '2026-11-01', toDay: '2026-11-05' })).toEqual({
      fromDay: '2026-11-01',
      toDay: '2026-11-05',
    });
  });
});

describe('who sees which figures', () => {
  const url = () => `/api/dashboard/sales?projectId=${projectId}&period=month&day=${day}`;

  it('a manager reads the whole project; a consultant only their own figures', async () => {
    const { fx } = world;
    const manager = await (await signIn(app, fx.manager.username)).request('GET', url());
    expect(manager.statusCode).toBe(200);
    expect(manager.json()).toMatchObject({ reach: 'all', figures: { agreements: 2, unitsSold: 1 } });
    const other = await (await signIn(app, fx.consultant2.username)).request('GET', url());
    expect(other.statusCode).toBe(200);
    expect(other.json()).toMatchObject({
      reach: 'own',
      figures: { calls: 0, visits: 0, agreements: 0, targetUnits: null },
      depositsAwaiting: [],
    });
    const own = await (await signIn(app, fx.consultant.username)).request('GET', url());
    expect(own.json()).toMatchObject({ reach: 'own', figures: { calls: 1, visits: 1, agreements: 2 } });
  });

  it("answers 404 for another company's project, 403 to roles without the dashboard, and a team filter narrows", async () => {
    const { fx } = world;
    const otherOrg = await buildOrg(database.db, now);
    const stranger = await buildStaff(database.db, otherOrg, {
      roles: [{ role: 'manager', projectId: otherOrg.salesProjectId }],
    });
    expect((await (await signIn(app, stranger.username)).request('GET', url())).statusCode).toBe(404);
    expect((await (await signIn(app, world.finance.username)).request('GET', url())).statusCode).toBe(403);
    const session = await signIn(app, fx.manager.username);
    const team = await session.request('GET', `${url()}&departmentId=${fx.org.departmentId}`);
    expect(team.statusCode).toBe(200);
    expect(team.json().figures).toMatchObject({ calls: 0, agreements: 0, targetUnits: null });
    const exported = await session.request('GET', url().replace('/sales?', '/sales/export?'));
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
  });

  it('only a manager (or the administrator) sets targets; a consultant is refused', async () => {
    const { fx } = world;
    const body = { projectId, month: '2026-12', units: 8, amountFen: 4_000_000_000 };
    const consultant = await signIn(app, fx.consultant.username);
    expect((await consultant.request('PUT', '/api/dashboard/targets', body)).statusCode).toBe(403);
    const manager = await signIn(app, fx.manager.username);
    const saved = await manager.request('PUT', '/api/dashboard/targets', body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ month: '2026-12', units: 8, updatedByName: '王经理' });
    const list = await manager.request('GET', `/api/dashboard/targets?projectId=${projectId}&year=2026`);
    expect(list.json().items.map((item: { month: string }) => item.month)).toEqual(['2026-11', '2026-12']);
    const invalid = await manager.request('PUT', '/api/dashboard/targets', { ...body, month: '2026-13' });
    expect(invalid.statusCode).toBe(400);
  });
});
