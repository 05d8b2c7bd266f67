import { CompiledQuery } from 'kysely';
import type { SubjectKind } from '../../../contracts/conformance.js';
import { isPostgres, type Tx } from '../../platform/db/database.js';
import type { ConformanceDailyTable, ConformanceScoresTable } from './conformance.tables.js';

// The storage of scores: the subject rows, the daily rollup, the rulebooks and the cursors.

const scoreColumns = [
  'subject_kind',
  'subject_id',
  'company_id',
  'project_id',
  'desk_id',
  'staff_id',
  'occurred_at',
  'day',
  'rulebook_version',
  'outcomes',
  'met',
  'missed',
  'not_applicable',
  'pending',
  'recheck_at',
  'outcome_hash',
  'scored_at',
] as const;

const dailyColumns = [
  'day',
  'company_id',
  'project_id',
  'desk_id',
  'staff_id',
  'subject_kind',
  'check_id',
  'rule_id',
  'met',
  'missed',
  'not_applicable',
] as const;

const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * A multi-row statement built as text: the same text for every full chunk, so SQLite's statement
 * cache and PostgreSQL's parser see one statement all through a backfill of a million rows.
 */
const statementTexts = new Map<string, string>();

async function insertChunks<Row>(
  db: Tx,
  rows: readonly Row[],
  columns: readonly string[],
  head: string,
  tail: string,
  chunk: number,
): Promise<void> {
  const postgres = isPostgres(db);
  const keys = columns.map(camel);
  for (let start = 0; start < rows.length; start += chunk) {
    const count = Math.min(chunk, rows.length - start);
    const params: unknown[] = new Array(count * keys.length);
    let at = 0;
    for (let index = start; index < start + count; index++) {
      const row = rows[index] as Record<string, unknown>;
      for (const key of keys) params[at++] = row[key];
    }
    const cacheKey = `${postgres}|${head}|${count}`;
    let text = statementTexts.get(cacheKey);
    if (!text) {
      let slot = 0;
      const tuples = Array.from(
        { length: count },
        () => `(${keys.map(() => (postgres ? `$${++slot}` : '?')).join(', ')})`,
      );
      text = `${head} VALUES ${tuples.join(', ')} ${tail}`;
      if (count === chunk) statementTexts.set(cacheKey, text);
    }
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

export function upsertScores(db: Tx, rows: readonly ConformanceScoresTable[]): Promise<void> {
  const updates = scoreColumns
    .filter((column) => column !== 'subject_kind' && column !== 'subject_id')
    .map((column) => `${column} = excluded.${column}`)
    .join(', ');
  return insertChunks(
    db,
    rows,
    scoreColumns,
    `INSERT INTO conformance_scores (${scoreColumns.join(', ')})`,
    `ON CONFLICT (subject_kind, subject_id) DO UPDATE SET ${updates}`,
    500,
  );
}

/** Adds the deltas to the rollup (a row per key at most: Postgres refuses to update a row twice in one statement). */
export function addDailyDeltas(db: Tx, rows: readonly ConformanceDailyTable[]): Promise<void> {
  return insertChunks(
    db,
    rows,
    dailyColumns,
    `INSERT INTO conformance_daily (${dailyColumns.join(', ')})`,
    `ON CONFLICT (day, project_id, desk_id, staff_id, subject_kind, check_id) DO UPDATE SET
       met = conformance_daily.met + excluded.met,
       missed = conformance_daily.missed + excluded.missed,
       not_applicable = conformance_daily.not_applicable + excluded.not_applicable`,
    500,
  );
}

export async function findScores(db: Tx, kind: SubjectKind, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('conformanceScores')
    .selectAll()
    .where('subjectKind', '=', kind)
    .where('subjectId', 'in', ids)
    .execute();
}

export function findScore(db: Tx, kind: SubjectKind, id: string) {
  return db
    .selectFrom('conformanceScores')
    .selectAll()
    .where('subjectKind', '=', kind)
    .where('subjectId', '=', id)
    .executeTakeFirst();
}

/** Subjects with a pending check whose deadline has passed, oldest first. */
export function findDueRechecks(db: Tx, now: string, limit: number) {
  return db
    .selectFrom('conformanceScores')
    .select(['subjectKind', 'subjectId'])
    .where('recheckAt', 'is not', null)
    .where('recheckAt', '<=', now)
    .orderBy('recheckAt')
    .limit(limit)
    .execute();
}

/** Forgets every score (of one company, or all), for a rescoring from scratch. */
export async function deleteScores(db: Tx, companyId: string | null): Promise<void> {
  let scores = db.deleteFrom('conformanceScores');
  let daily = db.deleteFrom('conformanceDaily');
  if (companyId !== null) {
    scores = scores.where('companyId', '=', companyId);
    daily = daily.where('companyId', '=', companyId);
  }
  await scores.execute();
  await daily.execute();
}

export async function insertRulebook(db: Tx, row: { version: string; checks: string; firstUsedAt: string }) {
  await db
    .insertInto('conformanceRulebooks')
    .values(row)
    .onConflict((conflict) => conflict.column('version').doNothing())
    .execute();
}

export function findRulebooks(db: Tx) {
  return db.selectFrom('conformanceRulebooks').selectAll().orderBy('firstUsedAt').execute();
}

export async function findCursor(db: Tx, sourceKind: string): Promise<string | null> {
  const row = await db
    .selectFrom('conformanceCursors')
    .select('lastRunAt')
    .where('sourceKind', '=', sourceKind)
    .executeTakeFirst();
  return row?.lastRunAt ?? null;
}

export async function saveCursor(db: Tx, sourceKind: string, lastRunAt: string): Promise<void> {
  await db
    .insertInto('conformanceCursors')
    .values({ sourceKind, lastRunAt })
    .onConflict((conflict) => conflict.column('sourceKind').doUpdateSet({ lastRunAt }))
    .execute();
}

export async function clearRecheck(db: Tx, kind: SubjectKind, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('conformanceScores')
    .set({ recheckAt: null })
    .where('subjectKind', '=', kind)
    .where('subjectId', 'in', ids)
    .execute();
}

/**
 * The scores' secondary indexes (as the migration made them). A rescoring from scratch drops them
 * and builds them again once the rows are in: a million rows load several times faster without
 * them, and an index built from sorted rows is compact. Incremental scoring makes sure they exist
 * (a rescoring cut short by a crash leaves them out).
 */
const scoreIndexes = [
  { name: 'conformance_scores_company_day', columns: ['company_id', 'day'] },
  { name: 'conformance_scores_project_day', columns: ['project_id', 'day'] },
  { name: 'conformance_scores_staff_day', columns: ['staff_id', 'day'] },
  { name: 'conformance_scores_desk_day', columns: ['desk_id', 'day'] },
] as const;

export async function dropScoreIndexes(db: Tx): Promise<void> {
  for (const index of scoreIndexes) await db.schema.dropIndex(index.name).ifExists().execute();
}

export async function ensureScoreIndexes(db: Tx): Promise<void> {
  for (const index of scoreIndexes)
    await db.schema
      .createIndex(index.name)
      .ifNotExists()
      .on('conformance_scores')
      .columns([...index.columns])
      .execute();
}
