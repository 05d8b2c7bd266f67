import type {
  Agreement,
  AgreementInput,
  AgreementListItem,
  CollectionMethod,
  DealForm,
  Deposit,
  Designation,
  Duty,
  Exam,
  FileListItem,
  FormReport,
  FormStatus,
  HandOverCandidate,
  IdType,
  MyTask,
  Plan,
  PlanChoices,
  PlanPreview,
  PlanResult,
  ProjectStaff,
  Receipt,
  RestDay,
  TransactionFile,
  UploadedFile,
  Witness,
} from '../../../contracts/deals';
import { api, type ListResult, type PageResult, type Query } from '../../app/api';

// The deals requests and answers, shared with the server (contracts/deals.ts and the files it re-exports).
export type * from '../../../contracts/deals';

const enc = encodeURIComponent;

function upload(projectId: string, kind: string, file: File): Promise<UploadedFile> {
  return api.upload<UploadedFile>('/deals/files', file, { query: { projectId, kind } });
}

/** A fresh key per attempt of the user; the same key is resent when the network retries. */
export function newIdempotencyKey(): string {
  return `ui-${crypto.randomUUID()}`;
}

export const dealsApi = {
  /** Which of the dates are rest days of the working calendar (holidays, weekends, the administrator's dates). */
  findRestDays: (dates: string[], signal?: AbortSignal) =>
    api.get<ListResult<RestDay>>('/calendar/rest-days', { dates: dates.join(',') }, signal),
  findPlans: (query: Query, signal?: AbortSignal) => api.get<PageResult<Plan>>('/deals/plans', query, signal),
  getPlan: (id: string, signal?: AbortSignal) => api.get<Plan>(`/deals/plans/${enc(id)}`, undefined, signal),
  createPlan: (body: PlanChoices & { customerId: string; unitId: string; discountConfirmed?: boolean }) =>
    api.post<Plan>('/deals/plans', body),
  revisePlan: (id: string, body: PlanChoices & { expectedVersion: number; discountConfirmed?: boolean }) =>
    api.put<Plan>(`/deals/plans/${enc(id)}`, body),
  /** The figures before saving, by the server's own rules, and whether saving asks for a confirmation. */
  previewPlan: (body: PlanChoices & { unitId: string }, signal?: AbortSignal) =>
    api.post<PlanPreview>('/deals/plans/preview', body, { signal }),
  decidePlan: (id: string, decision: 'approve' | 'reject', comment: string) =>
    api.post<Plan>(`/deals/plans/${enc(id)}/decision`, { decision, comment }),
  planSchedule: (id: string, signal?: AbortSignal) =>
    api.get<PlanResult>(`/deals/plans/${enc(id)}/schedule`, undefined, signal),
  planPdfUrl: (id: string) => `/api/deals/plans/${enc(id)}/pdf`,

  findDeposits: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<Deposit>>('/deals/deposits', query, signal),
  requestDeposit: (body: {
    unitId: string;
    customerId: string;
    planId: string | null;
    amountFen: number;
    note: string;
  }) => api.post<Deposit>('/deals/deposits', body),
  confirmDeposit: (id: string) => api.post<Deposit>(`/deals/deposits/${enc(id)}/confirm`),
  cancelDeposit: (id: string, reason: string) =>
    api.post<Deposit>(`/deals/deposits/${enc(id)}/cancel`, { reason }),
  collectDeposit: (
    id: string,
    body: { method: CollectionMethod; witness: Witness; idempotencyKey: string },
  ) =>
    api.post<{ depositId: string; receipt: Receipt; isReplay: boolean }>(
      `/deals/deposits/${enc(id)}/collect`,
      body,
    ),

  findReceipts: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<Receipt>>('/deals/receipts', query, signal),
  receiptPdfUrl: (id: string) => `/api/deals/receipts/${enc(id)}/pdf`,
  requestVoid: (id: string, reason: string) =>
    api.post<Receipt>(`/deals/receipts/${enc(id)}/void-request`, { reason }),
  decideVoid: (id: string, decision: 'approve' | 'reject') =>
    api.post<Receipt>(`/deals/receipts/${enc(id)}/void-decision`, { decision }),

  formReport: (projectId: string, signal?: AbortSignal) =>
    api.get<FormReport>('/deals/forms/report', { projectId }, signal),
  findForms: (projectId: string, status: FormStatus | undefined, signal?: AbortSignal) =>
    api.get<{ items: DealForm[] }>('/deals/forms', { projectId, status }, signal),
  checkOutForm: (id: string) => api.post<void>(`/deals/forms/${enc(id)}/check-out`),
  issueBatch: (body: {
    projectId: string;
    prefix: string;
    firstSerial: number;
    lastSerial: number;
    width: number;
    note: string;
  }) => api.post<{ id: string; count: number }>('/deals/form-batches', body),
  voidForm: (id: string, reason: string) => api.post<void>(`/deals/forms/${enc(id)}/void`, { reason }),

  upload,
  fileUrl: (id: string) => `/api/deals/files/${enc(id)}`,

  findAgreements: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<AgreementListItem>>('/deals/agreements', query, signal),
  getAgreement: (id: string, signal?: AbortSignal) =>
    api.get<Agreement>(`/deals/agreements/${enc(id)}`, undefined, signal),
  createAgreement: (body: { planId: string; formNumber: string; input: AgreementInput }) =>
    api.post<Agreement>('/deals/agreements', body),
  updateAgreement: (id: string, input: AgreementInput) =>
    api.put<Agreement>(`/deals/agreements/${enc(id)}`, { input }),
  submitAgreement: (id: string) => api.post<Agreement>(`/deals/agreements/${enc(id)}/submit`),
  abandonAgreement: (id: string, reason: string) =>
    api.post<Agreement>(`/deals/agreements/${enc(id)}/abandon`, { reason }),
  reviewAgreement: (id: string, decision: 'approve' | 'return', comment: string) =>
    api.post<Agreement>(`/deals/agreements/${enc(id)}/review`, { decision, comment }),

  findFiles: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<FileListItem>>('/deals/files-list', query, signal),
  getFile: (id: string, signal?: AbortSignal) =>
    api.get<TransactionFile>(`/deals/transaction-files/${enc(id)}`, undefined, signal),
  handOverCandidates: (id: string, signal?: AbortSignal) =>
    api.get<HandOverCandidate[]>(
      `/deals/transaction-files/${enc(id)}/hand-over-candidates`,
      undefined,
      signal,
    ),
  handOver: (id: string, body: { toConsultantId: string; reason: string }) =>
    api.post<{ id: string }>(`/deals/transaction-files/${enc(id)}/hand-over`, body),
  filePdfUrl: (id: string) => `/api/deals/transaction-files/${enc(id)}/pdf`,
  /** The same PDF for api.download (paths there are under /api). */
  filePdfPath: (id: string) => `/deals/transaction-files/${enc(id)}/pdf`,
  createStatement: (
    id: string,
    body: { payerName: string; payerIdType: IdType; payerIdNumber: string; amountFen: number },
  ) =>
    api.post<{ id: string; statementText: string }>(`/deals/transaction-files/${enc(id)}/statements`, body),
  attachSigned: (statementId: string, fileId: string) =>
    api.post<void>(`/deals/statements/${enc(statementId)}/signed`, { fileId }),
  recordPayment: (
    id: string,
    body: {
      paymentItemId: string;
      amountFen: number;
      method: CollectionMethod;
      payerKind: 'buyer' | 'third_party';
      payerName: string;
      statementId: string | null;
      witness: Witness;
      idempotencyKey: string;
    },
  ) =>
    api.post<{ paymentId: string; receipt: Receipt }>(`/deals/transaction-files/${enc(id)}/payments`, body),
  prepareContract: (id: string, contractNumber: string) =>
    api.post(`/deals/transaction-files/${enc(id)}/contract`, { contractNumber }),
  updateChecklist: (id: string, doneKeys: string[]) =>
    api.put(`/deals/transaction-files/${enc(id)}/contract/checklist`, { doneKeys }),
  signContract: (id: string, signedOn: string) =>
    api.post(`/deals/transaction-files/${enc(id)}/contract/sign`, { signedOn }),
  scheduleMortgage: (
    id: string,
    body: { bank: string; place: string; appointmentAt: string; documents: string[] },
  ) => api.post(`/deals/transaction-files/${enc(id)}/mortgage`, body),
  mortgageOutcome: (
    id: string,
    body: { status: 'completed' | 'failed' | 'cancelled'; note: string; approvedAmountFen: number | null },
  ) => api.post(`/deals/mortgage/${enc(id)}/outcome`, body),
  scheduleMoveIn: (
    id: string,
    body: {
      appointmentAt: string;
      place: string;
      propertyOfficeContact: string;
      propertyOfficePhone: string;
      congratulationMessage: string;
    },
  ) => api.post(`/deals/transaction-files/${enc(id)}/move-in`, body),
  completeMoveIn: (id: string) => api.post(`/deals/move-in/${enc(id)}/complete`),

  findExams: (query: Query, signal?: AbortSignal) => api.get<PageResult<Exam>>('/deals/exams', query, signal),
  recordExam: (body: {
    staffId: string;
    takenOn: string;
    score: number;
    passMark: number;
    expiresOn: string;
    note: string;
  }) => api.post<Exam>('/deals/exams', body),

  findProjectStaff: (projectId: string, signal?: AbortSignal) =>
    api.get<{ items: ProjectStaff[] }>('/deals/staff', { projectId }, signal),
  findDesignations: (projectId: string, signal?: AbortSignal) =>
    api.get<{ items: Designation[] }>('/deals/designations', { projectId }, signal),
  designate: (body: { projectId: string; staffId: string; duty: Duty }) =>
    api.post<Designation>('/deals/designations', body),
  revokeDesignation: (id: string) => api.delete<void>(`/deals/designations/${enc(id)}`),
  findMyTasks: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<MyTask>>('/deals/tasks/mine', query, signal),
  completeTask: (id: string) => api.post<void>(`/deals/tasks/${enc(id)}/done`),
};

/** Fen → "1,234,567.89". */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** "1234.5" yuan typed by a user → integer fen, exactly (no floating-point). */
export function toFen(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(text).trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
