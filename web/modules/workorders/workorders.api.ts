import type {
  WorkOrderAssignees,
  WorkOrderBoard,
  WorkOrderDetail,
  WorkOrderInput,
  WorkOrderPhoto,
  WorkOrderStep,
  WorkOrderSummary,
} from '../../../contracts/workorders';
import { api, type PageResult, type Query } from '../../app/api';

export type * from '../../../contracts/workorders';

const id = encodeURIComponent;

export interface Assignment {
  teamId?: string | null;
  assigneeId?: string | null;
}

export const workOrdersApi = {
  find: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<WorkOrderSummary>>('/work-orders', query, signal),
  board: (projectId: string, signal?: AbortSignal) =>
    api.get<WorkOrderBoard>('/work-orders/board', { projectId }, signal),
  assignees: (projectId: string, signal?: AbortSignal) =>
    api.get<WorkOrderAssignees>('/work-orders/assignees', { projectId }, signal),
  get: (workOrderId: string, signal?: AbortSignal) =>
    api.get<WorkOrderDetail>(`/work-orders/${id(workOrderId)}`, undefined, signal),
  create: (input: WorkOrderInput & Assignment & { projectId: string; source: 'walk_in' | 'staff' }) =>
    api.post<WorkOrderDetail>('/work-orders', input),
  /** In one step from the live call: linked to it, the caller's number the call's unless typed. */
  createFromCall: (callId: string, input: WorkOrderInput & Assignment) =>
    api.post<WorkOrderDetail>(`/calls/${id(callId)}/work-orders`, input),
  assign: (workOrderId: string, assignment: Assignment) =>
    api.post<WorkOrderDetail>(`/work-orders/${id(workOrderId)}/assign`, assignment),
  step: (workOrderId: string, step: WorkOrderStep, note = '') =>
    api.post<WorkOrderDetail>(`/work-orders/${id(workOrderId)}/steps`, { step, note }),
  callback: (workOrderId: string, satisfaction: number, comment: string) =>
    api.post<WorkOrderDetail>(`/work-orders/${id(workOrderId)}/callback`, { satisfaction, comment }),
  reopen: (workOrderId: string, reason: string) =>
    api.post<WorkOrderDetail>(`/work-orders/${id(workOrderId)}/reopen`, { reason }),
  uploadPhoto: (workOrderId: string, file: File, stage: 'report' | 'done') =>
    api.upload<WorkOrderPhoto>(`/work-orders/${id(workOrderId)}/photos`, file, { query: { stage } }),
  photoUrl: (photoId: string) => `/api/work-order-photos/${id(photoId)}`,
};
