/**
 * Reports: the daily report (issue 16) — at a set time each day (setting reports.dailyReportTime)
 * a one-page PDF per project and per desk of yesterday's figures, conformance misses and the
 * three worst items, archived and sent to the project's managers and department heads.
 */

// The job and the notification templates register at load.
import './daily-report.job.js';
import './reports.notifications.js';

export { dailyReportJobKind, scheduleDailyReports } from './daily-report.job.js';
export { prepareDailyReports, storeDailyReports } from './daily-report.service.js';
export { reportsRoutes } from './reports.routes.js';
export { findDailyReports, generateDailyReportsNow, getDailyReportPdf } from './reports.service.js';
export type { ReportsTables } from './reports.tables.js';
