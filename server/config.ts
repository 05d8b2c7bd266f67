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
  /**
   * JOB_LEASE_MS: a job claimed by an instance that dies is taken over by another this long after
   * the claim's last renewal (renewed every third of it while it runs). Default 30 s.
   */
  jobLeaseMs: number;
  /**
   * DRAIN_DELAY_MS: after SIGTERM the instance keeps serving (while /readyz answers 503) this long
   * before it stops accepting connections, for load balancers that probe /readyz. Default 0.
   */
  drainDelayMs: number;
}

/** A whole number of milliseconds from the environment, within bounds, or the default. */
function millisecondsFrom(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number of milliseconds from ${min} to ${max} (got "${raw}")`);
  return value;
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
    jobLeaseMs: millisecondsFrom(env, 'JOB_LEASE_MS', 30_000, 3000, 3_600_000),
    drainDelayMs: millisecondsFrom(env, 'DRAIN_DELAY_MS', 0, 0, 10_000),
  };
}
