import type { SubjectKind } from '../../../contracts/conformance.js';
import type { Db } from '../../platform/db/database.js';
import type { FactSource, SubjectFacts } from './checks/index.js';
import * as queries from './conformance.queries.js';
import { evaluateSubject, outcomeHash, shanghaiDay, statusOf } from './conformance.rules.js';
import type { ConformanceDailyTable, ConformanceScoresTable } from './conformance.tables.js';
import {
  currentRulebook,
  ensureRulebook,
  loadRulebooks,
  type Rulebook,
  type RulebookByKind,
} from './rulebook.js';

type DailyDeltas = Map<string, ConformanceDailyTable>;

function addToDaily(
  deltas: DailyDeltas,
  place: Pick<
    ConformanceScoresTable,
    'day' | 'companyId' | 'projectId' | 'deskId' | 'staffId' | 'subjectKind'
  >,
  checks: ReadonlyArray<{ id: string; ruleId: string }>,
  outcomes: string,
  sign: 1 | -1,
): void {
  for (let index = 0; index < outcomes.length && index < checks.length; index++) {
    const status = statusOf(outcomes[index]);
    if (status === 'pending') continue;
    const check = checks[index];
    const deskId = place.deskId ?? '';
    const staffId = place.staffId ?? '';
    const key = `${place.day}|${place.projectId}|${deskId}|${staffId}|${place.subjectKind}|${check.id}`;
    let row = deltas.get(key);
    if (!row) {
      row = {
        day: place.day,
        companyId: place.companyId,
        projectId: place.projectId,
        deskId,
        staffId,
        subjectKind: place.subjectKind,
        checkId: check.id,
        ruleId: check.ruleId,
        met: 0,
        missed: 0,
        notApplicable: 0,
      };
      deltas.set(key, row);
    }
    if (status === 'met') row.met += sign;
    else if (status === 'missed') row.missed += sign;
    else row.notApplicable += sign;
  }
}

export interface ScoreOptions {
  /** The current rulebook unless a test brings its own. */
  rulebook?: Rulebook;
  /** A rescoring from scratch: nothing is stored yet, so nothing is read back to subtract. */
  fresh?: boolean;
}

/**
 * CONF: evaluates every check of each subject's kind and stores the scores, with the rollup's
 * deltas (the old outcomes taken out, the new put in), in one transaction. A subject whose
 * placement and outcomes did not change is not written again.
 */
export async function scoreSubjects(
  db: Db,
  facts: readonly SubjectFacts[],
  now: Date,
  options: ScoreOptions = {},
): Promise<{ scored: number; written: number }> {
  if (facts.length === 0) return { scored: 0, written: 0 };
  const rulebook = options.rulebook ?? currentRulebook;
  await ensureRulebook(db, rulebook, now);
  const rulebooks = await loadRulebooks(db);
  const byKind = new Map<SubjectKind, Map<string, SubjectFacts>>();
  for (const fact of facts) {
    const group = byKind.get(fact.kind) ?? new Map<string, SubjectFacts>();
    group.set(fact.id, fact);
    byKind.set(fact.kind, group);
  }
  const scoredAt = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const rows: ConformanceScoresTable[] = [];
    const deltas: DailyDeltas = new Map();
    let scored = 0;
    for (const [kind, group] of byKind) {
      const checks = rulebook.definitionsOf(kind);
      if (checks.length === 0) continue;
      const described = rulebook.byKind.get(kind) ?? [];
      const old = new Map<string, ConformanceScoresTable>();
      if (!options.fresh) {
        const ids = [...group.keys()];
        for (let start = 0; start < ids.length; start += 500)
          for (const row of await queries.findScores(trx, kind, ids.slice(start, start + 500)))
            old.set(row.subjectId, row);
      }
      for (const fact of group.values()) {
        scored++;
        const evaluation = evaluateSubject(checks, fact, now);
        const hash = outcomeHash(fact, rulebook.version, evaluation);
        const before = old.get(fact.id);
        if (before && before.outcomeHash === hash) continue;
        const row: ConformanceScoresTable = {
          subjectKind: kind,
          subjectId: fact.id,
          companyId: fact.companyId,
          projectId: fact.projectId,
          deskId: fact.deskId,
          staffId: fact.staffId,
          occurredAt: fact.occurredAt,
          day: shanghaiDay(fact.occurredAt),
          rulebookVersion: rulebook.version,
          outcomes: evaluation.outcomes,
          met: evaluation.met,
          missed: evaluation.missed,
          notApplicable: evaluation.notApplicable,
          pending: evaluation.pending,
          recheckAt: evaluation.recheckAt,
          outcomeHash: hash,
          scoredAt,
        };
        rows.push(row);
        if (before) addToDaily(deltas, before, oldChecks(rulebooks, before), before.outcomes, -1);
        addToDaily(deltas, row, described, row.outcomes, 1);
      }
    }
    await queries.upsertScores(trx, rows);
    const changed = [...deltas.values()].filter(
      (row) => row.met !== 0 || row.missed !== 0 || row.notApplicable !== 0,
    );
    await queries.addDailyDeltas(trx, changed);
    return { scored, written: rows.length };
  });
}

function oldChecks(rulebooks: Map<string, RulebookByKind>, row: ConformanceScoresTable) {
  return rulebooks.get(row.rulebookVersion)?.get(row.subjectKind) ?? [];
}

export interface RescoreOptions {
  now: Date;
  /** Only this company's subjects (the others keep their scores); every company when absent. */
  companyId?: string | null;
  onProgress?: (progress: { kind: SubjectKind; scored: number }) => void;
  signal?: AbortSignal;
  pageSize?: number;
  sources: readonly FactSource<SubjectFacts>[];
  rulebook?: Rulebook;
}

/**
 * Scores everything from scratch: forgets the stored scores and rollup and reads every subject of
 * every source, page by page. Stops between pages when `signal` aborts (what was scored stays).
 */
export async function rescoreAll(
  db: Db,
  options: RescoreOptions,
): Promise<{ scored: number; cancelled: boolean }> {
  const companyId = options.companyId ?? null;
  const limit = options.pageSize ?? 5000;
  const rulebook = options.rulebook ?? currentRulebook;
  await queries.deleteScores(db, companyId);
  await queries.dropScoreIndexes(db);
  try {
    return await rescoreSources(db, options, rulebook, companyId, limit);
  } finally {
    await queries.ensureScoreIndexes(db);
  }
}

async function rescoreSources(
  db: Db,
  options: RescoreOptions,
  rulebook: Rulebook,
  companyId: string | null,
  limit: number,
): Promise<{ scored: number; cancelled: boolean }> {
  const { now, signal } = options;
  let scored = 0;
  for (const source of options.sources) {
    if (rulebook.definitionsOf(source.kind).length === 0) continue;
    let afterId: string | null = null;
    for (;;) {
      if (signal?.aborted) return { scored, cancelled: true };
      const page: SubjectFacts[] = await source.changed(db, { since: null, afterId, limit });
      if (page.length === 0) break;
      afterId = page[page.length - 1].id;
      const mine = companyId === null ? page : page.filter((fact) => fact.companyId === companyId);
      scored += (await scoreSubjects(db, mine, now, { fresh: true, rulebook })).scored;
      options.onProgress?.({ kind: source.kind, scored });
      if (page.length < limit) break;
    }
    await queries.saveCursor(db, source.kind, now.toISOString());
  }
  return { scored, cancelled: false };
}

const indexesChecked = new WeakSet<Db>();

/**
 * Incremental scoring: every source's subjects changed since its last run (less `overlapMs`, for
 * rows committed late by a slower transaction), then every subject whose pending check came due.
 */
export async function scoreChanges(
  db: Db,
  options: {
    now: Date;
    sources: readonly FactSource<SubjectFacts>[];
    overlapMs?: number;
    pageSize?: number;
    rulebook?: Rulebook;
  },
): Promise<{ scored: number; rechecked: number }> {
  const { now, sources } = options;
  const rulebook = options.rulebook ?? currentRulebook;
  const limit = options.pageSize ?? 1000;
  if (!indexesChecked.has(db)) {
    await queries.ensureScoreIndexes(db);
    indexesChecked.add(db);
  }
  const overlapMs = options.overlapMs ?? 60_000;
  let scored = 0;
  for (const source of sources) {
    if (rulebook.definitionsOf(source.kind).length === 0) continue;
    const last = await queries.findCursor(db, source.kind);
    const since = last === null ? null : new Date(Date.parse(last) - overlapMs).toISOString();
    let afterId: string | null = null;
    for (;;) {
      const page: SubjectFacts[] = await source.changed(db, { since, afterId, limit });
      if (page.length === 0) break;
      afterId = page[page.length - 1].id;
      scored += (await scoreSubjects(db, page, now, { rulebook })).scored;
      if (page.length < limit) break;
    }
    await queries.saveCursor(db, source.kind, now.toISOString());
  }
  let rechecked = 0;
  for (let round = 0; round < 20; round++) {
    const due = await queries.findDueRechecks(db, now.toISOString(), limit);
    if (due.length === 0) break;
    for (const kind of new Set(due.map((row) => row.subjectKind))) {
      const ids = due.filter((row) => row.subjectKind === kind).map((row) => row.subjectId);
      const source = sources.find((candidate) => candidate.kind === kind);
      const facts = source ? await source.byIds(db, ids) : [];
      rechecked += (await scoreSubjects(db, facts, now, { rulebook })).scored;
      // Subjects their source no longer knows (or whose kind lost its checks) stop being rechecked.
      const found = new Set(facts.map((fact) => fact.id));
      await queries.clearRecheck(
        db,
        kind,
        ids.filter((id) => !found.has(id) || rulebook.definitionsOf(kind).length === 0),
      );
    }
    if (due.length < limit) break;
  }
  return { scored, rechecked };
}
