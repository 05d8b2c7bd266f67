import type {
  CheckStatus,
  CheckView,
  ScoredSubject,
  SubjectConformance,
  SubjectKind,
} from '../../../contracts/conformance.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, commonErrors } from '../../platform/errors.js';
import type { FactSource, SubjectFacts } from './checks/index.js';
import * as queries from './conformance.queries.js';
import { evaluateSubject, statusOf, tally } from './conformance.rules.js';
import {
  reachCondition,
  reachOf,
  reachSees,
  recordVisible,
  visibleRecordKinds,
} from './conformance.scope.js';
import type { ConformanceScoresTable } from './conformance.tables.js';
import { loadNames } from './names.js';
import { currentRulebook, loadRulebooks, type Rulebook, type RulebookCheck } from './rulebook.js';
import { findScorePage, type ScoreSort } from './scorecard.queries.js';
import { dailyFilterFor } from './scorecards.js';
import { factSources } from './sources.js';

const subjectEntity = { 'zh-CN': '评分对象', 'zh-TW': '評分對象', en: 'Scored record' };

export interface SubjectsQuery {
  from: string;
  to: string;
  projectId?: string;
  deskId?: string;
  staffId?: string;
  departmentId?: string;
  mine?: boolean;
  kind?: SubjectKind;
  ruleId?: string;
  checkId?: string;
  status?: CheckStatus;
  sort?: ScoreSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** Where each rulebook stores the letters of the checks asked for (by check or by rule). */
function positionsOf(
  rulebooks: Map<string, Map<SubjectKind, RulebookCheck[]>>,
  query: Pick<SubjectsQuery, 'ruleId' | 'checkId' | 'kind'>,
) {
  const positions: Array<{ rulebookVersion: string; position: number }> = [];
  for (const [rulebookVersion, byKind] of rulebooks)
    for (const [kind, checks] of byKind) {
      if (query.kind && kind !== query.kind) continue;
      checks.forEach((check, index) => {
        const matches = query.checkId ? check.id === query.checkId : check.ruleId === query.ruleId;
        if (matches) positions.push({ rulebookVersion, position: index + 1 });
      });
    }
  return positions;
}

function missedChecksOf(
  rulebooks: Map<string, Map<SubjectKind, RulebookCheck[]>>,
  row: ConformanceScoresTable,
) {
  const checks = rulebooks.get(row.rulebookVersion)?.get(row.subjectKind) ?? [];
  return [...row.outcomes].flatMap((letter, index) =>
    statusOf(letter) === 'missed' && checks[index]
      ? [{ checkId: checks[index].id, title: checks[index].title }]
      : [],
  );
}

/** CONF drill-down: the scored subjects the caller may see behind a scorecard's figure. */
/** The kinds a list may show: the one asked for, if its records are the caller's to see. */
function visibleKinds(actor: Actor, asked: SubjectKind | undefined): SubjectKind[] {
  const visible = visibleRecordKinds(actor);
  return asked ? visible.filter((kind) => kind === asked) : visible;
}

export async function findScoredSubjects(
  db: Db,
  options: { actor: Actor; query: SubjectsQuery },
): Promise<{ items: ScoredSubject[]; total: number }> {
  const { actor, query } = options;
  const { reach, filter } = await dailyFilterFor(db, actor, query);
  const rulebooks = await loadRulebooks(db);
  const byCheck = Boolean(query.checkId || query.ruleId);
  const page = await findScorePage(
    db,
    {
      ...filter,
      kinds: visibleKinds(actor, query.kind),
      positions: byCheck ? positionsOf(rulebooks, query) : undefined,
      status: query.status ?? (byCheck ? 'missed' : undefined),
      visible: reachCondition(reach, 'conformance_scores'),
    },
    { offset: query.offset, limit: query.limit, sort: query.sort ?? 'occurredAt', order: query.order },
  );
  const names = await loadNames(
    db,
    actor.companyId,
    page.rows.flatMap((row) => (row.staffId ? [row.staffId] : [])),
  );
  const items = page.rows.map(
    (row): ScoredSubject => ({
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      occurredAt: row.occurredAt,
      projectName: names.projects.get(row.projectId) ?? null,
      deskName: row.deskId ? (names.desks.get(row.deskId) ?? null) : null,
      staffName: row.staffId ? (names.staff.get(row.staffId) ?? null) : null,
      met: row.met,
      missed: row.missed,
      notApplicable: row.notApplicable,
      pending: row.pending,
      score: tally(row.met, row.missed, row.notApplicable).score,
      missedChecks: missedChecksOf(rulebooks, row),
    }),
  );
  return { items, total: page.total };
}

/**
 * CONF subject detail: every check of the subject evaluated now from its recorded facts, with the
 * evidence, beside the stored score and the rulebook that scored it. 404 for what the caller may not see.
 */
export async function getSubjectConformance(
  db: Db,
  options: {
    actor: Actor;
    kind: SubjectKind;
    id: string;
    now: Date;
    sources?: readonly FactSource<SubjectFacts>[];
    rulebook?: Rulebook;
  },
): Promise<SubjectConformance> {
  const { actor, kind, id, now } = options;
  const reach = await reachOf(db, actor);
  const rulebook = options.rulebook ?? currentRulebook;
  const source = (options.sources ?? factSources).find((candidate) => candidate.kind === kind);
  const [facts] = source ? await source.byIds(db, [id]) : [];
  if (!facts || !reachSees(reach, facts) || !(await recordVisible(db, actor, kind, facts)))
    throw new AppError(commonErrors.NOT_FOUND, { entity: subjectEntity });
  const definitions = rulebook.definitionsOf(kind);
  const evaluation = evaluateSubject(definitions, facts, now);
  const checks: CheckView[] = definitions.map((check, index) => {
    const outcome = evaluation.results[index];
    return {
      checkId: check.id,
      ruleId: check.ruleId,
      version: check.version,
      title: check.title,
      status: outcome.status,
      evidence: outcome.evidence.map((item) => ({
        label: item.label,
        value: item.value ?? null,
        at: item.at ?? null,
        link: item.link ?? null,
      })),
      decidesAt: outcome.decidesAt ?? null,
    };
  });
  const stored = await queries.findScore(db, kind, id);
  const rulebookSince = new Map(
    (await queries.findRulebooks(db)).map((row) => [row.version, row.firstUsedAt] as const),
  );
  const names = await loadNames(db, actor.companyId, facts.staffId ? [facts.staffId] : []);
  return {
    kind,
    id,
    occurredAt: facts.occurredAt,
    projectId: facts.projectId,
    projectName: names.projects.get(facts.projectId) ?? null,
    deskId: facts.deskId,
    staffId: facts.staffId,
    staffName: facts.staffId ? (names.staff.get(facts.staffId) ?? null) : null,
    rulebookVersion: rulebook.version,
    rulebookSince: rulebookSince.get(rulebook.version) ?? null,
    checks,
    tally: tally(evaluation.met, evaluation.missed, evaluation.notApplicable),
    stored: stored
      ? {
          ...tally(stored.met, stored.missed, stored.notApplicable),
          pending: stored.pending,
          rulebookVersion: stored.rulebookVersion,
          rulebookSince: rulebookSince.get(stored.rulebookVersion) ?? null,
          scoredAt: stored.scoredAt,
          recheckAt: stored.recheckAt,
        }
      : null,
  };
}
