import type { Tx } from '../../platform/db/database.js';
import type { CallMessagesTable, CallsTable } from './calls.tables.js';

// The wallboard's and the ring alert's reads of the call desk's own tables. Each is one index
// range: calls by (desk_id, status) and (desk_id, ringing_at), messages by (desk_id, created_at).

export type WallboardCallRow = Pick<
  CallsTable,
  'id' | 'status' | 'ringingAt' | 'answeredAt' | 'heldSince' | 'holdMs' | 'answeredByStaffId' | 'maxRings'
>;

/** Calls ringing, talking or on hold at the desk, oldest first (a call left open for days is not live). */
export async function findLiveCalls(db: Tx, deskId: string, sinceIso: string): Promise<WallboardCallRow[]> {
  return db
    .selectFrom('calls')
    .select([
      'id',
      'status',
      'ringingAt',
      'answeredAt',
      'heldSince',
      'holdMs',
      'answeredByStaffId',
      'maxRings',
    ])
    .where('deskId', '=', deskId)
    .where('status', 'in', ['ringing', 'answered', 'on_hold'])
    .where('ringingAt', '>=', sinceIso)
    .orderBy('ringingAt')
    .limit(100)
    .execute();
}

export interface DayCounts {
  calls: number;
  ringing: number;
  answered: number;
  answeredWithinLimit: number;
  missed: number;
}

/** The desk's calls that started ringing in [fromIso, toIso), counted by outcome. */
export async function countDeskCalls(
  db: Tx,
  deskId: string,
  fromIso: string,
  toIso: string,
): Promise<DayCounts> {
  const row = await db
    .selectFrom('calls')
    .select((eb) => [
      eb.fn.countAll<number>().as('calls'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'ringing').then(1).else(0).end()).as('ringing'),
      eb.fn.sum<number>(eb.case().when('answeredAt', 'is not', null).then(1).else(0).end()).as('answered'),
      eb.fn.sum<number>('isAnsweredWithinLimit').as('answeredWithinLimit'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'missed').then(1).else(0).end()).as('missed'),
    ])
    .where('deskId', '=', deskId)
    .where('ringingAt', '>=', fromIso)
    .where('ringingAt', '<', toIso)
    .executeTakeFirstOrThrow();
  return {
    calls: Number(row.calls ?? 0),
    ringing: Number(row.ringing ?? 0),
    answered: Number(row.answered ?? 0),
    answeredWithinLimit: Number(row.answeredWithinLimit ?? 0),
    missed: Number(row.missed ?? 0),
  };
}

export type WaitingMessageRow = Pick<
  CallMessagesTable,
  'id' | 'recipientStaffId' | 'kind' | 'urgency' | 'createdAt' | 'companyId' | 'projectId'
>;

/** Messages of the desk not handled yet and taken in [sinceIso, beforeIso): candidates for "past their time". */
export async function findUnhandledMessages(
  db: Tx,
  deskId: string,
  sinceIso: string,
  beforeIso: string,
): Promise<WaitingMessageRow[]> {
  return db
    .selectFrom('callMessages')
    .select(['id', 'recipientStaffId', 'kind', 'urgency', 'createdAt', 'companyId', 'projectId'])
    .where('deskId', '=', deskId)
    .where('createdAt', '>=', sinceIso)
    .where('createdAt', '<', beforeIso)
    .where('status', 'in', ['new', 'read'])
    .orderBy('createdAt')
    .limit(200)
    .execute();
}

export type RingAlertCallRow = Pick<
  CallsTable,
  'id' | 'companyId' | 'projectId' | 'deskId' | 'status' | 'ringingAt' | 'maxRings' | 'answeredAt'
>;

export async function findRingAlertCall(db: Tx, callId: string): Promise<RingAlertCallRow | undefined> {
  return db
    .selectFrom('calls')
    .select(['id', 'companyId', 'projectId', 'deskId', 'status', 'ringingAt', 'maxRings', 'answeredAt'])
    .where('id', '=', callId)
    .executeTakeFirst();
}

/** The calls of a batch of ring alerts, in one read. */
export async function findRingAlertCallStatuses(
  db: Tx,
  callIds: string[],
): Promise<Array<Pick<CallsTable, 'id' | 'status'>>> {
  if (callIds.length === 0) return [];
  return db.selectFrom('calls').select(['id', 'status']).where('id', 'in', callIds).execute();
}
