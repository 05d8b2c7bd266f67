import type { DailyReportItem } from '../../../contracts/reports.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, commonErrors } from '../../platform/errors.js';
import { getProjectById } from '../org/index.js';
import { prepareDailyReports, storeDailyReports, toReportItem } from './daily-report.service.js';
import { dailyReportEntity, reportsErrors } from './reports.errors.js';
import { canGenerateReports, canReadReport, reportReach } from './reports.policy.js';
import * as queries from './reports.queries.js';
import { shanghaiDay } from './reports.rules.js';

const notFound = () => new AppError(commonErrors.NOT_FOUND, { entity: dailyReportEntity });

/** The archive: the reports the reader may read, newest day first (or oldest, `order: 'asc'`). */
export async function findDailyReports(
  db: Db,
  actor: Actor,
  filter: queries.ReportFilter,
  window: { order: 'asc' | 'desc'; offset: number; limit: number },
): Promise<{ items: DailyReportItem[]; total: number }> {
  const { rows, total } = await queries.findReportsPage(db, reportReach(actor), filter, window);
  return { items: rows.map(toReportItem), total };
}

/** One report's PDF; 404 for a report the reader may not read. */
export async function getDailyReportPdf(db: Db, actor: Actor, id: string) {
  const row = await queries.findReportRow(db, id);
  if (!row || !canReadReport(reportReach(actor), row)) throw notFound();
  const pdf = await queries.findReportPdf(db, id);
  if (!pdf) throw notFound();
  return { fileName: `${row.title}.pdf`, bytes: pdf };
}

/** "Generate now": a manager of the project, or the administrator, redraws a day's reports. */
export async function generateDailyReportsNow(
  db: Db,
  options: { actor: Actor; projectId: string; day: string; now: Date },
): Promise<DailyReportItem[]> {
  const { actor, projectId, day, now } = options;
  const project = await getProjectById(db, actor, projectId);
  if (!canGenerateReports(reportReach(actor), project.id))
    throw new AppError(commonErrors.NOT_FOUND, { entity: dailyReportEntity });
  if (day > shanghaiDay(now))
    throw new AppError(reportsErrors.DAY_IN_FUTURE, {}, { day: reportsErrors.DAY_IN_FUTURE.message });
  const prepared = await prepareDailyReports(db, { project, day, now, by: actor });
  return db.transaction().execute((trx) => storeDailyReports(trx, prepared, { mode: 'replace', actor, now }));
}
