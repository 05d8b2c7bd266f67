import { ApiError, api, type PageResult, type Query } from '../../app/api';
import { authApi } from '../../app/auth.api';

export type Gender = 'male' | 'female' | 'unknown';
export type KeyKind = 'developer' | 'peer' | 'media';
export type Purpose = 'self_use' | 'investment' | 'upgrade' | 'other' | '';
export type ConsentVia = 'verbal' | 'written' | 'form' | 'sms' | 'import';
export type FollowUpChannel = 'phone' | 'wechat' | 'sms' | 'visit';

export interface PhoneDetail {
  id: string;
  phone: string;
  kind: 'mobile' | 'landline';
  tail4: string;
  isMasked: boolean;
}

export interface Customer {
  id: string;
  projectId: string;
  name: string;
  gender: Gender;
  category: 'normal' | 'key';
  keyKind: KeyKind | null;
  sourceChannelId: string | null;
  intentLayout: string;
  intentAreaMin: number | null;
  intentAreaMax: number | null;
  intentBudgetFen: number | null;
  intentPurpose: Purpose;
  notes: string;
  ownerStaffId: string | null;
  ownerName: string | null;
  ownedSince: string | null;
  protectedUntil: string | null;
  hasContactConsent: boolean;
  contactConsentAt: string | null;
  contactConsentVia: ConsentVia | null;
  hasMarketingConsent: boolean;
  marketingConsentAt: string | null;
  marketingConsentVia: ConsentVia | null;
  isPhoneRefused: boolean;
  firstContact: string;
  movedInAt: string | null;
  isErased: boolean;
  createdAt: string;
  phones: string[];
  phoneDetails: PhoneDetail[];
  canRevealPhones: boolean;
  canEdit: boolean;
}

export interface CustomerInput {
  name: string;
  gender: Gender;
  phones: string[];
  isPhoneRefused: boolean;
  sourceChannelId: string | null;
  keyKind: KeyKind | null;
  intentLayout: string;
  intentAreaMin: number | null;
  intentAreaMax: number | null;
  intentBudgetFen: number | null;
  intentPurpose: Purpose;
  notes: string;
  hasContactConsent: boolean;
  hasMarketingConsent: boolean;
  consentVia: ConsentVia;
}

export type PhoneCheck =
  | { status: 'invalid' }
  | { status: 'free' }
  | { status: 'mine'; customerId: string; customerName: string }
  | { status: 'taken'; ownerName: string }
  | { status: 'lapsed'; ownerName: string | null };

export interface FollowUp {
  id: string;
  customerId: string;
  customerName: string;
  customerCategory: string;
  staffId: string;
  staffName: string;
  kind: 'sales' | 'after_sales';
  plannedAt: string;
  theme: string;
  channel: FollowUpChannel;
  status: 'planned' | 'done' | 'cancelled';
  outcome: string;
  doneAt: string | null;
  isOverdue: boolean;
}

export interface Book {
  day: string;
  callers: Array<Customer & { servedAt: string }>;
  visitors: Array<Customer & { servedAt: string }>;
  dueFollowUps: FollowUp[];
}

export interface TimelineItem {
  id: string;
  kind: string;
  refId: string | null;
  summary: string;
  actorName: string;
  at: string;
}

export interface SourceChannel {
  id: string;
  name: string;
  sortOrder: number;
  isArchived: boolean;
}

export interface Conflict {
  id: string;
  customerId: string | null;
  customerName: string;
  requestedBy: string;
  requestedByName: string;
  ownerName: string | null;
  status: 'logged' | 'requested' | 'approved' | 'rejected';
  reason: string;
  at: string;
  resolvedByName: string | null;
  resolvedAt: string | null;
  resolution: string;
}

export interface Campaign {
  id: string;
  projectId: string;
  projectName: string;
  title: string;
  message: string;
  status: 'draft' | 'sent';
  recipientCount: number;
  createdAt: string;
  sentAt: string | null;
}

export interface CampaignRecipient {
  customerId: string;
  name: string;
  projectName: string;
  phone: string;
  marketingConsentAt: string | null;
  willSend: boolean;
}

export interface SendLogItem {
  id: string;
  customerName: string;
  status: 'sent' | 'skipped';
  reason: string;
  at: string;
}

export interface ImportPreview {
  id: string;
  fileName: string;
  totalRows: number;
  validRows: number;
  errorRows: number;
  duplicateRows: number;
  ignoredColumns: string[];
  newSourceChannels: string[];
  sample: Array<{
    rowNumber: number;
    name: string;
    phones: string[];
    sourceName: string;
    consultantName: string;
  }>;
}

export interface ImportJob {
  id: string;
  fileName: string;
  status: 'previewed' | 'running' | 'done' | 'cancelled' | 'failed';
  mode: string | null;
  totalRows: number;
  validRows: number;
  errorRows: number;
  duplicateRows: number;
  processedRows: number;
  importedRows: number;
  isCancelRequested: boolean;
  failure: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportProblem {
  rowNumber: number;
  name: string;
  errors: string[];
  duplicateOf: string | null;
}

export interface SalesProject {
  id: string;
  name: string;
  kind: 'sales' | 'estate';
}

const id = encodeURIComponent;

/** Uploads go as multipart; the shared client speaks JSON only, so this one call uses fetch directly. */
async function uploadImport(projectId: string, file: File, language: string): Promise<ImportPreview> {
  const { csrfToken } = await authApi.getMe();
  const body = new FormData();
  body.append('file', file, file.name);
  const response = await fetch(`/api/customer-imports?projectId=${id(projectId)}`, {
    method: 'POST',
    body,
    credentials: 'same-origin',
    headers: {
      ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      Accept: 'application/json',
      'Accept-Language': language,
    },
  });
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = payload?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.fields,
    );
  }
  return payload as ImportPreview;
}

export const customersApi = {
  findProjects: (signal?: AbortSignal) =>
    api.get<{ items: SalesProject[] }>('/org/projects', undefined, signal),
  findCustomers: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<Customer>>('/customers', query, signal),
  getCustomer: (customerId: string, signal?: AbortSignal) =>
    api.get<Customer>(`/customers/${id(customerId)}`, undefined, signal),
  registerCustomer: (projectId: string, input: CustomerInput) =>
    api.post<{ outcome: 'created' | 'mine' | 'taken_over'; customer: Customer }>('/customers', {
      projectId,
      ...input,
    }),
  updateCustomer: (customerId: string, input: Omit<CustomerInput, 'phones'> & { phones?: string[] }) =>
    api.put<Customer>(`/customers/${id(customerId)}`, input),
  checkPhone: (projectId: string, phone: string) =>
    api.post<PhoneCheck>('/customers/phone-check', { projectId, phone }),
  revealPhones: (customerId: string) =>
    api.post<{ phones: Array<{ id: string; phone: string; kind: string }> }>(
      `/customers/${id(customerId)}/reveal-phones`,
    ),
  getTimeline: (customerId: string, signal?: AbortSignal) =>
    api.get<{ items: TimelineItem[] }>(`/customers/${id(customerId)}/timeline`, undefined, signal),
  getBook: (projectId: string, signal?: AbortSignal) =>
    api.get<Book>('/customers/book', { projectId }, signal),
  reassign: (customerId: string, toStaffId: string, reason: string) =>
    api.post<Customer>(`/customers/${id(customerId)}/reassign`, { toStaffId, reason }),
  moveIn: (customerId: string, movedInAt: string) =>
    api.post<{ checkIns: unknown[] }>(`/customers/${id(customerId)}/move-in`, { movedInAt }),
  exportPersonalData: (customerId: string) =>
    api.download(`/customers/${id(customerId)}/personal-data`, undefined, 'customer.json'),
  erase: (customerId: string, reason: string) =>
    api.post<void>(`/customers/${id(customerId)}/erase`, { reason }),
  planFollowUp: (customerId: string, input: { plannedAt: string; theme: string; channel: FollowUpChannel }) =>
    api.post<FollowUp>(`/customers/${id(customerId)}/follow-ups`, input),
  findFollowUps: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<FollowUp>>('/follow-ups', query, signal),
  completeFollowUp: (followUpId: string, outcome: string) =>
    api.post<FollowUp>(`/follow-ups/${id(followUpId)}/complete`, { outcome }),
  cancelFollowUp: (followUpId: string, reason: string) =>
    api.post<FollowUp>(`/follow-ups/${id(followUpId)}/cancel`, { reason }),
  requestReassignment: (projectId: string, phone: string, reason: string) =>
    api.post<{ id: string }>('/customers/ownership-requests', { projectId, phone, reason }),
  findConflicts: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<Conflict>>('/customers/ownership-conflicts', query, signal),
  resolveRequest: (requestId: string, isApproved: boolean, note: string) =>
    api.post<void>(`/customers/ownership-requests/${id(requestId)}/resolve`, { isApproved, note }),
  findSourceChannels: (projectId: string, includeArchived = false, signal?: AbortSignal) =>
    api.get<{ items: SourceChannel[] }>(
      '/source-channels',
      { projectId, includeArchived: includeArchived ? 'true' : undefined },
      signal,
    ),
  createSourceChannel: (projectId: string, name: string, sortOrder: number) =>
    api.post<SourceChannel>('/source-channels', { projectId, name, sortOrder }),
  updateSourceChannel: (channelId: string, input: { name: string; sortOrder: number; isArchived: boolean }) =>
    api.put<SourceChannel>(`/source-channels/${id(channelId)}`, input),
  findCampaigns: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<Campaign>>('/campaigns', query, signal),
  createCampaign: (input: { projectId: string; title: string; message: string }) =>
    api.post<Campaign>('/campaigns', input),
  previewRecipients: (campaignId: string, query: Query, signal?: AbortSignal) =>
    api.get<PageResult<CampaignRecipient>>(`/campaigns/${id(campaignId)}/recipients`, query, signal),
  sendCampaign: (campaignId: string) =>
    api.post<{ sent: number; skipped: number }>(`/campaigns/${id(campaignId)}/send`),
  findSendLog: (campaignId: string, query: Query, signal?: AbortSignal) =>
    api.get<PageResult<SendLogItem>>(`/campaigns/${id(campaignId)}/send-log`, query, signal),
  unsubscribe: (token: string) => api.post<{ isUnsubscribed: boolean }>('/public/unsubscribe', { token }),
  uploadImport,
  findImports: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<ImportJob>>('/customer-imports', query, signal),
  getImport: (importId: string, signal?: AbortSignal) =>
    api.get<ImportJob>(`/customer-imports/${id(importId)}`, undefined, signal),
  findImportProblems: (importId: string, signal?: AbortSignal) =>
    api.get<{ items: ImportProblem[] }>(`/customer-imports/${id(importId)}/problems`, { limit: 500 }, signal),
  commitImport: (importId: string, mode: 'all_or_nothing' | 'valid_only') =>
    api.post<ImportJob>(`/customer-imports/${id(importId)}/commit`, { mode }),
  cancelImport: (importId: string) => api.post<ImportJob>(`/customer-imports/${id(importId)}/cancel`),
};

/**
 * What goes into the search URL: a typed phone number is cut to its last four digits, so no
 * whole number ever sits in a URL (or a server log line); names and pinyin go as typed.
 */
export function toSearchQuery(value: string): string | undefined {
  const text = value.trim();
  if (!text) return undefined;
  const digits = text.replace(/[\s+\-()]/g, '');
  if (/^\d{5,}$/.test(digits)) return digits.slice(-4);
  return text;
}
