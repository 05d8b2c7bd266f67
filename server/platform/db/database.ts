import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type pg from 'pg';
import type { JobTables } from '../jobs/jobs.tables.js';
import type { LiveTables } from '../live/live.tables.js';
import { preparesMarkedStatements } from './prepared.js';

/**
 * The database as Kysely sees it. The platform declares its own tables here; the modules' tables are
 * merged in by server/database.ts, where the app is composed, so the platform never imports a module.
 */
export interface DB extends JobTables, LiveTables {}

export type DialectName = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
/** A transaction is used wherever a Db is: use cases accept either. */
export type Tx = Transaction<DB> | Kysely<DB>;

export { isPostgres } from './dialect.js';

export interface Database {
  db: Db;
  dialect: DialectName;
  url: string;
  /** The raw better-sqlite3 handle (SQLite only), for online backup. */
  sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

let postgresClient: typeof pg | undefined;

/**
 * The PostgreSQL client, loaded when a PostgreSQL database is first opened: an office on SQLite
 * never pays its memory. (pg is CommonJS, so a synchronous require serves the synchronous open.)
 */
export function loadPostgresClient(): typeof pg {
  if (!postgresClient) {
    postgresClient = createRequire(import.meta.url)('pg') as typeof pg;
    // COUNT(*) and BIGINT columns (money in fen) come back from pg as strings; every value we keep in
    // BIGINT is far below 2^53, so parsing to number is exact.
    postgresClient.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
  }
  return postgresClient;
}

export function parseDatabaseUrl(url: string): { dialect: DialectName; target: string } {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://'))
    return { dialect: 'postgres', target: url };
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', target: url.slice('sqlite:'.length) };
  if (url.startsWith('file:')) return { dialect: 'sqlite', target: url.slice('file:'.length) };
  throw new Error(`DATABASE_URL must start with sqlite:, file: or postgres:// (got ${url.split(':')[0]})`);
}

/**
 * better-sqlite3 compiles SQL on every prepare(), and Kysely prepares each query it runs; the same
 * SQL text comes back all day with other parameters, so compiled statements are kept (least
 * recently used dropped first). A statement still being iterated is busy: that caller gets a new one.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, size = 1000) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string): SqliteDatabase.Statement {
      const cached = statements.get(source);
      if (cached && !cached.busy) {
        statements.delete(source);
        statements.set(source, cached);
        return cached;
      }
      const statement = sqlite.prepare(source);
      if (!cached) {
        statements.set(source, statement);
        if (statements.size > size) statements.delete(statements.keys().next().value as string);
      }
      return statement;
    },
  };
}

export interface OpenOptions {
  poolSize?: number;
  /**
   * PostgreSQL: a pooled connection dropped by the server (a restart, a terminated backend). The
   * pool replaces it on next use; the default writes one line to stderr.
   */
  onConnectionError?: (error: Error) => void;
}

/** How long a request waits for a pooled connection before it is answered 503 (never a hang until the proxy gives up). */
const connectTimeoutMs = 10_000;

export function openDatabase(url: string, options: OpenOptions = {}): Database {
  const { dialect, target } = parseDatabaseUrl(url);
  if (dialect === 'sqlite') {
    if (target !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    const sqlite = new SqliteDatabase(target);
    // WAL + FULL: every commit is on disk (the WAL fsynced) before it is acknowledged, so not even
    // a power cut loses a confirmed pick, deposit or call; the fsync costs ~0.15 ms a commit here,
    // and the busy paths (picks, CTI events, imports) share one commit between many changes.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    // Checkpoint every ~40 MB of WAL instead of ~4 MB: the commit that crosses the mark copies the
    // WAL into the database and fsyncs it, inside a request; rarer checkpoints copy a page changed
    // by many commits once. Durability is unchanged (the WAL is the commit either way).
    sqlite.pragma('wal_autocheckpoint = 10000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      plugins: [new CamelCasePlugin()],
    });
    return { db, dialect, url, sqlite, close: () => db.destroy() };
  }
  const pool = new (loadPostgresClient().Pool)({
    connectionString: target,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: connectTimeoutMs,
  });
  const onConnectionError =
    options.onConnectionError ??
    ((error: Error) => process.stderr.write(`database connection lost: ${error.message}\n`));
  // An 'error' event nobody listens to kills node. A connection the server drops emits one on its
  // client; the pool listens there only while the client is idle (and then re-emits it on itself),
  // so a client lent out, between the queries of a transaction say, would take the process down.
  // Each client gets a listener of its own for its whole life, which reports the loss; a query
  // running on it fails by itself, and the pool discards the client when it comes back.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', onConnectionError);
    preparesMarkedStatements(client);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return { db, dialect, url, close: () => db.destroy() };
}
