import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * How the built server is run, by `npm start` (package.json repeats these flags; a test keeps the
 * two equal), the benchmarks and the browser tests. A young generation of 8 MB semi-spaces instead
 * of V8's 16 keeps an idle office server near 140 MB; a request allocates far less than that.
 */
export const serverNodeArgs = ['--enable-source-maps', '--max-semi-space-size=8'];

// `npm start` runs the server as plain JavaScript (compiled here in well under a second): running
// through tsx costs ~50 MB of resident memory for the in-process transform. The UI is rebuilt only
// when a web source is newer than the last build.
const root = path.resolve(import.meta.dirname, '..');

function listFiles(dir: string, keep: (file: string) => boolean): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(full, keep));
    else if (keep(full)) files.push(full);
  }
  return files;
}

function newestMtime(dir: string): number {
  return Math.max(0, ...listFiles(dir, () => true).map((file) => fs.statSync(file).mtimeMs));
}

export async function buildServer(): Promise<void> {
  const isServerSource = (file: string) =>
    file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.includes(`${path.sep}testing${path.sep}`);
  const entryPoints = [
    ...listFiles(path.join(root, 'server'), isServerSource),
    ...listFiles(path.join(root, 'contracts'), isServerSource),
  ];
  fs.rmSync(path.join(root, 'dist/server'), { recursive: true, force: true });
  fs.rmSync(path.join(root, 'dist/contracts'), { recursive: true, force: true });
  await build({
    entryPoints,
    outdir: path.join(root, 'dist'),
    outbase: root,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}

export function buildWebIfNeeded(): void {
  const builtIndex = path.join(root, 'dist/web/index.html');
  const sourceTime = Math.max(
    newestMtime(path.join(root, 'web')),
    newestMtime(path.join(root, 'contracts')),
    ...['vite.config.ts', 'package.json'].map((file) => fs.statSync(path.join(root, file)).mtimeMs),
  );
  const builtTime = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
  if (builtTime >= sourceTime) return;
  console.log('Building the web UI…');
  const result = spawnSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('web build failed');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv[2];
  if (only !== 'server') buildWebIfNeeded();
  if (only !== 'web') await buildServer();
}
