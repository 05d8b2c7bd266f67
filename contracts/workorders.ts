// The property desk's work orders (报修 / 投诉 / 咨询), as the server's schemas
// (server/modules/workorders/workorders.schemas.ts) and the web client share them.

export const workOrderCategories = ['repair', 'complaint', 'inquiry'] as const;
export type WorkOrderCategory = (typeof workOrderCategories)[number];

export const workOrderUrgencies = ['urgent', 'normal'] as const;
export type WorkOrderUrgency = (typeof workOrderUrgencies)[number];

/** new → assigned → accepted → on_site → done → callback (回访) → closed; reopen from done, callback or closed. */
export const workOrderStatuses = [
  'new',
  'assigned',
  'accepted',
  'on_site',
  'done',
  'callback',
  'closed',
] as const;
export type WorkOrderStatus = (typeof workOrderStatuses)[number];

/** Where it came from: the live call, a walk-in, staff themselves, or an emergency report (SEC-5). */
export const workOrderSources = ['call', 'walk_in', 'staff', 'emergency'] as const;
export type WorkOrderSource = (typeof workOrderSources)[number];

/** The engineer's steps and the desk's close. */
export const workOrderSteps = ['accept', 'arrive', 'complete', 'close'] as const;
export type WorkOrderStep = (typeof workOrderSteps)[number];

export type WorkOrderAction = 'create' | 'assign' | WorkOrderStep | 'callback' | 'reopen' | 'escalate';

/** Respond = accepted by an engineer; finish = done. */
export type SlaClock = 'respond' | 'finish';

export interface WorkOrderInput {
  category: WorkOrderCategory;
  urgency: WorkOrderUrgency;
  buildingText: string;
  doorText: string;
  unitText: string;
  description: string;
  callerName: string;
  callerPhone: string;
}

export interface WorkOrderSummary {
  id: string;
  projectId: string;
  number: string;
  category: WorkOrderCategory;
  urgency: WorkOrderUrgency;
  status: WorkOrderStatus;
  source: WorkOrderSource;
  location: string;
  description: string;
  callerName: string;
  callerPhone: string;
  teamName: string | null;
  assigneeName: string | null;
  createdAt: string;
  respondDueAt: string;
  finishDueAt: string;
  /** The deadline still running (respond before acceptance, finish until done); null once done. */
  dueAt: string | null;
  dueClock: SlaClock | null;
  isBreached: boolean;
  satisfaction: number | null;
}

export interface WorkOrderEvent {
  at: string;
  action: WorkOrderAction;
  byName: string;
  fromStatus: WorkOrderStatus | null;
  toStatus: WorkOrderStatus;
  note: string;
}

export interface WorkOrderPhoto {
  id: string;
  stage: 'report' | 'done';
  uploadedAt: string;
  uploadedByName: string;
}

export interface WorkOrderDetail extends WorkOrderSummary {
  buildingText: string;
  doorText: string;
  unitText: string;
  hasCall: boolean;
  hasIncident: boolean;
  teamId: string | null;
  assigneeId: string | null;
  doneNote: string;
  callbackComment: string;
  respondBreachedAt: string | null;
  finishBreachedAt: string | null;
  timeline: WorkOrderEvent[];
  photos: WorkOrderPhoto[];
  /** What the caller may do next (buttons shown). */
  can: { assign: boolean; steps: WorkOrderStep[]; callback: boolean; reopen: boolean; upload: boolean };
}

export interface WorkOrderAssignees {
  engineers: { staffId: string; displayName: string; teamId: string | null }[];
  teams: { teamId: string; name: string }[];
}

export interface WorkOrderBoard {
  columns: { status: WorkOrderStatus; total: number; items: WorkOrderSummary[] }[];
}
