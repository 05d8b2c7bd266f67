import { api, type PageResult, type Query } from '../../app/api';

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
}

export interface CallDetail {
  call: Call;
  greeting: string;
  scripts: Script[];
  desk: { id: string; name: string; kind: CallDesk['kind']; projectName: string; policy: RingPolicy };
  events: Array<{
    id: string;
    type: string;
    source: string;
    occurredAt: string;
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
    recentCalls: Array<{
      id: string;
      ringingAt: string;
      status: CallStatus;
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
    messages: Array<{ id: string; kind: string; recipientName: string; status: string; content: string }>;
    leaderCalls: Array<{ id: string; claimedName: string; claimedTitle: string; status: string }>;
    incidents: Array<{ id: string; isEmergency: boolean; account: string; status: string }>;
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

export interface Incident {
  id: string;
  deskId: string;
  isEmergency: boolean;
  callerName: string;
  callerIdentity: string | null;
  buildingName: string;
  doorName: string;
  unitLabel: string;
  phone: string;
  account: string;
  status: 'reported' | 'dispatched' | 'resolved';
  reportedAt: string;
  timeline: Array<{ status: string; at: string; byName: string; note: string }>;
}

export interface LeaderCall {
  id: string;
  deskId: string;
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
  callerIdentity: string | null;
  buildingId: string | null;
  doorId: string | null;
  unitLabel: string;
  phone: string;
  account: string;
}

const enc = encodeURIComponent;

export const callsApi = {
  findDesks: (signal?: AbortSignal) => api.get<{ items: CallDesk[] }>('/calls/desks', undefined, signal),
  /** The administrator's: every call desk of their projects, to set up. */
  findSetupDesks: (signal?: AbortSignal) =>
    api.get<{ items: CallDesk[] }>('/calls/setup/desks', undefined, signal),
  getQueue: (deskId: string, signal?: AbortSignal) =>
    api.get<{ desk: CallDetail['desk']; items: Call[] }>(
      `/calls/desks/${enc(deskId)}/queue`,
      undefined,
      signal,
    ),
  startCall: (deskId: string, callerNumber: string) =>
    api.post<Call>(`/calls/desks/${enc(deskId)}/calls`, { callerNumber }),
  getCall: (callId: string, signal?: AbortSignal) =>
    api.get<CallDetail>(`/calls/${enc(callId)}`, undefined, signal),
  act: (
    callId: string,
    body: {
      action: 'answer' | 'hold' | 'resume' | 'transfer' | 'end';
      releasedBy?: ReleasedBy;
      targetStaffId?: string;
      transferKind?: 'transfer' | 'fetch';
    },
  ) => api.post<Call>(`/calls/${enc(callId)}/actions`, body),
  saveDetails: (
    callId: string,
    body: { purposeId?: string | null; notes?: string; callerName?: string; conductSteps?: ConductStep[] },
  ) => api.put<Call>(`/calls/${enc(callId)}`, body),
  findCalls: (query: Query, signal?: AbortSignal) => api.get<PageResult<Call>>('/calls', query, signal),
  getScripts: (deskId: string, locale?: string, signal?: AbortSignal) =>
    api.get<{ items: Script[] }>(`/calls/desks/${enc(deskId)}/scripts`, { locale }, signal),
  getScriptVersions: (deskId: string, situation: Situation, locale: string) =>
    api.get<{ items: Array<{ version: number; templates: string[]; createdAt: string | null }> }>(
      `/calls/desks/${enc(deskId)}/scripts/${situation}/versions`,
      { locale },
    ),
  saveScript: (deskId: string, situation: Situation, locale: string, templates: string[]) =>
    api.put<{ version: number; phrases: string[] }>(`/calls/desks/${enc(deskId)}/scripts/${situation}`, {
      locale,
      templates,
    }),
  findPurposes: (signal?: AbortSignal) => api.get<{ items: Purpose[] }>('/calls/purposes', undefined, signal),
  createPurpose: (label: string, sortOrder: number) =>
    api.post<Purpose>('/calls/purposes', { label, sortOrder }),
  updatePurpose: (id: string, body: { label: string; sortOrder: number; isActive: boolean }) =>
    api.put<Purpose>(`/calls/purposes/${enc(id)}`, body),
  searchDirectory: (
    query: { q?: string; departmentId?: string; buildingId?: string; doorId?: string },
    signal?: AbortSignal,
  ) => api.get<{ items: DirectoryEntry[] }>('/calls/directory', query, signal),
  setWorkplace: (staffId: string, buildingId: string | null, doorId: string | null) =>
    api.put<DirectoryEntry>(`/calls/directory/${enc(staffId)}/workplace`, { buildingId, doorId }),
  leaveMessage: (input: MessageInput) => api.post<Message>('/calls/messages', input),
  findMessages: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<Message> & { unhandled: number }>('/calls/messages', query, signal),
  readMessage: (id: string) => api.post<{ status: string }>(`/calls/messages/${enc(id)}/read`),
  handleMessage: (id: string, note: string) =>
    api.post<{ status: string }>(`/calls/messages/${enc(id)}/handle`, { note }),
  reportIncident: (input: IncidentInput) => api.post<Incident>('/calls/incidents', input),
  findIncidents: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<Incident>>('/calls/incidents', query, signal),
  stepIncident: (id: string, action: 'dispatch' | 'resolve', note: string) =>
    api.post<Incident>(`/calls/incidents/${enc(id)}/steps`, { action, note }),
  recordLeaderCall: (input: {
    deskId: string;
    callId?: string | null;
    claimedName: string;
    claimedTitle: string;
    callbackNumber: string;
    request: string;
    isIdentified: boolean;
  }) => api.post<LeaderCall>('/calls/leader-calls', input),
  findLeaderCalls: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<LeaderCall>>('/calls/leader-calls', query, signal),
  reportLeaderCall: (id: string) => api.post<{ status: string }>(`/calls/leader-calls/${enc(id)}/report`),
  closeLeaderCall: (id: string, note: string) =>
    api.post<{ status: string }>(`/calls/leader-calls/${enc(id)}/close`, { note }),
  getStats: (query: Query, signal?: AbortSignal) => api.get<CallStats>('/calls/stats', query, signal),
  rotateSecret: (deskId: string) =>
    api.post<{ deskId: string; secret: string; secretHint: string; rotatedAt: string }>(
      `/calls/desks/${enc(deskId)}/cti-secret`,
    ),
  setCtiEnabled: (deskId: string, isEnabled: boolean) =>
    api.put<void>(`/calls/desks/${enc(deskId)}/cti`, { isEnabled }),
  getEmergencyContacts: (deskId: string, signal?: AbortSignal) =>
    api.get<{ items: Array<{ id: string; displayName: string; title: string }> }>(
      `/calls/desks/${enc(deskId)}/emergency-contacts`,
      undefined,
      signal,
    ),
  setEmergencyContacts: (deskId: string, staffIds: string[]) =>
    api.put<{ staffIds: string[] }>(`/calls/desks/${enc(deskId)}/emergency-contacts`, { staffIds }),
};
