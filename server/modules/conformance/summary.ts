import type { SubjectKind } from '../../../contracts/conformance.js';
import type { Localized } from '../../../contracts/locales.js';
import type { Db } from '../../platform/db/database.js';
import { findStaffNames } from '../staff/index.js';
import { statusOf, tally } from './conformance.rules.js';
import { checksById, loadRulebooks } from './rulebook.js';
import { findWorstScores, sumDaily } from './scorecard.queries.js';

export interface ConformanceSummary {
  met: number;
  missed: number;
  notApplicable: number;
  score: number | null;
  /** Worst first: the most misses, then the lowest score. */
  byRule: Array<{ ruleId: string; checkId: string; title: Localized; met: number; missed: number }>;
  /** The three subjects with the most misses. */
  worst: Array<{
    subjectKind: SubjectKind;
    subjectId: string;
    occurredAt: string;
    staffName: string | null;
    missedChecks: Array<{ checkId: string; title: Localized }>;
  }>;
}

const unknownTitle = (checkId: string): Localized => ({ 'zh-CN': checkId, 'zh-TW': checkId, en: checkId });

/**
 * CONF figures of a company, project or desk over Asia/Shanghai days `from`..`to` (inclusive),
 * for the daily report: no caller's scope (the report is the system's, sent to those entitled).
 */
export async function summarizeConformance(
  db: Db,
  q: { companyId: string; projectId?: string; deskId?: string; from: string; to: string },
): Promise<ConformanceSummary> {
  const filter = { companyId: q.companyId, projectId: q.projectId, deskId: q.deskId, from: q.from, to: q.to };
  const [totals, perCheck, worstRows, titles] = await Promise.all([
    sumDaily(db, filter, []),
    sumDaily(db, filter, ['checkId', 'ruleId']),
    findWorstScores(db, filter, 3),
    checksById(db),
  ]);
  const total = totals[0] ?? { met: 0, missed: 0, notApplicable: 0 };
  const figures = tally(total.met ?? 0, total.missed ?? 0, total.notApplicable ?? 0);
  const byRule = perCheck
    .map((row) => ({
      ruleId: row.ruleId ?? '',
      checkId: row.checkId ?? '',
      title: titles.get(row.checkId ?? '')?.title ?? unknownTitle(row.checkId ?? ''),
      met: row.met ?? 0,
      missed: row.missed ?? 0,
    }))
    .filter((row) => row.met + row.missed > 0)
    .sort(
      (a, b) =>
        b.missed - a.missed ||
        a.met / (a.met + a.missed) - b.met / (b.met + b.missed) ||
        a.checkId.localeCompare(b.checkId),
    );
  const rulebooks = await loadRulebooks(db);
  const names = await findStaffNames(
    db,
    worstRows.flatMap((row) => (row.staffId ? [row.staffId] : [])),
  );
  const worst = worstRows.map((row) => {
    const checks = rulebooks.get(row.rulebookVersion)?.get(row.subjectKind) ?? [];
    const missedChecks = [...row.outcomes].flatMap((letter, index) =>
      statusOf(letter) === 'missed' && checks[index]
        ? [{ checkId: checks[index].id, title: checks[index].title }]
        : [],
    );
    return {
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      occurredAt: row.occurredAt,
      staffName: row.staffId ? (names.get(row.staffId) ?? null) : null,
      missedChecks,
    };
  });
  return { ...figures, notApplicable: figures.notApplicable, byRule, worst };
}
