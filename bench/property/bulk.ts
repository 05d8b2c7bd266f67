import type SqliteDatabase from 'better-sqlite3';

// Bulk rows for bench:property: prepared multi-row INSERTs of a table's columns (as a row made
// through the real use case has them), committed by the caller one transaction per batch.

/** A seeded pseudo-random sequence in [0, 1), so every run stores the same data. */
export function seededRandom(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return {
    next,
    /** An integer in [0, n). */
    below: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** Throws unless the generated row has exactly the columns of the row the use case stored. */
export function assertSameShape(
  table: string,
  template: Record<string, unknown>,
  row: Record<string, unknown>,
) {
  const expected = Object.keys(template).sort().join(',');
  const actual = Object.keys(row).sort().join(',');
  if (expected !== actual)
    throw new Error(`${table}: generated columns differ\n  use case: ${expected}\n  bench:    ${actual}`);
}

export function bulkWriter(
  sqlite: SqliteDatabase.Database,
  table: string,
  columns: string[],
  rowsPerInsert = 100,
) {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const many = sqlite.prepare(head + Array(rowsPerInsert).fill(tuple).join(', '));
  const one = sqlite.prepare(head + tuple);
  let pending: unknown[] = [];
  let count = 0;
  let written = 0;
  return {
    add(row: Record<string, unknown>) {
      for (const column of columns) pending.push(row[column]);
      count += 1;
      if (count === rowsPerInsert) {
        many.run(pending);
        written += count;
        pending = [];
        count = 0;
      }
    },
    /** Writes what is left (inside the caller's transaction). */
    flush() {
      for (let index = 0; index < count; index++)
        one.run(pending.slice(index * columns.length, (index + 1) * columns.length));
      written += count;
      pending = [];
      count = 0;
    },
    written: () => written + count,
  };
}

export const isoDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
