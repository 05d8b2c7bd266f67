import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromiumPath } from './harness.js';

// Browser tests need Debian's chromium. On a developer machine without it they are skipped with a
// notice; under CI=true a missing browser is a failure, never a skip.
const root = path.resolve(import.meta.dirname, '..');
if (!fs.existsSync(chromiumPath)) {
  const message = `Chromium not found at ${chromiumPath} (apt-get install -y chromium fonts-noto-cjk)`;
  if (process.env.CI === 'true') {
    console.error(`FAIL: ${message}`);
    process.exit(1);
  }
  console.warn(`Skipping browser tests: ${message}`);
  process.exit(0);
}

// The PDFs the product serves are read back with poppler's pdfinfo and pdftotext; a developer
// machine without them gets a notice and the browser tests are skipped, CI fails.
const poppler = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' });
if (poppler.error) {
  const message = 'pdftotext not found (apt-get install -y poppler-utils)';
  if (process.env.CI === 'true') {
    console.error(`FAIL: ${message}`);
    process.exit(1);
  }
  console.warn(`Skipping browser tests: ${message}`);
  process.exit(0);
}

const build = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/build.ts')], {
  stdio: 'inherit',
  cwd: root,
});
if (build.status !== 0) process.exit(build.status ?? 1);

const filters = process.argv.slice(2);
const vitest = path.join(root, 'node_modules/.bin/vitest');
const runVitest = (args: string[]) =>
  spawnSync(vitest, ['run', '--config', 'vitest.e2e.config.ts', ...args], { stdio: 'inherit', cwd: root })
    .status ?? 1;

if (filters.length > 0) process.exit(runVitest(filters));

// The whole suite: every file but the crawl two at a time (E2E_WORKERS; each file has its own server,
// database and browser, so files share nothing but the machine), then the crawl alone, since it
// visits every page as every role and is the one file that is CPU-bound for its whole run.
const workers = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));
const crawl = 'e2e/crawl.e2e.ts';
const rest = runVitest([
  '--exclude',
  crawl,
  `--maxWorkers=${workers}`,
  workers > 1 ? '--fileParallelism' : '--no-file-parallelism',
]);
const crawled = runVitest([crawl]);
process.exit(rest !== 0 ? rest : crawled);
