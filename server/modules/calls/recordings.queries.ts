import { type Expression, type SqlBool, sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { pagedQuery } from '../../platform/db/paged.js';
import type { CallRecordingPlaysTable, CallRecordingsTable } from './calls.tables.js';

// Call recordings and their playback log: the only SQL of recordings.*.

/** A recording without its audio (which is read by range, when played). */
export type RecordingRow = Omit<CallRecordingsTable, 'audio'>;

const recordingColumns = [
  'id',
  'companyId',
  'projectId',
  'deskId',
  'callId',
  'source',
  'pbxUrl',
  'contentType',
  'sizeBytes',
  'sha256',
  'receivedAt',
] as const satisfies ReadonlyArray<keyof RecordingRow>;

export async function findRecordingOfCall(db: Tx, callId: string): Promise<RecordingRow | undefined> {
  return db
    .selectFrom('callRecordings')
    .select(recordingColumns)
    .where('callId', '=', callId)
    .executeTakeFirst();
}

export async function insertRecording(db: Tx, row: CallRecordingsTable): Promise<void> {
  await db.insertInto('callRecordings').values(row).execute();
}

/** Bytes `start`…`end` (inclusive) of an uploaded recording, read in the database. */
export async function readAudioRange(db: Tx, id: string, start: number, end: number): Promise<Buffer> {
  const length = end - start + 1;
  // substr counts from 1 in both dialects; PostgreSQL's substr works on bytea, SQLite's on blobs.
  const slice = sql<Buffer>`substr(audio, ${start + 1}, ${length})`;
  const row = await db
    .selectFrom('callRecordings')
    .select(slice.as('slice'))
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.slice ? Buffer.from(row.slice) : Buffer.alloc(0);
}

/** The recordings of a project received before the cut-off, oldest first: the retention sweep's batch. */
export async function findExpiredRecordings(
  db: Tx,
  options: { projectId: string; before: string; limit: number },
): Promise<Array<{ id: string; callId: string; receivedAt: string }>> {
  return db
    .selectFrom('callRecordings')
    .select(['id', 'callId', 'receivedAt'])
    .where('projectId', '=', options.projectId)
    .where('receivedAt', '<', options.before)
    .orderBy('receivedAt')
    .limit(options.limit)
    .execute();
}

/** The projects (with their company) holding any recording. */
export async function findProjectsWithRecordings(db: Tx) {
  return db.selectFrom('callRecordings').select(['companyId', 'projectId']).distinct().execute();
}

/** Deletes recordings (audio and row) and marks their calls; returns how many rows went. */
export async function deleteRecordings(
  db: Tx,
  recordings: ReadonlyArray<{ id: string; callId: string }>,
  at: string,
): Promise<number> {
  if (recordings.length === 0) return 0;
  const deleted = await db
    .deleteFrom('callRecordings')
    .where(
      'id',
      'in',
      recordings.map((row) => row.id),
    )
    .executeTakeFirst();
  await db
    .updateTable('calls')
    .set({ recordingDeletedAt: at })
    .where(
      'id',
      'in',
      recordings.map((row) => row.callId),
    )
    .execute();
  return Number(deleted.numDeletedRows);
}

// --- playback log ------------------------------------------------------------------------------

export async function findLastPlay(db: Tx, callId: string, staffId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('callRecordingPlays')
    .select('playedAt')
    .where('callId', '=', callId)
    .where('staffId', '=', staffId)
    .orderBy('playedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.playedAt;
}

export async function insertPlay(db: Tx, row: CallRecordingPlaysTable): Promise<void> {
  await db.insertInto('callRecordingPlays').values(row).execute();
}

export interface PlayFilter {
  companyId: string;
  visible: Expression<SqlBool>;
  staffId?: string;
  callId?: string;
  from?: string;
  to?: string;
}

export async function findPlayPage(db: Tx, filter: PlayFilter, page: { offset: number; limit: number }) {
  const plays = 'callRecordingPlays' as const;
  let base = db.selectFrom(plays).where(`${plays}.companyId`, '=', filter.companyId).where(filter.visible);
  if (filter.staffId) base = base.where(`${plays}.staffId`, '=', filter.staffId);
  if (filter.callId) base = base.where(`${plays}.callId`, '=', filter.callId);
  if (filter.from) base = base.where(`${plays}.playedAt`, '>=', filter.from);
  if (filter.to) base = base.where(`${plays}.playedAt`, '<', filter.to);
  return pagedQuery(
    base,
    (query) =>
      query
        .innerJoin('calls', 'calls.id', `${plays}.callId`)
        .selectAll(plays)
        .select(['calls.ringingAt as callRingingAt', 'calls.answeredByStaffId as callAnsweredByStaffId'])
        .orderBy(`${plays}.playedAt`, 'desc')
        .orderBy(`${plays}.id`),
    page,
  );
}
