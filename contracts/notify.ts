/**
 * The notification centre's answers as both sides see them: the server's response schemas
 * (server/modules/notify/notify.schemas.ts) are checked against these at compile time, and the web
 * client (web/modules/notify/notify.api.ts) reads them. Times are ISO-8601 UTC.
 */
import type { Locale } from './locales.js';

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

export interface InboxPage {
  items: InboxItem[];
  total: number;
  unread: number;
}

export interface ChannelChoice {
  channels: Record<Channel, boolean>;
  email: string;
}

export interface Preferences extends ChannelChoice {
  mobile: string;
}

/** A delivery as the log shows it: never the message's title or body (PRIV). */
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

export interface DeliveryDetail extends Delivery {
  attemptLog: Attempt[];
}

export interface ResendResult {
  id: string;
  jobId: string;
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
  /** Placeholders whose values are masked wherever people read them (a sign-in code). */
  secretParams: string[];
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

export interface SavedTemplateVersion {
  id: string;
  version: number;
}

export interface TemplatePreview {
  title: string;
  body: string;
  params: Record<string, string | number>;
}

export interface Provider {
  channel: ProviderChannel;
  isConfigured: boolean;
  isEnabled: boolean;
  config: Record<string, unknown> | null;
  secretHint: string;
}

export interface ProviderTestResult {
  ok: boolean;
  answer: string;
}

export interface Job {
  id: string;
  kind: string;
  runAt: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  dedupeKey: string | null;
  cancelledKey: string | null;
  leaseOwner: string | null;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  payload: unknown;
}

export interface JobPage {
  items: Job[];
  total: number;
  page: number;
  pageSize: number;
  counts: Partial<Record<JobStatus, number>>;
}

/** The answer of a change that has nothing else to say. */
export interface Done {
  ok: true;
}

// --- the working calendar (系统设置 → 工作日历): rest and make-up working days per year ---

export type CalendarDayKind = 'rest' | 'work';

export interface CalendarDay {
  day: string;
  kind: CalendarDayKind;
  source: 'package' | 'administrator';
  name: string;
  isWeekend: boolean;
}

export interface CalendarYear {
  year: number;
  days: CalendarDay[];
  packageCoversYear: boolean;
}

export interface SavedCalendarYear extends CalendarYear {
  saved: number;
}

/** An uploaded .xlsx read into the lines the calendar's text box takes. */
export interface CalendarLines {
  text: string;
  rows: number;
}
