import { type Expression, type SqlBool, sql } from 'kysely';
import type { CheckStatus, SubjectKind } from '../../../contracts/conformance.js';
import type { Tx } from '../../platform/db/database.js';

// Reads for scorecards, the drill-down and the daily report.

export interface DailyFilter {
  companyId: string;
  from: string;
  to: string;
  projectId?: string;
  deskId?: string;
  staffIds?: string[];
  kinds?: SubjectKind[];
  checkIds?: string[];
  /** Who may see what (conformance.scope.ts); absent for the system (the daily report). */
  visible?: Expression<SqlBool>;
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

/** The rollup's counts within the filter, summed per group. */
export async function sumDaily(
  db: Tx,
  filter: DailyFilter,
  groups: readonly DailyGroup[],
): Promise<Partial<DailySum>[]> {
  let query = db
    .selectFrom('conformanceDaily')
    .where('conformanceDaily.companyId', '=', filter.companyId)
    .where('conformanceDaily.day', '>=', filter.from)
    .where('conformanceDaily.day', '<=', filter.to);
  if (filter.projectId) query = query.where('conformanceDaily.projectId', '=', filter.projectId);
  if (filter.deskId) query = query.where('conformanceDaily.deskId', '=', filter.deskId);
  if (filter.staffIds)
    query = query.where(
      'conformanceDaily.staffId',
      'in',
      filter.staffIds.length ? filter.staffIds : ['\u0000'],
    );
  if (filter.kinds?.length) query = query.where('conformanceDaily.subjectKind', 'in', filter.kinds);
  if (filter.checkIds)
    query = query.where(
      'conformanceDaily.checkId',
      'in',
      filter.checkIds.length ? filter.checkIds : ['\u0000'],
    );
  if (filter.visible) query = query.where(filter.visible);
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

export interface ScoreFilter {
  companyId: string;
  from: string;
  to: string;
  projectId?: string;
  deskId?: string;
  staffIds?: string[];
  kinds?: SubjectKind[];
  /** Rows where one of these (rulebook version, 1-based letter position) pairs has the status. */
  positions?: Array<{ rulebookVersion: string; position: number }>;
  status?: CheckStatus;
  /** Without `positions`: subjects with at least one check of this status. */
  visible?: Expression<SqlBool>;
}

const letterOf: Record<CheckStatus, string> = { met: 'm', missed: 'x', not_applicable: 'n', pending: 'p' };
const countColumn = {
  met: 'met',
  missed: 'missed',
  not_applicable: 'notApplicable',
  pending: 'pending',
} as const;

function scoresWhere(db: Tx, filter: ScoreFilter) {
  let query = db
    .selectFrom('conformanceScores')
    .where('conformanceScores.companyId', '=', filter.companyId)
    .where('conformanceScores.day', '>=', filter.from)
    .where('conformanceScores.day', '<=', filter.to);
  if (filter.projectId) query = query.where('conformanceScores.projectId', '=', filter.projectId);
  if (filter.deskId) query = query.where('conformanceScores.deskId', '=', filter.deskId);
  if (filter.staffIds)
    query = query.where(
      'conformanceScores.staffId',
      'in',
      filter.staffIds.length ? filter.staffIds : ['\u0000'],
    );
  // An empty list of kinds shows nothing (a caller who may see none of the records behind the scores).
  if (filter.kinds)
    query = filter.kinds.length
      ? query.where('conformanceScores.subjectKind', 'in', filter.kinds)
      : query.where(sql<boolean>`1 = 0`);
  if (filter.positions) {
    const letter = letterOf[filter.status ?? 'missed'];
    const terms = filter.positions.map(
      (at) =>
        sql<SqlBool>`(conformance_scores.rulebook_version = ${at.rulebookVersion} and substr(conformance_scores.outcomes, ${at.position}, 1) = ${letter})`,
    );
    query = query.where(terms.length ? sql<SqlBool>`(${sql.join(terms, sql` or `)})` : sql<SqlBool>`1 = 0`);
  } else if (filter.status) query = query.where(`conformanceScores.${countColumn[filter.status]}`, '>', 0);
  if (filter.visible) query = query.where(filter.visible);
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
