import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type {
  SlaClock,
  WorkOrderCategory,
  WorkOrderStatus,
  WorkOrderStep,
  WorkOrderUrgency,
} from '../../../contracts/workorders.js';
import type { WorkOrdersTable } from './workorders.tables.js';

// Pure rules of a work order's life: which step leads where, and its SLA clocks. No I/O, no clock.

/** The status each step leads to, from the statuses it may start at. */
export const stepRules: Record<WorkOrderStep, { from: readonly WorkOrderStatus[]; to: WorkOrderStatus }> = {
  // A team's order may be accepted by any of its engineers without being assigned by name first.
  accept: { from: ['assigned'], to: 'accepted' },
  arrive: { from: ['accepted'], to: 'on_site' },
  complete: { from: ['on_site'], to: 'done' },
  close: { from: ['callback'], to: 'closed' },
};

export const assignableStatuses: readonly WorkOrderStatus[] = ['new', 'assigned', 'accepted'];
export const callbackStatuses: readonly WorkOrderStatus[] = ['done'];
export const reopenableStatuses: readonly WorkOrderStatus[] = ['done', 'callback', 'closed'];
/** Statuses whose orders are still being worked: the open ones. */
export const openStatuses: readonly WorkOrderStatus[] = ['new', 'assigned', 'accepted', 'on_site'];

export function nextStatus(status: WorkOrderStatus, step: WorkOrderStep): WorkOrderStatus | null {
  const rule = stepRules[step];
  return rule.from.includes(status) ? rule.to : null;
}

/** After a reopen: back to the engineer (or team) it had, else to the desk's queue. */
export function reopenedStatus(order: Pick<WorkOrdersTable, 'teamId' | 'assigneeId'>): WorkOrderStatus {
  return order.assigneeId || order.teamId ? 'assigned' : 'new';
}

export interface SlaMinutes {
  respondMinutes: number;
  finishMinutes: number;
}

/** The setting keys of one category × urgency (settings module: workorders.sla.*). */
export function slaSettingKeys(category: WorkOrderCategory, urgency: WorkOrderUrgency) {
  return {
    respond: `workorders.sla.${category}.${urgency}.respondMinutes`,
    finish: `workorders.sla.${category}.${urgency}.finishMinutes`,
  } as const;
}

export function slaDeadlines(from: Date, sla: SlaMinutes): { respondDueAt: string; finishDueAt: string } {
  return {
    respondDueAt: new Date(from.getTime() + sla.respondMinutes * 60_000).toISOString(),
    finishDueAt: new Date(from.getTime() + sla.finishMinutes * 60_000).toISOString(),
  };
}

/**
 * The clock still running at `now`: respond until an engineer accepts, then finish until done.
 * Breached: that deadline has passed (or a breach was already found on it).
 */
export function runningClock(
  order: Pick<
    WorkOrdersTable,
    'acceptedAt' | 'doneAt' | 'respondDueAt' | 'finishDueAt' | 'respondBreachedAt' | 'finishBreachedAt'
  >,
  now: Date,
): { clock: SlaClock | null; dueAt: string | null; isBreached: boolean } {
  if (order.doneAt) return { clock: null, dueAt: null, isBreached: false };
  const at = now.toISOString();
  if (!order.acceptedAt)
    return {
      clock: 'respond',
      dueAt: order.respondDueAt,
      isBreached: order.respondBreachedAt !== null || order.respondDueAt <= at,
    };
  return {
    clock: 'finish',
    dueAt: order.finishDueAt,
    isBreached: order.finishBreachedAt !== null || order.finishDueAt <= at,
  };
}

export function formatNumber(sequence: number): string {
  return `WO-${String(sequence).padStart(6, '0')}`;
}

/** A caller's number as the call desk stores it: E.164 for a valid Chinese or international number, else as typed. */
export function normalisePhone(raw: string): string {
  const typed = raw.trim();
  const parsed = typed ? parsePhoneNumberFromString(typed, 'CN') : undefined;
  return parsed?.isValid() ? parsed.number : typed;
}

export function displayPhone(number: string): string {
  const parsed = number ? parsePhoneNumberFromString(number, 'CN') : undefined;
  if (!parsed?.isValid()) return number;
  return parsed.countryCallingCode === '86' ? parsed.formatNational() : parsed.formatInternational();
}
