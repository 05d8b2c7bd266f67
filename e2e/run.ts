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
const result = spawnSync(
  path.join(root, 'node_modules/.bin/vitest'),
  ['run', '--config', 'vitest.e2e.config.ts', ...filters],
  {
    stdio: 'inherit',
    cwd: root,
  },
);
process.exit(result.status ?? 1);
