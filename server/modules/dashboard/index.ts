/**
 * The sales-office dashboard (案场看板): the funnel, sources, consultant ranking, trend and monthly
 * targets of a project, and what needs attention (holds expiring, deposits to confirm, overdue
 * payments). Other modules (the daily report) read `salesFigures`; the bench times `dashboardTiming`.
 */
export { dashboardRoutes, dashboardTiming } from './dashboard.routes.js';
export { getSalesDashboard, salesFigures } from './dashboard.service.js';
export type { DashboardTables } from './dashboard.tables.js';
export { findSalesTargets, setSalesTarget } from './targets.service.js';
