import type { Tx } from '../../platform/db/database.js';
import type { CallMessagesTable, IncidentsTable, LeaderCallsTable } from './calls.tables.js';

// The reads behind the desk's conformance facts (issue 16): pages of calls, messages, leader calls
// and incidents by id (all of them, or those changed since a time), and what a page links to, each
// fetched once per page by id lists, never a query per row.

export interface PageQuery {
  since: string | null;
  afterId: string | null;
  limit: number;
}

/** Either a page of changed rows or the rows of these ids. */
export type RowSelection = { page: PageQuery } | { ids: string[] };

export async function findCallFactRows(db: Tx, selection: RowSelection) {
  let query = db
    .selectFrom('calls')
    .leftJoin('callPurposes', 'callPurposes.id', 'calls.purposeId')
    .select([
      'calls.id',
      'calls.companyId',
      'calls.projectId',
      'calls.deskId',
      'calls.status',
      'calls.ringingAt',
      'calls.answeredAt',
      'calls.endedAt',
      'calls.heldSince',
      'calls.answeredByStaffId',
      'calls.answeredByRef',
      'calls.releasedBy',
      'calls.transferredToStaffId',
      'calls.transferKind',
      'calls.transferredAt',
      'calls.ringMs',
      'calls.rings',
      'calls.maxRings',
      'calls.isAnsweredWithinLimit',
      'calls.holdMs',
      'calls.holdCount',
      'calls.greetingShownAt',
      'calls.greetingVersion',
      'calls.personLookupAt',
      'calls.personLookupVersion',
      'calls.personNotFoundAt',
      'calls.purposeId',
      'callPurposes.key as purposeKey',
      'callPurposes.label as purposeLabel',
    ]);
  if ('ids' in selection) {
    if (selection.ids.length === 0) return [];
    query = query.where('calls.id', 'in', selection.ids);
  } else {
    const { since, afterId, limit } = selection.page;
    if (since) query = query.where('calls.updatedAt', '>=', since);
    if (afterId) query = query.where('calls.id', '>', afterId);
    query = query.limit(limit);
  }
  return query.orderBy('calls.id').execute();
}

export type CallFactRow = Awaited<ReturnType<typeof findCallFactRows>>[number];

/** SEC-7: the hold, resume and end events of these calls, in the order they happened. */
export async function findHoldEvents(db: Tx, callIds: string[]) {
  if (callIds.length === 0) return [];
  return db
    .selectFrom('callEvents')
    .select(['callId', 'type', 'occurredAt'])
    .where('callId', 'in', callIds)
    .where('type', 'in', ['held', 'resumed', 'ended'])
    .orderBy('callId')
    .orderBy('occurredAt')
    .execute();
}

/** SEC-7: calls of these desks that were in conversation at some time in [fromIso, toIso], by ringing time. */
export async function findTalkingCalls(db: Tx, deskIds: string[], fromIso: string, toIso: string) {
  if (deskIds.length === 0) return [];
  // Ringing starts before answering: a day of slack keeps the desk-and-ringing index usable.
  const ringingFrom = new Date(Date.parse(fromIso) - 86_400_000).toISOString();
  return db
    .selectFrom('calls')
    .select(['id', 'deskId', 'ringingAt', 'answeredAt', 'endedAt', 'answeredByStaffId', 'answeredByRef'])
    .where('deskId', 'in', deskIds)
    .where('ringingAt', '>=', ringingFrom)
    .where('ringingAt', '<=', toIso)
    .where('answeredAt', 'is not', null)
    .where('answeredAt', '<=', toIso)
    .where((eb) => eb.or([eb('endedAt', 'is', null), eb('endedAt', '>=', fromIso)]))
    .orderBy('deskId')
    .orderBy('ringingAt')
    .orderBy('id')
    .execute();
}

/** CS-2 / CS-3: the messages and pass-ons taken during these calls. */
export async function findMessagesOfCalls(db: Tx, callIds: string[]) {
  if (callIds.length === 0) return [];
  return db
    .selectFrom('callMessages')
    .select(['id', 'callId', 'kind', 'recipientStaffId', 'createdAt'])
    .where('callId', 'in', callIds)
    .orderBy('createdAt')
    .execute();
}

export async function findLeaderCallsOfCalls(db: Tx, callIds: string[]) {
  if (callIds.length === 0) return [];
  return db.selectFrom('leaderCalls').select(['id', 'callId']).where('callId', 'in', callIds).execute();
}

export async function findIncidentsOfCalls(db: Tx, callIds: string[]) {
  if (callIds.length === 0) return [];
  return db.selectFrom('incidents').select(['id', 'callId']).where('callId', 'in', callIds).execute();
}

type RecordTable = 'callMessages' | 'leaderCalls' | 'incidents';

async function findRecordRows<T extends RecordTable>(db: Tx, table: T, selection: RowSelection) {
  let query = db.selectFrom(table as RecordTable).selectAll();
  if ('ids' in selection) {
    if (selection.ids.length === 0) return [];
    query = query.where('id', 'in', selection.ids);
  } else {
    const { since, afterId, limit } = selection.page;
    if (since) query = query.where('updatedAt', '>=', since);
    if (afterId) query = query.where('id', '>', afterId);
    query = query.limit(limit);
  }
  return query.orderBy('id').execute();
}

export async function findMessageFactRows(db: Tx, selection: RowSelection) {
  return (await findRecordRows(db, 'callMessages', selection)) as CallMessagesTable[];
}

export async function findLeaderCallFactRows(db: Tx, selection: RowSelection) {
  return (await findRecordRows(db, 'leaderCalls', selection)) as LeaderCallsTable[];
}

export async function findIncidentFactRows(db: Tx, selection: RowSelection) {
  return (await findRecordRows(db, 'incidents', selection)) as IncidentsTable[];
}
