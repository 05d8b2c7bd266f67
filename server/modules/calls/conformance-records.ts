import type { Db, Tx } from '../../platform/db/database.js';
import { getSetting, type SettingKey, type SettingValue } from '../settings/index.js';
import { type EmergencyField, missingEmergencyFields } from './calls.rules.js';
import type {
  CallMessagesTable,
  IncidentStatus,
  IncidentsTable,
  LeaderCallStatus,
  LeaderCallsTable,
  MessageKind,
  MessageStatus,
} from './calls.tables.js';
import * as queries from './conformance.queries.js';
import * as directory from './directory.queries.js';

// CONF (issue 16): what the desk recorded, as conformance scores it. The shapes carry conformance's
// SubjectFacts fields and the sources its FactSource's; `conformance/sources.ts` holds them to those
// types (the calls module does not import conformance, which reads it).

/** The fields every scored subject carries (conformance's SubjectFacts). */
export interface DeskSubjectFacts {
  id: string;
  companyId: string;
  projectId: string;
  deskId: string;
  /** Whom the score counts for; null when nobody (a call never answered). */
  staffId: string | null;
  /** When it happened (UTC ISO); its Asia/Shanghai day files the score. */
  occurredAt: string;
}

/** A page of subjects changed at or after `since` (all when null), in id order after `afterId`. */
export interface DeskFactSource<F extends DeskSubjectFacts & { kind: string }> {
  kind: F['kind'];
  changed(db: Db, query: { since: string | null; afterId: string | null; limit: number }): Promise<F[]>;
  byIds(db: Db, ids: string[]): Promise<F[]>;
}

/** CS-3: a message or pass-on taken for someone, and what became of it. */
export interface MessageConformanceFacts extends DeskSubjectFacts {
  kind: 'message';
  messageKind: MessageKind;
  status: MessageStatus;
  callId: string | null;
  createdAt: string;
  takenByStaffId: string;
  recipientStaffId: string;
  recipientName: string;
  /** When it had to be handled by: recorded when taken (the setting on the working calendar). */
  dueAt: string;
  escalationMinutes: number;
  readAt: string | null;
  handledAt: string | null;
  escalatedAt: string | null;
  escalatedToName: string | null;
}

/** SEC-4: a caller who said they were a company leader, and the report to the department head. */
export interface LeaderCallConformanceFacts extends DeskSubjectFacts {
  kind: 'leader_call';
  status: LeaderCallStatus;
  callId: string | null;
  isIdentified: boolean;
  createdAt: string;
  reportedAt: string | null;
  reportedToStaffId: string | null;
  reportedToName: string | null;
  closedAt: string | null;
  reportMinutes: number;
}

/** SEC-5: an incident reported on a desk; an emergency needs five fields and a prompt dispatch. */
export interface IncidentConformanceFacts extends DeskSubjectFacts {
  kind: 'incident';
  status: IncidentStatus;
  callId: string | null;
  isEmergency: boolean;
  /** Of the five fields, those missing on the record (saved before any dispatch: incidents are not edited). */
  missingFields: EmergencyField[];
  reportedAt: string;
  dispatchedAt: string | null;
  dispatchedBy: string | null;
  resolvedAt: string | null;
  dispatchMinutes: number;
}

type DeskRow = { companyId: string; projectId: string; deskId: string };

/** One setting per desk, read once per page. */
async function perDesk<K extends SettingKey>(db: Tx, key: K, rows: readonly DeskRow[]) {
  const values = new Map<string, SettingValue<K>>();
  for (const row of rows)
    if (!values.has(row.deskId))
      values.set(
        row.deskId,
        await getSetting(db, key, { companyId: row.companyId, projectId: row.projectId, deskId: row.deskId }),
      );
  return values;
}

const plusMinutes = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

async function buildMessageFacts(db: Tx, rows: CallMessagesTable[]): Promise<MessageConformanceFacts[]> {
  if (rows.length === 0) return [];
  const minutes = await perDesk(db, 'calls.messageEscalationMinutes', rows);
  const names = await directory.findStaffNames(
    db,
    rows.flatMap((row) => [row.recipientStaffId, row.escalatedToStaffId ?? '']),
  );
  return rows.map((row) => {
    const escalationMinutes = minutes.get(row.deskId) as number;
    return {
      kind: 'message',
      id: row.id,
      companyId: row.companyId,
      projectId: row.projectId,
      deskId: row.deskId,
      staffId: row.recipientStaffId,
      occurredAt: row.createdAt,
      messageKind: row.kind,
      status: row.status,
      callId: row.callId,
      createdAt: row.createdAt,
      takenByStaffId: row.createdBy,
      recipientStaffId: row.recipientStaffId,
      recipientName: names.get(row.recipientStaffId) ?? '',
      // Messages taken before due times were recorded: the setting's minutes from when it was taken.
      dueAt: row.dueAt ?? plusMinutes(row.createdAt, escalationMinutes),
      escalationMinutes,
      readAt: row.readAt,
      handledAt: row.handledAt,
      escalatedAt: row.escalatedAt,
      escalatedToName: row.escalatedToStaffId ? (names.get(row.escalatedToStaffId) ?? '') : null,
    };
  });
}

async function buildLeaderCallFacts(db: Tx, rows: LeaderCallsTable[]): Promise<LeaderCallConformanceFacts[]> {
  if (rows.length === 0) return [];
  const minutes = await perDesk(db, 'calls.leaderReportMinutes', rows);
  const names = await directory.findStaffNames(
    db,
    rows.map((row) => row.reportedToStaffId ?? ''),
  );
  return rows.map((row) => ({
    kind: 'leader_call',
    id: row.id,
    companyId: row.companyId,
    projectId: row.projectId,
    deskId: row.deskId,
    staffId: row.createdBy,
    occurredAt: row.createdAt,
    status: row.status,
    callId: row.callId,
    isIdentified: row.isIdentified === 1,
    createdAt: row.createdAt,
    reportedAt: row.reportedAt,
    reportedToStaffId: row.reportedToStaffId,
    reportedToName: row.reportedToStaffId ? (names.get(row.reportedToStaffId) ?? '') : null,
    closedAt: row.closedAt,
    reportMinutes: minutes.get(row.deskId) as number,
  }));
}

async function buildIncidentFacts(db: Tx, rows: IncidentsTable[]): Promise<IncidentConformanceFacts[]> {
  if (rows.length === 0) return [];
  const minutes = await perDesk(db, 'calls.emergencyDispatchMinutes', rows);
  return rows.map((row) => ({
    kind: 'incident',
    id: row.id,
    companyId: row.companyId,
    projectId: row.projectId,
    deskId: row.deskId,
    staffId: row.reportedBy,
    occurredAt: row.reportedAt,
    status: row.status,
    callId: row.callId,
    isEmergency: row.isEmergency === 1,
    missingFields: missingEmergencyFields(row),
    reportedAt: row.reportedAt,
    dispatchedAt: row.dispatchedAt,
    dispatchedBy: row.dispatchedBy,
    resolvedAt: row.resolvedAt,
    dispatchMinutes: minutes.get(row.deskId) as number,
  }));
}

/** CS-3 messages and pass-ons, paged by id. */
export const messageFactSource: DeskFactSource<MessageConformanceFacts> = {
  kind: 'message',
  changed: async (db: Db, page) => buildMessageFacts(db, await queries.findMessageFactRows(db, { page })),
  byIds: async (db: Db, ids) => buildMessageFacts(db, await queries.findMessageFactRows(db, { ids })),
};

/** SEC-4 leader calls, paged by id. */
export const leaderCallFactSource: DeskFactSource<LeaderCallConformanceFacts> = {
  kind: 'leader_call',
  changed: async (db: Db, page) =>
    buildLeaderCallFacts(db, await queries.findLeaderCallFactRows(db, { page })),
  byIds: async (db: Db, ids) => buildLeaderCallFacts(db, await queries.findLeaderCallFactRows(db, { ids })),
};

/** SEC-5 incidents, paged by id. */
export const incidentFactSource: DeskFactSource<IncidentConformanceFacts> = {
  kind: 'incident',
  changed: async (db: Db, page) => buildIncidentFacts(db, await queries.findIncidentFactRows(db, { page })),
  byIds: async (db: Db, ids) => buildIncidentFacts(db, await queries.findIncidentFactRows(db, { ids })),
};
