import type { Situation } from '../../../contracts/calls.js';
export type CallSource = 'cti' | 'manual';
export type CallStatus = 'ringing' | 'answered' | 'on_hold' | 'ended' | 'missed';
export type CallEventType = 'ringing' | 'answered' | 'held' | 'resumed' | 'transferred' | 'ended';
/** SEC-6: who put the phone down first. */
export type ReleasedBy = 'caller' | 'agent' | 'system';
export type TransferKind = 'transfer' | 'fetch';
/** SEC-8, step by step: calm, even tone; do not interrupt; courteous. */
export const conductSteps = ['calm_tone', 'no_interrupting', 'courteous'] as const;
export type ConductStep = (typeof conductSteps)[number];

export interface CallsTable {
  id: string;
  companyId: string;
  projectId: string;
  deskId: string;
  source: CallSource;
  externalCallId: string | null;
  status: CallStatus;
  callerNumberRaw: string;
  callerNumber: string;
  isCallerNumberValid: number;
  callerName: string;
  callerStaffId: string | null;
  ringingAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  heldSince: string | null;
  answeredByStaffId: string | null;
  answeredByRef: string;
  releasedBy: ReleasedBy | null;
  transferredToStaffId: string | null;
  transferKind: TransferKind | null;
  transferredAt: string | null;
  ringMs: number | null;
  rings: number | null;
  maxRings: number;
  isAnsweredWithinLimit: number;
  holdMs: number;
  holdCount: number;
  talkMs: number | null;
  localDay: string;
  localHour: number;
  purposeId: string | null;
  notes: string;
  /** SEC-8 steps the agent confirmed during the call (JSON array of ConductStep). */
  conductSteps: string;
  eventCount: number;
  /** CS-1 / SEC-2: when the agent's screen first showed this call's greeting, which version (0 = built in), to whom. */
  greetingShownAt: string | null;
  greetingVersion: number | null;
  greetingShownBy: string | null;
  /** CS-4: when the agent opened "不认识此人" and the screen showed the phrase, which version, by whom. */
  personLookupAt: string | null;
  personLookupVersion: number | null;
  personLookupBy: string | null;
  /** CS-4: the person sought was not found and the caller was told so. */
  personNotFoundAt: string | null;
  personNotFoundBy: string | null;
  /** When the retention sweep deleted the call's recording (the call keeps this mark). */
  recordingDeletedAt?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CallEventsTable {
  id: string;
  callId: string;
  deskId: string;
  source: CallSource;
  eventId: string;
  type: CallEventType;
  occurredAt: string;
  receivedAt: string;
  signatureHash: string | null;
  payloadHash: string;
  callerNumber: string | null;
  agentRef: string | null;
  agentStaffId: string | null;
  targetStaffId: string | null;
  transferKind: TransferKind | null;
  releasedBy: ReleasedBy | null;
  actorStaffId: string | null;
}

export interface CtiCredentialsTable {
  deskId: string;
  companyId: string;
  secretEncrypted: string;
  secretHint: string;
  isEnabled: number;
  rotatedAt: string;
  rotatedBy: string | null;
  lastEventAt: string | null;
}

export type PurposeKey =
  | 'consult'
  | 'repair'
  | 'complaint'
  | 'find_person'
  | 'leader_call'
  | 'emergency'
  | 'other';

export interface CallPurposesTable {
  id: string;
  companyId: string;
  key: PurposeKey | null;
  label: string;
  sortOrder: number;
  isActive: number;
  createdAt: string;
}

export type ScriptSituation = Situation;

export interface CallScriptsTable {
  id: string;
  deskId: string;
  situation: ScriptSituation;
  locale: string;
  version: number;
  phrasesJson: string;
  createdAt: string;
  createdBy: string | null;
}

export type MessageKind = 'message' | 'pass_on';
export type MessageUrgency = 'normal' | 'urgent';
export type MessageStatus = 'new' | 'read' | 'handled';

export interface CallMessagesTable {
  id: string;
  companyId: string;
  /** The desk's project (desk scope filters by it). */
  projectId: string;
  deskId: string;
  callId: string | null;
  recipientStaffId: string;
  kind: MessageKind;
  callerName: string;
  callbackNumber: string;
  isCallbackNumberValid: number;
  content: string;
  urgency: MessageUrgency;
  status: MessageStatus;
  createdAt: string;
  createdBy: string;
  readAt: string | null;
  handledAt: string | null;
  handledNote: string;
  escalatedAt: string | null;
  escalatedToStaffId: string | null;
  /** CS-3: when it must be handled by (the setting's minutes on the working calendar), fixed when taken. */
  dueAt: string | null;
  updatedAt: string;
}

export type LeaderCallStatus = 'recorded' | 'reported' | 'closed';

export interface LeaderCallsTable {
  id: string;
  companyId: string;
  /** The desk's project (desk scope filters by it). */
  projectId: string;
  deskId: string;
  callId: string | null;
  claimedName: string;
  claimedTitle: string;
  callbackNumber: string;
  request: string;
  isIdentified: number;
  status: LeaderCallStatus;
  createdAt: string;
  createdBy: string;
  reportedToStaffId: string | null;
  reportedAt: string | null;
  reportedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closingNote: string;
  updatedAt: string;
}

export type CallerIdentity = 'owner' | 'tenant' | 'visitor' | 'staff' | 'other';
export type IncidentStatus = 'reported' | 'dispatched' | 'resolved';

export interface IncidentsTable {
  id: string;
  companyId: string;
  projectId: string;
  deskId: string;
  callId: string | null;
  isEmergency: number;
  callerName: string;
  callerIdentity: CallerIdentity | null;
  buildingId: string | null;
  doorId: string | null;
  unitLabel: string;
  phone: string;
  account: string;
  status: IncidentStatus;
  reportedAt: string;
  reportedBy: string;
  dispatchedAt: string | null;
  dispatchedBy: string | null;
  dispatchNote: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionNote: string;
  updatedAt: string;
}

export interface DeskEmergencyContactsTable {
  id: string;
  deskId: string;
  staffId: string;
  sortOrder: number;
}

/** CS-4: one search of the staff directory the agent made for a caller asking for someone unknown. */
export interface CallDirectorySearchesTable {
  id: string;
  callId: string;
  searchedAt: string;
  searchedBy: string | null;
  query: string;
  resultCount: number;
}

export type CallRecordingSource = 'pbx_url' | 'upload';

/** A call's recording: a reference on the PBX (proxied when played) or audio the PBX uploaded. */
export interface CallRecordingsTable {
  id: string;
  companyId: string;
  projectId: string;
  deskId: string;
  callId: string;
  source: CallRecordingSource;
  /** pbx_url: the https address on an allow-listed PBX host; never sent to a browser. */
  pbxUrl: string | null;
  /** upload: the audio as sent, its sniffed type, size and SHA-256 (the identity of a retry). */
  contentType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  audio: Buffer | null;
  receivedAt: string;
}

/** One playback of a recording: who listened to which call, when. */
export interface CallRecordingPlaysTable {
  id: string;
  companyId: string;
  projectId: string;
  deskId: string;
  callId: string;
  staffId: string;
  playedAt: string;
}

export interface CallsTables {
  callRecordings: CallRecordingsTable;
  callRecordingPlays: CallRecordingPlaysTable;
  calls: CallsTable;
  callEvents: CallEventsTable;
  callDirectorySearches: CallDirectorySearchesTable;
  ctiCredentials: CtiCredentialsTable;
  callPurposes: CallPurposesTable;
  callScripts: CallScriptsTable;
  callMessages: CallMessagesTable;
  leaderCalls: LeaderCallsTable;
  incidents: IncidentsTable;
  deskEmergencyContacts: DeskEmergencyContactsTable;
}
