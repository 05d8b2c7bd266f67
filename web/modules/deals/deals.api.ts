import type {
  CollectionMethod,
  DiscountKind,
  Duty,
  FormStatus,
  IdType,
  PaymentItemCode,
  PaymentMethod,
  RepaymentMethod,
  TaskKind,
  TaskParamsOf,
} from '../../../contracts/deals';
import { api, type ListResult, type PageResult, type Query } from '../../app/api';

// The deals vocabularies, shared with the server (contracts/deals.ts).
export type {
  CollectionMethod,
  DiscountKind,
  Duty,
  FormStatus,
  IdType,
  PaymentItemCode,
  PaymentMethod,
  RepaymentMethod,
  TaskKind,
  TaskParamsOf,
};

/** A discount line: 折 (share paid), 优惠 % (percent off) or 直减 (amount off); see contracts/deals.ts. */
export type Discount =
  | { kind: 'share'; label: string; share: string }
  | { kind: 'percent'; label: string; percent: string }
  | { kind: 'amount'; label: string; amountFen: number };
export interface LoanTerms {
  annualRatePercent: string;
  termMonths: number;
  repayment: RepaymentMethod;
}
export interface PlanChoices {
  discounts: Discount[];
  paymentMethod: PaymentMethod;
  downPaymentPercent?: string;
  commercial?: LoanTerms;
  providentFund?: LoanTerms & { amountFen?: number };
  instalments?: Array<{ label: string; percent: string; monthsAfterSigning: number }>;
  homeOrder: 'first' | 'second' | 'other';
}
export interface ScheduleRow {
  month: number;
  paymentFen: number;
  principalFen: number;
  interestFen: number;
  balanceFen: number;
}
export interface LoanResult extends LoanTerms {
  kind: 'commercial' | 'provident_fund';
  amountFen: number;
  firstPaymentFen: number;
  lastPaymentFen: number;
  monthlyDecreaseFen: number | null;
  totalInterestFen: number;
  totalPaymentFen: number;
  schedule?: ScheduleRow[];
}
export interface PlanResult {
  listTotalFen: number;
  discountSteps: Array<{
    label: string;
    kind: DiscountKind;
    value: string;
    beforeFen: number;
    afterFen: number;
    reductionFen: number;
  }>;
  discountFen: number;
  discountPercent: string;
  finalTotalFen: number;
  finalUnitPriceFen: number;
  downPaymentFen: number;
  loans: LoanResult[];
  firstMonthlyPaymentFen: number;
  instalments: Array<{ label: string; percent: string; monthsAfterSigning: number; amountFen: number }>;
  deedTax: { ratePercent: string; baseFen: number; amountFen: number };
  maintenanceFundFen: number;
  cashNeededFen: number;
}
export interface PlanPreview {
  result: PlanResult;
  needsConfirmation: boolean;
  confirmAbovePercent: number;
  needsApproval: boolean;
}
export interface Plan {
  id: string;
  projectId: string;
  customerId: string;
  customerName: string;
  unitId: string;
  unitNumber: string;
  consultantId: string;
  version: number;
  status: 'ready' | 'pending_approval' | 'rejected';
  approvedBy: string | null;
  approvalComment: string;
  updatedAt: string;
  input: PlanChoices & { buildingArea: string; listTotalFen: number };
  result: PlanResult;
}
export interface Receipt {
  id: string;
  number: number;
  numberText: string;
  purpose: 'deposit' | 'payment';
  unitNumber: string;
  payerName: string;
  amountFen: number;
  method: CollectionMethod;
  collectedByName: string;
  witnessName: string;
  issuedAt: string;
  status: 'valid' | 'void_requested' | 'voided';
  voidReason: string;
  voidRequestedBy: string | null;
  printCount: number;
}
export interface Deposit {
  id: string;
  projectId: string;
  unitId: string;
  unitNumber: string;
  customerId: string;
  customerName: string;
  planId: string | null;
  consultantId: string;
  amountFen: number;
  status: 'requested' | 'confirmed' | 'collected' | 'cancelled' | 'voided';
  confirmedByName: string | null;
  receiptId: string | null;
  requestedAt: string;
  updatedAt: string;
}
export interface Witness {
  username: string;
  password: string;
}
export interface BuyerInput {
  name: string;
  idType: IdType;
  idNumber: string;
  idCopyFileId: string | null;
  hasIdCopyConsent: boolean;
  /** The stored buyer this row corrects; with it an empty idNumber keeps the stored number. */
  id?: string | null;
}
export interface AgreementInput {
  buyers: BuyerInput[];
  signerKind: 'buyer' | 'agent';
  signerBuyerIndex: number | null;
  agent: {
    name: string;
    idType: IdType;
    idNumber: string;
    notarialNumber: string;
    notarialFileId: string | null;
  } | null;
  signedOn: string;
  downPaymentDueOn: string;
  contractDueOn: string;
}
export interface Agreement {
  id: string;
  projectId: string;
  unitId: string;
  unitNumber: string;
  customerName: string;
  planId: string;
  formNumber: string;
  consultantId: string;
  consultantName: string;
  status: 'draft' | 'submitted' | 'returned' | 'approved' | 'cancelled';
  priceFen: number;
  paymentMethod: PaymentMethod;
  downPaymentFen: number;
  downPaymentDueOn: string;
  contractDueOn: string;
  signedOn: string;
  signerKind: 'buyer' | 'agent';
  signerBuyerIndex: number | null;
  agentName: string;
  agentIdNumberMasked: string;
  notarialNumber: string;
  notarialFileId: string | null;
  reviewerName: string | null;
  reviewedAt: string | null;
  reviewComment: string;
  transactionFileId: string | null;
  updatedAt: string;
  buyers?: Array<{
    id: string;
    name: string;
    idType: IdType;
    idNumberMasked: string;
    idCopyFileId: string | null;
    idCopyConsentAt: string | null;
  }>;
}
export interface PaymentItem {
  id: string;
  kind: string;
  /** null on items made before codes were kept whose label was not recognised: shown by `label`. */
  code: PaymentItemCode | null;
  /** 1-based, for instalments. */
  instalmentNumber: number | null;
  /** Chinese, made at creation; an instalment's is the name the consultant typed. */
  label: string;
  amountFen: number;
  paidFen: number;
  dueOn: string;
  status: 'due' | 'paid' | 'overdue';
}
export interface ChecklistItem {
  key: string;
  label: Record<string, string>;
  isDone: boolean;
}
export interface TransactionFile {
  file: {
    id: string;
    projectId: string;
    unitNumber: string;
    customerName: string;
    consultantId: string;
    status: string;
    priceFen: number;
    openedAt: string;
    loanType: string;
    paymentMethod: PaymentMethod;
  };
  responsibility: {
    downPaymentPaidAt: string | null;
    contractSignedAt: string | null;
    mortgageDocsHandedInAt: string | null;
    endsAt: string | null;
    needsMortgageDocuments: boolean;
  };
  agreement: Agreement;
  plan: { id: string; version: number; result: PlanResult } | null;
  deposit: Deposit | null;
  paymentItems: PaymentItem[];
  payments: Array<{
    id: string;
    amountFen: number;
    payerKind: string;
    payerName: string;
    paidAt: string;
    receiptId: string;
  }>;
  receipts: Receipt[];
  statements: Array<{
    id: string;
    payerName: string;
    amountFen: number;
    statementText: string;
    signedFileId: string | null;
    paymentId: string | null;
  }>;
  contract: {
    id: string;
    contractNumber: string;
    status: 'draft' | 'signed';
    signedOn: string | null;
    prefill: Record<string, unknown>;
    checklist: ChecklistItem[];
  } | null;
  /** The loan type's document codes: what a new bank appointment asks for by default. */
  mortgageDocumentCodes: string[];
  mortgages: Array<{
    id: string;
    bank: string;
    place: string;
    appointmentAt: string;
    status: string;
    outcomeNote: string;
    /** Document codes ('idCard') or text staff typed (older appointments hold Chinese text). */
    documents: string[];
  }>;
  moveIns: Array<{
    id: string;
    appointmentAt: string;
    place: string;
    propertyOfficeContact: string;
    propertyOfficePhone: string;
    status: string;
  }>;
  reminders: Reminder[];
  tasks: Array<
    TaskSubject & {
      id: string;
      staffId: string;
      title: string;
      dueAt: string;
      status: string;
      checklist: ChecklistItem[];
    }
  >;
  audit: Array<{ seq: number; at: string; actorName: string; entityType: string; action: string }>;
}
/** A reminder on a transaction file; its kind is worded by reminderLabel(), its Chinese title is the fallback. */
export interface Reminder {
  id: string;
  kind: string;
  recipientKind: 'customer' | 'staff';
  recipientName: string;
  sendAt: string;
  /** For reminders sent some days before their event. */
  daysBefore: number | null;
  title: string;
  body: string;
  status: string;
}
/** A task's kind and parameters; `params` is null on tasks made before they were kept. */
export type TaskSubject = { [K in TaskKind]: { kind: K; params: TaskParamsOf[K] | null } }[TaskKind];
/** One of the signed-in person's tasks, with the unit and customer of its transaction file. */
export type MyTask = TaskSubject & {
  id: string;
  transactionFileId: string;
  projectId: string;
  /** Chinese, made at creation: shown only when `params` is null. */
  title: string;
  checklist: ChecklistItem[];
  dueAt: string;
  status: 'open' | 'done';
  doneAt: string | null;
  unitNumber: string;
  customerName: string;
};
export interface FileListItem {
  id: string;
  unitNumber: string;
  customerName: string;
  status: string;
  priceFen: number;
  openedAt: string;
}
export interface FormReport {
  batches: Array<{
    id: string;
    prefix: string;
    firstSerial: number;
    lastSerial: number;
    issuedAt: string;
    note: string;
    total: number;
    inStock: number;
    checkedOut: number;
    used: number;
    voided: number;
    missingSerials: number[];
  }>;
  unaccounted: Array<{
    number: string;
    reason: 'checked_out' | 'missing';
    holderId: string | null;
    since: string | null;
  }>;
  voided: Array<{ number: string; reason: string; voidedBy: string | null; voidedAt: string | null }>;
}
export interface Exam {
  id: string;
  staffId: string;
  staffName: string;
  takenOn: string;
  score: number;
  passMark: number;
  expiresOn: string;
  isPassed: boolean;
  isValid: boolean;
}
export interface DealForm {
  id: string;
  number: string;
  status: FormStatus;
  holderId: string | null;
  /** The agreement filled in on this form (used, or voided when its draft was abandoned). */
  agreementId: string | null;
  voidReason: string;
}
export interface Designation {
  id: string;
  staffId: string;
  staffName: string;
  duty: Duty;
  designatedAt: string;
}
export interface ProjectStaff {
  id: string;
  displayName: string;
  roles: string[];
}
export interface UploadedFile {
  id: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
}

const enc = encodeURIComponent;

function upload(projectId: string, kind: string, file: File): Promise<UploadedFile> {
  return api.upload<UploadedFile>('/deals/files', file, { query: { projectId, kind } });
}

/** A fresh key per attempt of the user; the same key is resent when the network retries. */
export function newIdempotencyKey(): string {
  return `ui-${crypto.randomUUID()}`;
}

export interface RestDay {
  day: string;
  reason: 'holiday' | 'weekend' | 'administrator';
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
    api.get<PageResult<Agreement>>('/deals/agreements', query, signal),
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
