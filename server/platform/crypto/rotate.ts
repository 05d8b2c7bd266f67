import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import { type DataKey, isEncrypted } from './index.js';

/**
 * Key rotation: every value sealed under the master key is opened with the old key and sealed
 * again under the new one, in one transaction. The platform names no module's table: each module
 * declares its encrypted columns (and the keyed hashes kept beside them) and the caller hands the
 * list in (server/modules/registry.ts → scripts/key-rotate.ts).
 *
 * Names are the camelCase ones of the module's `<m>.tables.ts` (CamelCasePlugin maps them).
 */
export type EncryptedRow = Record<string, unknown>;

export interface EncryptedColumn {
  column: string;
  /** The associated data the value was sealed with, read from its row (the columns in `reads`). */
  context?: (row: EncryptedRow) => string;
  /** Which stored texts are sealed under the master key; default every "v1:" text. */
  isSealed?: (stored: string) => boolean;
  /** A keyed hash of the plaintext kept beside it (lookupHash): checked under the old key, recomputed under the new. */
  lookupHash?: { column: string; input: (plain: string, row: EncryptedRow) => string };
}

export interface EncryptedTable {
  /** The module that owns the table, for the report. */
  owner: string;
  table: string;
  /** The primary key column (one column). */
  key: string;
  /** Other columns the contexts and hash inputs read. */
  reads?: string[];
  columns: EncryptedColumn[];
}

/**
 * Keyed hashes of values the system never keeps (recovery codes): they cannot be recomputed under
 * a new key. The owner decides what becomes of them, inside the rotation's transaction, and says
 * how many rows it changed.
 */
export interface KeyBoundHashes {
  owner: string;
  what: string;
  onRotate: (trx: Tx, now: Date) => Promise<number>;
}

export interface RotationReport {
  /** Values re-encrypted, per "table.column". */
  reencrypted: Record<string, number>;
  /** Lookup hashes recomputed, per "table.column". */
  rehashed: Record<string, number>;
  /** Stored texts left as they are because they are not sealed under the master key (legacy formats). */
  skipped: Record<string, number>;
  /** What each KeyBoundHashes owner did ("staff: recovery codes" → rows). */
  voided: Record<string, number>;
}

/** The old key does not open what is stored (or a hash does not match): nothing was changed. */
export class KeyRotationRefused extends Error {
  constructor(
    message: string,
    readonly failures: string[],
  ) {
    super(message);
  }
}

const pageSize = 200;

function addTo(counts: Record<string, number>, name: string, by = 1) {
  counts[name] = (counts[name] ?? 0) + by;
}

/** Reads a table's rows in key order, a page at a time (ID copies make rows large). */
async function* rowsOf(trx: Tx, table: EncryptedTable): AsyncGenerator<EncryptedRow> {
  const columns = [
    table.key,
    ...(table.reads ?? []),
    ...table.columns.flatMap((column) => [
      column.column,
      ...(column.lookupHash ? [column.lookupHash.column] : []),
    ]),
  ];
  const selected = sql.join(columns.map((column) => sql.ref(column)));
  let after: unknown = null;
  for (;;) {
    const page = await sql<EncryptedRow>`select ${selected} from ${sql.table(table.table)}
      ${after === null ? sql`` : sql`where ${sql.ref(table.key)} > ${after}`}
      order by ${sql.ref(table.key)} limit ${pageSize}`.execute(trx);
    for (const row of page.rows) yield row;
    if (page.rows.length < pageSize) return;
    after = page.rows[page.rows.length - 1][table.key];
  }
}

/** The new values of one row's columns, or the reasons it cannot be moved to the new key. */
function rekeyRow(
  table: EncryptedTable,
  row: EncryptedRow,
  keys: { from: DataKey; to: DataKey },
  report: RotationReport,
): { change: EncryptedRow; failures: string[] } {
  const change: EncryptedRow = {};
  const failures: string[] = [];
  for (const column of table.columns) {
    const name = `${table.table}.${column.column}`;
    const stored = row[column.column];
    if (typeof stored !== 'string' || !isEncrypted(stored)) continue;
    if (column.isSealed && !column.isSealed(stored)) {
      addTo(report.skipped, name);
      continue;
    }
    const context = column.context?.(row);
    let plain: Buffer;
    try {
      plain = keys.from.decryptBytes(stored, context);
    } catch {
      failures.push(`${name} (${table.key} ${String(row[table.key])}) does not decrypt with the old key`);
      continue;
    }
    const sealed = keys.to.encryptBytes(plain, context);
    // Proven before it is written: the new text opens under the new key to the same bytes.
    if (!keys.to.decryptBytes(sealed, context).equals(plain))
      failures.push(`${name} (${table.key} ${String(row[table.key])}) did not round-trip under the new key`);
    change[column.column] = sealed;
    addTo(report.reencrypted, name);
    if (column.lookupHash) {
      const input = column.lookupHash.input(plain.toString('utf8'), row);
      const hashName = `${table.table}.${column.lookupHash.column}`;
      if (row[column.lookupHash.column] !== keys.from.lookupHash(input))
        failures.push(
          `${hashName} (${table.key} ${String(row[table.key])}) is not the old key's hash of its value`,
        );
      change[column.lookupHash.column] = keys.to.lookupHash(input);
      addTo(report.rehashed, hashName);
    }
  }
  return { change, failures };
}

/** Paging is by key, which an update leaves alone, so rows are written as they are read. */
async function updateRow(trx: Tx, table: EncryptedTable, key: unknown, change: EncryptedRow) {
  const assignments = sql.join(
    Object.entries(change).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
  );
  await sql`update ${sql.table(table.table)} set ${assignments} where ${sql.ref(table.key)} = ${key}`.execute(
    trx,
  );
}

/**
 * Moves every registered value from the `from` key to the `to` key in one transaction. Refuses
 * (KeyRotationRefused, nothing changed) if any value does not open under the old key. `inside`
 * runs last in the same transaction (the caller's audit row).
 */
export async function reencryptAll(
  db: Db,
  options: {
    from: DataKey;
    to: DataKey;
    tables: EncryptedTable[];
    keyBound?: KeyBoundHashes[];
    now: Date;
    inside?: (trx: Tx, report: RotationReport) => Promise<void>;
  },
): Promise<RotationReport> {
  const report: RotationReport = { reencrypted: {}, rehashed: {}, skipped: {}, voided: {} };
  return db.transaction().execute(async (trx) => {
    const failures: string[] = [];
    for (const table of options.tables)
      for await (const row of rowsOf(trx, table)) {
        const rekeyed = rekeyRow(table, row, options, report);
        failures.push(...rekeyed.failures);
        // Once one value fails everything rolls back: the rest is only read, to list every failure.
        if (failures.length === 0 && Object.keys(rekeyed.change).length)
          await updateRow(trx, table, row[table.key], rekeyed.change);
      }
    if (failures.length)
      throw new KeyRotationRefused(
        `${failures.length} stored value(s) do not fit the old key; nothing was changed`,
        failures,
      );
    for (const bound of options.keyBound ?? [])
      report.voided[`${bound.owner}: ${bound.what}`] = await bound.onRotate(trx, options.now);
    await options.inside?.(trx, report);
    return report;
  });
}
