import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildTestApp, createClock, sessionsOf } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { forgetDataKeys } from './deals.crypto.js';
import * as deals from './deals.service.js';
import { agreementInput, type DealsFixture, submittedAgreement } from './testing/deal-fixture.js';
import { buildScopeWorld } from './testing/scope-world.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('hex');
forgetDataKeys();

type Staff = Actor & { username: string };
type ScopeWorld = Awaited<ReturnType<typeof buildScopeWorld>>;

/**
 * Issue 13's deal leaks, each by name, and the deal scope around them: a consultant knows only the
 * deals they take part in; the project's finance, controllers and managers see the project's; no
 * one sees another project's or another company's; the administrator reaches no deals route.
 * The app runs with the scope enforced (a route that forgot its scope answers 500).
 */
describe('deals object scope (issue 13)', () => {
  const clock = createClock('2026-11-28T02:00:00.000Z');
  let database: TestDatabase;
  let app: AppInstance;
  let world: DealsFixture;
  /** Deal A: the first consultant's, approved, with its transaction file and ID copy. */
  let dealA: ScopeWorld['dealA'];
  /** Deal B: the second consultant's deposit, collected with a third consultant as witness. */
  let dealB: ScopeWorld['dealB'];
  let witness: Staff;
  let otherProjectFinance: Staff;
  let otherCompanyManager: Staff;
  let admin: Staff;
  const as = sessionsOf(() => app);

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ world, dealA, dealB, witness, otherProjectFinance, otherCompanyManager, admin } =
      await buildScopeWorld(database.db, clock.now()));
    app = await buildTestApp(database, clock);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const ids = (response: { json: () => { items: Array<{ id: string }> } }) =>
    response.json().items.map((row) => row.id);

  async function sheetText(response: { rawPayload: Buffer }) {
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.worksheets[0].eachRow((row) => {
      for (const value of row.values as unknown[]) if (value !== undefined) cells.push(String(value));
    });
    return { rows: workbook.worksheets[0].rowCount - 1, text: cells.join(' ') };
  }

  it('PRIV GET /api/deals/files/{id}: another consultant’s buyer’s ID-card copy is 404; the deal’s consultant and the project’s manager read it', async () => {
    const { fx, finance } = world;
    const url = `/api/deals/files/${dealA.idCopyId}`;
    expect((await (await as(fx.consultant2)).request('GET', url)).statusCode).toBe(404);
    expect((await (await as(witness)).request('GET', url)).statusCode).toBe(404);
    expect((await (await as(otherProjectFinance)).request('GET', url)).statusCode).toBe(404);
    expect((await (await as(otherCompanyManager)).request('GET', url)).statusCode).toBe(404);
    const own = await (await as(fx.consultant)).request('GET', url);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect((await (await as(fx.manager)).request('GET', url)).statusCode).toBe(200);
    expect((await (await as(finance)).request('GET', url)).statusCode).toBe(200);

    // Nor can they attach it to an agreement of their own, to become a participant of it.
    const attached = await deals
      .createAgreement(database.db, {
        actor: fx.consultant2,
        planId: dealB.planId,
        formNumber: 'RG000003',
        input: agreementInput({
          buyerName: '林女士',
          idNumber: '11010519491231002X',
          idCopyFileId: dealA.idCopyId,
        }),
        now: clock.now(),
      })
      .then(
        () => null,
        (error: { code?: string; fields?: Record<string, unknown> }) => error,
      );
    expect(attached?.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(attached?.fields ?? {})).toEqual(['buyers.0.idCopyFileId']);
    expect((await (await as(fx.consultant2)).request('GET', url)).statusCode).toBe(404);
  });

  it('PRIV GET /api/deals/receipts: a consultant sees only receipts of deals they take part in, in the list, the detail, the export and the PDF', async () => {
    const { fx, finance } = world;
    const colleague = await as(fx.consultant2);
    expect(ids(await colleague.request('GET', '/api/deals/receipts'))).toEqual([dealB.receiptId]);
    expect((await colleague.request('GET', `/api/deals/receipts/${dealA.receiptId}`)).statusCode).toBe(404);
    expect((await colleague.request('GET', `/api/deals/receipts/${dealA.receiptId}/pdf`)).statusCode).toBe(
      404,
    );
    const exported = await colleague.request('GET', '/api/deals/receipts/export');
    expect(exported.statusCode).toBe(200);
    const sheet = await sheetText(exported);
    expect(sheet.rows).toBe(1);
    expect(sheet.text).toContain('林女士');
    expect(sheet.text).not.toContain('陈志强');
    const own = await colleague.request('GET', `/api/deals/receipts/${dealB.receiptId}`);
    expect(own.json()).toMatchObject({ id: dealB.receiptId, payerName: '林女士' });
    expect((await colleague.request('GET', `/api/deals/receipts/${dealB.receiptId}/pdf`)).statusCode).toBe(
      200,
    );

    expect(ids(await (await as(fx.consultant)).request('GET', '/api/deals/receipts'))).toEqual([
      dealA.receiptId,
    ]);
    // The witness of B's collection takes part in B's receipt, and in nothing of A.
    const present = await as(witness);
    expect(ids(await present.request('GET', '/api/deals/receipts'))).toEqual([dealB.receiptId]);
    expect((await present.request('GET', `/api/deals/receipts/${dealB.receiptId}`)).statusCode).toBe(200);
    // Finance of the project sees every receipt of it; finance of another project none, even by number.
    const cashier = await (await as(finance)).request('GET', '/api/deals/receipts?sort=number&order=asc');
    expect(ids(cashier)).toEqual([dealA.receiptId, dealB.receiptId]);
    const stranger = await as(otherProjectFinance);
    expect((await stranger.request('GET', '/api/deals/receipts')).json().total).toBe(0);
    expect((await stranger.request('GET', `/api/deals/receipts/${dealA.receiptId}/pdf`)).statusCode).toBe(
      404,
    );
    expect(
      (await stranger.request('GET', `/api/deals/receipts?projectId=${fx.org.salesProjectId}`)).statusCode,
    ).toBe(404);
    expect((await sheetText(await stranger.request('GET', '/api/deals/receipts/export'))).rows).toBe(0);
  });

  it('PRIV GET /api/deals/deposits: a consultant lists only their own deposits (the detail was already 404)', async () => {
    const { fx } = world;
    const colleague = await as(fx.consultant2);
    expect(ids(await colleague.request('GET', '/api/deals/deposits'))).toEqual([dealB.depositId]);
    expect((await colleague.request('GET', `/api/deals/deposits/${dealA.depositId}`)).statusCode).toBe(404);
    expect(ids(await (await as(fx.consultant)).request('GET', '/api/deals/deposits'))).toEqual([
      dealA.depositId,
    ]);
    const controller = await (await as(fx.controller)).request('GET', '/api/deals/deposits');
    expect(ids(controller).sort()).toEqual([dealA.depositId, dealB.depositId].sort());
  });

  it('PRIV another consultant gets 404 on deal A’s plan, agreement and transaction file, reading or changing them, and no row of it in any list', async () => {
    const { fx } = world;
    const colleague = await as(fx.consultant2);
    for (const url of [
      `/api/deals/plans/${dealA.planId}`,
      `/api/deals/plans/${dealA.planId}/versions`,
      `/api/deals/plans/${dealA.planId}/pdf`,
      `/api/deals/agreements/${dealA.agreementId}`,
      `/api/deals/transaction-files/${dealA.fileId}`,
      `/api/deals/transaction-files/${dealA.fileId}/pdf`,
    ])
      expect((await colleague.request('GET', url)).statusCode, url).toBe(404);
    const changes: Array<[string, string, unknown]> = [
      ['POST', `/api/deals/deposits/${dealA.depositId}/cancel`, { reason: '试探' }],
      ['POST', `/api/deals/agreements/${dealA.agreementId}/submit`, undefined],
      [
        'POST',
        `/api/deals/transaction-files/${dealA.fileId}/statements`,
        {
          payerName: '王五',
          payerIdType: 'resident_id',
          payerIdNumber: '11010519491231002X',
          amountFen: 100,
        },
      ],
      ['PUT', `/api/deals/transaction-files/${dealA.fileId}/contract/checklist`, { doneKeys: [] }],
      [
        'POST',
        `/api/deals/transaction-files/${dealA.fileId}/mortgage`,
        {
          bank: '建设银行',
          place: '营业部',
          appointmentAt: '2026-12-20T02:00:00.000Z',
          documents: ['idCard'],
        },
      ],
    ];
    for (const [method, url, body] of changes) {
      const response = await colleague.request(method as 'POST', url, body);
      expect(response.statusCode, `${method} ${url} ${response.body}`).toBe(404);
    }
    for (const list of ['plans', 'agreements', 'files-list', 'tasks/mine']) {
      const page = await colleague.request('GET', `/api/deals/${list}`);
      expect(page.statusCode, list).toBe(200);
      expect(JSON.stringify(page.json()), list).not.toContain('陈志强');
    }
    expect(ids(await colleague.request('GET', '/api/deals/plans'))).toEqual([dealB.planId]);
    // The deal's own consultant sees it all.
    const own = await as(fx.consultant);
    expect((await own.request('GET', `/api/deals/transaction-files/${dealA.fileId}`)).statusCode).toBe(200);
    expect(ids(await own.request('GET', '/api/deals/files-list'))).toEqual([dealA.fileId]);
    // A deal by its deposit (the conformance drill-down's link): its file and agreement, in scope only.
    const byDeposit = (list: string, depositId: string) => `/api/deals/${list}?depositId=${depositId}`;
    expect(ids(await own.request('GET', byDeposit('files-list', dealA.depositId)))).toEqual([dealA.fileId]);
    expect(ids(await own.request('GET', byDeposit('agreements', dealA.depositId)))).toEqual([
      dealA.agreementId,
    ]);
    expect(ids(await colleague.request('GET', byDeposit('files-list', dealA.depositId)))).toEqual([]);
    expect(ids(await colleague.request('GET', byDeposit('agreements', dealA.depositId)))).toEqual([]);
  });

  it('PRIV another company’s company-wide manager and finance know nothing of this company’s deals or forms', async () => {
    const { fx } = world;
    const outsider = await as(otherCompanyManager);
    for (const url of [
      `/api/deals/receipts/${dealA.receiptId}`,
      `/api/deals/deposits/${dealA.depositId}`,
      `/api/deals/agreements/${dealA.agreementId}`,
      `/api/deals/transaction-files/${dealA.fileId}`,
      `/api/deals/plans/${dealA.planId}`,
      `/api/deals/forms/report?projectId=${fx.org.salesProjectId}`,
      `/api/deals/designations?projectId=${fx.org.salesProjectId}`,
    ])
      expect((await outsider.request('GET', url)).statusCode, url).toBe(404);
    for (const list of ['receipts', 'deposits', 'plans', 'agreements', 'files-list'])
      expect((await outsider.request('GET', `/api/deals/${list}`)).json().total, list).toBe(0);

    // Nor change them: a company-wide manager's grant covers their own company's projects only.
    const now = clock.now();
    const designation = await deals.designate(database.db, {
      actor: fx.manager,
      projectId: fx.org.salesProjectId,
      staffId: fx.consultant2.staffId,
      duty: 'collect',
      now,
    });
    await deals.recordExam(database.db, {
      actor: fx.manager,
      staffId: fx.consultant.staffId,
      takenOn: '2026-11-01',
      score: 90,
      passMark: 80,
      expiresOn: '2027-11-01',
      note: '',
      now,
    });
    const changes: Array<[string, string, unknown]> = [
      ['DELETE', `/api/deals/designations/${designation.id}`, undefined],
      ['POST', `/api/deals/deposits/${dealA.depositId}/confirm`, undefined],
      ['POST', `/api/deals/receipts/${dealA.receiptId}/void-request`, { reason: '试探' }],
      ['POST', `/api/deals/agreements/${dealA.agreementId}/review`, { decision: 'return', comment: '试探' }],
      [
        'POST',
        '/api/deals/exams',
        {
          staffId: fx.consultant.staffId,
          takenOn: '2026-11-02',
          score: 10,
          passMark: 80,
          expiresOn: '2027-11-02',
        },
      ],
    ];
    for (const [method, url, body] of changes) {
      const response = await outsider.request(method as 'POST', url, body);
      expect(response.statusCode, `${method} ${url} ${response.body}`).toBe(404);
    }
    expect(
      (await deals.findDesignations(database.db, fx.manager, fx.org.salesProjectId)).map((row) => row.id),
    ).toContain(designation.id);
    expect((await outsider.request('GET', '/api/deals/exams')).json().total).toBe(0);
    expect((await (await as(fx.manager)).request('GET', '/api/deals/exams')).json().total).toBe(1);
    await deals.revokeDesignation(database.db, { actor: fx.manager, designationId: designation.id, now });
  });

  it('PRIV the administrator no longer passes any deals route (403)', async () => {
    const session = await as(admin);
    const routes = app.routeTable.filter((route) => route.url.startsWith('/api/deals'));
    expect(routes.length).toBeGreaterThanOrEqual(50);
    const passed: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:id\b/, dealA.fileId);
      const response = await session.request(
        route.method as 'GET',
        url,
        route.method === 'GET' ? undefined : {},
      );
      if (response.statusCode !== 403) passed.push(`${route.method} ${route.url} → ${response.statusCode}`);
    }
    expect(passed).toEqual([]);
  });

  it('SA-13 PRIV a colleague designated to review sees the submitted agreement and its ID copy, and loses them when the designation is revoked', async () => {
    const { fx } = world;
    const now = clock.now();
    const { agreementId } = await submittedAgreement(database.db, world, {
      unitId: fx.unitIds[2],
      formNumber: 'RG000002',
      customerName: '黄小姐',
      now,
    });
    const idCopy = (await deals.getAgreementById(database.db, fx.manager, agreementId)).buyers[0]
      .idCopyFileId;
    const reviewer = await as(fx.consultant2);
    expect((await reviewer.request('GET', `/api/deals/agreements/${agreementId}`)).statusCode).toBe(404);
    expect((await reviewer.request('GET', `/api/deals/files/${idCopy}`)).statusCode).toBe(404);
    const designation = await deals.designate(database.db, {
      actor: fx.manager,
      projectId: fx.org.salesProjectId,
      staffId: fx.consultant2.staffId,
      duty: 'agreement_review',
      now,
    });
    expect((await reviewer.request('GET', `/api/deals/agreements/${agreementId}`)).statusCode).toBe(200);
    expect((await reviewer.request('GET', `/api/deals/files/${idCopy}`)).statusCode).toBe(200);
    expect(ids(await reviewer.request('GET', '/api/deals/agreements?status=submitted'))).toEqual([
      agreementId,
    ]);
    await deals.revokeDesignation(database.db, { actor: fx.manager, designationId: designation.id, now });
    expect((await reviewer.request('GET', `/api/deals/agreements/${agreementId}`)).statusCode).toBe(404);
    expect((await reviewer.request('GET', `/api/deals/files/${idCopy}`)).statusCode).toBe(404);
    expect((await reviewer.request('GET', '/api/deals/agreements?status=submitted')).json().total).toBe(0);
  });

  it('keeps forms, designations and the sales staff to the project: 404 for another project’s finance', async () => {
    const { fx } = world;
    const projectId = fx.org.salesProjectId;
    const stranger = await as(otherProjectFinance);
    expect((await stranger.request('GET', `/api/deals/forms/report?projectId=${projectId}`)).statusCode).toBe(
      404,
    );
    expect((await stranger.request('GET', `/api/deals/forms?projectId=${projectId}`)).statusCode).toBe(404);
    const forms = await (await as(fx.consultant2)).request('GET', `/api/deals/forms?projectId=${projectId}`);
    expect(forms.statusCode).toBe(200);
    const inStock = forms.json().items.find((form: { status: string }) => form.status === 'in_stock');
    expect((await stranger.request('POST', `/api/deals/forms/${inStock.id}/check-out`)).statusCode).toBe(404);
    expect(
      (await (await as(world.finance)).request('GET', `/api/deals/forms/report?projectId=${projectId}`))
        .statusCode,
    ).toBe(200);
  });
});
