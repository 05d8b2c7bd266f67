import type {
  AwaitingDeposit,
  DashboardPeriod,
  ExpiringHold,
  OverduePayment,
  SalesDashboard,
  SalesFigures,
} from '../../../contracts/dashboard.js';
import type { Role } from '../../../contracts/roles.js';
import { type Actor, hasAnyRole } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { findSourceChannelNames } from '../customers/index.js';
import { findDepositsAwaitingConfirmation, findOverduePayments } from '../deals/index.js';
import { findHoldsExpiringSoon } from '../inventory/index.js';
import { findProjectsOfCompany, getDepartmentById, getVisibleProject } from '../org/index.js';
import { findDirectoryStaff, findStaffNames } from '../staff/index.js';
import { dashboardErrors } from './dashboard.errors.js';
import { computeFigures, namedSources, rankedConsultants } from './dashboard.figures.js';
import { daysInclusive, funnelOf, maxPeriodDays, periodDays, shanghaiDay } from './dashboard.rules.js';

/** Who reads a project's whole figures; a consultant reads their own. */
export const wholeProjectRoles: readonly Role[] = ['manager', 'admin'];
export const dashboardRoles: Role[] = ['manager', 'admin', 'consultant'];
/** Rows each attention list (holds, deposits, overdue payments) shows at most. */
export const attentionLimit = 50;

const entity = localized('项目', '項目', 'Project');

/**
 * The sales figures of one project over Asia/Shanghai days `from` … `to` inclusive, for reports and
 * jobs that act for the company (the daily report): no caller's scope, every consultant counted.
 */
export async function salesFigures(
  db: Db,
  q: { projectId: string; from: string; to: string },
): Promise<SalesFigures> {
  const computed = await computeFigures(
    db,
    { projectIds: [q.projectId], fromDay: q.from, toDay: q.to, withTargets: true },
    { visitSources: false },
  );
  return computed.figures;
}

export interface DashboardQuery {
  actor: Actor;
  projectId?: string;
  period: DashboardPeriod;
  /** The day the period is taken around (default: today in Asia/Shanghai). */
  day?: string;
  fromDay?: string;
  toDay?: string;
  departmentId?: string;
  /** Holds expiring within this many hours are listed. */
  holdHours: number;
  now: Date;
}

/**
 * Which projects the caller reads and how far: a project asked for must be one of theirs (404
 * otherwise); without one, every project where they manage (or administer), else every project
 * where they sell, with their own figures only.
 */
async function projectsAndReach(db: Db, actor: Actor, projectId: string | undefined) {
  const seen = visibility(actor, 'project');
  if (projectId) {
    seen.assertProject(projectId, entity);
    await getVisibleProject(db, actor, projectId);
    if (hasAnyRole(actor, wholeProjectRoles, projectId))
      return { projectIds: [projectId], reach: 'all' as const };
    if (hasAnyRole(actor, ['consultant'], projectId))
      return { projectIds: [projectId], reach: 'own' as const };
    throw new AppError(commonErrors.NOT_FOUND, { entity });
  }
  const projects = (await findProjectsOfCompany(db, actor.companyId)).map((project) => project.id);
  const managed = projects.filter((id) => hasAnyRole(actor, wholeProjectRoles, id));
  if (managed.length > 0) return { projectIds: managed, reach: 'all' as const };
  return {
    projectIds: projects.filter((id) => hasAnyRole(actor, ['consultant'], id)),
    reach: 'own' as const,
  };
}

/** 案场看板: the period's funnel, sources, ranking, trend and target, and what needs attention now. */
export async function getSalesDashboard(db: Db, query: DashboardQuery): Promise<SalesDashboard> {
  const { actor, now } = query;
  const { fromDay, toDay } = periodDays(query.period, query.day ?? shanghaiDay(now), query);
  const days = daysInclusive(fromDay, toDay);
  if (days < 1 || days > maxPeriodDays)
    throw new AppError(
      dashboardErrors.PERIOD_INVALID,
      { days: maxPeriodDays },
      { toDay: dashboardErrors.PERIOD_INVALID.message },
    );
  const { projectIds, reach } = await projectsAndReach(db, actor, query.projectId);
  let staffIds: string[] | undefined;
  if (reach === 'own') staffIds = [actor.staffId];
  else if (query.departmentId) {
    await getDepartmentById(db, actor, query.departmentId);
    const members = await findDirectoryStaff(
      db,
      { companyId: actor.companyId, departmentId: query.departmentId },
      5000,
    );
    staffIds = members.map((member) => member.id);
  }
  const attention = { projectIds, consultantIds: staffIds, limit: attentionLimit };
  const nowIso = now.toISOString();
  const [computed, channelNames, holds, deposits, overdue] = await Promise.all([
    computeFigures(
      db,
      { projectIds, fromDay, toDay, staffIds, withTargets: staffIds === undefined },
      { visitSources: true },
    ),
    findSourceChannelNames(db, projectIds),
    findHoldsExpiringSoon(db, {
      projectIds,
      holderStaffIds: staffIds,
      now: nowIso,
      until: new Date(now.getTime() + query.holdHours * 3_600_000).toISOString(),
      limit: attentionLimit,
    }),
    findDepositsAwaitingConfirmation(db, attention),
    findOverduePayments(db, { ...attention, today: shanghaiDay(now) }),
  ]);
  const names = await findStaffNames(db, [
    ...computed.consultants.keys(),
    ...holds.map((hold) => hold.holderStaffId ?? ''),
    ...deposits.map((deposit) => deposit.consultantId),
    ...overdue.map((item) => item.consultantId),
  ]);
  // The administrator runs the system and sees no customer's personal data (PRIV): names stay blank.
  const customerName = (projectId: string, name: string) =>
    hasAnyRole(actor, ['manager', 'consultant'], projectId) ? name : '';
  const unnamed = { 'zh-CN': '未登记来源', 'zh-TW': '未登記來源', en: 'No source recorded' }[actor.locale];
  return {
    fromDay,
    toDay,
    reach,
    figures: computed.figures,
    funnel: funnelOf(computed.figures),
    sources: namedSources(computed.sources, channelNames, unnamed),
    consultants: rankedConsultants(computed.consultants, names),
    trend: computed.trend,
    holdsExpiring: holds.map(
      (hold): ExpiringHold => ({
        unitId: hold.id,
        projectId: hold.projectId,
        unitLabel: hold.label,
        holderName: names.get(hold.holderStaffId ?? '') ?? '',
        expiresAt: hold.holdExpiresAt ?? '',
      }),
    ),
    depositsAwaiting: deposits.map(
      (deposit): AwaitingDeposit => ({
        depositId: deposit.id,
        projectId: deposit.projectId,
        planId: deposit.planId,
        unitNumber: deposit.unitNumber,
        customerName: customerName(deposit.projectId, deposit.customerName),
        consultantName: names.get(deposit.consultantId) ?? '',
        amountFen: deposit.amountFen,
        requestedAt: deposit.requestedAt,
      }),
    ),
    overduePayments: overdue.map(
      (item): OverduePayment => ({
        paymentItemId: item.id,
        projectId: item.projectId,
        transactionFileId: item.transactionFileId,
        label: item.label,
        unitNumber: item.unitNumber,
        customerName: customerName(item.projectId, item.customerName),
        consultantName: names.get(item.consultantId) ?? '',
        outstandingFen: item.amountFen - item.paidFen,
        dueOn: item.dueOn,
      }),
    ),
  };
}
