/**
 * npm run bench:access — issue 13. Prints on stdout:
 *   matrix_cells: N          route × role × relation cells the access matrix tried
 *   leaks: L                 what it found (must be 0)
 *   scoped_list_p99_ms: X    a consultant's deal list (成交档案, page 1 of 20, newest first as the
 *                            UI asks) through the real route, over 100,000 deals of one project
 *                            shared by 20 consultants (target < 20)
 * With scope enforcement on (YINGKE_ENFORCE_SCOPE=1). SQLite in a temporary file, or PostgreSQL
 * when DATABASE_URL (or TEST_DATABASE_URL) is a postgres:// address (a fresh database is made there).
 */
process.env.YINGKE_ENFORCE_SCOPE = '1';
if (process.env.DATABASE_URL?.startsWith('postgres'))
  process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL;

const { sql } = await import('kysely');
const { newId } = await import('../server/platform/db/ids.js');
const { buildStaff } = await import('../server/testing/factories.js');
const { buildAccessWorld } = await import('../server/testing/access-world/index.js');
const { describeLeak, runAccessMatrix } = await import('../server/testing/access-matrix/index.js');
const { buildTestApp, signIn } = await import('../server/testing/test-app.js');
const { createTestDatabase } = await import('../server/testing/test-database.js');

const dealCount = Number(process.env.BENCH_DEALS ?? 100_000);
const consultantCount = 20;
const reads = Number(process.env.BENCH_READS ?? 300);
const log = (text: string) => process.stderr.write(`${text}\n`);
const figure = (key: string, value: number) => process.stdout.write(`${key}: ${value}\n`);

const database = await createTestDatabase();
const db = database.db;
try {
  log('building the access world and running the matrix…');
  const world = await buildAccessWorld(database);
  const app = await buildTestApp(database);
  const matrix = await runAccessMatrix(app, db, world);
  figure('matrix_cells', matrix.cells);
  figure('leaks', matrix.leaks.length);
  for (const leak of matrix.leaks) log(`  leak: ${describeLeak(leak)}`);
  for (const missing of matrix.missingFixtures) log(`  ${missing}`);

  // 100,000 deals (transaction files) in P1: the calling consultant and 19 colleagues, a deal each
  // in turn. Inserted in chunks: the bench measures the read, not the path that creates a deal.
  log(`inserting ${dealCount} deals…`);
  const caller = world.callers.consultant;
  const consultants = [caller.staffId, world.otherConsultant.staffId];
  while (consultants.length < consultantCount)
    consultants.push(
      (
        await buildStaff(
          db,
          { companyId: world.companyA },
          { roles: [{ role: 'consultant', projectId: world.p1 }] },
        )
      ).staffId,
    );
  const start = Date.parse('2024-01-01T00:00:00.000Z');
  const chunk = 500;
  for (let offset = 0; offset < dealCount; offset += chunk) {
    const rows = [];
    for (let index = offset; index < Math.min(dealCount, offset + chunk); index++) {
      const at = new Date(start + index * 60_000).toISOString();
      const consultantId = consultants[index % consultantCount]!;
      rows.push({
        id: newId(),
        companyId: world.companyA,
        projectId: world.p1,
        unitId: newId(),
        unitNumber: `${1 + (index % 30)}-${String(index % 3000).padStart(4, '0')}`,
        customerId: newId(),
        customerName: `客户${index}`,
        consultantId,
        agreementId: newId(),
        planId: newId(),
        depositId: null,
        status: 'open' as const,
        priceFen: 200_000_000 + (index % 1000) * 10_000,
        paymentMethod: 'lump_sum' as const,
        openedAt: at,
        openedBy: consultantId,
        downPaymentPaidAt: null,
        contractSignedAt: null,
        mortgageDocsHandedInAt: null,
        responsibilityEndedAt: null,
        handedOverAt: null,
        updatedAt: at,
      });
    }
    await db.insertInto('dealTransactionFiles').values(rows).execute();
  }
  // Fresh statistics, as a database that grew to this size over months would have.
  await sql`analyze`.execute(db);

  const session = await signIn(app, caller.username);
  const url = `/api/deals/files-list?projectId=${world.p1}&page=1&pageSize=20&sort=openedAt&order=desc`;
  const first = await session.request('GET', url);
  if (first.statusCode !== 200)
    log(`the deal list answered ${first.statusCode}: ${first.body.slice(0, 200)}`);
  else log(`the consultant sees ${first.json().total} deals`);
  for (let index = 0; index < 20; index++) await session.request('GET', url);
  const times: number[] = [];
  for (let index = 0; index < reads; index++) {
    const started = process.hrtime.bigint();
    await session.request('GET', url);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => Math.round(times[Math.floor(times.length * share)]! * 100) / 100;
  log(
    `median ${at(0.5)} ms (the machine's load average: ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`,
  );
  figure('scoped_list_p99_ms', at(0.99));
  await app.close();
} finally {
  await database.drop();
}
