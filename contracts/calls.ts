/**
 * The call desk's requests and answers as both sides see them: the server's response schemas
 * (server/modules/calls) are checked against these types at compile time, and the web client
 * (web/modules/calls) reads them. Times are ISO-8601 UTC, durations in milliseconds.
 */

import type { PersonLookup } from './person-lookup.js';
import type { CallerResident } from './residents.js';
import type { WorkOrderSummary } from './workorders.js';

export type * from './person-lookup.js';

export type CallStatus = 'ringing' | 'answered' | 'on_hold' | 'ended' | 'missed';
export type ReleasedBy = 'caller' | 'agent' | 'system';
export type Presence = 'at_desk' | 'away' | 'busy' | 'off';
export type Situation =
  | 'manner'
  | 'greeting'
  | 'transfer'
  | 'fetch_person'
  | 'not_at_seat'
  | 'unknown_person'
  | 'leader_verification'
  | 'emergency'
  | 'closing'
  | 'hold_apology';

export interface RingPolicy {
  cadenceSeconds: number;
  ringOnSeconds: number;
  counting: 'before_next_ring' | 'during_ring';
  maxRings: number;
}

export interface CallDesk {
  id: string;
  name: string;
  kind: 'service_centre' | 'security_post';
  phone: string;
  projectId: string;
  projectName: string;
  cti: {
    isEnabled: boolean;
    secretHint: string | null;
    rotatedAt: string | null;
    lastEventAt: string | null;
  };
}

export interface Call {
  id: string;
  deskId: string;
  projectId: string;
  source: 'cti' | 'manual';
  externalCallId: string | null;
  status: CallStatus;
  callerNumber: string;
  callerNumberDisplay: string;
  isCallerNumberValid: boolean;
  callerName: string;
  callerStaffId: string | null;
  ringingAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  heldSince: string | null;
  answeredByStaffId: string | null;
  answeredByName: string | null;
  releasedBy: ReleasedBy | null;
  transferredToStaffId: string | null;
  transferredToName: string | null;
  transferKind: 'transfer' | 'fetch' | null;
  ringMs: number | null;
  rings: number | null;
  maxRings: number;
  isAnsweredWithinLimit: boolean;
  holdMs: number;
  holdCount: number;
  talkMs: number | null;
  purposeId: string | null;
  notes: string;
  /** SEC-8 steps the agent confirmed during the call. */
  conductSteps: ConductStep[];
}

/** SEC-8: calm, even tone; do not interrupt; courteous — in the rule's order. */
export const conductSteps = ['calm_tone', 'no_interrupting', 'courteous'] as const;
export type ConductStep = (typeof conductSteps)[number];

export interface Script {
  situation: Situation;
  rule: string;
  version: number;
  templates: string[];
  phrases: string[];
  updatedAt: string | null;
}

export interface DirectoryEntry {
  id: string;
  displayName: string;
  namePinyin: string;
  nameInitials: string;
  title: string;
  departmentId: string | null;
  departmentName: string | null;
  buildingId: string | null;
  buildingName: string | null;
  doorId: string | null;
  doorName: string | null;
  officePhone: string;
  shareableMobile: string | null;
  presence: Presence;
  presenceChangedAt: string;
}

/** The desk a queue or a call belongs to, with its ring policy (SEC-7). */
export interface DeskSummary {
  id: string;
  name: string;
  kind: CallDesk['kind'];
  projectName: string;
  policy: RingPolicy;
}

export interface CallDetail {
  call: Call;
  personLookup: PersonLookup | null;
  callerNumberDisplay: string;
  answeredByName: string | null;
  transferredToName: string | null;
  greeting: string;
  scripts: Script[];
  desk: DeskSummary;
  events: Array<{
    id: string;
    type: string;
    source: string;
    occurredAt: string;
    receivedAt: string;
    releasedBy: ReleasedBy | null;
    byName: string | null;
    targetName: string | null;
  }>;
  caller: {
    staff: DirectoryEntry | null;
    /** Customers (sales register) who gave this number: masked number, owning consultant. */
    customers: Array<{
      id: string;
      name: string;
      projectName: string;
      category: 'normal' | 'key';
      phoneMasked: string;
      ownerName: string | null;
    }>;
    /** Residents (the property desk's register) who gave this number: who is probably calling. */
    residents: CallerResident[];
    /** The caller's open work orders in the desk's project (by number or resident), for desk roles. */
    workOrders: WorkOrderSummary[];
    recentCalls: Array<{
      id: string;
      ringingAt: string;
      status: CallStatus;
      purposeId: string | null;
      notes: string;
      answeredByName: string | null;
    }>;
    recentMessages: Array<{
      id: string;
      createdAt: string;
      recipientName: string;
      content: string;
      status: string;
    }>;
    recentIncidents: Array<{
      id: string;
      reportedAt: string;
      account: string;
      status: string;
      isEmergency: boolean;
    }>;
  };
  links: {
    messages: Array<{
      id: string;
      kind: Message['kind'];
      recipientName: string;
      status: Message['status'];
      content: string;
    }>;
    leaderCalls: Array<{
      id: string;
      claimedName: string;
      claimedTitle: string;
      status: LeaderCall['status'];
    }>;
    incidents: Array<{ id: string; isEmergency: boolean; account: string; status: Incident['status'] }>;
  };
}

export interface Purpose {
  id: string;
  key: string | null;
  label: string;
  sortOrder: number;
  isActive: boolean;
}

export interface Message {
  id: string;
  deskId: string;
  callId: string | null;
  recipientStaffId: string;
  recipientName: string;
  kind: 'message' | 'pass_on';
  callerName: string;
  callbackNumber: string;
  callbackNumberDisplay: string;
  isCallbackNumberValid: boolean;
  content: string;
  urgency: 'normal' | 'urgent';
  status: 'new' | 'read' | 'handled';
  createdAt: string;
  createdByName: string;
  readAt: string | null;
  handledAt: string | null;
  handledNote: string;
  escalatedAt: string | null;
  escalatedToName: string | null;
}

export type CallerIdentity = 'owner' | 'tenant' | 'visitor' | 'staff' | 'other';

export interface Incident {
  id: string;
  deskId: string;
  callId: string | null;
  isEmergency: boolean;
  callerName: string;
  callerIdentity: CallerIdentity | null;
  buildingId: string | null;
  doorId: string | null;
  buildingName: string;
  doorName: string;
  unitLabel: string;
  phone: string;
  account: string;
  status: 'reported' | 'dispatched' | 'resolved';
  reportedAt: string;
  timeline: Array<{ status: string; at: string; byStaffId: string | null; byName: string; note: string }>;
}

export interface LeaderCall {
  id: string;
  deskId: string;
  callId: string | null;
  claimedName: string;
  claimedTitle: string;
  callbackNumber: string;
  request: string;
  isIdentified: boolean;
  status: 'recorded' | 'reported' | 'closed';
  createdAt: string;
  createdByName: string;
  reportedToName: string | null;
  reportedAt: string | null;
  closedAt: string | null;
  closedByName: string | null;
  closingNote: string;
}

export interface StatsFigures {
  calls: number;
  answered: number;
  missed: number;
  answeredWithinLimit: number;
  /** Share of all finished-or-answered calls answered within the desk's max rings, 0–100. */
  withinLimitPercent: number | null;
  ringsAverage: number | null;
  ringsP90: number | null;
  ringSecondsAverage: number | null;
  holdSecondsTotal: number;
  holdSecondsAverage: number | null;
  callerHungUpFirst: number;
  callerHungUpFirstPercent: number | null;
}

export interface CallStats {
  fromDay: string;
  toDay: string;
  summary: StatsFigures;
  byDay: Array<{ day: string } & StatsFigures>;
  byHour: Array<{ hour: number } & StatsFigures>;
  byAgent: Array<{ staffId: string | null; name: string } & StatsFigures>;
  byPurpose: Array<{ purposeId: string | null; label: string } & StatsFigures>;
  byDesk: Array<{ deskId: string; name: string } & StatsFigures>;
}

export interface MessageInput {
  deskId: string;
  callId?: string | null;
  recipientStaffId: string;
  kind: 'message' | 'pass_on';
  callerName: string;
  callbackNumber: string;
  content: string;
  urgency: 'normal' | 'urgent';
}

export interface IncidentInput {
  deskId: string;
  callId?: string | null;
  isEmergency: boolean;
  callerName: string;
  callerIdentity: CallerIdentity | null;
  buildingId: string | null;
  doorId: string | null;
  unitLabel: string;
  phone: string;
  account: string;
}

export interface LeaderCallInput {
  deskId: string;
  callId?: string | null;
  claimedName: string;
  claimedTitle: string;
  callbackNumber: string;
  request: string;
  isIdentified: boolean;
}

export type CallAction = 'answer' | 'hold' | 'resume' | 'transfer' | 'end';

export interface CallActionInput {
  action: CallAction;
  releasedBy?: ReleasedBy;
  targetStaffId?: string;
  transferKind?: 'transfer' | 'fetch';
}

export interface CallDetailsInput {
  purposeId?: string | null;
  notes?: string;
  callerName?: string;
  conductSteps?: ConductStep[];
}

/** A phrase set's saved versions, newest first; version 0 is the document's original. */
export interface ScriptVersion {
  version: number;
  templates: string[];
  createdAt: string | null;
  createdBy: string | null;
}

export interface ScriptSaved {
  version: number;
  phrases: string[];
}

export interface MessageStep {
  id: string;
  status: Message['status'];
  readAt: string | null;
  handledAt: string | null;
}

export interface LeaderCallStep {
  id: string;
  status: LeaderCall['status'];
}

export interface EmergencyContact {
  id: string;
  displayName: string;
  title: string;
}

export interface CtiSecret {
  deskId: string;
  /** Whole only in the answer to a rotation. */
  secret: string;
  secretHint: string;
  rotatedAt: string;
}

/** CS-1 / SEC-2: the desk screen's report that it showed a call's greeting (the first one is kept). */
export interface GreetingShown {
  greetingShownAt: string | null;
  /** The desk's greeting version in the screen's language; 0 for the built-in one. */
  greetingVersion: number | null;
}
