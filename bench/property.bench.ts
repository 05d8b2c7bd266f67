/**
 * npm run bench:property — the property desk at the size of a large property company (issue 18).
 *
 * 1. Starts the real server (built, fresh SQLite database with demo data); as the administrator
 *    adds four estates to the demo's 锦绣家园 with buildings of three doors (樓門), and as the
 *    desk's agent makes one resident and one work order through their forms: the stored rows are
 *    the shape of every bulk row (bench/property/setup.ts). Stops the server.
 * 2. Writes 200,000 residents (owners, household members, tenants with their phones, by building,
 *    door and flat of the five estates; bench/property/register.ts) and 1,000,000 work orders
 *    (three years, all categories and urgencies, open and closed, a few stuck long overdue;
 *    bench/property/orders.ts) straight into the database, one transaction per batch, and plants
 *    a known number of SLA breaches (deadline passed, not yet escalated).
 * 3. sla_sweep_s: the SLA sweep (workorders' sweepSlaBreaches: finds every breach of both clocks,
 *    marks it, notifies the heads) on the 1,000,000 orders; sla_breaches_found must equal
 *    sla_breaches_planted (target < 1 s). sla_find_s is its finding part alone (findSlaBreaches).
 * 4. Starts the server again on that database and times, as the signed-in agent:
 *    caller_pop_p99_ms — GET /api/calls/:callId right after the PBX's ringing event, the read the
 *    desk's screen pop makes, from random residents' and unknown numbers (target < 20);
 *    workorder_list_p99_ms — GET /api/work-orders, first page as the list page asks for it and with
 *    its common filters (status, open, urgency, category, breached, search), as the agent and the
 *    service department's head (target < 50); workorder_list_search_p99_ms, its search-text part.
 * caller_open_orders_p99_ms: the caller's open work orders the pop is to show
 * (findOpenWorkOrdersForCaller, in-process, between steps 3 and 4).
 * BENCH_PROPERTY_RESIDENTS / _ORDERS / _BREACHES / _POP_READS / _LIST_READS size it down;
 * BENCH_KEEP_DB=1 keeps the database file (its path goes to stderr).
 * Prints `key: value` lines on stdout; progress goes to stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startE2eServer } from '../e2e/harness.js';
import { buildServer } from '../scripts/build.js';
import {
  findOpenWorkOrdersForCaller,
  findSlaBreaches,
  sweepSlaBreaches,
} from '../server/modules/workorders/index.js';
import { openDatabase } from '../server/platform/db/database.js';
import { login, percentile } from './cti/http.js';
import { seededRandom } from './property/bulk.js';
import { storeOrders } from './property/orders.js';
import { storeRegister } from './property/register.js';
import { makeTemplateRows, setUpEstates } from './property/setup.js';
import { timeCallerPop, timeWorkOrderList } from './property/timing.js';

const residentsTotal = Number(process.env.BENCH_PROPERTY_RESIDENTS ?? 200_000);
const ordersTotal = Number(process.env.BENCH_PROPERTY_ORDERS ?? 1_000_000);
const plantedTotal = Number(process.env.BENCH_PROPERTY_BREACHES ?? 300);
const popReads = Number(process.env.BENCH_PROPERTY_POP_READS ?? 400);
const listReads = Number(process.env.BENCH_PROPERTY_LIST_READS ?? 40);
const log = (text: string) => process.stderr.write(`${text}\n`);
const figure = (key: string, value: string | number) => process.stdout.write(`${key}: ${value}\n`);

await buildServer();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-property-bench-'));
const databaseFile = path.join(dir, 'bench.db');
const databaseUrl = `sqlite:${databaseFile}`;
try {
  // --- 1. estates and the use cases' rows, through the routes ---
  let server = await startE2eServer({ LOG_LEVEL: 'error', DATABASE_URL: databaseUrl });
  let database = openDatabase(databaseUrl);
  let sqlite = database.sqlite!;
  const setupStarted = performance.now();
  const { estates, template } = await (async () => {
    try {
      const admin = await login(server.baseUrl, 'admin');
      const agent = await login(server.baseUrl, 'agent');
      // Two households' worth of slack per building row: the last flats may stay empty.
      const estates = await setUpEstates(server.baseUrl, admin, sqlite, Math.ceil(residentsTotal / 2), log);
      const template = await makeTemplateRows(server.baseUrl, agent, sqlite, estates[0]!);
      return { estates, template };
    } catch (error) {
      log(`--- server output ---\n${server.output().slice(-4000)}`);
      throw error;
    } finally {
      await server.stop();
    }
  })();
  log(`estates set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

  // --- 2. the bulk rows, straight into the database (the server is stopped) ---
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -1000000');
  const now = Date.now();
  // The demo's own overdue orders are escalated first, so the planted breaches are all there is.
  const demoBreaches = await sweepSlaBreaches(database.db, { now: new Date(now) });
  const staffWith = (role: string) =>
    (
      sqlite
        .prepare('SELECT DISTINCT staff_id AS id FROM staff_roles WHERE role = ? ORDER BY staff_id')
        .all(role) as Array<{ id: string }>
    ).map((row) => row.id);
  const engineers = staffWith('engineer');
  const team = sqlite.prepare('SELECT department_id AS id FROM staff WHERE id = ?').get(engineers[0]) as {
    id: string;
  };
  const random = seededRandom(20_261_209);
  const loadStarted = performance.now();
  log(`storing ${residentsTotal} residents…`);
  const register = storeRegister(sqlite, {
    estates,
    total: residentsTotal,
    template,
    consultants: staffWith('consultant'),
    agents: staffWith('agent'),
    now,
    random,
    log,
  });
  log(
    `  ${register.residents} residents with ${register.phones} phones in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
  );
  log(`storing ${ordersTotal} work orders (${plantedTotal} breaches planted)…`);
  const orders = storeOrders(sqlite, {
    estates,
    households: register.households,
    total: ordersTotal,
    planted: plantedTotal,
    template,
    agents: staffWith('agent'),
    engineers,
    teamId: team.id,
    now,
    random,
    log,
  });
  log(
    `  ${orders.orders} orders (${orders.overdue} overdue clocks already escalated, ${orders.planted} planted, ` +
      `${demoBreaches.escalated} demo breaches escalated first); data loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
  );

  // --- 3. the SLA sweep on a million orders ---
  const findStarted = performance.now();
  const found = await findSlaBreaches(database.db, new Date(now));
  const findSeconds = (performance.now() - findStarted) / 1000;
  const sweepStarted = performance.now();
  const { escalated } = await sweepSlaBreaches(database.db, { now: new Date(now) });
  const sweepSeconds = (performance.now() - sweepStarted) / 1000;
  log(
    `  findSlaBreaches found ${found.length} in ${findSeconds.toFixed(3)} s; the sweep escalated ${escalated}`,
  );
  figure('sla_sweep_s', sweepSeconds.toFixed(3));
  figure('sla_find_s', findSeconds.toFixed(3));
  figure('sla_breaches_found', escalated);
  figure('sla_breaches_planted', orders.planted);
  if (escalated !== orders.planted || found.length !== orders.planted) {
    log(`the sweep found ${escalated} (find: ${found.length}) of ${orders.planted} planted breaches`);
    process.exitCode = 1;
  }
  // The pop's "open work orders" of the caller (findOpenWorkOrdersForCaller; not yet on the pop's route).
  const openTimes: number[] = [];
  for (let run = 0; run < popReads; run++) {
    const phone = random.chance(0.5)
      ? random.pick(register.knownNumbers)
      : `199${String(random.below(1e8)).padStart(8, '0')}`;
    const started = performance.now();
    await findOpenWorkOrdersForCaller(database.db, {
      projectId: estates[0]!.id,
      phones: [phone],
      now: new Date(),
    });
    openTimes.push(performance.now() - started);
  }
  figure('caller_open_orders_p99_ms', percentile(openTimes, 0.99).toFixed(1));
  await database.close();

  // --- 4. the desk's reads over HTTP ---
  server = await startE2eServer({ LOG_LEVEL: 'error', DATABASE_URL: databaseUrl });
  database = openDatabase(databaseUrl);
  sqlite = database.sqlite!;
  try {
    const admin = await login(server.baseUrl, 'admin');
    const agent = await login(server.baseUrl, 'agent');
    const head = await login(server.baseUrl, 'servicehead');
    log(`timing the caller pop (${popReads} calls; load average ${os.loadavg()[0].toFixed(1)})…`);
    const popP99 = await timeCallerPop({
      baseUrl: server.baseUrl,
      admin,
      agent,
      sqlite,
      knownNumbers: register.knownNumbers,
      reads: popReads,
      warmup: 30,
      random: random.next,
      log,
    });
    figure('caller_pop_p99_ms', popP99.toFixed(1));
    log(`timing the work-order list of ${estates[0]!.name} (${listReads} reads a filter)…`);
    const listP99 = await timeWorkOrderList({
      baseUrl: server.baseUrl,
      sessions: [agent, head],
      projectId: estates[0]!.id,
      reads: listReads,
      log,
    });
    figure('workorder_list_p99_ms', listP99.p99.toFixed(1));
    figure('workorder_list_search_p99_ms', listP99.searchP99.toFixed(1));
  } catch (error) {
    log(`bench failed: ${String(error)}\n--- server output ---\n${server.output().slice(-4000)}`);
    throw error;
  } finally {
    await database.close();
    await server.stop();
  }
} finally {
  // BENCH_KEEP_DB=1 keeps the database for a look at the plans (EXPLAIN QUERY PLAN).
  if (process.env.BENCH_KEEP_DB === '1') log(`database kept: ${databaseFile}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
