import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Call recordings (issue 18 part 4). A call's recording is either a reference to the PBX (an https
// URL on an allow-listed host, proxied when played) or audio the PBX uploaded, kept in the database
// itself (bytea / blob, like the daily report PDFs) so a backup holds it and every instance serves it.
// One recording per call (unique call_id): a retried event or upload stores once. The retention
// sweep deletes the row and leaves the call its mark, calls.recording_deleted_at.
// Every playback is a row of call_recording_plays (who, when, which call), read by admin and DPO.
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('calls').addColumn('recording_deleted_at', 'text').execute();
  await db.schema
    .createTable('call_recordings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('desk_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('pbx_url', 'text')
    .addColumn('content_type', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('audio', isPostgres ? sql`bytea` : sql`blob`)
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('call_recordings_call')
    .on('call_recordings')
    .column('call_id')
    .unique()
    .execute();
  // The retention sweep reads the oldest recordings of each project first.
  await db.schema
    .createIndex('call_recordings_project_received')
    .on('call_recordings')
    .columns(['project_id', 'received_at'])
    .execute();
  await db.schema
    .createTable('call_recording_plays')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('desk_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('played_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('call_recording_plays_company_played')
    .on('call_recording_plays')
    .columns(['company_id', 'played_at', 'id'])
    .execute();
  await db.schema
    .createIndex('call_recording_plays_listener')
    .on('call_recording_plays')
    .columns(['call_id', 'staff_id', 'played_at'])
    .execute();
}
