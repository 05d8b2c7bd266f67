import type { SubjectKind } from '../../../contracts/conformance.js';
import type { SalesFigures } from '../../../contracts/dashboard.js';
import type { Localized } from '../../../contracts/locales.js';
import type { Db } from '../../platform/db/database.js';
import { salesFigures } from '../dashboard/index.js';

// The figures the daily report reads from other modules, with the signatures their owners
// publish (conformance: summarizeConformance, dashboard: salesFigures).

export type { SalesFigures } from '../../../contracts/dashboard.js';

export interface ConformanceSummary {
  met: number;
  missed: number;
  notApplicable: number;
  score: number | null;
  byRule: Array<{ ruleId: string; checkId: string; title: Localized; met: number; missed: number }>;
  worst: Array<{
    subjectKind: SubjectKind;
    subjectId: string;
    occurredAt: string;
    staffName: string | null;
    missedChecks: Array<{ checkId: string; title: Localized }>;
  }>;
}

/** A sales project's figures for Shanghai days [from, to] (the dashboard's funnel and sales). */
export async function salesFiguresOf(
  db: Db,
  query: { projectId: string; from: string; to: string },
): Promise<SalesFigures> {
  return salesFigures(db, query);
}

/** Conformance of a project or desk for Shanghai days [from, to]; null until the conformance module provides it. */
export async function conformanceOf(
  _db: Db,
  _query: { companyId: string; projectId?: string; deskId?: string; from: string; to: string },
): Promise<ConformanceSummary | null> {
  return null;
}
