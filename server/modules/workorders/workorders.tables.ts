import type {
  WorkOrderAction,
  WorkOrderCategory,
  WorkOrderSource,
  WorkOrderStatus,
  WorkOrderUrgency,
} from '../../../contracts/workorders.js';

export interface WorkOrdersTable {
  id: string;
  companyId: string;
  projectId: string;
  /** What staff read out and the resident quotes: WO-000123, one counter per project. */
  number: string;
  category: WorkOrderCategory;
  urgency: WorkOrderUrgency;
  status: WorkOrderStatus;
  source: WorkOrderSource;
  buildingText: string;
  doorText: string;
  unitText: string;
  /** The inventory unit, when the order names one. */
  unitId: string | null;
  /** The residents register's person, when known (filled by that module; no reference). */
  residentId: string | null;
  description: string;
  callerName: string;
  /** Normalised digits, as the call desk stores numbers. */
  callerPhone: string;
  callId: string | null;
  incidentId: string | null;
  /** A department of the company (the engineers' team). */
  teamId: string | null;
  assigneeId: string | null;
  createdBy: string;
  createdAt: string;
  assignedAt: string | null;
  acceptedAt: string | null;
  onSiteAt: string | null;
  doneAt: string | null;
  doneNote: string;
  callbackAt: string | null;
  callbackBy: string | null;
  /** 回访 satisfaction, 1–5. */
  satisfaction: number | null;
  callbackComment: string;
  closedAt: string | null;
  reopenCount: number;
  respondDueAt: string;
  finishDueAt: string;
  /** When the sweep found the deadline passed and told the department heads (once per breach). */
  respondBreachedAt: string | null;
  finishBreachedAt: string | null;
  updatedAt: string;
  /** The searched fields normalised, one a line (workorders.search.ts). */
  searchText: string;
  /** Their bigram tokens, which the search index holds. */
  searchBigrams: string;
}

export interface WorkOrderEventsTable {
  id: string;
  workOrderId: string;
  at: string;
  byStaffId: string | null;
  action: WorkOrderAction;
  fromStatus: WorkOrderStatus | null;
  toStatus: WorkOrderStatus;
  note: string;
}

export type PhotoStage = 'report' | 'done';

export interface WorkOrderPhotosTable {
  id: string;
  workOrderId: string;
  stage: PhotoStage;
  mime: string;
  sizeBytes: number;
  sha256: string;
  contentBase64: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface WorkOrderCountersTable {
  projectId: string;
  lastNumber: number;
}

export interface WorkordersTables {
  workOrders: WorkOrdersTable;
  workOrderEvents: WorkOrderEventsTable;
  workOrderPhotos: WorkOrderPhotosTable;
  workOrderCounters: WorkOrderCountersTable;
}
