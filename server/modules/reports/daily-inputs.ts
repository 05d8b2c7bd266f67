import type { SubjectKind } from '../../../contracts/conformance.js';
import type { Localized } from '../../../contracts/locales.js';
import type { Db } from '../../platform/db/database.js';

// The figures the daily report reads from other modules, with the signatures their owners
// publish (conformance: summarizeConformance, dashboard: salesFigures).

export interface SalesFigures {
  calls: number;
  visits: number;
  registered: number;
  plans: number;
  deposits: number;
  agreements: number;
  contracts: number;
  paid: number;
  unitsSold: number;
  amountFen: number;
  targetUnits: number | null;
  targetAmountFen: number | null;
}

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

/** A sales project's figures for Shanghai days [from, to]; null until the dashboard module provides them. */
export async function salesFiguresOf(
  _db: Db,
  _query: { projectId: string; from: string; to: string },
): Promise<SalesFigures | null> {
  return null;
}

/** Conformance of a project or desk for Shanghai days [from, to]; null until the conformance module provides it. */
export async function conformanceOf(
  _db: Db,
  _query: { companyId: string; projectId?: string; deskId?: string; from: string; to: string },
): Promise<ConformanceSummary | null> {
  return null;
}
