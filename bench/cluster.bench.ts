/**
 * npm run bench:cluster — issue 17: three instances of the built server on one PostgreSQL behind
 * Debian's nginx (the shipped deploy/nginx/yingke.conf, round robin), started by cluster/harness.ts.
 *  1. The online opening: 10,000 signed-in buyers contend for 2,000 units through nginx (the rush of
 *     bench:opening, bench/opening-support.ts); oversold and lost confirmations counted from the
 *     database.
 *  2. Live events across instances: caused through one instance, timed to the streams on the others.
 *  3. nginx in front of a handler that does nothing against nginx in front of the product, same load.
 *  4. Reminders with an instance SIGKILLed while it holds a claimed batch: lost and duplicated.
 * One `key: value` line per figure on stdout; progress on stderr. Needs PostgreSQL
 * (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and nginx (NGINX_PATH).
 */
import fs from 'node:fs';
import os from 'node:os';
import { type Cluster, nginxBinary, startCluster } from '../cluster/harness.js';
import { buildServer } from '../scripts/build.js';
import { printFigure } from './bench-server.js';
import { liveCrossInstance, proxyReads, remindersThroughKill } from './cluster-parts.js';
import { prepareOpening } from './opening-prepare.js';
import {
  auditOpening,
  cpuMsNamed,
  cpuMsOf,
  KeepAliveConnection,
  percentile,
  runPickRush,
  warmUpOpening,
} from './opening-support.js';

const buyerCount = Number(process.env.BENCH_CLUSTER_BUYERS ?? 10_000);
/** Buyers in flight at once, one keep-alive connection to nginx each (as bench:opening). */
const concurrency = Number(process.env.BENCH_OPENING_CONCURRENCY ?? 64);
const warmupRequests = Number(process.env.BENCH_OPENING_WARMUP ?? 4000);
/** Events for the cross-instance figure; each is seen on the two other instances. */
const liveEvents = Number(process.env.BENCH_CLUSTER_LIVE_EVENTS ?? 150);
const readConnections = 50;
const readSeconds = Number(process.env.BENCH_CLUSTER_READ_SECONDS ?? 8);
const reminderCount = Number(process.env.BENCH_CLUSTER_REMINDERS ?? 4000);
const password = 'Bench-password-1';
const log = (text: string) => process.stderr.write(`[cluster] ${text}\n`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

if (!fs.existsSync(nginxBinary))
  throw new Error(`nginx not found at ${nginxBinary} (apt-get install -y nginx, or set NGINX_PATH)`);
const benchStarted = performance.now();
await buildServer();
printFigure('machine_cores', os.cpus().length, 0);
printFigure('instances', 3, 0);
// The machine is shared: the load before the run says how far the figures are this bench's alone.
printFigure('load_average_1m_at_start', os.loadavg()[0], 1);

// A fresh database: the first instance migrates it and loads the demo office (whose manager and
// staff the live and reminder parts use); the short job lease lets the survivors take over the
// killed instance's claimed jobs within the run. The answers are not checked against their
// schemas here, as in production.
let started = performance.now();
const cluster: Cluster = await startCluster({
  instances: 3,
  env: { JOB_LEASE_MS: '3000', YINGKE_CHECK_RESPONSES: '0' },
});
log(
  `cluster up in ${seconds(started)} s: nginx ${cluster.url}, instances ${cluster.instances.map((i) => i.port)}`,
);
try {
  await openingRush(cluster);

  started = performance.now();
  const live = await liveCrossInstance(cluster, liveEvents);
  log(`live: ${live.length} cross-instance deliveries of ${liveEvents} events in ${seconds(started)} s`);
  printFigure('live_cross_instance_p50_ms', percentile(live, 50), 1);
  printFigure('live_cross_instance_p99_ms', percentile(live, 99), 1);

  const reads = await proxyReads(cluster, readConnections, readSeconds);
  log(`reads: ${readConnections} connections, ${readSeconds} s each, the same autocannon`);
  printFigure('nginx_bare_rps', reads.bareRps, 0);
  printFigure('nginx_bare_p99_ms', reads.bareP99, 1);
  printFigure('product_read_rps', reads.productRps, 0);
  printFigure('product_read_p99_ms', reads.productP99, 1);
  printFigure('product_to_bare_ratio', reads.productRps / reads.bareRps, 2);

  const reminders = await remindersThroughKill(cluster, reminderCount);
  log(
    `reminders: ${reminderCount} in ${reminders.seconds.toFixed(1)} s; the kill abandoned ${reminders.abandoned} claimed jobs at ${reminders.doneAtKill} done`,
  );
  printFigure('reminders_abandoned_by_kill', reminders.abandoned, 0);
  printFigure('reminders_taken_over', reminders.takenOver, 0);
  printFigure('reminders_lost', reminders.lost, 0);
  printFigure('reminders_duplicated', reminders.duplicated, 0);
} catch (error) {
  for (const instance of cluster.instances)
    log(`instance ${instance.index} output:\n${instance.output().slice(-4000)}`);
  log(`nginx errors:\n${cluster.nginx.errors().slice(-4000)}`);
  throw error;
} finally {
  await cluster.stop();
}
printFigure('load_average_1m_at_end', os.loadavg()[0], 1);
log(`whole run ${seconds(benchStarted)} s`);
process.exit(0);

/** Part 1: the opening, prepared as bench:opening prepares it, its buyers spread by nginx. */
async function openingRush(cluster: Cluster) {
  // Set-up and the audit use the same compiled JavaScript the instances run.
  const dist = '../dist/server';
  const { openDatabase } = (await import(
    `${dist}/platform/db/database.js`
  )) as typeof import('../server/platform/db/database.js');
  let started = performance.now();
  const setup = openDatabase(cluster.database.url);
  const data = await prepareOpening(setup, { buyerCount, password });
  await setup.close();
  log(`prepared 12,000 units and ${buyerCount} signed-in buyers in ${seconds(started)} s`);

  const { hostname, port } = new URL(cluster.url);
  const connections = Array.from(
    { length: concurrency },
    () => new KeepAliveConnection(hostname, Number(port)),
  );
  try {
    started = performance.now();
    await warmUpOpening(connections, data, warmupRequests, concurrency);
    log(
      `warm-up: ${warmupRequests} requests through nginx, ${concurrency} at once, in ${seconds(started)} s`,
    );
    const from = cluster.nginx.logged();
    // Who spends the 2 cores during the rush: the instances, nginx, PostgreSQL, this client. nginx and
    // postgres are every such process on the machine (other runs' too), and a backend that ended
    // during the rush no longer counts: a rough split, for the stderr log only.
    const instancesCpu = () =>
      cluster.instances.reduce((sum, instance) => sum + cpuMsOf(instance.pid ?? 0), 0);
    const cpuBefore = [
      instancesCpu(),
      cpuMsNamed('nginx'),
      cpuMsNamed('postgres'),
      process.cpuUsage(),
    ] as const;
    const rush = await runPickRush(connections, data, buyerCount, log);
    const client = process.cpuUsage(cpuBefore[3]);
    log(
      `CPU during the rush: instances ${(instancesCpu() - cpuBefore[0]).toFixed(0)} ms, nginx (all) ${(cpuMsNamed('nginx') - cpuBefore[1]).toFixed(0)} ms, postgres (all) ${(cpuMsNamed('postgres') - cpuBefore[2]).toFixed(0)} ms, bench client ${((client.user + client.system) / 1000).toFixed(0)} ms, wall ${rush.selloutMs.toFixed(0)} ms`,
    );
    log(
      `rush: ${rush.latencies.length} pick requests, ${rush.confirmed.size} confirmed, ${rush.unexpected} unexpected answers, sold out in ${(rush.selloutMs / 1000).toFixed(2)} s`,
    );
    const servedBy = await cluster.nginx.servedSince(from, rush.latencies.length, (line) =>
      line.endsWith('/picks'),
    );
    const perInstance = cluster.instances.map(
      (instance) => servedBy.filter((p) => p === instance.port).length,
    );
    log(`picks answered per instance: ${perInstance.join(' / ')}`);
    if (perInstance.some((n) => n === 0))
      throw new Error('an instance answered no picks: nginx did not spread them');
    if (rush.unexpected > 0) throw new Error(`${rush.unexpected} unexpected pick answers`);

    const audit = openDatabase(cluster.database.url);
    const found = await auditOpening(audit.db, data.eventId, rush.confirmed).finally(() => audit.close());
    printFigure('picks_per_s', rush.confirmed.size / (rush.selloutMs / 1000), 0);
    printFigure('pick_p50_ms', percentile(rush.latencies, 50), 1);
    printFigure('pick_p99_ms', percentile(rush.latencies, 99), 1);
    printFigure('sold', rush.confirmed.size, 0);
    printFigure('oversold', found.duplicates + found.inconsistent + rush.oversoldResponses, 0);
    printFigure('lost_confirmations', found.lostConfirmations, 0);
  } finally {
    for (const connection of connections) connection.close();
  }
}
