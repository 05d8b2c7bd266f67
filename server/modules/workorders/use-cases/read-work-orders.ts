import type {
  WorkOrderDetail,
  WorkOrderStatus,
  WorkOrderStep,
  WorkOrderSummary,
} from '../../../../contracts/workorders.js';
import { workOrderStatuses, workOrderSteps } from '../../../../contracts/workorders.js';
import { type Actor, hasAnyRole } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { findDepartmentNames } from '../../org/index.js';
import { findStaffDisplayNames } from '../../staff/index.js';
import * as queries from '../workorders.queries.js';
import {
  assignableStatuses,
  callbackStatuses,
  displayPhone,
  nextStatus,
  normalisePhone,
  reopenableStatuses,
  runningClock,
} from '../workorders.rules.js';
import { getVisibleWorkOrder, type WorkOrderScope, workOrderScope } from '../workorders.scope.js';
import type { WorkOrdersTable } from '../workorders.tables.js';
import { deskRoles } from './create-work-order.js';
import { mayStep } from './steps.js';

interface Names {
  staff: Map<string, string>;
  teams: Map<string, string>;
}

async function loadNames(db: Tx, companyId: string, staffIds: (string | null)[]): Promise<Names> {
  const [staff, teams] = await Promise.all([
    findStaffDisplayNames(
      db,
      staffIds.filter((id): id is string => Boolean(id)),
    ),
    findDepartmentNames(db, companyId),
  ]);
  return { staff, teams };
}

export function toSummary(row: WorkOrdersTable, names: Names, now: Date): WorkOrderSummary {
  const running = runningClock(row, now);
  return {
    id: row.id,
    projectId: row.projectId,
    number: row.number,
    category: row.category,
    urgency: row.urgency,
    status: row.status,
    source: row.source,
    location: [row.buildingText, row.doorText, row.unitText].filter(Boolean).join(' '),
    description: row.description,
    callerName: row.callerName,
    callerPhone: displayPhone(row.callerPhone),
    teamName: row.teamId ? (names.teams.get(row.teamId) ?? null) : null,
    assigneeName: row.assigneeId ? (names.staff.get(row.assigneeId) ?? null) : null,
    createdAt: row.createdAt,
    respondDueAt: row.respondDueAt,
    finishDueAt: row.finishDueAt,
    dueAt: running.dueAt,
    dueClock: running.clock,
    isBreached: running.isBreached,
    satisfaction: row.satisfaction,
  };
}

export interface WorkOrderListQuery {
  projectId: string;
  status?: WorkOrderStatus;
  /** Only the orders still being worked (new … on site). */
  openOnly?: boolean;
  category?: WorkOrdersTable['category'];
  urgency?: WorkOrdersTable['urgency'];
  breachedOnly?: boolean;
  q?: string;
  sort?: queries.WorkOrderSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export async function findWorkOrders(db: Db, actor: Actor, query: WorkOrderListQuery, now: Date) {
  visibility(actor, 'workorder').assertProject(query.projectId);
  const scope = await workOrderScope(db, actor);
  const { rows, total, totalIsCapped } = await queries.findWorkOrderPage(
    db,
    {
      visible: scope.condition(),
      projectId: query.projectId,
      statuses: query.status
        ? [query.status]
        : query.openOnly
          ? ['new', 'assigned', 'accepted', 'on_site']
          : undefined,
      category: query.category,
      urgency: query.urgency,
      breachedAt: query.breachedOnly ? now.toISOString() : undefined,
      q: query.q?.trim() || undefined,
    },
    // Newest first unless a sort is asked for.
    { by: query.sort ?? 'createdAt', order: query.sort ? query.order : 'desc' },
    query,
  );
  const names = await loadNames(
    db,
    actor.companyId,
    rows.map((row) => row.assigneeId),
  );
  return { items: rows.map((row) => toSummary(row, names, now)), total, totalIsCapped };
}

/** The board: a column per status, each with its count and its first 30 orders by deadline. */
export async function findWorkOrderBoard(db: Db, actor: Actor, projectId: string, now: Date) {
  visibility(actor, 'workorder').assertProject(projectId);
  const scope = await workOrderScope(db, actor);
  const visible = scope.condition();
  const counts = await queries.countByStatus(db, { visible, projectId });
  const columns = [];
  for (const status of workOrderStatuses) {
    const { rows } = await queries.findWorkOrderPage(
      db,
      { visible, projectId, statuses: [status] },
      status === 'closed' || status === 'callback'
        ? { by: 'createdAt', order: 'desc' }
        : { by: 'dueAt', order: 'asc' },
      { offset: 0, limit: 30 },
    );
    const names = await loadNames(
      db,
      actor.companyId,
      rows.map((row) => row.assigneeId),
    );
    columns.push({
      status,
      total: counts.get(status) ?? 0,
      items: rows.map((row) => toSummary(row, names, now)),
    });
  }
  return { columns };
}

function allowedActions(actor: Actor, scope: WorkOrderScope, order: WorkOrdersTable): WorkOrderDetail['can'] {
  const isDesk = hasAnyRole(actor, deskRoles, order.projectId);
  return {
    assign: isDesk && assignableStatuses.includes(order.status),
    steps: workOrderSteps.filter(
      (step: WorkOrderStep) => nextStatus(order.status, step) !== null && mayStep(actor, scope, order, step),
    ),
    callback: isDesk && callbackStatuses.includes(order.status),
    reopen: isDesk && reopenableStatuses.includes(order.status),
    upload: isDesk || scope.worksOn(order),
  };
}

export async function getWorkOrderDetail(
  db: Tx,
  actor: Actor,
  workOrderId: string,
  now: Date,
): Promise<WorkOrderDetail> {
  const { order, scope } = await getVisibleWorkOrder(
    db,
    actor,
    await queries.findWorkOrderRow(db, workOrderId),
  );
  const [events, photos] = await Promise.all([
    queries.findEvents(db, order.id),
    queries.findPhotoMetas(db, order.id),
  ]);
  const names = await loadNames(db, actor.companyId, [
    order.assigneeId,
    ...events.map((event) => event.byStaffId),
    ...photos.map((photo) => photo.uploadedBy),
  ]);
  return {
    ...toSummary(order, names, now),
    buildingText: order.buildingText,
    doorText: order.doorText,
    unitText: order.unitText,
    hasCall: order.callId !== null,
    hasIncident: order.incidentId !== null,
    teamId: order.teamId,
    assigneeId: order.assigneeId,
    doneNote: order.doneNote,
    callbackComment: order.callbackComment,
    respondBreachedAt: order.respondBreachedAt,
    finishBreachedAt: order.finishBreachedAt,
    timeline: events.map((event) => ({
      at: event.at,
      action: event.action,
      byName: event.byStaffId ? (names.staff.get(event.byStaffId) ?? '') : '',
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      note: event.note,
    })),
    photos: photos.map((photo) => ({
      id: photo.id,
      stage: photo.stage,
      uploadedAt: photo.uploadedAt,
      uploadedByName: names.staff.get(photo.uploadedBy) ?? '',
    })),
    can: allowedActions(actor, scope, order),
  };
}

/**
 * The caller pop's "open work orders": by the numbers the caller is known under (normalised as the
 * call desk stores them) or the resident the register found; not closed, newest first. The caller
 * pop's route applies its own scope; this reads for the desk's project.
 */
export async function findOpenWorkOrdersForCaller(
  db: Tx,
  options: {
    projectId: string;
    phones: string[];
    residentId?: string | null;
    exceptCallId?: string | null;
    now?: Date;
    limit?: number;
  },
): Promise<WorkOrderSummary[]> {
  const rows = await queries.findOpenOrdersOfCaller(db, {
    projectId: options.projectId,
    phones: [...new Set(options.phones.filter(Boolean).map(normalisePhone))],
    residentId: options.residentId,
    exceptCallId: options.exceptCallId,
    limit: options.limit ?? 10,
  });
  if (rows.length === 0) return [];
  const names = await loadNames(
    db,
    rows[0]!.companyId,
    rows.map((row) => row.assigneeId),
  );
  return rows.map((row) => toSummary(row, names, options.now ?? new Date()));
}
