import type {
  BookView,
  CampaignRecipient,
  CampaignSendResult,
  CampaignView,
  ConflictView,
  CustomerInput,
  CustomerView,
  FollowUpChannel,
  FollowUpView,
  ImportConsultantChoice,
  ImportJob,
  ImportPreview,
  ImportProblem,
  PhoneCheck,
  RegisterResult,
  SendLogItem,
  SourceChannelView,
  TimelineItem,
} from '../../../contracts/customers';
import type { AccessLogItem, ErasureResult, RevealReason } from '../../../contracts/personal-data';
import { api, type PageResult, type Query } from '../../app/api';

// Requests and answers are the server's contract (contracts/customers.ts); the names below are
// the ones this client's screens use.
export type {
  CampaignRecipient,
  ConsentVia,
  CustomerInput,
  FollowUpChannel,
  Gender,
  ImportConsultantChoice,
  ImportConsultantName,
  ImportJob,
  ImportNotice,
  ImportPreview,
  ImportProblem,
  KeyKind,
  PhoneCheck,
  PhoneDetail,
  Purpose,
  RegisterResult,
  SendLogItem,
  TimelineItem,
} from '../../../contracts/customers';
export type { AccessLogItem, ErasureResult, RevealReason };
export type Customer = CustomerView;
export type FollowUp = FollowUpView;
export type Book = BookView;
export type SourceChannel = SourceChannelView;
export type Conflict = ConflictView;
export type Campaign = CampaignView;

export interface SalesProject {
  id: string;
  name: string;
  kind: 'sales' | 'estate';
}

const id = encodeURIComponent;

export const customersApi = {
  findProjects: (signal?: AbortSignal) =>
    api.get<{ items: SalesProject[] }>('/org/projects', undefined, signal),
  findCustomers: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<Customer>>('/customers', query, signal),
  getCustomer: (customerId: string, signal?: AbortSignal) =>
    api.get<Customer>(`/customers/${id(customerId)}`, undefined, signal),
  registerCustomer: (projectId: string, input: CustomerInput) =>
    api.post<RegisterResult>('/customers', {
      projectId,
      ...input,
    }),
  updateCustomer: (customerId: string, input: Omit<CustomerInput, 'phones'> & { phones?: string[] }) =>
    api.put<Customer>(`/customers/${id(customerId)}`, input),
  checkPhone: (projectId: string, phone: string) =>
    api.post<PhoneCheck>('/customers/phone-check', { projectId, phone }),
  revealPhones: (customerId: string, reasonCode: RevealReason, reasonText: string) =>
    api.post<{ phones: Array<{ id: string; phone: string; kind: string }> }>(
      `/customers/${id(customerId)}/reveal-phones`,
      { reasonCode, reasonText },
    ),
  getTimeline: (customerId: string, signal?: AbortSignal) =>
    api.get<{ items: TimelineItem[] }>(`/customers/${id(customerId)}/timeline`, undefined, signal),
  getBook: (projectId: string, signal?: AbortSignal) =>
    api.get<Book>('/customers/book', { projectId }, signal),
  reassign: (customerId: string, toStaffId: string, reason: string) =>
    api.post<Customer>(`/customers/${id(customerId)}/reassign`, { toStaffId, reason }),
  moveIn: (customerId: string, movedInAt: string) =>
    api.post<{ checkIns: unknown[]; isCareSkippedForConsent: boolean }>(
      `/customers/${id(customerId)}/move-in`,
      { movedInAt },
    ),
  exportPersonalData: (customerId: string, format: 'xlsx' | 'pdf') =>
    api.download(`/customers/${id(customerId)}/personal-data`, { format }, `personal-data.${format}`),
  correctCustomer: (
    customerId: string,
    input: Omit<CustomerInput, 'phones'> & { phones?: string[]; reason: string },
  ) => api.post<Customer>(`/customers/${id(customerId)}/correction`, input),
  withdrawConsent: (customerId: string, reason: string) =>
    api.post<void>(`/customers/${id(customerId)}/withdraw-consent`, { reason }),
  erase: (customerId: string, reason: string) =>
    api.post<ErasureResult>(`/customers/${id(customerId)}/erase`, { reason }),
  findAccessLog: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<AccessLogItem>>('/privacy/access-log', query, signal),
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
  /** Answers when the send is over: all sent, or stopped part-way (cancelCampaign). */
  sendCampaign: (campaignId: string) => api.post<CampaignSendResult>(`/campaigns/${id(campaignId)}/send`),
  getCampaign: (campaignId: string, signal?: AbortSignal) =>
    api.get<Campaign>(`/campaigns/${id(campaignId)}`, undefined, signal),
  cancelCampaign: (campaignId: string) => api.post<Campaign>(`/campaigns/${id(campaignId)}/cancel`),
  findSendLog: (campaignId: string, query: Query, signal?: AbortSignal) =>
    api.get<PageResult<SendLogItem>>(`/campaigns/${id(campaignId)}/send-log`, query, signal),
  unsubscribe: (token: string) => api.post<{ isUnsubscribed: boolean }>('/public/unsubscribe', { token }),
  uploadImport: (projectId: string, file: File) =>
    api.upload<ImportPreview>('/customer-imports', file, { query: { projectId } }),
  findImports: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<ImportJob>>('/customer-imports', query, signal),
  getImport: (importId: string, signal?: AbortSignal) =>
    api.get<ImportJob>(`/customer-imports/${id(importId)}`, undefined, signal),
  findImportProblems: (importId: string, signal?: AbortSignal) =>
    api.get<{ items: ImportProblem[] }>(`/customer-imports/${id(importId)}/problems`, { limit: 500 }, signal),
  commitImport: (
    importId: string,
    mode: 'all_or_nothing' | 'valid_only',
    consultants: ImportConsultantChoice[],
  ) => api.post<ImportJob>(`/customer-imports/${id(importId)}/commit`, { mode, consultants }),
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
