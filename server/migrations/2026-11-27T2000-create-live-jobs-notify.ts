import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Live-event outbox, durable jobs and notifications. Same conventions as the first migration:
// text ids, ISO-8601 UTC text times, integer 0/1 booleans, JSON as text.
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;

  // The live outbox needs a database-made sequence: it is the SSE event id clients resume from.
  if (isPostgres)
    await sql`CREATE TABLE live_events (seq BIGSERIAL PRIMARY KEY, topic TEXT NOT NULL, type TEXT NOT NULL, payload_json TEXT NOT NULL, created_at TEXT NOT NULL)`.execute(
      db,
    );
  else
    await sql`CREATE TABLE live_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL, type TEXT NOT NULL, payload_json TEXT NOT NULL, created_at TEXT NOT NULL)`.execute(
      db,
    );
  await db.schema
    .createIndex('live_events_topic_seq_idx')
    .on('live_events')
    .columns(['topic', 'seq'])
    .execute();
  await db.schema.createIndex('live_events_created_idx').on('live_events').column('created_at').execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    // Unique while the job counts (pending, running, done); cancelling moves it to cancelled_key.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('cancelled_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_status_run_at_idx').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_kind_status_idx').on('jobs').columns(['kind', 'status']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('recipients_json', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('send_at', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notifications_company_created_idx')
    .on('notifications')
    .columns(['company_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('notify_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id'))
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient_key', 'text', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('template_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('provider_answer', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('is_possible_duplicate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resend_of', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notify_deliveries_job_channel_recipient_uq')
    .on('notify_deliveries')
    .columns(['job_id', 'channel', 'recipient_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('notify_deliveries_notification_idx')
    .on('notify_deliveries')
    .column('notification_id')
    .execute();
  await db.schema
    .createIndex('notify_deliveries_company_created_idx')
    .on('notify_deliveries')
    .columns(['company_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('notify_deliveries_status_idx')
    .on('notify_deliveries')
    .columns(['status', 'due_at'])
    .execute();

  await db.schema
    .createTable('notify_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('notify_deliveries.id'))
    .addColumn('attempt_no', 'integer', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provider_answer', 'text')
    .addColumn('error_message', 'text')
    .execute();
  await db.schema
    .createIndex('notify_attempts_delivery_idx')
    .on('notify_attempts')
    .columns(['delivery_id', 'attempt_no'])
    .unique()
    .execute();

  await db.schema
    .createTable('notify_inbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('delivery_id', 'text', (c) => c.notNull().unique())
    .addColumn('notification_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notify_inbox_staff_created_idx')
    .on('notify_inbox')
    .columns(['staff_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('notify_inbox_staff_read_idx')
    .on('notify_inbox')
    .columns(['staff_id', 'read_at'])
    .execute();

  await db.schema
    .createTable('notify_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('sms_template_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('notify_templates_version_uq')
    .on('notify_templates')
    .columns(['company_id', 'event', 'locale', 'version'])
    .unique()
    .execute();

  await db.schema
    .createTable('notify_preferences')
    .addColumn('staff_id', 'text', (c) => c.primaryKey().references('staff.id'))
    .addColumn('channels_json', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notify_providers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('is_enabled', 'integer', (c) => c.notNull())
    .addColumn('config_json', 'text', (c) => c.notNull())
    .addColumn('secret_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema
    .createIndex('notify_providers_company_channel_uq')
    .on('notify_providers')
    .columns(['company_id', 'channel'])
    .unique()
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
