import { type Expression, type SqlBool, sql } from 'kysely';
import type { CheckStatus, SubjectKind } from '../../../contracts/conformance.js';
import type { Tx } from '../../platform/db/database.js';

// Reads for scorecards, the drill-down and the daily report.

interface SharedFilter {
  companyId: string;
  from: string;
  to: string;
  projectId?: string;
  deskId?: string;
  staffIds?: string[];
  kinds?: SubjectKind[];
  /** Who may see what (conformance.scope.ts); absent for the system (the daily report). */
  visible?: Expression<SqlBool>;
}

export interface DailyFilter extends SharedFilter {
  checkIds?: string[];
}

export type DailyGroup = 'day' | 'projectId' | 'deskId' | 'staffId' | 'checkId' | 'ruleId' | 'subjectKind';

export interface DailySum {
  day: string;
  projectId: string;
  deskId: string;
  staffId: string;
  checkId: string;
  ruleId: string;
  subjectKind: SubjectKind;
  met: number;
  missed: number;
  notApplicable: number;
}

/**
 * The filter both tables share, as one condition on `table`. An empty list (staff, kinds, checks)
 * matches nothing: a caller who may see none of the records behind the scores sees no figures
 * either, rather than all of them.
 */
function withinFilter(
  table: 'conformanceDaily' | 'conformanceScores',
  filter: SharedFilter & { checkIds?: string[] },
) {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  const oneOf = (name: string, values: readonly string[]) =>
    values.length ? sql<SqlBool>`${column(name)} in (${sql.join(values)})` : sql<SqlBool>`1 = 0`;
  const terms = [
    sql<SqlBool>`${column('companyId')} = ${filter.companyId}`,
    sql<SqlBool>`${column('day')} >= ${filter.from}`,
    sql<SqlBool>`${column('day')} <= ${filter.to}`,
  ];
  if (filter.projectId) terms.push(sql<SqlBool>`${column('projectId')} = ${filter.projectId}`);
  if (filter.deskId) terms.push(sql<SqlBool>`${column('deskId')} = ${filter.deskId}`);
  if (filter.staffIds) terms.push(oneOf('staffId', filter.staffIds));
  if (filter.kinds) terms.push(oneOf('subjectKind', filter.kinds));
  if (filter.checkIds) terms.push(oneOf('checkId', filter.checkIds));
  if (filter.visible) terms.push(sql<SqlBool>`${filter.visible}`);
  return sql<SqlBool>`(${sql.join(terms, sql` and `)})`;
}

/** The rollup's counts within the filter, summed per group. */
export async function sumDaily(
  db: Tx,
  filter: DailyFilter,
  groups: readonly DailyGroup[],
): Promise<Partial<DailySum>[]> {
  const query = db.selectFrom('conformanceDaily').where(withinFilter('conformanceDaily', filter));
  const columns = groups.map((group) => `conformanceDaily.${group}` as const);
  const rows = await query
    .select(columns)
    .select((eb) => [
      eb.fn.sum<number>('conformanceDaily.met').as('met'),
      eb.fn.sum<number>('conformanceDaily.missed').as('missed'),
      eb.fn.sum<number>('conformanceDaily.notApplicable').as('notApplicable'),
    ])
    .$if(columns.length > 0, (q) => q.groupBy(columns))
    .execute();
  return rows.map((row) => ({
    ...row,
    met: Number(row.met ?? 0),
    missed: Number(row.missed ?? 0),
    notApplicable: Number(row.notApplicable ?? 0),
  })) as Partial<DailySum>[];
}

export interface ScoreFilter extends SharedFilter {
  /** Rows where one of these (rulebook version, 1-based letter position) pairs has the status. */
  positions?: Array<{ rulebookVersion: string; position: number }>;
  /** Without `positions`: subjects with at least one check of this status. */
  status?: CheckStatus;
}

const letterOf: Record<CheckStatus, string> = { met: 'm', missed: 'x', not_applicable: 'n', pending: 'p' };
const countColumn = {
  met: 'met',
  missed: 'missed',
  not_applicable: 'notApplicable',
  pending: 'pending',
} as const;

function scoresWhere(db: Tx, filter: ScoreFilter) {
  let query = db.selectFrom('conformanceScores').where(withinFilter('conformanceScores', filter));
  if (filter.positions) {
    const letter = letterOf[filter.status ?? 'missed'];
    const terms = filter.positions.map(
      (at) =>
        sql<SqlBool>`(conformance_scores.rulebook_version = ${at.rulebookVersion} and substr(conformance_scores.outcomes, ${at.position}, 1) = ${letter})`,
    );
    query = query.where(terms.length ? sql<SqlBool>`(${sql.join(terms, sql` or `)})` : sql<SqlBool>`1 = 0`);
  } else if (filter.status) query = query.where(`conformanceScores.${countColumn[filter.status]}`, '>', 0);
  return query;
}

export type ScoreSort = 'occurredAt' | 'missed' | 'met';

/** A page of scored subjects and how many match. */
export async function findScorePage(
  db: Tx,
  filter: ScoreFilter,
  page: { offset: number; limit: number; sort: ScoreSort; order: 'asc' | 'desc' },
) {
  const base = scoresWhere(db, filter);
  const rows = await base
    .selectAll('conformanceScores')
    .orderBy(`conformanceScores.${page.sort}`, page.order)
    .orderBy('conformanceScores.subjectId', page.order)
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  if (rows.length < page.limit && (rows.length > 0 || page.offset === 0))
    return { rows, total: page.offset + rows.length };
  const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.total) };
}

/** The subjects with the most misses in the filter (ties: the latest first). */
export function findWorstScores(db: Tx, filter: ScoreFilter, limit: number) {
  return scoresWhere(db, filter)
    .selectAll('conformanceScores')
    .where('conformanceScores.missed', '>', 0)
    .orderBy('conformanceScores.missed', 'desc')
    .orderBy('conformanceScores.occurredAt', 'desc')
    .limit(limit)
    .execute();
}
