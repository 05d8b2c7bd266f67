import type { SalesFigures } from '../../../contracts/dashboard.js';
import type { Db } from '../../platform/db/database.js';
import { type ConformanceSummary, summarizeConformance } from '../conformance/index.js';
import { salesFigures } from '../dashboard/index.js';

// The figures the daily report reads from other modules, with the signatures their owners
// publish (conformance: summarizeConformance, dashboard: salesFigures).

export type { SalesFigures } from '../../../contracts/dashboard.js';
export type { ConformanceSummary } from '../conformance/index.js';

/** A sales project's figures for Shanghai days [from, to] (the dashboard's funnel and sales). */
export async function salesFiguresOf(
  db: Db,
  query: { projectId: string; from: string; to: string },
): Promise<SalesFigures> {
  return salesFigures(db, query);
}

/** Conformance of a project or desk for Shanghai days [from, to] (the scored rules: misses by rule, worst items). */
export async function conformanceOf(
  db: Db,
  query: { companyId: string; projectId?: string; deskId?: string; from: string; to: string },
): Promise<ConformanceSummary> {
  return summarizeConformance(db, query);
}
