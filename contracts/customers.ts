/**
 * The customer register's requests and answers as both sides see them: the server's use cases
 * produce these shapes (server/modules/customers) and its response schemas are checked against
 * them at compile time; the web client (web/modules/customers) reads them. Money is integer fen,
 * times are ISO-8601 UTC.
 */

export type Gender = 'male' | 'female' | 'unknown';
/** SA-3: developers, peers and media are key customers. */
export type KeyKind = 'developer' | 'peer' | 'media';
export type CustomerCategory = 'normal' | 'key';
export type Purpose = 'self_use' | 'investment' | 'upgrade' | 'other' | '';
export type ConsentVia = 'verbal' | 'written' | 'form' | 'sms' | 'import';
export type FirstContact = 'call' | 'visit' | 'manual' | 'import';
export type PhoneKind = 'mobile' | 'landline';
export type FollowUpChannel = 'phone' | 'wechat' | 'sms' | 'visit';

export interface PhoneDetail {
  id: string;
  /** Whole only for those allowed to see it, masked (138****5678) for everyone else (PRIV). */
  phone: string;
  kind: PhoneKind;
  tail4: string;
  isMasked: boolean;
}

/** What the customer is looking for (意向): layout, area in m², total budget in integer fen, purpose. */
export interface CustomerIntent {
  intentLayout: string;
  intentAreaMin: number | null;
  intentAreaMax: number | null;
  intentBudgetFen: number | null;
  intentPurpose: Purpose;
}

export interface CustomerView extends CustomerIntent {
  id: string;
  projectId: string;
  name: string;
  gender: Gender;
  category: CustomerCategory;
  keyKind: KeyKind | null;
  sourceChannelId: string | null;
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
  firstContact: FirstContact;
  locale: string;
  movedInAt: string | null;
  isErased: boolean;
  createdAt: string;
  updatedAt: string;
  phones: string[];
  phoneDetails: PhoneDetail[];
  canRevealPhones: boolean;
  canEdit: boolean;
}

/** The register form (POST /api/customers adds projectId; PUT may leave phones out to keep them). */
export interface CustomerInput extends CustomerIntent {
  name: string;
  gender: Gender;
  phones: string[];
  isPhoneRefused: boolean;
  sourceChannelId: string | null;
  keyKind: KeyKind | null;
  notes: string;
  hasContactConsent: boolean;
  hasMarketingConsent: boolean;
  consentVia: ConsentVia;
  /** The customer's language for messages; the server takes zh-CN when absent. */
  locale?: 'zh-CN' | 'zh-TW' | 'en';
}

export interface RegisterResult {
  outcome: 'created' | 'mine' | 'taken_over';
  customer: CustomerView;
}

/** The registration form's check while a number is typed — never whose number it is. */
export type PhoneCheck =
  | { status: 'invalid' }
  | { status: 'free' }
  | { status: 'mine'; customerId: string; customerName: string }
  | { status: 'taken'; ownerName: string }
  | { status: 'lapsed'; ownerName: string | null };

export interface FollowUpView {
  id: string;
  projectId: string;
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
  createdAt: string;
}

/** The consultant's book (《客户登记本》) for one Shanghai day. */
export interface BookView {
  day: string;
  callers: Array<CustomerView & { servedAt: string }>;
  visitors: Array<CustomerView & { servedAt: string }>;
  dueFollowUps: FollowUpView[];
}

export interface TimelineItem {
  id: string;
  kind: string;
  refId: string | null;
  summary: string;
  actorName: string;
  at: string;
}

export interface SourceChannelView {
  id: string;
  name: string;
  sortOrder: number;
  isArchived: boolean;
}

export interface ConflictView {
  id: string;
  customerId: string | null;
  customerName: string;
  requestedBy: string;
  requestedByName: string;
  ownerStaffId: string | null;
  ownerName: string | null;
  status: 'logged' | 'requested' | 'approved' | 'rejected';
  reason: string;
  at: string;
  resolvedByName: string | null;
  resolvedAt: string | null;
  resolution: string;
}

export interface CampaignView {
  id: string;
  projectId: string;
  projectName: string;
  title: string;
  message: string;
  status: 'draft' | 'sending' | 'sent' | 'cancelled';
  /** Messages sent (so far, while sending). */
  recipientCount: number;
  /** While sending and after: customers gone through of the whole audience (sent or skipped). */
  audienceCount: number;
  processedCount: number;
  isCancelRequested: boolean;
  createdAt: string;
  sentAt: string | null;
}

/** What a send did: a cancelled one says how many went before it stopped. */
export interface CampaignSendResult {
  sent: number;
  skipped: number;
  /** SA-18: of the skipped, owners whose register record does not consent to announcements. */
  skippedForOwnerConsent: number;
  cancelled: boolean;
}

export interface CampaignRecipient {
  customerId: string;
  name: string;
  projectId: string;
  projectName: string;
  phone: string;
  marketingConsentAt: string | null;
  willSend: boolean;
}

export interface SendLogItem {
  id: string;
  customerId: string;
  customerName: string;
  status: 'sent' | 'skipped';
  reason: string;
  at: string;
}

export interface ImportPreview {
  id: string;
  fileName: string;
  status: string;
  totalRows: number;
  validRows: number;
  errorRows: number;
  duplicateRows: number;
  ignoredColumns: string[];
  /** Sheets whose rows were read (every visible sheet with a recognisable header). */
  sheetsRead: number;
  /** Sheets passed over: hidden, or without a recognisable header in their first rows. */
  skippedSheets: ImportSkippedSheet[];
  newSourceChannels: string[];
  sample: Array<{
    sheetName: string;
    rowNumber: number;
    name: string;
    phones: string[];
    sourceName: string;
    consultantName: string;
  }>;
  /** Consultant names of the file with no exact staff match, each to be mapped once. */
  consultantNames: ImportConsultantName[];
  /** The project's active consultants, to map a name to. */
  consultants: Array<{ id: string; displayName: string }>;
  /** Whether "assign to me" is open to the importer (they are a consultant of the project). */
  importerIsConsultant: boolean;
  keyCustomerRows: number;
  phoneRefusedRows: number;
  warningRows: number;
  /** Rows the import read something into (a key-customer kind, a refused phone, a supplied year). */
  notices: ImportNotice[];
}

export interface ImportConsultantName {
  name: string;
  rows: number;
  suggestions: Array<{ staffId: string; displayName: string }>;
}

export interface ImportSkippedSheet {
  name: string;
  reason: 'hidden' | 'no_header';
}

export interface ImportNotice {
  sheetName: string;
  rowNumber: number;
  name: string;
  keyKind: KeyKind | null;
  isPhoneRefused: boolean;
  warnings: string[];
}

/** The importer's choice for one consultant name: a colleague (or themselves) by id, or null for unassigned. */
export interface ImportConsultantChoice {
  name: string;
  staffId: string | null;
}

export interface ImportJob {
  id: string;
  projectId: string;
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
  /** Order in the whole file; the next page starts after it. */
  position: number;
  sheetName: string;
  rowNumber: number;
  name: string;
  errors: string[];
  /** 'database', or 'row' when an earlier row of the file has the number (duplicateSheet · duplicateRow). */
  duplicateOf: 'database' | 'row' | null;
  duplicateSheet: string | null;
  duplicateRow: number | null;
}
