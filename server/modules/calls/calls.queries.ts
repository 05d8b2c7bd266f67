import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import { pagedQuery } from '../../platform/db/paged.js';
import { escapeLike } from '../../platform/text/pinyin.js';
import type { CallEventsTable, CallStatus, CallsTable, CtiCredentialsTable } from './calls.tables.js';

// --- calls ---------------------------------------------------------------------------------

export async function findCallRow(db: Tx, id: string): Promise<CallsTable | undefined> {
  return db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCallByExternalId(
  db: Tx,
  deskId: string,
  externalCallId: string,
): Promise<CallsTable | undefined> {
  return db
    .selectFrom('calls')
    .selectAll()
    .where('deskId', '=', deskId)
    .where('externalCallId', '=', externalCallId)
    .executeTakeFirst();
}

export async function insertCall(db: Tx, row: CallsTable): Promise<void> {
  await db.insertInto('calls').values(row).execute();
}

export async function updateCallRow(db: Tx, id: string, changes: Partial<CallsTable>): Promise<void> {
  await db.updateTable('calls').set(changes).where('id', '=', id).execute();
}

/** A record linked to the call (a message, a leader call, an incident) changes what the call's facts say. */
export async function touchCall(db: Tx, id: string | null | undefined, now: Date): Promise<void> {
  if (id) await db.updateTable('calls').set({ updatedAt: now.toISOString() }).where('id', '=', id).execute();
}

const openStatuses: CallStatus[] = ['ringing', 'answered', 'on_hold'];

/** The desk's queue: calls still ringing, talking or on hold, oldest first. */
export async function findOpenCalls(db: Tx, deskId: string, sinceIso: string): Promise<CallsTable[]> {
  return db
    .selectFrom('calls')
    .selectAll()
    .where('deskId', '=', deskId)
    .where('status', 'in', openStatuses)
    .where('ringingAt', '>=', sinceIso)
    .orderBy('ringingAt')
    .limit(50)
    .execute();
}

export interface CallFilter {
  /** The calls the caller may see (desk scope), as an SQL condition on `calls`. */
  visible: Expression<SqlBool>;
  /** One or more desks asked for (already checked visible); every visible desk when absent. */
  deskIds?: string[];
  fromIso?: string;
  toIso?: string;
  status?: CallStatus;
  purposeId?: string;
  answeredByStaffId?: string;
  callerNumber?: string;
  isWithinLimit?: boolean;
}

export type CallSortKey = 'ringingAt' | 'ringMs' | 'holdMs' | 'talkMs';

function filteredCalls(db: Db, filter: CallFilter) {
  let query = db.selectFrom('calls').where(filter.visible);
  if (filter.deskIds) query = query.where('calls.deskId', 'in', filter.deskIds);
  if (filter.fromIso) query = query.where('calls.ringingAt', '>=', filter.fromIso);
  if (filter.toIso) query = query.where('calls.ringingAt', '<', filter.toIso);
  if (filter.status) query = query.where('calls.status', '=', filter.status);
  if (filter.purposeId) query = query.where('calls.purposeId', '=', filter.purposeId);
  if (filter.answeredByStaffId) query = query.where('calls.answeredByStaffId', '=', filter.answeredByStaffId);
  if (filter.isWithinLimit !== undefined)
    query = query.where('calls.isAnsweredWithinLimit', '=', filter.isWithinLimit ? 1 : 0);
  if (filter.callerNumber) {
    const digits = filter.callerNumber.replace(/[^\d+]/g, '');
    if (digits)
      query = query.where(
        'calls.callerNumber',
        'like',
        sql<string>`${`%${escapeLike(digits)}%`} ESCAPE '\\'`,
      );
  }
  return query;
}

export async function findCallPage(
  db: Db,
  filter: CallFilter,
  page: { offset: number; limit: number; sort: CallSortKey; order: 'asc' | 'desc' },
) {
  const base = filteredCalls(db, filter);
  return pagedQuery(
    base,
    (query) => query.selectAll('calls').orderBy(`calls.${page.sort}`, page.order).orderBy('calls.id'),
    page,
  );
}

/** Recent calls from one number (screen pop) of the desks the caller sees, newest first. */
export async function findCallsByNumber(
  db: Tx,
  visible: Expression<SqlBool>,
  callerNumber: string,
  exceptCallId: string,
  limit: number,
) {
  return db
    .selectFrom('calls')
    .selectAll()
    .where(visible)
    .where('callerNumber', '=', callerNumber)
    .where('id', '!=', exceptCallId)
    .orderBy('ringingAt', 'desc')
    .limit(limit)
    .execute();
}

/** Exactly the columns statistics need, read by the (desk_id, ringing_at) index range. */
export async function findStatsRows(
  db: Db,
  filter: { visible: Expression<SqlBool>; deskIds?: string[] },
  fromIso: string,
  toIso: string,
) {
  let query = db.selectFrom('calls').where(filter.visible);
  if (filter.deskIds) query = query.where('calls.deskId', 'in', filter.deskIds);
  return query
    .select([
      'deskId',
      'status',
      'rings',
      'ringMs',
      'isAnsweredWithinLimit',
      'holdMs',
      'releasedBy',
      'localDay',
      'localHour',
      'answeredByStaffId',
      'purposeId',
    ])
    .where('ringingAt', '>=', fromIso)
    .where('ringingAt', '<', toIso)
    .execute();
}

// --- events --------------------------------------------------------------------------------

/** One read answers both "replayed request?" (same signature) and "retried event?" (same event id). */
export async function findSeenEvents(db: Tx, deskId: string, eventId: string, signatureHash: string | null) {
  return db
    .selectFrom('callEvents')
    .select(['callId', 'eventId', 'payloadHash', 'signatureHash'])
    .where((eb) =>
      eb.or([
        eb.and([eb('deskId', '=', deskId), eb('eventId', '=', eventId)]),
        ...(signatureHash ? [eb('signatureHash', '=', signatureHash)] : []),
      ]),
    )
    .execute();
}

export async function insertEvent(db: Tx, row: CallEventsTable): Promise<void> {
  await db.insertInto('callEvents').values(row).execute();
}

export async function findEventsOfCall(db: Tx, callId: string): Promise<CallEventsTable[]> {
  return db
    .selectFrom('callEvents')
    .selectAll()
    .where('callId', '=', callId)
    .orderBy('occurredAt')
    .orderBy('receivedAt')
    .execute();
}

// --- CTI credentials -----------------------------------------------------------------------

export async function findCredential(db: Tx, deskId: string): Promise<CtiCredentialsTable | undefined> {
  return db.selectFrom('ctiCredentials').selectAll().where('deskId', '=', deskId).executeTakeFirst();
}

export async function findCredentials(db: Tx, deskIds: string[]): Promise<CtiCredentialsTable[]> {
  if (deskIds.length === 0) return [];
  return db.selectFrom('ctiCredentials').selectAll().where('deskId', 'in', deskIds).execute();
}

export async function upsertCredential(db: Tx, row: CtiCredentialsTable): Promise<void> {
  await db
    .insertInto('ctiCredentials')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('deskId').doUpdateSet({
        secretEncrypted: row.secretEncrypted,
        secretHint: row.secretHint,
        isEnabled: row.isEnabled,
        rotatedAt: row.rotatedAt,
        rotatedBy: row.rotatedBy,
      }),
    )
    .execute();
}

export async function updateCredential(
  db: Tx,
  deskId: string,
  changes: Partial<CtiCredentialsTable>,
): Promise<void> {
  await db.updateTable('ctiCredentials').set(changes).where('deskId', '=', deskId).execute();
}
