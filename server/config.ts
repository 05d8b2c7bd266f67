import fs from 'node:fs';
import path from 'node:path';

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string;
  /** Behind a TLS-terminating proxy, trust X-Forwarded-* so cookies get the Secure flag. */
  trustProxy: boolean;
  logLevel: string;
  webDistDir: string;
  /** How long a claimed job stays leased without renewal before another instance may take it over
   * (JOB_LEASE_MS; the runner's own default when unset). */
  jobLeaseMs?: number;
}

/** The folder with package.json: the same whether running from server/ (tsx) or dist/server/ (npm start). */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(import.meta.dirname);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL ?? `sqlite:${path.join(projectRoot, 'data', 'yingke.db')}`,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    webDistDir: path.join(projectRoot, 'dist', 'web'),
    jobLeaseMs: leaseFrom(env.JOB_LEASE_MS),
  };
}

function leaseFrom(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Number(value);
  // Renewed every third of the lease, at least every second: a shorter lease could lapse while renewed.
  if (!Number.isInteger(ms) || ms < 3000)
    throw new Error(`JOB_LEASE_MS must be a whole number ≥ 3000, not "${value}"`);
  return ms;
}
