import { generateDailyReportsNow } from '../../modules/reports/index.js';
import type { SiteContext } from './site.js';

/** The estate's daily report of the day before (its PDF is served at /api/reports/daily/:id/pdf). */
export async function buildDailyReport(ctx: SiteContext) {
  const day = new Date(ctx.now.getTime() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  const reports = await generateDailyReportsNow(ctx.db, {
    actor: ctx.system,
    projectId: ctx.estate.projectId,
    day,
    now: ctx.now,
  });
  const report = reports.find((item) => item.kind === 'project');
  if (!report) throw new Error('the estate report was not made');
  ctx.add('dailyReport', report.id, { markers: [report.title], scoped: ctx.estate, table: 'dailyReports' });
}
