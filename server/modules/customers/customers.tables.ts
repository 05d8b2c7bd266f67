import type {
  ConsentVia,
  CustomerCategory,
  CustomerIntent,
  FirstContact,
  Gender,
  KeyKind,
  PhoneKind,
  Purpose,
} from '../../../contracts/customers.js';

import type { PersonalDataKind, RevealReason } from '../../../contracts/personal-data.js';

// The register's vocabularies are shared with the web client (contracts/customers.ts).
export type { ConsentVia, CustomerCategory, FirstContact, Gender, KeyKind, PhoneKind, Purpose };

export interface CustomersTable extends CustomerIntent {
  id: string;
  companyId: string;
  projectId: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  gender: Gender;
  category: CustomerCategory;
  keyKind: KeyKind | null;
  sourceChannelId: string | null;
  notes: string;
  ownerStaffId: string | null;
  ownedSince: string | null;
  /** Ownership (客户保护期) ends here unless a follow-up renews it. */
  protectedUntil: string | null;
  hasContactConsent: number;
  contactConsentAt: string | null;
  contactConsentVia: ConsentVia | null;
  hasMarketingConsent: number;
  marketingConsentAt: string | null;
  marketingConsentVia: ConsentVia | null;
  /** PRIV: when marketing consent was last withdrawn (null once given again); campaigns log them as skipped. */
  marketingWithdrawnAt?: string | null;
  /** SA-10: the visitor declined to leave a number; never demanded again. */
  isPhoneRefused: number;
  firstContact: FirstContact;
  locale: string;
  movedInAt: string | null;
  /** Secret in the unsubscribe link of campaign messages (SA-18). */
  unsubscribeToken: string;
  importId: string | null;
  isErased: number;
  erasedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerPhonesTable {
  id: string;
  customerId: string;
  projectId: string;
  phoneE164: string;
  /** Last four digits, indexed for the book's search. */
  phoneTail4: string;
  kind: PhoneKind;
  sortOrder: number;
  createdAt: string;
}

export interface CustomerEventsTable {
  id: string;
  customerId: string;
  projectId: string;
  kind: string;
  refId: string | null;
  summary: string;
  actorId: string | null;
  actorName: string;
  at: string;
}

export interface SourceChannelsTable {
  id: string;
  projectId: string;
  name: string;
  sortOrder: number;
  isArchived: number;
  createdAt: string;
}

export type ConflictStatus = 'logged' | 'requested' | 'approved' | 'rejected';

export interface OwnershipConflictsTable {
  id: string;
  projectId: string;
  customerId: string;
  requestedBy: string;
  ownerStaffId: string | null;
  status: ConflictStatus;
  reason: string;
  at: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolution: string;
}

export type FollowUpKind = 'sales' | 'after_sales';
export type FollowUpChannel = 'phone' | 'wechat' | 'sms' | 'visit';
export type FollowUpStatus = 'planned' | 'done' | 'cancelled';

export interface FollowUpsTable {
  id: string;
  projectId: string;
  customerId: string;
  staffId: string;
  kind: FollowUpKind;
  plannedAt: string;
  theme: string;
  channel: FollowUpChannel;
  status: FollowUpStatus;
  outcome: string;
  doneAt: string | null;
  remindedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `sending` while its batches go out; `cancelled` when the manager stopped it part-way. */
export type CampaignStatus = 'draft' | 'sending' | 'sent' | 'cancelled';

export interface CampaignsTable {
  id: string;
  companyId: string;
  /** The new project being announced. */
  projectId: string;
  title: string;
  message: string;
  status: CampaignStatus;
  /** Messages sent (so far, while sending). */
  recipientCount: number;
  /** Customers the send goes through (sent or skipped), counted when it starts. */
  audienceCount: number;
  /** Of those, how many the send has been through. */
  processedCount: number;
  /** 1 once the manager asked to stop: the send stops before its next batch. */
  isCancelRequested: number;
  createdBy: string;
  createdAt: string;
  sentAt: string | null;
}

export type RecipientStatus = 'sent' | 'skipped';

export interface CampaignRecipientsTable {
  id: string;
  campaignId: string;
  customerId: string;
  status: RecipientStatus;
  reason: string;
  at: string;
}

export type ImportStatus = 'previewed' | 'running' | 'done' | 'cancelled' | 'failed';
export type ImportMode = 'all_or_nothing' | 'valid_only';

export interface CustomerImportsTable {
  id: string;
  projectId: string;
  staffId: string;
  fileName: string;
  status: ImportStatus;
  mode: ImportMode | null;
  totalRows: number;
  validRows: number;
  errorRows: number;
  duplicateRows: number;
  processedRows: number;
  importedRows: number;
  isCancelRequested: number;
  failure: string;
  createdAt: string;
  finishedAt: string | null;
  /** Consultant names of the file with no exact staff match, with suggestions (JSON array). */
  consultantNamesJson: string;
  /** The importer's choice per unmatched name: a staff id, or null for unassigned (JSON object). */
  consultantMapJson: string;
}

export interface CustomerImportRowsTable {
  id: string;
  importId: string;
  /** The row's number in its sheet, as the office sees it. */
  rowNumber: number;
  /** The sheet the row was read from ('' for rows staged before sheets were kept). */
  sheetName: string;
  /** Order of the row in the whole file (sheets in tab order); orders and pages the staged rows. */
  position: number;
  /** Parsed, normalised row (JSON) ready to insert. */
  dataJson: string;
  /** Localised problems (JSON array); empty array when the row is valid. */
  errorsJson: string;
  /** 'database' when the number is registered already; `row:N:sheet` (or `row:N`) for an earlier row of the file; null otherwise. */
  duplicateOf: string | null;
}

/** PRIV: one reveal of a whole phone or ID number (who, whom, what, why, when). */
export interface PersonalDataAccessLogTable {
  id: string;
  companyId: string;
  projectId: string;
  staffId: string;
  staffName: string;
  customerId: string;
  kind: PersonalDataKind;
  reasonCode: RevealReason;
  reasonText: string;
  at: string;
}

export interface CustomersTables {
  personalDataAccessLog: PersonalDataAccessLogTable;
  customers: CustomersTable;
  customerPhones: CustomerPhonesTable;
  customerEvents: CustomerEventsTable;
  sourceChannels: SourceChannelsTable;
  ownershipConflicts: OwnershipConflictsTable;
  followUps: FollowUpsTable;
  campaigns: CampaignsTable;
  campaignRecipients: CampaignRecipientsTable;
  customerImports: CustomerImportsTable;
  customerImportRows: CustomerImportRowsTable;
}
