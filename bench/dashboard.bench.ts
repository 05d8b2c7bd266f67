/**
 * npx tsx bench/dashboard.bench.ts — issue 16. Prints on stdout:
 *   dashboard_p99_ms: X   a manager's month of the sales dashboard (案场看板) through the real route,
 *                         over 50,000 deals (plan, deposit, agreement, transaction file, two payment
 *                         items each) and 100,000 calls, visits and customers of one project over two
 *                         years (target < 200)
 * The rows are copies of one deal, call and visit made through the real use cases (the factories),
 * spread over the two years. SQLite in a temporary file, or PostgreSQL when TEST_DATABASE_URL is set.
 */
const { sql } = await import('kysely');
const { newId } = await import('../server/platform/db/ids.js');
const { buildTestApp, createClock, signIn } = await import('../server/testing/test-app.js');
const { createTestDatabase } = await import('../server/testing/test-database.js');
const { buildDealsFixture, deals, submittedAgreement } = await import(
  '../server/modules/deals/testing/index.js'
);
const { dashboardTiming } = await import('../server/modules/dashboard/index.js');

const dealCount = Number(process.env.BENCH_DEALS ?? 50_000);
const contactCount = dealCount * 2;
const reads = Number(process.env.BENCH_READS ?? 200);
const log = (text: string) => process.stderr.write(`${text}\n`);
const now = new Date('2026-11-28T02:00:00.000Z');
const database = await createTestDatabase();
const db = database.db;
const twoYearsMs = 730 * 86_400_000;
const instant = (index: number, count: number) => new Date(now.getTime() - (index / count) * twoYearsMs);
const dayOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

try {
  const world = await buildDealsFixture(db, {
    floors: 1,
    perFloor: 2,
    unitPriceFen: 2_000_000,
    forms: 2,
    now,
  });
  const projectId = world.fx.org.salesProjectId;
  const { agreementId } = await submittedAgreement(db, world, {
    unitId: world.fx.unitIds[0]!,
    formNumber: 'RG000001',
    customerName: '甲',
    now,
  });
  await deals.reviewAgreement(db, {
    actor: world.fx.manager,
    agreementId,
    decision: 'approve',
    comment: '',
    now,
  });
  // One call and one visit to copy, written as the reception tables hold them.
  const template = {
    plan: await db.selectFrom('dealPlans').selectAll().executeTakeFirstOrThrow(),
    deposit: await db.selectFrom('dealDeposits').selectAll().executeTakeFirstOrThrow(),
    agreement: await db.selectFrom('dealAgreements').selectAll().executeTakeFirstOrThrow(),
    file: await db.selectFrom('dealTransactionFiles').selectAll().executeTakeFirstOrThrow(),
    items: await db.selectFrom('dealPaymentItems').selectAll().execute(),
    customer: await db.selectFrom('customers').selectAll().executeTakeFirstOrThrow(),
    form: await db.selectFrom('dealForms').selectAll().executeTakeFirstOrThrow(),
  };
  const consultants = [world.fx.consultant.staffId, world.fx.consultant2.staffId];
  log(`inserting ${dealCount} deals and ${contactCount} calls, visits and customers…`);
  const chunk = 200;
  for (let offset = 0; offset < dealCount; offset += chunk) {
    const plans = [];
    const deposits = [];
    const agreements = [];
    const files = [];
    const items = [];
    const forms = [];
    for (let index = offset; index < Math.min(dealCount, offset + chunk); index++) {
      const at = instant(index, dealCount).toISOString();
      const consultantId = consultants[index % consultants.length]!;
      const ids = { plan: newId(), deposit: newId(), agreement: newId(), file: newId() };
      plans.push({ ...template.plan, id: ids.plan, consultantId, createdAt: at, updatedAt: at });
      deposits.push({
        ...template.deposit,
        id: ids.deposit,
        planId: ids.plan,
        consultantId,
        status: index % 50 === 0 ? ('requested' as const) : ('collected' as const),
        requestedAt: at,
        collectedAt: at,
        createdAt: at,
        updatedAt: at,
      });
      const formId = newId();
      forms.push({
        ...template.form,
        id: formId,
        serial: 1_000_000 + index,
        number: `B${index}`,
        status: 'used' as const,
      });
      agreements.push({
        ...template.agreement,
        id: ids.agreement,
        planId: ids.plan,
        depositId: ids.deposit,
        formId,
        formNumber: `B${index}`,
        consultantId,
        signedOn: dayOf(new Date(at)),
        createdAt: at,
        updatedAt: at,
      });
      files.push({
        ...template.file,
        id: ids.file,
        agreementId: ids.agreement,
        planId: ids.plan,
        depositId: ids.deposit,
        consultantId,
        openedAt: at,
        downPaymentPaidAt: index % 3 === 0 ? at : null,
        updatedAt: at,
      });
      // Most items are paid; one deal in a hundred is overdue.
      for (const item of template.items)
        items.push({
          ...item,
          id: newId(),
          transactionFileId: ids.file,
          dueOn: dayOf(new Date(at)),
          status: index % 100 === 0 ? ('due' as const) : ('paid' as const),
        });
    }
    await db.insertInto('dealPlans').values(plans).execute();
    await db.insertInto('dealDeposits').values(deposits).execute();
    await db.insertInto('dealForms').values(forms).execute();
    await db.insertInto('dealAgreements').values(agreements).execute();
    await db.insertInto('dealTransactionFiles').values(files).execute();
    await db.insertInto('dealPaymentItems').values(items).execute();
  }
  for (let offset = 0; offset < contactCount; offset += chunk) {
    const customers = [];
    const calls = [];
    const visits = [];
    for (let index = offset; index < Math.min(contactCount, offset + chunk); index++) {
      const at = instant(index, contactCount);
      const iso = at.toISOString();
      const staffId = consultants[index % consultants.length]!;
      const customerId = newId();
      customers.push({
        ...template.customer,
        id: customerId,
        ownerStaffId: staffId,
        createdAt: iso,
        updatedAt: iso,
      });
      calls.push({
        id: newId(),
        projectId,
        staffId,
        customerId,
        answeredAt: iso,
        endedAt: iso,
        callerPhoneE164: null,
        callerPhoneTail4: null,
        callerName: '',
        sourceChannelId: null,
        questions: '',
        intentLayout: '',
        intentAreaMin: null,
        intentAreaMax: null,
        intentBudgetFen: null,
        intentPurpose: '',
        result: 'info_only' as const,
        appointmentAt: null,
        hour: 10,
        day: dayOf(at),
        createdAt: iso,
        isInTurn: 1,
        skippedStaffId: null,
        skipReason: null,
        skipNote: '',
        bookOutcome: null,
        updatedAt: iso,
      });
      visits.push({
        id: newId(),
        projectId,
        staffId,
        customerId,
        arrivedAt: iso,
        leftAt: iso,
        partySize: 2,
        visitorKind: 'buyer' as const,
        isPhoneRefused: 1,
        notes: '',
        status: 'done' as const,
        day: dayOf(at),
        createdAt: iso,
        bookOutcome: null,
        leftEarlyReason: '',
        updatedAt: iso,
      });
    }
    await db.insertInto('customers').values(customers).execute();
    await db.insertInto('salesCalls').values(calls).execute();
    await db.insertInto('visits').values(visits).execute();
  }
  await sql`analyze`.execute(db);

  const app = await buildTestApp(database, createClock(now));
  const session = await signIn(app, world.fx.manager.username);
  const url = `${dashboardTiming.path}?${new URLSearchParams(dashboardTiming.query(projectId, '2026-11-15'))}`;
  const first = await session.request('GET', url);
  if (first.statusCode !== 200) throw new Error(`the dashboard answered ${first.statusCode}: ${first.body}`);
  log(`a month: ${JSON.stringify(first.json().figures)}`);
  for (let index = 0; index < 20; index++) await session.request('GET', url);
  const times: number[] = [];
  for (let index = 0; index < reads; index++) {
    const started = process.hrtime.bigint();
    await session.request('GET', url);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => Math.round(times[Math.floor(times.length * share)]! * 100) / 100;
  log(`median ${at(0.5)} ms (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`);
  process.stdout.write(`dashboard_p99_ms: ${at(0.99)}\n`);
  if (process.env.BENCH_PROFILE) {
    const dashboard = await import('../server/modules/dashboard/index.js');
    const reception = await import('../server/modules/reception/index.js');
    const customers = await import('../server/modules/customers/index.js');
    const dealsIndex = await import('../server/modules/deals/index.js');
    const period = { projectIds: [projectId], fromDay: '2026-11-01', toDay: '2026-11-30' };
    const range = { fromIso: '2026-10-31T16:00:00.000Z', toIso: '2026-11-30T16:00:00.000Z' };
    const parts: Record<string, () => Promise<unknown>> = {
      salesFigures: () => dashboard.salesFigures(db, { projectId, from: period.fromDay, to: period.toDay }),
      visitSources: () => customers.countVisitsBySourceChannel(db, reception.visitsPerCustomer(db, period)),
      registered: () => customers.findRegisteredCustomerFigures(db, { projectIds: [projectId], ...range }),
      deals: () => dealsIndex.findDealFigures(db, { ...period, ...range }),
      overdue: () =>
        dealsIndex.findOverduePayments(db, { projectIds: [projectId], limit: 50, today: '2026-11-28' }),
      deposits: () => dealsIndex.findDepositsAwaitingConfirmation(db, { projectIds: [projectId], limit: 50 }),
    };
    for (const [name, run] of Object.entries(parts)) {
      const started = process.hrtime.bigint();
      for (let index = 0; index < 10; index++) await run();
      log(`${name}: ${(Number(process.hrtime.bigint() - started) / 1e7).toFixed(1)} ms`);
    }
  }
  await app.close();
} finally {
  await database.drop();
}
