import type { Locale } from '../../../contracts/locales.js';

export type Channel = 'inapp' | 'email' | 'sms' | 'wecom';
export const channels: readonly Channel[] = ['inapp', 'email', 'sms', 'wecom'];

/** pending: not tried yet · sending: handed to the provider, answer not recorded · sent · failed: will retry · dead: gave up · skipped: not sendable (no consent, no address, channel off) */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'skipped';

export interface NotificationsTable {
  id: string;
  companyId: string;
  projectId: string | null;
  event: string;
  /** Secret params' values as they may be shown (masked); the real ones are in sealedParams. */
  paramsJson: string;
  /** The secret params' values, JSON encrypted with the platform cipher bound to `notification:<id>`; null when none. */
  sealedParams: string | null;
  recipientsJson: string;
  link: string | null;
  sendAt: string;
  dedupeKey: string | null;
  jobId: string;
  createdAt: string;
}

export interface NotifyDeliveriesTable {
  id: string;
  notificationId: string;
  jobId: string;
  companyId: string;
  projectId: string | null;
  event: string;
  channel: Channel;
  recipientKey: string;
  recipientKind: 'staff' | 'customer' | 'group';
  recipientName: string;
  address: string;
  locale: Locale;
  title: string;
  body: string;
  templateVersion: number;
  status: DeliveryStatus;
  attempts: number;
  dueAt: string;
  sentAt: string | null;
  providerMessageId: string | null;
  providerAnswer: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  isPossibleDuplicate: number;
  resendOf: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NotifyAttemptsTable {
  id: string;
  deliveryId: string;
  attemptNo: number;
  idempotencyKey: string;
  instanceId: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'sending' | 'sent' | 'failed';
  providerAnswer: string | null;
  errorMessage: string | null;
}

export interface NotifyInboxTable {
  id: string;
  staffId: string;
  deliveryId: string;
  notificationId: string;
  event: string;
  projectId: string | null;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotifyTemplatesTable {
  id: string;
  companyId: string;
  event: string;
  locale: Locale;
  version: number;
  title: string;
  body: string;
  smsTemplateCode: string;
  isActive: number;
  createdAt: string;
  createdBy: string | null;
}

export interface NotifyPreferencesTable {
  staffId: string;
  channelsJson: string;
  email: string;
  updatedAt: string;
}

export interface NotifyProvidersTable {
  id: string;
  companyId: string;
  channel: Exclude<Channel, 'inapp'>;
  isEnabled: number;
  configJson: string;
  secretJson: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** An administrator's override of the working-day calendar for one date (see notify.time.ts). */
export interface CalendarDaysTable {
  companyId: string;
  /** `YYYY-MM-DD`, a Shanghai calendar date. */
  day: string;
  kind: 'rest' | 'work';
  note: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface NotifyTables {
  calendarDays: CalendarDaysTable;
  notifications: NotificationsTable;
  notifyDeliveries: NotifyDeliveriesTable;
  notifyAttempts: NotifyAttemptsTable;
  notifyInbox: NotifyInboxTable;
  notifyTemplates: NotifyTemplatesTable;
  notifyPreferences: NotifyPreferencesTable;
  notifyProviders: NotifyProvidersTable;
}
