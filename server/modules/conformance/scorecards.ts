import type {
  Scorecard,
  ScorecardLevel,
  ScorecardPeriod,
  ScorecardRow,
  ScorecardRule,
  Tally,
} from '../../../contracts/conformance.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { bucketStart, bucketsBetween, tally } from './conformance.rules.js';
import { reachCondition, reachOf, visibleRecordKinds } from './conformance.scope.js';
import { departmentsOf, loadNames, membersOf } from './names.js';
import { checksById } from './rulebook.js';
import { type DailyFilter, type DailySum, sumDaily } from './scorecard.queries.js';

export interface ScorecardQuery {
  level: ScorecardLevel;
  period: ScorecardPeriod;
  from: string;
  to: string;
  projectId?: string;
  deskId?: string;
  staffId?: string;
  departmentId?: string;
  /** Only the caller's own scores ("my scorecard"). */
  mine?: boolean;
}

/** The rollup filter a caller's scorecard or drill-down reads, within what they may see. */
export async function dailyFilterFor(db: Db, actor: Actor, query: Omit<ScorecardQuery, 'level' | 'period'>) {
  const reach = await reachOf(db, actor);
  let staffIds: string[] | undefined;
  if (query.mine) staffIds = [actor.staffId];
  else if (query.staffId) staffIds = [query.staffId];
  else if (query.departmentId) staffIds = await membersOf(db, actor.companyId, query.departmentId);
  const filter: DailyFilter = {
    companyId: actor.companyId,
    from: query.from,
    to: query.to,
    projectId: query.projectId,
    deskId: query.deskId,
    staffIds,
  };
  return { reach, filter };
}

const sumOf = (rows: ReadonlyArray<Partial<DailySum>>): Tally =>
  tally(
    rows.reduce((total, row) => total + (row.met ?? 0), 0),
    rows.reduce((total, row) => total + (row.missed ?? 0), 0),
    rows.reduce((total, row) => total + (row.notApplicable ?? 0), 0),
  );

/** Worst first: the lowest score, then the most misses; undecided last. */
export function worstFirst<T extends Tally & { key?: string; checkId?: string }>(a: T, b: T): number {
  const scoreA = a.score ?? 2;
  const scoreB = b.score ?? 2;
  return (
    scoreA - scoreB ||
    b.missed - a.missed ||
    (a.checkId ?? a.key ?? '').localeCompare(b.checkId ?? b.key ?? '')
  );
}

/**
 * CONF scorecard: the caller's visible scores over Asia/Shanghai days `from`..`to`, grouped by
 * staff, desk, team or project, with a trend in day, week or month buckets and the rules worst first.
 */
export async function getScorecard(
  db: Db,
  options: { actor: Actor; query: ScorecardQuery },
): Promise<Scorecard> {
  const { actor, query } = options;
  const { reach, filter } = await dailyFilterFor(db, actor, query);
  const visible = { ...filter, visible: reachCondition(reach, 'conformance_daily') };
  const group = query.level === 'desk' ? 'deskId' : query.level === 'project' ? 'projectId' : 'staffId';
  const [byDay, byGroup, byCheck, titles] = await Promise.all([
    sumDaily(db, visible, ['day']),
    sumDaily(db, visible, [group]),
    sumDaily(db, visible, ['checkId', 'ruleId']),
    checksById(db),
  ]);

  const trend = bucketsBetween(query.from, query.to, query.period).map((bucket) => ({
    ...bucket,
    ...sumOf(byDay.filter((row) => bucketStart(row.day ?? '', query.period) === bucket.start)),
  }));

  const staffIds =
    query.level === 'staff' || query.level === 'team' ? byGroup.map((row) => row.staffId ?? '') : [];
  const names = await loadNames(db, actor.companyId, staffIds);
  let grouped: Array<{ key: string; rows: Partial<DailySum>[] }>;
  if (query.level === 'team') {
    const departments = await departmentsOf(db, actor.companyId, staffIds);
    const byTeam = new Map<string, Partial<DailySum>[]>();
    for (const row of byGroup) {
      const team = departments.get(row.staffId ?? '') ?? '';
      byTeam.set(team, [...(byTeam.get(team) ?? []), row]);
    }
    grouped = [...byTeam].map(([key, rows]) => ({ key, rows }));
  } else grouped = byGroup.map((row) => ({ key: (row[group] as string | undefined) ?? '', rows: [row] }));
  const nameOf = (key: string): string => {
    if (key === '') return '';
    const map = { staff: names.staff, desk: names.desks, team: names.departments, project: names.projects }[
      query.level
    ];
    return map.get(key) ?? '';
  };
  const rows: ScorecardRow[] = grouped
    .map(({ key, rows: parts }) => ({ key, name: nameOf(key), ...sumOf(parts) }))
    .sort(worstFirst);

  const rules: ScorecardRule[] = byCheck
    .map((row) => {
      const checkId = row.checkId ?? '';
      const title = titles.get(checkId)?.title ?? { 'zh-CN': checkId, 'zh-TW': checkId, en: checkId };
      return { ruleId: row.ruleId ?? '', checkId, title, ...sumOf([row]) };
    })
    .sort(worstFirst);

  return {
    level: query.level,
    period: query.period,
    from: query.from,
    to: query.to,
    total: sumOf(byDay),
    trend,
    rows,
    rules,
    recordsHidden: visibleRecordKinds(actor).length === 0,
  };
}
