import type { Expression, SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import { pagedQuery } from '../../platform/db/paged.js';
import type {
  DeskEmergencyContactsTable,
  IncidentStatus,
  IncidentsTable,
  LeaderCallStatus,
  LeaderCallsTable,
} from './calls.tables.js';

// --- incidents (SEC-5) ---------------------------------------------------------------------

export async function insertIncident(db: Tx, row: IncidentsTable): Promise<void> {
  await db.insertInto('incidents').values(row).execute();
}

export async function findIncidentRow(db: Tx, id: string): Promise<IncidentsTable | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateIncidentIfStatus(
  db: Tx,
  id: string,
  expected: IncidentStatus[],
  changes: Partial<IncidentsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('incidents')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findIncidentPage(
  db: Db,
  filter: {
    visible: Expression<SqlBool>;
    deskIds?: string[];
    status?: IncidentStatus;
    isEmergency?: boolean;
    callId?: string;
  },
  page: { offset: number; limit: number },
) {
  let base = db.selectFrom('incidents').where(filter.visible);
  if (filter.deskIds) base = base.where('deskId', 'in', filter.deskIds);
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.isEmergency !== undefined) base = base.where('isEmergency', '=', filter.isEmergency ? 1 : 0);
  if (filter.callId) base = base.where('callId', '=', filter.callId);
  return pagedQuery(base, (query) => query.selectAll().orderBy('reportedAt', 'desc').orderBy('id'), page);
}

export async function findIncidentsByPhone(
  db: Tx,
  visible: Expression<SqlBool>,
  numbers: string[],
  limit: number,
) {
  if (numbers.length === 0) return [];
  return db
    .selectFrom('incidents')
    .selectAll()
    .where(visible)
    .where('phone', 'in', numbers)
    .orderBy('reportedAt', 'desc')
    .limit(limit)
    .execute();
}

// --- emergency contacts --------------------------------------------------------------------

export async function findEmergencyContacts(db: Tx, deskId: string): Promise<DeskEmergencyContactsTable[]> {
  return db
    .selectFrom('deskEmergencyContacts')
    .selectAll()
    .where('deskId', '=', deskId)
    .orderBy('sortOrder')
    .execute();
}

export async function replaceEmergencyContacts(
  db: Tx,
  deskId: string,
  rows: DeskEmergencyContactsTable[],
): Promise<void> {
  await db.deleteFrom('deskEmergencyContacts').where('deskId', '=', deskId).execute();
  if (rows.length) await db.insertInto('deskEmergencyContacts').values(rows).execute();
}

// --- leader calls (SEC-4) ------------------------------------------------------------------

export async function insertLeaderCall(db: Tx, row: LeaderCallsTable): Promise<void> {
  await db.insertInto('leaderCalls').values(row).execute();
}

export async function findLeaderCallRow(db: Tx, id: string): Promise<LeaderCallsTable | undefined> {
  return db.selectFrom('leaderCalls').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateLeaderCallIfStatus(
  db: Tx,
  id: string,
  expected: LeaderCallStatus[],
  changes: Partial<LeaderCallsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('leaderCalls')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findLeaderCallPage(
  db: Db,
  filter: { visible: Expression<SqlBool>; deskIds?: string[]; status?: LeaderCallStatus; callId?: string },
  page: { offset: number; limit: number },
) {
  let base = db.selectFrom('leaderCalls').where(filter.visible);
  if (filter.deskIds) base = base.where('deskId', 'in', filter.deskIds);
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.callId) base = base.where('callId', '=', filter.callId);
  return pagedQuery(base, (query) => query.selectAll().orderBy('createdAt', 'desc').orderBy('id'), page);
}
