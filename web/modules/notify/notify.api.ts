import type { Locale } from '../../../contracts/locales';
import { api, type PageResult } from '../../app/api';

export type Channel = 'inapp' | 'email' | 'sms' | 'wecom';
export type ProviderChannel = Exclude<Channel, 'inapp'>;
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'skipped';
export type JobStatus = 'pending' | 'running' | 'done' | 'dead' | 'cancelled';

export interface InboxItem {
  id: string;
  event: string;
  projectId: string | null;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface Preferences {
  channels: Record<Channel, boolean>;
  email: string;
  mobile: string;
}

export interface Delivery {
  id: string;
  notificationId: string;
  jobId: string;
  projectId: string | null;
  event: string;
  /** The event in words, in the reader's language. */
  eventLabel: string;
  channel: Channel;
  recipientKind: string;
  recipientName: string;
  address: string;
  locale: Locale;
  templateVersion: number;
  status: DeliveryStatus;
  attempts: number;
  dueAt: string;
  sentAt: string | null;
  providerMessageId: string | null;
  providerAnswer: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  isPossibleDuplicate: boolean;
  resendOf: string | null;
  createdAt: string;
}

export interface Attempt {
  id: string;
  attemptNo: number;
  idempotencyKey: string;
  instanceId: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'sending' | 'sent' | 'failed';
  providerAnswer: string | null;
  errorMessage: string | null;
}

export interface DeliveryFilters {
  q?: string;
  status?: DeliveryStatus;
  channel?: Channel;
  event?: string;
  from?: string;
  to?: string;
  possibleDuplicate?: boolean;
}

export interface ReportRow {
  event: string;
  rule: string;
  label: string;
  total: number;
  onTime: number;
  late: number;
  failed: number;
  waiting: number;
  skipped: number;
  averageDelaySeconds: number | null;
  onTimeRate: number | null;
}

export interface TemplateSummary {
  event: string;
  label: string;
  rule: string;
  params: string[];
  smsTemplateCode: string;
  activeVersions: Record<Locale, number>;
}

export interface TemplateVersion {
  id: string | null;
  version: number;
  title: string;
  body: string;
  smsTemplateCode: string;
  isActive: boolean;
  createdAt: string | null;
  createdByName: string | null;
}

export interface Provider {
  channel: ProviderChannel;
  isConfigured: boolean;
  isEnabled: boolean;
  config: Record<string, unknown> | null;
  secretHint: string;
}

export interface Job {
  id: string;
  kind: string;
  runAt: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  payload: unknown;
}

export const notifyApi = {
  inbox: (query: { unreadOnly?: boolean; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<{ items: InboxItem[]; total: number; unread: number }>('/notify/inbox', query, signal),
  unreadCount: (signal?: AbortSignal) =>
    api.get<{ unread: number }>('/notify/inbox/unread-count', undefined, signal),
  markRead: (body: { ids?: string[]; all?: boolean }) =>
    api.post<{ marked: number }>('/notify/inbox/read', body),
  preferences: (signal?: AbortSignal) => api.get<Preferences>('/notify/preferences', undefined, signal),
  savePreferences: (body: { channels: Record<Channel, boolean>; email: string }) =>
    api.put<unknown>('/notify/preferences', body),
  deliveries: (
    query: DeliveryFilters & { page: number; pageSize: number; sort?: string; order?: 'asc' | 'desc' },
    signal?: AbortSignal,
  ) => api.get<PageResult<Delivery>>('/notify/deliveries', { ...query }, signal),
  delivery: (id: string, signal?: AbortSignal) =>
    api.get<Delivery & { attemptLog: Attempt[] }>(`/notify/deliveries/${id}`, undefined, signal),
  resend: (id: string) => api.post<{ id: string; jobId: string }>(`/notify/deliveries/${id}/resend`),
  report: (query: { from: string; to: string }, signal?: AbortSignal) =>
    api.get<{ rows: ReportRow[] }>('/notify/report', query, signal),
  templates: (signal?: AbortSignal) =>
    api.get<{ items: TemplateSummary[] }>('/notify/templates', undefined, signal),
  versions: (event: string, locale: Locale, signal?: AbortSignal) =>
    api.get<{ items: TemplateVersion[] }>(
      `/notify/templates/${encodeURIComponent(event)}/versions`,
      { locale },
      signal,
    ),
  saveVersion: (
    event: string,
    body: { locale: Locale; title: string; body: string; smsTemplateCode: string },
  ) =>
    api.post<{ id: string; version: number }>(
      `/notify/templates/${encodeURIComponent(event)}/versions`,
      body,
    ),
  activate: (event: string, body: { locale: Locale; version: number }) =>
    api.post<unknown>(`/notify/templates/${encodeURIComponent(event)}/activate`, body),
  preview: (body: { event: string; locale: Locale; title?: string; body?: string }) =>
    api.post<{ title: string; body: string; params: Record<string, string | number> }>(
      '/notify/templates/preview',
      body,
    ),
  providers: (signal?: AbortSignal) => api.get<{ items: Provider[] }>('/notify/providers', undefined, signal),
  saveProvider: (
    channel: ProviderChannel,
    body: { isEnabled: boolean; config: Record<string, unknown>; secret?: string },
  ) => api.put<unknown>(`/notify/providers/${channel}`, body),
  testProvider: (channel: ProviderChannel, to: string) =>
    api.post<{ ok: boolean; answer: string }>(`/notify/providers/${channel}/test`, { to }),
  jobs: (
    query: { status?: JobStatus; kind?: string; page: number; pageSize: number },
    signal?: AbortSignal,
  ) =>
    api.get<PageResult<Job> & { counts: Partial<Record<JobStatus, number>> }>(
      '/notify/jobs',
      { ...query },
      signal,
    ),
  retryJob: (id: string) => api.post<unknown>(`/notify/jobs/${id}/retry`),
};
