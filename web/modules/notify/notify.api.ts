import type { Locale } from '../../../contracts/locales';
import type {
  Channel,
  ChannelChoice,
  Delivery,
  DeliveryDetail,
  DeliveryStatus,
  Done,
  InboxPage,
  JobPage,
  JobStatus,
  Preferences,
  Provider,
  ProviderChannel,
  ProviderTestResult,
  ReportRow,
  ResendResult,
  SavedTemplateVersion,
  TemplatePreview,
  TemplateSummary,
  TemplateVersion,
} from '../../../contracts/notify';
import { api, type PageResult } from '../../app/api';

export type {
  Attempt,
  Channel,
  Delivery,
  DeliveryStatus,
  InboxItem,
  Job,
  JobStatus,
  Preferences,
  Provider,
  ProviderChannel,
  ReportRow,
  TemplateSummary,
  TemplateVersion,
} from '../../../contracts/notify';

export interface DeliveryFilters {
  q?: string;
  status?: DeliveryStatus;
  channel?: Channel;
  event?: string;
  from?: string;
  to?: string;
  possibleDuplicate?: boolean;
}

export const notifyApi = {
  inbox: (query: { unreadOnly?: boolean; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<InboxPage>('/notify/inbox', query, signal),
  unreadCount: (signal?: AbortSignal) =>
    api.get<{ unread: number }>('/notify/inbox/unread-count', undefined, signal),
  markRead: (body: { ids?: string[]; all?: boolean }) =>
    api.post<{ marked: number }>('/notify/inbox/read', body),
  preferences: (signal?: AbortSignal) => api.get<Preferences>('/notify/preferences', undefined, signal),
  savePreferences: (body: { channels: Record<Channel, boolean>; email: string }) =>
    api.put<ChannelChoice>('/notify/preferences', body),
  deliveries: (
    query: DeliveryFilters & { page: number; pageSize: number; sort?: string; order?: 'asc' | 'desc' },
    signal?: AbortSignal,
  ) => api.get<PageResult<Delivery>>('/notify/deliveries', { ...query }, signal),
  delivery: (id: string, signal?: AbortSignal) =>
    api.get<DeliveryDetail>(`/notify/deliveries/${id}`, undefined, signal),
  resend: (id: string) => api.post<ResendResult>(`/notify/deliveries/${id}/resend`),
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
  ) => api.post<SavedTemplateVersion>(`/notify/templates/${encodeURIComponent(event)}/versions`, body),
  activate: (event: string, body: { locale: Locale; version: number }) =>
    api.post<Done>(`/notify/templates/${encodeURIComponent(event)}/activate`, body),
  preview: (body: { event: string; locale: Locale; title?: string; body?: string }) =>
    api.post<TemplatePreview>('/notify/templates/preview', body),
  providers: (signal?: AbortSignal) => api.get<{ items: Provider[] }>('/notify/providers', undefined, signal),
  saveProvider: (
    channel: ProviderChannel,
    body: { isEnabled: boolean; config: Record<string, unknown>; secret?: string },
  ) => api.put<Done>(`/notify/providers/${channel}`, body),
  testProvider: (channel: ProviderChannel, to: string) =>
    api.post<ProviderTestResult>(`/notify/providers/${channel}/test`, { to }),
  jobs: (
    query: { status?: JobStatus; kind?: string; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => api.get<JobPage>('/notify/jobs', { ...query }, signal),
  retryJob: (id: string) => api.post<Done>(`/notify/jobs/${id}/retry`),
};
