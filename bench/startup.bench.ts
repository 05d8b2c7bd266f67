import autocannon from 'autocannon';
import { buildServer } from '../scripts/build.js';
import { printFigure, rssMegabytes, signInHeaders, startBenchServer } from './bench-server.js';

// Issue 2 figures: first start (migrations + demo data) to ready, idle RSS, and the p99 of an
// authenticated read under 50 concurrent clients. Targets: < 10 s, < 150 MB, < 20 ms.
await buildServer();
// As `npm start` runs it: the default log level (one JSON line per request), not the quieter one
// the other benchmarks use.
const server = await startBenchServer({ env: { LOG_LEVEL: 'info' } });
try {
  printFigure('first_start_s', server.readyAfterMs / 1000);

  await new Promise((resolve) => setTimeout(resolve, 5000));
  printFigure('idle_rss_mb', rssMegabytes(server.pid), 1);

  const headers = await signInHeaders(server.baseUrl, 'admin', 'Yingke2026');
  const run = (duration: number, path = '/api/org/projects') =>
    autocannon({
      url: `${server.baseUrl}${path}`,
      connections: 50,
      duration,
      headers: { cookie: headers.cookie },
    });
  await run(3); // warm-up: JIT and caches
  // The floor in the same run: the same 50 clients on the health probe, which runs every hook
  // (session, security headers, logging) but no handler work — what this machine allows at all.
  const floor = await run(5, '/healthz');
  const result = await run(15);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`read benchmark saw ${result.non2xx} non-2xx and ${result.errors} errors`);
  process.stderr.write(
    `authenticated reads: ${Math.round(result.requests.average)} req/s over ${result.requests.total} requests\n`,
  );
  printFigure('read_p99_ms', result.latency.p99);
  printFigure('health_p99_ms', floor.latency.p99);
} finally {
  await server.stop();
}
