import type SqliteDatabase from 'better-sqlite3';
import type { Tx } from '../../platform/db/database.js';
import { isPostgres } from '../../platform/db/database.js';
import * as queries from './calls.queries.js';
import type { CallEventsTable, CallsTable } from './calls.tables.js';

/**
 * The statements one call event needs, behind one small interface so the same use case
 * (applyCallEvent) runs on two back ends:
 * - `kyselyStore`: the module's Kysely queries (PostgreSQL, and the agent's buttons everywhere);
 * - `sqliteStore`: the same statements as raw SQL prepared once per connection, for the CTI
 *   webhook on SQLite, where building, compiling and preparing each Kysely query cost more CPU
 *   than running it (profiled: ~3 ms of ~5 ms per event). It must only be used inside a Kysely
 *   transaction on the same connection (Kysely's connection lock keeps everyone else out).
 */
export interface CallStore {
  findSeenEvents(deskId: string, eventId: string, signatureHash: string | null): Promise<SeenEvent[]>;
  findCallRow(id: string): Promise<CallsTable | undefined>;
  findCallByExternalId(deskId: string, externalCallId: string): Promise<CallsTable | undefined>;
  /** PostgreSQL: takes the call's row lock so concurrent events of one call apply one at a time. */
  lockCall(call: CallsTable): Promise<void>;
  findEventsOfCall(callId: string): Promise<CallEventsTable[]>;
  insertCall(row: CallsTable): Promise<void>;
  /** Writes the columns derived from the events (never purpose, notes or caller name: the agent's). */
  updateDerived(row: CallsTable): Promise<void>;
  insertEvent(row: CallEventsTable): Promise<void>;
}

export interface SeenEvent {
  callId: string;
  eventId: string;
  payloadHash: string;
  signatureHash: string | null;
}

/** What the events decide; purposeId, notes and callerName belong to the agent and are never written here. */
const derivedColumns = [
  'status',
  'callerNumberRaw',
  'callerNumber',
  'isCallerNumberValid',
  'callerStaffId',
  'ringingAt',
  'answeredAt',
  'endedAt',
  'heldSince',
  'answeredByStaffId',
  'answeredByRef',
  'releasedBy',
  'transferredToStaffId',
  'transferKind',
  'transferredAt',
  'ringMs',
  'rings',
  'isAnsweredWithinLimit',
  'holdMs',
  'holdCount',
  'talkMs',
  'localDay',
  'localHour',
  'eventCount',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof CallsTable>;

/** Every column: the call's identity, what the agent records, and what the events decide. */
const callColumns = [
  'id',
  'companyId',
  'projectId',
  'deskId',
  'source',
  'externalCallId',
  'callerName',
  'maxRings',
  'purposeId',
  'notes',
  'conductSteps',
  'createdAt',
  ...derivedColumns,
] as const satisfies ReadonlyArray<keyof CallsTable>;

const eventColumns = [
  'id',
  'callId',
  'deskId',
  'source',
  'eventId',
  'type',
  'occurredAt',
  'receivedAt',
  'signatureHash',
  'payloadHash',
  'callerNumber',
  'agentRef',
  'agentStaffId',
  'targetStaffId',
  'transferKind',
  'releasedBy',
  'actorStaffId',
] as const satisfies ReadonlyArray<keyof CallEventsTable>;

function pick<T, K extends keyof T>(row: T, columns: readonly K[]): Partial<T> {
  const picked: Partial<T> = {};
  for (const column of columns) picked[column] = row[column];
  return picked;
}

export function kyselyStore(trx: Tx): CallStore {
  return {
    findSeenEvents: (deskId, eventId, signatureHash) =>
      queries.findSeenEvents(trx, deskId, eventId, signatureHash),
    findCallRow: (id) => queries.findCallRow(trx, id),
    findCallByExternalId: (deskId, externalCallId) =>
      queries.findCallByExternalId(trx, deskId, externalCallId),
    async lockCall(call) {
      // SQLite runs one write transaction at a time already.
      if (isPostgres(trx)) await queries.updateCallRow(trx, call.id, { eventCount: call.eventCount + 1 });
    },
    findEventsOfCall: (callId) => queries.findEventsOfCall(trx, callId),
    insertCall: (row) => queries.insertCall(trx, row),
    updateDerived: (row) => queries.updateCallRow(trx, row.id, pick(row, derivedColumns)),
    insertEvent: (row) => queries.insertEvent(trx, row),
  };
}

// --- SQLite: raw statements, prepared once per connection ----------------------------------

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const selectList = (columns: readonly string[]) =>
  columns.map((column) => `${snake(column)} AS "${column}"`).join(', ');

const sqliteText = {
  findSeen: `SELECT call_id AS "callId", event_id AS "eventId", payload_hash AS "payloadHash", signature_hash AS "signatureHash"
    FROM call_events WHERE (desk_id = ? AND event_id = ?) OR signature_hash = ?`,
  findCall: `SELECT ${selectList(callColumns)} FROM calls WHERE id = ?`,
  findCallByExternal: `SELECT ${selectList(callColumns)} FROM calls WHERE desk_id = ? AND external_call_id = ?`,
  findEvents: `SELECT ${selectList(eventColumns)} FROM call_events WHERE call_id = ? ORDER BY occurred_at, received_at`,
  insertCall: `INSERT INTO calls (${callColumns.map(snake).join(', ')}) VALUES (${callColumns.map(() => '?').join(', ')})`,
  updateDerived: `UPDATE calls SET ${derivedColumns.map((column) => `${snake(column)} = ?`).join(', ')} WHERE id = ?`,
  insertEvent: `INSERT INTO call_events (${eventColumns.map(snake).join(', ')}) VALUES (${eventColumns.map(() => '?').join(', ')})`,
  findCredential: `SELECT secret_encrypted AS "secretEncrypted", is_enabled AS "isEnabled" FROM cti_credentials WHERE desk_id = ?`,
  touchCredential: `UPDATE cti_credentials SET last_event_at = ? WHERE desk_id = ?`,
} as const;

type Statements = { [K in keyof typeof sqliteText]: SqliteDatabase.Statement };
const prepared = new WeakMap<SqliteDatabase.Database, Statements>();

export function sqliteStatements(handle: SqliteDatabase.Database): Statements {
  let statements = prepared.get(handle);
  if (!statements) {
    statements = Object.fromEntries(
      Object.entries(sqliteText).map(([name, text]) => [name, handle.prepare(text)]),
    ) as Statements;
    prepared.set(handle, statements);
  }
  return statements;
}

const values = <T>(row: T, columns: readonly (keyof T)[]) => columns.map((column) => row[column] ?? null);

export function sqliteStore(handle: SqliteDatabase.Database): CallStore {
  const statements = sqliteStatements(handle);
  return {
    async findSeenEvents(deskId, eventId, signatureHash) {
      return statements.findSeen.all(deskId, eventId, signatureHash) as SeenEvent[];
    },
    async findCallRow(id) {
      return statements.findCall.get(id) as CallsTable | undefined;
    },
    async findCallByExternalId(deskId, externalCallId) {
      return statements.findCallByExternal.get(deskId, externalCallId) as CallsTable | undefined;
    },
    async lockCall() {},
    async findEventsOfCall(callId) {
      return statements.findEvents.all(callId) as CallEventsTable[];
    },
    async insertCall(row) {
      statements.insertCall.run(values(row, callColumns));
    },
    async updateDerived(row) {
      statements.updateDerived.run([...values(row, derivedColumns), row.id]);
    },
    async insertEvent(row) {
      statements.insertEvent.run(values(row, eventColumns));
    },
  };
}
