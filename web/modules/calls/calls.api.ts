import type {
  CallDetailRecording,
  RecordingPlay,
  RecordingPlayFilters,
} from '../../../contracts/call-recordings';
import type {
  Call,
  CallActionInput,
  CallDesk,
  CallDetail,
  CallDetailsInput,
  CallStats,
  CtiSecret,
  DeskSummary,
  DirectoryEntry,
  EmergencyContact,
  GreetingShown,
  Incident,
  IncidentInput,
  LeaderCall,
  LeaderCallInput,
  LeaderCallStep,
  Message,
  MessageInput,
  MessageStep,
  PersonLookup,
  PersonSearchInput,
  PersonSearchResult,
  Purpose,
  Script,
  ScriptSaved,
  ScriptVersion,
  Situation,
} from '../../../contracts/calls';
import { api, type PageResult, type Query } from '../../app/api';

export type * from '../../../contracts/call-recordings';
export type * from '../../../contracts/calls';
export { conductSteps } from '../../../contracts/calls';

const enc = encodeURIComponent;

export const callsApi = {
  findDesks: (signal?: AbortSignal) => api.get<{ items: CallDesk[] }>('/calls/desks', undefined, signal),
  /** The administrator's: every call desk of their projects, to set up. */
  findSetupDesks: (signal?: AbortSignal) =>
    api.get<{ items: CallDesk[] }>('/calls/setup/desks', undefined, signal),
  getQueue: (deskId: string, signal?: AbortSignal) =>
    api.get<{ desk: DeskSummary; items: Call[] }>(`/calls/desks/${enc(deskId)}/queue`, undefined, signal),
  startCall: (deskId: string, callerNumber: string) =>
    api.post<Call>(`/calls/desks/${enc(deskId)}/calls`, { callerNumber }),
  getCall: (callId: string, signal?: AbortSignal) =>
    api.get<CallDetail & CallDetailRecording>(`/calls/${enc(callId)}`, undefined, signal),
  act: (callId: string, body: CallActionInput) => api.post<Call>(`/calls/${enc(callId)}/actions`, body),
  /** CS-1 / SEC-2: tells the server the screen is showing this call's greeting. */
  reportGreetingShown: (callId: string) => api.post<GreetingShown>(`/calls/${enc(callId)}/greeting-shown`),
  /** CS-4: the agent does not know the person sought; the screen now shows the phrase. */
  openPersonLookup: (callId: string) => api.post<PersonLookup>(`/calls/${enc(callId)}/person-lookup`),
  /** CS-4: a directory search for the caller, kept on the call. */
  searchForCaller: (callId: string, body: PersonSearchInput) =>
    api.post<PersonSearchResult>(`/calls/${enc(callId)}/person-lookup/searches`, body),
  recordPersonNotFound: (callId: string) =>
    api.post<PersonLookup>(`/calls/${enc(callId)}/person-lookup/not-found`),
  saveDetails: (callId: string, body: CallDetailsInput) => api.put<Call>(`/calls/${enc(callId)}`, body),
  findCalls: (query: Query, signal?: AbortSignal) => api.get<PageResult<Call>>('/calls', query, signal),
  getScripts: (deskId: string, locale?: string, signal?: AbortSignal) =>
    api.get<{ items: Script[] }>(`/calls/desks/${enc(deskId)}/scripts`, { locale }, signal),
  getScriptVersions: (deskId: string, situation: Situation, locale: string) =>
    api.get<{ items: ScriptVersion[] }>(`/calls/desks/${enc(deskId)}/scripts/${situation}/versions`, {
      locale,
    }),
  saveScript: (deskId: string, situation: Situation, locale: string, templates: string[]) =>
    api.put<ScriptSaved>(`/calls/desks/${enc(deskId)}/scripts/${situation}`, {
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
  readMessage: (id: string) => api.post<MessageStep>(`/calls/messages/${enc(id)}/read`),
  handleMessage: (id: string, note: string) =>
    api.post<MessageStep>(`/calls/messages/${enc(id)}/handle`, { note }),
  reportIncident: (input: IncidentInput) => api.post<Incident>('/calls/incidents', input),
  findIncidents: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<Incident>>('/calls/incidents', query, signal),
  stepIncident: (id: string, action: 'dispatch' | 'resolve', note: string) =>
    api.post<Incident>(`/calls/incidents/${enc(id)}/steps`, { action, note }),
  recordLeaderCall: (input: LeaderCallInput) => api.post<LeaderCall>('/calls/leader-calls', input),
  findLeaderCalls: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<LeaderCall>>('/calls/leader-calls', query, signal),
  reportLeaderCall: (id: string) => api.post<LeaderCallStep>(`/calls/leader-calls/${enc(id)}/report`),
  closeLeaderCall: (id: string, note: string) =>
    api.post<LeaderCallStep>(`/calls/leader-calls/${enc(id)}/close`, { note }),
  getStats: (query: Query, signal?: AbortSignal) => api.get<CallStats>('/calls/stats', query, signal),
  rotateSecret: (deskId: string) => api.post<CtiSecret>(`/calls/desks/${enc(deskId)}/cti-secret`),
  setCtiEnabled: (deskId: string, isEnabled: boolean) =>
    api.put<void>(`/calls/desks/${enc(deskId)}/cti`, { isEnabled }),
  getEmergencyContacts: (deskId: string, signal?: AbortSignal) =>
    api.get<{ items: EmergencyContact[] }>(
      `/calls/desks/${enc(deskId)}/emergency-contacts`,
      undefined,
      signal,
    ),
  /** Where the audio element streams a call's recording from (the server logs each playback). */
  recordingSource: (callId: string) => `/api/calls/${enc(callId)}/recording`,
  findRecordingPlays: (query: RecordingPlayFilters & Query, signal?: AbortSignal) =>
    api.get<PageResult<RecordingPlay>>('/call-recording-plays', query, signal),
  setEmergencyContacts: (deskId: string, staffIds: string[]) =>
    api.put<{ staffIds: string[] }>(`/calls/desks/${enc(deskId)}/emergency-contacts`, { staffIds }),
};
