/**
 * npm run bench:conformance — scoring and scorecards at the size of a busy group (issue 16).
 *
 * Builds a SQLite database in-process (migrations, demo organisation), stores 1,000,000 calls on
 * one desk (bench/cti/stored-calls.ts) and 50,000 deals (bench/conformance/deals.ts), then:
 * 1. score_backfill_s: rescoreAll from scratch over every fact source (target < 120);
 * 2. starts the real server on that database and times a month's scorecard over HTTP as the
 *    administrator: scorecard_month_p99_ms (target < 200);
 * 3. dashboard_p99_ms: a month of the sales dashboard (案场看板) of the deals' project over HTTP, as
 *    that project's manager (the route and query of `dashboardTiming`; target < 200);
 * 4. wallboard_event_p99_ms: a signed PBX event to the big desk's wallboard, through the live stream
 *    and the board's read, as the service department's head (bench/conformance/wallboard.ts;
 *    target < 200).
 * BENCH_CONFORMANCE_CALLS / _DEALS / BENCH_DASHBOARD_READS / BENCH_WALLBOARD_EVENTS size it down.
 * Prints `key: value` lines on stdout; progress goes to stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startE2eServer } from '../e2e/harness.js';
import { buildServer } from '../scripts/build.js';
import { seedDemoOrganisation } from '../server/demo/seed-demo.js';
import { factSources, rescoreAll } from '../server/modules/conformance/index.js';
import { dashboardTiming } from '../server/modules/dashboard/index.js';
import { openDatabase } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { testPassword } from '../server/testing/factories.js';
import { storeDeals } from './conformance/deals.js';
import { measureWallboardEventP99 } from './conformance/wallboard.js';
import { login, percentile } from './cti/http.js';
import { storeCalls } from './cti/stored-calls.js';

const storedCalls = Number(process.env.BENCH_CONFORMANCE_CALLS ?? 1_000_000);
const storedDeals = Number(process.env.BENCH_CONFORMANCE_DEALS ?? 50_000);
const dashboardReads = Number(process.env.BENCH_DASHBOARD_READS ?? 200);
const wallboardEvents = Number(process.env.BENCH_WALLBOARD_EVENTS ?? 300);
const log = (text: string) => process.stderr.write(`${text}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-conformance-bench-'));
const databaseUrl = `sqlite:${path.join(dir, 'bench.db')}`;
try {
  const database = openDatabase(databaseUrl);
  await migrateToLatest(database.db);
  await seedDemoOrganisation(database.db, new Date('2025-11-27T01:00:00.000Z'));
  const sqlite = database.sqlite!;
  const bigDesk = sqlite
    .prepare(
      "SELECT id, project_id AS projectId FROM desks WHERE kind = 'service_centre' ORDER BY created_at LIMIT 1",
    )
    .get() as { id: string; projectId: string };
  log(`storing ${storedCalls} calls…`);
  await storeCalls(sqlite, bigDesk, storedCalls, 365, log);
  log(`storing ${storedDeals} deals…`);
  const deals = await storeDeals(database.db, sqlite, storedDeals, log);
  log(`  ${deals.count} deals in the database`);
  sqlite.exec('ANALYZE');

  log(
    `scoring from scratch (${factSources.length} fact sources: ${factSources.map((s) => s.kind).join(', ') || 'none yet'})…`,
  );
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let lastLog = started;
  const result = await rescoreAll(database.db, {
    now: new Date('2026-11-28T00:00:00.000Z'),
    sources: factSources,
    onProgress: ({ kind, scored }) => {
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`  ${scored} scored (${kind})`);
      }
    },
  });
  const backfillSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  log(
    `  ${result.scored} subjects scored; this process used ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU` +
      ` (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
  );
  await database.close();
  process.stdout.write(`score_backfill_s: ${backfillSeconds.toFixed(1)}\n`);

  await buildServer();
  const server = await startE2eServer({ LOG_LEVEL: 'error', DATABASE_URL: databaseUrl });
  try {
    const admin = await login(server.baseUrl, 'admin');
    const month = `${server.baseUrl}/api/conformance/scorecard?level=staff&period=day&from=2026-05-01&to=2026-05-31`;
    const times: number[] = [];
    for (let run = 0; run < 60; run++) {
      const begun = performance.now();
      const response = await fetch(month, { headers: { cookie: admin.cookie } });
      const body = (await response.json()) as { total?: { met: number; missed: number } };
      if (run > 9) times.push(performance.now() - begun);
      if (run === 0) log(`month scorecard: status ${response.status}, ${JSON.stringify(body.total ?? body)}`);
    }
    process.stdout.write(`scorecard_month_p99_ms: ${percentile(times, 0.99).toFixed(1)}\n`);
    const dashboardP99 = await timeDashboard(server.baseUrl, deals);
    process.stdout.write(`dashboard_p99_ms: ${dashboardP99.toFixed(1)}\n`);
    const wallboardP99 = await timeWallboard(server.baseUrl, admin, bigDesk.id);
    process.stdout.write(`wallboard_event_p99_ms: ${wallboardP99.toFixed(1)}\n`);
  } catch (error) {
    log(`bench failed: ${String(error)}\n--- server output ---\n${server.output().slice(-4000)}`);
    throw error;
  } finally {
    await server.stop();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The deals' project's month on the sales dashboard, as its manager (a fixture user: the test password). */
async function timeDashboard(baseUrl: string, deals: { projectId: string; managerUsername: string }) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: deals.managerUsername, password: testPassword }),
  });
  if (!response.ok) throw new Error(`login ${deals.managerUsername} failed: ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  const query = new URLSearchParams(dashboardTiming.query(deals.projectId, '2026-05-15'));
  const url = `${baseUrl}${dashboardTiming.path}?${query}`;
  const times: number[] = [];
  for (let run = 0; run < dashboardReads + 20; run++) {
    const begun = performance.now();
    const answer = await fetch(url, { headers: { cookie } });
    const body = (await answer.json()) as { figures?: unknown };
    if (run >= 20) times.push(performance.now() - begun);
    if (run === 0) {
      if (answer.status !== 200)
        throw new Error(`the dashboard answered ${answer.status}: ${JSON.stringify(body)}`);
      log(`dashboard month: ${JSON.stringify(body.figures ?? body).slice(0, 300)}`);
    }
  }
  return percentile(times, 0.99);
}

/** PBX events to the big desk's wallboard, followed as the service department's head would. */
async function timeWallboard(baseUrl: string, admin: { cookie: string; csrfToken: string }, deskId: string) {
  const head = await login(baseUrl, 'servicehead');
  const rotated = await fetch(`${baseUrl}/api/calls/desks/${deskId}/cti-secret`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
  });
  if (!rotated.ok) throw new Error(`the CTI secret was not issued: ${rotated.status}`);
  const { secret } = (await rotated.json()) as { secret: string };
  log(`timing ${wallboardEvents} PBX events to the wallboard…`);
  return measureWallboardEventP99({
    baseUrl,
    cookie: head.cookie,
    deskId,
    secret,
    events: wallboardEvents,
    log,
  });
}
