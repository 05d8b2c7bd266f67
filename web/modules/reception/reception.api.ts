import type {
  Board,
  CallRegisterInput,
  CallStats,
  OutOfTurn,
  Ownership,
  SalesCall,
  SalesGreetingShown,
  SellingPoint,
  SellingPointInput,
  Visit,
  VisitorInput,
  VisitRow,
  VisitStep,
} from '../../../contracts/reception';
import { api, type PageResult, type Query } from '../../app/api';

export type * from '../../../contracts/reception';

const id = encodeURIComponent;

export const receptionApi = {
  findSellingPoints: (projectId: string, signal?: AbortSignal) =>
    api.get<{ items: SellingPoint[] }>('/reception/selling-points', { projectId }, signal),
  saveSellingPoints: (projectId: string, items: SellingPointInput[]) =>
    api.put<{ items: SellingPoint[] }>('/reception/selling-points', { projectId, items }),
  getBoard: (projectId: string, signal?: AbortSignal) =>
    api.get<Board>('/reception/board', { projectId }, signal),
  setOrder: (projectId: string, staffIds: string[]) =>
    api.put<Board>('/reception/order', { projectId, staffIds }),
  /** SA-1(1): out of turn only with the reason, which is recorded with the turn. */
  answerCall: (projectId: string, outOfTurn: OutOfTurn | null = null) =>
    api.post<{ call: SalesCall; greeting: string }>('/reception/calls/answer', { projectId, outOfTurn }),
  /** SA-1(1): tells the server the answering screen is showing this call's greeting (the first report is kept). */
  reportGreetingShown: (callId: string) =>
    api.post<SalesGreetingShown>(`/reception/calls/${id(callId)}/greeting-shown`),
  /** An answered call closed without a record: not counted, and the turn stays with the consultant (SA-1). */
  discardCall: (callId: string) => api.delete<void>(`/reception/calls/${id(callId)}`),
  saveCall: (callId: string, input: CallRegisterInput) =>
    api.put<{ call: SalesCall; ownership: Ownership }>(`/reception/calls/${id(callId)}`, input),
  findCalls: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<SalesCall>>('/reception/calls', query, signal),
  getStats: (query: Query, signal?: AbortSignal) =>
    api.get<CallStats>('/reception/calls/stats', query, signal),
  receiveVisitor: (input: VisitorInput) =>
    api.post<{ visit: Visit; ownership: Ownership }>('/reception/visits', input),
  getVisit: (visitId: string, signal?: AbortSignal) =>
    api.get<Visit>(`/reception/visits/${id(visitId)}`, undefined, signal),
  completeStep: (visitId: string, step: VisitStep, input: { note: string; isSkipped: boolean }) =>
    api.post<Visit>(`/reception/visits/${id(visitId)}/steps/${step}`, input),
  /** The visitor left before the steps were done: the steps not reached do not apply. */
  endVisitEarly: (visitId: string, reason: string) =>
    api.post<Visit>(`/reception/visits/${id(visitId)}/end-early`, { reason }),
  findVisits: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<VisitRow>>('/reception/visits', query, signal),
};
