import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBombXlsx, buildOfficeXlsx, dateSerial } from '../../platform/excel/testing/office-xlsx.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildStaff } from '../../testing/factories.js';
import { buildTestApp, signIn, type TestSession } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import type { InventoryFixture } from '../inventory/testing/index.js';
import { forgetDataKeys } from './deals.crypto.js';
import * as deals from './deals.service.js';
import { buildDealsFixture, type DealsFixture, submittedAgreement } from './testing/deal-fixture.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

// Monday 2 February 2026, 10:00 Shanghai: a fortnight before the Spring Festival holiday (15–23 Feb).
const start = new Date('2026-02-02T02:00:00.000Z');

describe('SA-14 SA-16 reminders on working days, on a real database', () => {
  let database: TestDatabase;
  let world: DealsFixture;
  let fx: InventoryFixture;
  let app: AppInstance;
  let admin: TestSession;
  let consultant: TestSession;
  let nextUnit = 0;

  /** 定金 → agreement with the given due date → approved by the manager: an open transaction file. */
  async function openDeal(options: { customerName: string; downPaymentDueOn: string; now: Date }) {
    const { now } = options;
    const unitId = fx.unitIds[nextUnit];
    nextUnit += 1;
    const { agreementId } = await submittedAgreement(database.db, world, {
      unitId,
      formNumber: `RG${String(nextUnit).padStart(6, '0')}`,
      customerName: options.customerName,
      input: {
        signedOn: new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
        downPaymentDueOn: options.downPaymentDueOn,
        contractDueOn: '2027-01-10',
      },
      now,
    });
    const approved = await deals.reviewAgreement(database.db, {
      actor: fx.manager,
      agreementId,
      decision: 'approve',
      comment: '',
      now,
    });
    return approved.transactionFileId as string;
  }

  const remindersOf = async (fileId: string, kind: string) =>
    database.db
      .selectFrom('dealReminders')
      .select(['sendAt', 'title', 'dedupeKey'])
      .where('transactionFileId', '=', fileId)
      .where('kind', '=', kind as never)
      .orderBy('sendAt')
      .execute();

  const setDayCount = (value: 'working_days' | 'calendar_days' | null) =>
    value === null
      ? admin.request(
          'DELETE',
          `/api/settings/notify.dayCountMode?scopeType=project&scopeId=${fx.org.salesProjectId}`,
        )
      : admin.request('PUT', '/api/settings/notify.dayCountMode', {
          scopeType: 'project',
          scopeId: fx.org.salesProjectId,
          value,
        });

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildDealsFixture(database.db, {
      floors: 2,
      perFloor: 4,
      unitPriceFen: 1_000_000,
      forms: 10,
      now: start,
    });
    ({ fx } = world);
    app = await buildTestApp(database);
    admin = await signIn(app, (await buildStaff(database.db, fx.org, { roles: ['admin'] })).username);
    consultant = await signIn(app, fx.consultant.username);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('SA-14 by default reminds a down payment due 2026-02-24 on Saturday 14 February (调休 working day), not on the holidays 19 and 22 February', async () => {
    const fileId = await openDeal({ customerName: '春节客户', downPaymentDueOn: '2026-02-24', now: start });
    const buyer = await remindersOf(fileId, 'down_payment_buyer');
    expect(buyer.map((row) => row.sendAt)).toEqual(['2026-02-14T01:00:00.000Z']);
    expect(buyer[0].title).toContain('提前 10 天');
    const consultantTasks = await remindersOf(fileId, 'down_payment_consultant');
    expect(consultantTasks.map((row) => row.sendAt)).toEqual(['2026-02-14T01:00:00.000Z']);
    const queued = await database.db
      .selectFrom('notifications')
      .select(['sendAt'])
      .where('dedupeKey', 'like', `deal:${fileId}:down-payment:%`)
      .execute();
    expect(queued.map((row) => row.sendAt)).toEqual(['2026-02-14T01:00:00.000Z', '2026-02-14T01:00:00.000Z']);
  });

  it('SA-14 with the project set to calendar days reminds on 19 and 22 February as the rule counts them', async () => {
    expect((await setDayCount('calendar_days')).json()).toMatchObject({
      value: 'calendar_days',
      source: 'project',
    });
    try {
      const fileId = await openDeal({
        customerName: '自然日客户',
        downPaymentDueOn: '2026-02-24',
        now: start,
      });
      expect((await remindersOf(fileId, 'down_payment_buyer')).map((row) => row.sendAt)).toEqual([
        '2026-02-19T01:00:00.000Z',
        '2026-02-22T01:00:00.000Z',
      ]);
    } finally {
      await setDayCount(null);
    }
  });

  it('SA-14 follows the administrator calendar: 14 February entered as a rest day moves the reminder to Friday 13 February', async () => {
    const saved = await admin.request('PUT', '/api/calendar/years/2026', { text: '2026-02-14 休 公司安排' });
    expect(saved.statusCode).toBe(200);
    try {
      const fileId = await openDeal({
        customerName: '改日历客户',
        downPaymentDueOn: '2026-02-24',
        now: start,
      });
      expect((await remindersOf(fileId, 'down_payment_buyer')).map((row) => row.sendAt)).toEqual([
        '2026-02-13T01:00:00.000Z',
      ]);
    } finally {
      await admin.request('PUT', '/api/calendar/years/2026', { text: '' });
    }
  });

  it('SA-14 reports a down payment due on a holiday and still unpaid to the managers at 09:00 on the next working day', async () => {
    const onHoliday = await openDeal({
      customerName: '节日到期客户',
      downPaymentDueOn: '2026-02-19',
      now: start,
    });
    const [overdue] = await remindersOf(onHoliday, 'down_payment_overdue');
    expect(overdue.sendAt).toBe('2026-02-24T01:00:00.000Z');
    const job = await database.db
      .selectFrom('jobs')
      .select('runAt')
      .where('dedupeKey', '=', overdue.dedupeKey)
      .executeTakeFirstOrThrow();
    expect(job.runAt).toBe('2026-02-24T01:00:00.000Z');
    // Due on a working day, it stays at the end of that day.
    const onWorkday = await openDeal({
      customerName: '工作日到期客户',
      downPaymentDueOn: '2026-02-25',
      now: start,
    });
    expect((await remindersOf(onWorkday, 'down_payment_overdue')).map((row) => row.sendAt)).toEqual([
      '2026-02-25T15:59:59.000Z',
    ]);
  });

  it('SA-16 gives a bank appointment on 2026-10-08 one notice on 30 September, before National Day, not three inside it', async () => {
    const fileId = await openDeal({ customerName: '按揭客户', downPaymentDueOn: '2026-03-03', now: start });
    await deals.scheduleMortgageAppointment(database.db, {
      actor: fx.consultant,
      fileId,
      bank: '建设银行',
      place: '售楼处二楼',
      appointmentAt: new Date('2026-10-08T02:00:00.000Z'),
      documents: ['身份证', '户口本'],
      now: new Date('2026-09-01T02:00:00.000Z'),
    });
    const notices = await remindersOf(fileId, 'mortgage_notice');
    expect(notices.map((row) => row.sendAt)).toEqual(['2026-09-30T02:00:00.000Z']);
    expect(notices[0].title).toContain('提前 8 天');
    // SA-14 on the same file: due Tuesday 3 March, T-2 (Sunday 1 March) moves to the make-up Saturday 28 February.
    expect((await remindersOf(fileId, 'down_payment_buyer')).map((row) => row.sendAt)).toEqual([
      '2026-02-26T01:00:00.000Z',
      '2026-02-28T01:00:00.000Z',
    ]);

    await setDayCount('calendar_days');
    try {
      await deals.scheduleMortgageAppointment(database.db, {
        actor: fx.consultant,
        fileId,
        bank: '工商银行',
        place: '售楼处二楼',
        appointmentAt: new Date('2026-10-08T06:00:00.000Z'),
        documents: ['身份证'],
        now: new Date('2026-09-01T02:00:00.000Z'),
      });
      const all = (await remindersOf(fileId, 'mortgage_notice')).map((row) => row.sendAt);
      expect(all).toEqual(
        expect.arrayContaining([
          '2026-10-01T06:00:00.000Z',
          '2026-10-05T06:00:00.000Z',
          '2026-10-07T06:00:00.000Z',
        ]),
      );
      // The transaction file says how many days ahead each one really comes.
      const view = await deals.getTransactionFile(
        database.db,
        fx.manager,
        fileId,
        new Date('2026-09-01T02:00:00Z'),
      );
      const daysOf = (kind: string) =>
        view.reminders
          .filter((row) => row.kind === kind)
          .map((row) => row.daysBefore)
          .sort((a, b) => Number(b) - Number(a));
      expect(daysOf('mortgage_notice')).toEqual([8, 7, 3, 1]);
      expect(daysOf('down_payment_buyer')).toEqual([5, 3]);
    } finally {
      await setDayCount(null);
    }
  });

  it('SA-14 SA-16 flag a due date that is itself a rest day (holiday, weekend or the administrator’s), working 调休 days not', async () => {
    const ask = (dates: string) => consultant.request('GET', `/api/calendar/rest-days?dates=${dates}`);
    const answer = await ask('2026-02-19,2026-02-24,2026-02-28,2026-03-07,2026-10-08,2026-10-03');
    expect(answer.statusCode).toBe(200);
    expect(answer.json().items).toEqual([
      { day: '2026-02-19', reason: 'holiday' },
      { day: '2026-03-07', reason: 'weekend' },
      { day: '2026-10-03', reason: 'holiday' },
    ]);
    await admin.request('PUT', '/api/calendar/years/2026', { text: '2026-02-24 休' });
    try {
      expect((await ask('2026-02-24')).json().items).toEqual([
        { day: '2026-02-24', reason: 'administrator' },
      ]);
    } finally {
      await admin.request('PUT', '/api/calendar/years/2026', { text: '' });
    }
    const bad = await ask('2026-02-30');
    expect(bad.statusCode).toBe(400);
  });
});

describe('the administrator calendar', () => {
  let database: TestDatabase;
  let app: AppInstance;
  let admin: TestSession;
  let consultant: TestSession;

  beforeAll(async () => {
    database = await createTestDatabase();
    const fx = await buildDealsFixture(database.db, {
      floors: 1,
      perFloor: 1,
      unitPriceFen: 1_000_000,
      now: start,
    });
    app = await buildTestApp(database);
    admin = await signIn(app, (await buildStaff(database.db, fx.fx.org, { roles: ['admin'] })).username);
    consultant = await signIn(app, fx.fx.consultant.username);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('shows the package holidays of 2026 and says it has none for 2027 until they are entered, audited', async () => {
    const year2026 = (await admin.request('GET', '/api/calendar/years/2026')).json();
    expect(year2026.packageCoversYear).toBe(true);
    expect(year2026.days).toContainEqual({
      day: '2026-02-14',
      kind: 'work',
      source: 'package',
      name: '春节',
      isWeekend: true,
    });
    expect(year2026.days).toContainEqual(
      expect.objectContaining({ day: '2026-10-01', kind: 'rest', name: '国庆节' }),
    );
    expect((await admin.request('GET', '/api/calendar/years/2027')).json()).toMatchObject({
      packageCoversYear: false,
      days: [],
    });

    const saved = await admin.request('PUT', '/api/calendar/years/2027', {
      text: '2027-01-01 休 元旦\n2027-02-06 班 春节调休\n',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      saved: 2,
      days: [
        { day: '2027-01-01', kind: 'rest', source: 'administrator', name: '元旦' },
        { day: '2027-02-06', kind: 'work', source: 'administrator', name: '春节调休' },
      ],
    });
    const audit = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityType', '=', 'working_calendar')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].afterJson ?? '[]')).toEqual(['2027-01-01 休 元旦', '2027-02-06 班 春节调休']);
  });

  it('refuses bad lines with their numbers and saves nothing', async () => {
    const refused = await admin.request('PUT', '/api/calendar/years/2027', {
      text: '2027-01-01 休\n2027-02-29 休\n2027-03-01 休假吗',
    });
    expect(refused.statusCode).toBe(400);
    const body = refused.json().error;
    expect(body.code).toBe('CALENDAR_LINES_INVALID');
    expect(body.message).toBe('有 2 行无法识别(第 2, 3 行),未保存任何内容。');
    expect(Object.keys(body.fields)).toEqual(['lines.2', 'lines.3']);
    expect(body.fields['lines.2']).toContain('第 2 行');
    const after = (await admin.request('GET', '/api/calendar/years/2027')).json();
    expect(after.days.map((day: { day: string }) => day.day)).toEqual(['2027-01-01', '2027-02-06']);
    expect(
      await database.db
        .selectFrom('auditLog')
        .selectAll()
        .where('entityType', '=', 'working_calendar')
        .execute(),
    ).toHaveLength(1);
  });

  it('reads an uploaded .xlsx into lines, one per row (title row blank), and refuses a file that is not one', async () => {
    const upload = (file: Buffer) =>
      admin.upload('/api/calendar/xlsx-lines', file, { fileName: '2027.xlsx' });
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('2027年放假安排');
    sheet.addRow(['日期', '类型', '备注']);
    sheet.addRow(['2027-02-11', '休', '春节']);
    sheet.addRow([new Date(Date.UTC(2027, 1, 12)), '班', '']);
    const read = await upload(Buffer.from(await book.xlsx.writeBuffer()));
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ text: '\n2027-02-11 休 春节\n2027-02-12 班', rows: 3 });
    // As WPS saves an office's own sheet: a merged title above the header, inline strings, a date
    // in WPS's 年月日 format and one typed as text, a hidden sheet of notes first.
    const wps = buildOfficeXlsx({
      application: 'wps',
      strings: 'inline',
      sheets: [
        { name: '说明', state: 'hidden', rows: [['本表由行政部维护']] },
        {
          name: '2027年',
          merges: ['A1:C1'],
          rows: [
            ['2027年节假日安排', null, null],
            ['日期', '类型', '备注'],
            [{ date: { serial: dateSerial('2027-02-11'), format: 'yyyy"年"m"月"d"日"' } }, '休', '春节'],
            ['2027-02-20', '班', '春节调休'],
          ],
        },
      ],
    });
    const fromWps = await upload(wps);
    expect(fromWps.statusCode).toBe(200);
    expect(fromWps.json()).toEqual({ text: '\n\n2027-02-11 休 春节\n2027-02-20 班 春节调休', rows: 4 });
    const bomb = await upload(buildBombXlsx({ expandedMb: 64 }));
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json().error.code).toBe('XLSX_TOO_LARGE');
    const junk = await upload(Buffer.from('日期,类型\n2027-01-01,休'));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.code).toBe('CALENDAR_FILE_UNREADABLE');
  });

  it('is for administrators only', async () => {
    expect((await consultant.request('GET', '/api/calendar/years/2027')).statusCode).toBe(403);
    expect((await consultant.request('PUT', '/api/calendar/years/2027', { text: '' })).statusCode).toBe(403);
  });
});
