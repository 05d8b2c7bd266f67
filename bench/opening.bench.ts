import { buildServer } from '../scripts/build.js';
import { printFigure, signInHeaders, startBenchServer } from './bench-server.js';
import { prepareOpening } from './opening-prepare.js';
import {
  auditOpening,
  cpuMsNamed,
  cpuMsOf,
  freshDatabaseUrl,
  KeepAliveConnection,
  percentile,
  runPickRush,
  warmUpOpening,
} from './opening-support.js';

// Issue 6: 10,000 buyers over HTTP on 127.0.0.1 contend for 2,000 units of an online opening.
// Targets (2 cores): ≥ 2,000 picks/s, p99 < 100 ms, ≥ 0.3 of the raw conditional-update rate
// measured in the same run, board of a 10,000-unit project < 50 ms server time.
const buyerCount = 10_000;
// Buyers with a request in flight at once (one keep-alive connection each); BENCH_OPENING_CONCURRENCY
// changes it, and BENCH_KEEP_DB=1 keeps the database afterwards to look at its plans.
const concurrency = Number(process.env.BENCH_OPENING_CONCURRENCY ?? 64);
/** Requests before the rush: half availability loads, half picks refused (see the warm-up). */
const warmupRequests = Number(process.env.BENCH_OPENING_WARMUP ?? 4000);
const password = 'Bench-password-1';
const log = (text: string) => process.stderr.write(`${text}\n`);

const target = await freshDatabaseUrl();
log(`opening bench on ${target.url.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL'}`);
await buildServer();
// Set-up and the raw measurement use the same compiled JavaScript the server runs.
const dist = '../dist/server';
const { openDatabase } = (await import(
  `${dist}/platform/db/database.js`
)) as typeof import('../server/platform/db/database.js');
const { migrateToLatest } = (await import(
  `${dist}/platform/db/migrate.js`
)) as typeof import('../server/platform/db/migrate.js');
const { claimUnitForBuyer } = (await import(
  `${dist}/modules/opening/index.js`
)) as typeof import('../server/modules/opening/index.js');
let setupDb = openDatabase(target.url);
await migrateToLatest(setupDb.db);
const started = performance.now();
const data = await prepareOpening(setupDb, { buyerCount, password });
log(
  `prepared 12,000 units and ${buyerCount} signed-in buyers in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
await setupDb.close();

const server = await startBenchServer({ databaseUrl: target.url });
const { hostname, port } = new URL(server.baseUrl);
const connections = Array.from(
  { length: concurrency },
  () => new KeepAliveConnection(hostname, Number(port)),
);
try {
  await warmUpOpening(connections, data, warmupRequests);

  const serverCpu = () => cpuMsOf(server.pid);
  // The database server's processes share the same 2 cores (PostgreSQL: its backends; SQLite runs
  // inside the server). Summed over every live process named postgres, for the stderr log.
  const postgresCpu = () => cpuMsNamed('postgres');
  const postgresCpuBefore = postgresCpu();
  const serverCpuBefore = serverCpu();
  const clientCpuBefore = process.cpuUsage();
  const rush = await runPickRush(connections, data, buyerCount, log);
  const { confirmed, latencies, selloutMs } = rush;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  log(
    `CPU during the rush: server ${(serverCpu() - serverCpuBefore).toFixed(0)} ms, bench client ${((clientCpu.user + clientCpu.system) / 1000).toFixed(0)} ms, ${
      process.env.DATABASE_URL
        ? `postgres processes ${(postgresCpu() - postgresCpuBefore).toFixed(0)} ms, `
        : ''
    }wall ${selloutMs.toFixed(0)} ms`,
  );
  log(
    `${latencies.length} pick requests, ${confirmed.size} confirmed, ${rush.unexpected} unexpected answers`,
  );

  // The board of a 10,000-unit project, as the sales controller opens it.
  const headers = await signInHeaders(server.baseUrl, 'benchcontroller', password);
  const boardTimes: number[] = [];
  let boardBytes = 0;
  for (let index = 0; index < 13; index++) {
    const response = await fetch(`${server.baseUrl}/api/inventory/projects/${data.bigProjectId}/board`, {
      headers: { cookie: headers.cookie },
    });
    const body = await response.arrayBuffer();
    if (!response.ok) throw new Error(`board answered ${response.status}`);
    boardBytes = body.byteLength;
    const timing = /dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
    if (index === 0) log(`board of 10,000 units, first (uncached) build: ${timing?.[1]} ms server time`);
    if (index >= 3) boardTimes.push(Number(timing?.[1] ?? Number.NaN));
  }
  boardTimes.sort((a, b) => a - b);
  await server.stop();

  // Verify against the database, then measure the raw conditional update (no HTTP) on the same database.
  setupDb = openDatabase(target.url, { poolSize: 16 });
  const { db } = setupDb;
  const { duplicates, inconsistent, lostConfirmations } = await auditOpening(db, data.eventId, confirmed);

  // The raw limit: the pick's decision — claimUnitForBuyer, the same conditional UPDATE … WHERE
  // id = ? AND still for sale, through the same database layer (Kysely + driver) the server runs —
  // one claim per transaction and no HTTP: what the server would do per pick without its group
  // commit. It leaves out the pick's records (buyer count, pick row, unit history, live event,
  // audit), which the server writes as well; the server shares commits between picks, which the
  // raw loop does not. SQLite runs it on one worker (the driver is synchronous: more would only
  // queue), PostgreSQL on 16 connections. Same database, same run, after the server has stopped.
  const rawUnits = data.bigUnits;
  const rawBuyer = data.buyerIds[0];
  let rawDone = 0;
  const rawStart = performance.now();
  const rawDeadline = rawStart + 4000;
  const rawWorkers = setupDb.dialect === 'postgres' ? 16 : 1;
  await Promise.all(
    Array.from({ length: rawWorkers }, async () => {
      while (performance.now() < rawDeadline && rawDone < rawUnits.length) {
        const unitId = rawUnits[rawDone++];
        await db.transaction().execute((trx) =>
          claimUnitForBuyer(trx, {
            unitId,
            eventId: data.eventId,
            buyerId: rawBuyer,
            customerId: null,
            nowIso: new Date().toISOString(),
          }),
        );
      }
    }),
  );
  const rawPerSecond = rawDone / ((performance.now() - rawStart) / 1000);
  await setupDb.close();

  const picksPerSecond = confirmed.size / (selloutMs / 1000);
  printFigure('picks_per_s', picksPerSecond, 0);
  printFigure('pick_p50_ms', percentile(latencies, 50), 1);
  printFigure('pick_p99_ms', percentile(latencies, 99), 1);
  printFigure('sellout_s', selloutMs / 1000, 2);
  printFigure('oversold', duplicates + inconsistent + rush.oversoldResponses, 0);
  printFigure('lost_confirmations', lostConfirmations, 0);
  printFigure('raw_db_updates_per_s', rawPerSecond, 0);
  printFigure('ratio_to_raw', picksPerSecond / rawPerSecond, 2);
  printFigure('board_10k_ms', percentile(boardTimes, 50), 1);
  printFigure('board_10k_kb', boardBytes / 1024, 0);
} finally {
  await server.stop().catch(() => undefined);
  for (const connection of connections) connection.close();
  if (!process.env.BENCH_KEEP_DB) await target.drop();
}
