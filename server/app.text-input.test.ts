import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../contracts/resident-id.js';
import { buildInventory, type InventoryFixture } from './modules/inventory/testing/index.js';
import { createHourLongOpening, idNumberFor } from './modules/opening/testing/index.js';
import type { AppInstance } from './platform/http/types.js';
import { buildStaff } from './testing/factories.js';
import { buildTestApp, createClock, signIn, type TestSession } from './testing/test-app.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';

/** The input layer (platform/http/clean-input.ts), the shared date schemas and the one ID check, through real routes. */
describe('clean text at the edge', () => {
  const clock = createClock('2026-11-28T02:00:00.000Z');
  let database: TestDatabase;
  let app: AppInstance;
  let fx: InventoryFixture;
  let consultant: TestSession;
  let controller: TestSession;
  let manager: TestSession;
  let eventId = '';
  let phoneCounter = 0;

  const customerCount = async () =>
    Number(
      (
        await database.db
          .selectFrom('customers')
          .select((eb) => eb.fn.countAll().as('count'))
          .executeTakeFirstOrThrow()
      ).count,
    );
  const createCustomer = (fields: Record<string, unknown>, headers: Record<string, string> = {}) =>
    consultant.request(
      'POST',
      '/api/customers',
      { projectId: fx.org.salesProjectId, name: '客户', ...fields },
      { 'accept-language': 'zh-CN', ...headers },
    );
  const freshMobile = () => `1391234${String(1000 + ++phoneCounter).slice(-4)}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    fx = await buildInventory(database.db, { floors: 1, perFloor: 2, now: clock.now() });
    app = await buildTestApp(database, clock);
    consultant = await signIn(app, fx.consultant.username);
    controller = await signIn(app, fx.controller.username);
    manager = await signIn(app, fx.manager.username);
    eventId = (
      await createHourLongOpening(database.db, fx, {
        name: '首开',
        startsAt: new Date('2026-12-10T02:00:00.000Z'),
        unitIds: fx.unitIds,
        now: clock.now(),
      })
    ).id;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('refuses a lone surrogate, NUL, DEL and C1 with 400 naming the field, and stores nothing', async () => {
    const before = await customerCount();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '王\ud800明' }, 'name'],
      [{ name: '王\udc00' }, 'name'],
      [{ name: '王\u0000明' }, 'name'],
      [{ name: '王明\u007f' }, 'name'],
      [{ name: '王明', notes: '见面\u0085再谈' }, 'notes'],
      [{ name: '王明', phones: ['13912345678', '139\u00001234567'] }, 'phones.1'],
      [{ name: '王\n明' }, 'name'],
    ];
    for (const [fields, path] of cases) {
      const response = await createCustomer(fields);
      expect(response.statusCode, JSON.stringify(fields)).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(error.fields)).toEqual([path]);
    }
    expect((await createCustomer({ name: '王\ud800明' })).json().error.fields.name).toContain(
      '无法识别的字符',
    );
    expect((await createCustomer({ name: '王\u0000明' })).json().error.fields.name).toBe(
      '含有不可见的控制字符,请删除后重新输入',
    );
    // Without a session the message follows Accept-Language.
    const publicRoute = await app.inject({
      method: 'POST',
      url: `/api/public/openings/${eventId}/code`,
      headers: { 'accept-language': 'en' },
      payload: { phone: '1390000\u00000001' },
    });
    expect(publicRoute.statusCode).toBe(400);
    expect(publicRoute.json().error.fields).toEqual({
      phone: 'Contains an invisible control character; delete it and type it again',
    });
    expect((await createCustomer({ name: '王\n明' })).json().error.fields.name).toBe(
      '只能填写一行,不能换行或含制表符',
    );
    expect(await customerCount()).toBe(before);
  });

  it('keeps line breaks in a multi-line field and a pair of surrogates (an emoji) anywhere', async () => {
    const response = await createCustomer({
      name: '王明😀',
      notes: '第一次来访\n想看三房',
      phones: [freshMobile()],
    });
    expect(response.statusCode).toBe(201);
    const row = await database.db
      .selectFrom('customers')
      .select(['name', 'notes'])
      .where('id', '=', response.json().customer.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '王明😀', notes: '第一次来访\n想看三房' });
  });

  it('stores text in NFC: a decomposed é reads as the precomposed one', async () => {
    const response = await createCustomer({ name: 'Rene\u0301', phones: [freshMobile()] });
    expect(response.statusCode).toBe(201);
    const row = await database.db
      .selectFrom('customers')
      .select('name')
      .where('id', '=', response.json().customer.id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Ren\u00e9');
    expect(row.name.length).toBe(4);
  });

  it('folds a full-width phone and ideographic spaces (NFKC) before checking it', async () => {
    const admin = await signIn(app, (await buildStaff(database.db, fx.org, { roles: ['admin'] })).username);
    const desk = await admin.request('POST', '/api/org/desks', {
      projectId: fx.org.salesProjectId,
      name: '二号热线',
      kind: 'sales_line',
      phone: '０７５５－８８６６　１２３４',
    });
    expect(desk.statusCode).toBe(201);
    expect(desk.json().phone).toBe('0755-8866 1234');
    const customer = await createCustomer({ name: '李女士', phones: ['　１３９８７６５４３２１　'] });
    expect(customer.statusCode).toBe(201);
    const phone = await database.db
      .selectFrom('customerPhones')
      .select('phoneE164')
      .where('customerId', '=', customer.json().customer.id)
      .executeTakeFirstOrThrow();
    expect(phone.phoneE164).toBe('+8613987654321');
  });

  it('checks query and path parameters too', async () => {
    const query = await consultant.request(
      'GET',
      `/api/reception/calls?projectId=${fx.org.salesProjectId}%00`,
    );
    expect(query.statusCode).toBe(400);
    expect(Object.keys(query.json().error.fields)).toEqual(['projectId']);
    const params = await consultant.request('GET', '/api/customers/abc%C2%85');
    expect(params.statusCode).toBe(400);
    expect(Object.keys(params.json().error.fields)).toEqual(['id']);
  });

  it('checks the text of a multipart upload too: a file name with a control character is refused', async () => {
    const upload = (fileName: string) =>
      consultant.upload(
        `/api/deals/files?projectId=${fx.org.salesProjectId}&kind=other`,
        Buffer.from('%PDF-1.4\n%%EOF\n'),
        { fileName, contentType: 'application/pdf' },
      );
    const refused = await upload('合同\u0007.pdf');
    expect(refused.statusCode).toBe(400);
    expect(Object.keys(refused.json().error.fields)).toEqual(['file']);
    expect(refused.json().error.fields.file).toBe('含有不可见的控制字符,请删除后重新输入');
    expect((await upload('合同.pdf')).statusCode).toBe(201);
  });

  it('refuses a day that does not exist on every route that takes one, naming the field', async () => {
    const project = fx.org.salesProjectId;
    const receptionCalls = await consultant.request(
      'GET',
      `/api/reception/calls?projectId=${project}&dayFrom=2026-02-31`,
    );
    expect(receptionCalls.statusCode).toBe(400);
    expect(receptionCalls.json().error.fields).toEqual({ dayFrom: '请输入有效的日期(YYYY-MM-DD)' });
    const leapDay = await consultant.request(
      'GET',
      `/api/reception/calls?projectId=${project}&dayFrom=2028-02-29&dayTo=2028-03-01`,
    );
    expect(leapDay.statusCode).toBe(200);
    const stats = await consultant.request(
      'GET',
      `/api/reception/calls/stats?projectId=${project}&dayFrom=2026-04-31&dayTo=2026-05-01`,
    );
    expect(stats.statusCode).toBe(400);
    expect(Object.keys(stats.json().error.fields)).toEqual(['dayFrom']);
    const report = await manager.request(
      'GET',
      '/api/notify/report?from=2026-02-29T00:00:00Z&to=2026-03-01T00:00:00Z',
    );
    expect(report.statusCode).toBe(400);
    expect(Object.keys(report.json().error.fields)).toEqual(['from']);
    const reportOk = await manager.request(
      'GET',
      '/api/notify/report?from=2026-02-28T08:00:00%2B08:00&to=2026-03-01T00:00:00Z',
    );
    expect(reportOk.statusCode).toBe(200);
  });

  describe('one GB 11643 check for the opening and the agreement', () => {
    const withCheck = (first17: string) => `${first17}${residentIdCheckCharacter(first17)}`;
    // The three the opening used to accept: 31 February, region 99, born in 2099.
    const examples = [
      withCheck('11010519900231001'),
      withCheck('99010519900101001'),
      withCheck('11010520990101001'),
    ];

    it('SA-13 the opening refuses each of them on the ID field', async () => {
      for (const [index, idNumber] of examples.entries()) {
        const response = await controller.request('POST', `/api/openings/${eventId}/buyers`, {
          buyers: [
            {
              name: '买家',
              phone: `1370000000${index}`,
              idNumber,
              pledgeNumber: `P${index}`,
              idVerified: true,
            },
          ],
        });
        expect(response.statusCode, idNumber).toBe(400);
        expect(Object.keys(response.json().error.fields)).toEqual(['idNumber']);
      }
      const fullWidth = idNumberFor(5).replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));
      const accepted = await controller.request('POST', `/api/openings/${eventId}/buyers`, {
        buyers: [
          { name: '买家', phone: '13700000009', idNumber: fullWidth, pledgeNumber: 'P9', idVerified: true },
        ],
      });
      expect(accepted.statusCode).toBe(201);
    });

    it('SA-13 the agreement refuses each of them on the buyer, the agent and the payer', async () => {
      for (const idNumber of examples) {
        const response = await consultant.request('POST', '/api/deals/agreements', {
          planId: 'no-such-plan',
          formNumber: 'RG000001',
          input: {
            buyers: [{ name: '买家', idType: 'resident_id', idNumber }],
            signerKind: 'agent',
            signerBuyerIndex: null,
            agent: { name: '代理人', idType: 'resident_id', idNumber, notarialNumber: '(2026)深证字第1号' },
            signedOn: '2026-11-28',
            downPaymentDueOn: '2026-12-20',
            contractDueOn: '2027-01-10',
          },
        });
        expect(response.statusCode, idNumber).toBe(400);
        expect(Object.keys(response.json().error.fields).sort()).toEqual([
          'agent.idNumber',
          'buyers.0.idNumber',
        ]);
      }
      const badDay = await consultant.request('POST', '/api/deals/agreements', {
        planId: 'no-such-plan',
        formNumber: 'RG000001',
        input: {
          buyers: [{ name: '买家', idType: 'resident_id', idNumber: idNumberFor(1) }],
          signerKind: 'buyer',
          signedOn: '2026-02-31',
          downPaymentDueOn: '2026-12-20',
          contractDueOn: '2027-01-10',
        },
      });
      expect(badDay.statusCode).toBe(400);
      expect(Object.keys(badDay.json().error.fields)).toEqual(['input.signedOn']);
    });
  });
});
