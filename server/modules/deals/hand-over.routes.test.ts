import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../platform/http/types.js';
import { buildTestApp, createClock, signIn } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { findAuditEntries } from '../audit/index.js';
import { forgetDataKeys } from './deals.crypto.js';
import { buildDealsFixture, type DealsFixture, openTransactionFile } from './testing/deal-fixture.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('hex');
forgetDataKeys();

describe('SA-19 handing a deal to another consultant (转交置业顾问)', () => {
  const clock = createClock('2026-11-28T02:00:00.000Z');
  let database: TestDatabase;
  let app: AppInstance;
  let world: DealsFixture;
  let form = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildDealsFixture(database.db, {
      floors: 1,
      perFloor: 3,
      unitPriceFen: 1_500_000,
      forms: 3,
      now: clock.now(),
    });
    app = await buildTestApp(database, clock);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  async function openFile() {
    const { fileId } = await openTransactionFile(database.db, world, {
      unitId: world.fx.unitIds[form]!,
      formNumber: `RG${String(++form).padStart(6, '0')}`,
      customerName: '陈志强',
      now: clock.now(),
    });
    return fileId;
  }

  it('SA-19 the manager hands the file to another consultant with a reason: the file, its open tasks and what the new consultant sees follow, audited', async () => {
    const { fx } = world;
    const fileId = await openFile();
    const manager = await signIn(app, fx.manager.username);
    const candidates = (
      await manager.request('GET', `/api/deals/transaction-files/${fileId}/hand-over-candidates`)
    ).json();
    expect(candidates).toEqual([{ id: fx.consultant2.staffId, displayName: '刘顾问' }]);

    const handed = await manager.request('POST', `/api/deals/transaction-files/${fileId}/hand-over`, {
      toConsultantId: fx.consultant2.staffId,
      reason: '张顾问调往新项目',
    });
    expect(handed.statusCode).toBe(201);

    const newConsultant = await signIn(app, fx.consultant2.username);
    const view = (await newConsultant.request('GET', `/api/deals/transaction-files/${fileId}`)).json();
    expect(view.file.consultantId).toBe(fx.consultant2.staffId);
    expect(view.handOvers).toEqual([
      expect.objectContaining({
        fromConsultantName: '张顾问',
        toConsultantName: '刘顾问',
        reason: '张顾问调往新项目',
        handedOverByName: '王经理',
      }),
    ]);
    const tasks = await database.db
      .selectFrom('dealTasks')
      .select('staffId')
      .where('transactionFileId', '=', fileId)
      .where('status', '=', 'open')
      .execute();
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((task) => task.staffId === fx.consultant2.staffId)).toBe(true);
    const audit = await findAuditEntries(
      database.db,
      { entityType: 'deal_transaction_file', entityId: fileId },
      { offset: 0, limit: 50, order: 'asc' },
    );
    expect(audit.rows.map((row) => row.action)).toContain('hand_over');

    // The old consultant no longer takes part in the deal: 404, as for any deal not theirs.
    const oldConsultant = await signIn(app, fx.consultant.username);
    expect((await oldConsultant.request('GET', `/api/deals/transaction-files/${fileId}`)).statusCode).toBe(
      404,
    );
  });

  it('SA-19 refuses a consultant (403), a file the caller may not see (404), a missing reason or the same consultant (400, field named), and changes nothing', async () => {
    const { fx } = world;
    const fileId = await openFile();
    const manager = await signIn(app, fx.manager.username);
    const consultant = await signIn(app, fx.consultant.username);
    const other = await signIn(app, fx.consultant2.username);
    const body = { toConsultantId: fx.consultant2.staffId, reason: '调岗' };
    const url = `/api/deals/transaction-files/${fileId}/hand-over`;

    expect((await consultant.request('POST', url, body)).statusCode).toBe(403);
    // 刘顾问 takes no part in this deal: not even told it exists.
    expect((await other.request('GET', `/api/deals/transaction-files/${fileId}`)).statusCode).toBe(404);

    const blank = await manager.request('POST', url, { ...body, reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(JSON.stringify(blank.json())).toContain('reason');
    const same = await manager.request('POST', url, { ...body, toConsultantId: fx.consultant.staffId });
    expect(same.statusCode).toBe(400);
    expect(JSON.stringify(same.json())).toContain('toConsultantId');
    expect(JSON.stringify(same.json())).toContain('请选择本项目的另一位置业顾问');
    const stranger = await manager.request('POST', url, { ...body, toConsultantId: fx.controller.staffId });
    expect(stranger.statusCode).toBe(400);

    const view = (await manager.request('GET', `/api/deals/transaction-files/${fileId}`)).json();
    expect(view.file.consultantId).toBe(fx.consultant.staffId);
    expect(view.handOvers).toEqual([]);
  });

  it('SA-19 SA-14 down-payment task notices still queued go to the new consultant; the reminders list names them', async () => {
    const { fx } = world;
    const fileId = await openFile();
    const manager = await signIn(app, fx.manager.username);
    const queuedTo = async () => {
      const rows = await database.db
        .selectFrom('notifications')
        .innerJoin('jobs', 'jobs.id', 'notifications.jobId')
        .select(['notifications.recipientsJson'])
        .where('notifications.event', '=', 'deals.downPaymentTask')
        .where('notifications.dedupeKey', 'like', `deal:${fileId}:%`)
        .where('jobs.status', '=', 'pending')
        .execute();
      return rows.map((row) => (JSON.parse(row.recipientsJson) as Array<{ staffId?: string }>)[0]?.staffId);
    };
    const before = await queuedTo();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((staffId) => staffId === fx.consultant.staffId)).toBe(true);

    const handed = await manager.request('POST', `/api/deals/transaction-files/${fileId}/hand-over`, {
      toConsultantId: fx.consultant2.staffId,
      reason: '张顾问休产假',
    });
    expect(handed.statusCode).toBe(201);

    const after = await queuedTo();
    expect(after).toHaveLength(before.length);
    expect(after.every((staffId) => staffId === fx.consultant2.staffId)).toBe(true);
    const reminders = await database.db
      .selectFrom('dealReminders')
      .select(['recipientId', 'recipientName'])
      .where('transactionFileId', '=', fileId)
      .where('kind', '=', 'down_payment_consultant')
      .execute();
    expect(reminders.length).toBeGreaterThan(0);
    expect(
      reminders.every((row) => row.recipientId === fx.consultant2.staffId && row.recipientName === '刘顾问'),
    ).toBe(true);
    // The buyer's own reminders stay the buyer's.
    const buyer = await database.db
      .selectFrom('notifications')
      .select('recipientsJson')
      .where('event', '=', 'deals.downPaymentDue')
      .where('dedupeKey', 'like', `deal:${fileId}:%`)
      .execute();
    expect(buyer.every((row) => row.recipientsJson.includes('"kind":"customer"'))).toBe(true);
  });
});
