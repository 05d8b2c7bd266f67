import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// `npm start` builds the UI only when a source file is newer than the last build.
const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'dist/web/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sources = ['web', 'contracts'].map((dir) => newestMtime(path.join(root, dir)));
const configs = ['vite.config.ts', 'package.json'].map((file) => fs.statSync(path.join(root, file)).mtimeMs);
const sourceTime = Math.max(...sources, ...configs);
const builtTime = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;

if (builtTime >= sourceTime) {
  console.log('Web UI is up to date.');
} else {
  console.log('Building the web UI…');
  const result = spawnSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
