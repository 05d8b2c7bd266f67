import { type Kysely, PostgresAdapter, sql } from 'kysely';

// The daily report archive: one PDF per project (subject 'project') and per desk ('desk:<id>') and
// Asia/Shanghai day, kept in the database itself (bytea / blob) so a backup holds it and every
// instance serves it. Regenerating a day replaces its row (unique subject + day).
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('daily_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('desk_id', 'text')
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('project_name', 'text', (c) => c.notNull())
    .addColumn('desk_name', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('pdf', isPostgres ? sql`bytea` : sql`blob`, (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('generated_by_staff_id', 'text')
    .addColumn('generated_by_name', 'text')
    .execute();
  await db.schema
    .createIndex('daily_reports_subject_day')
    .on('daily_reports')
    .columns(['subject_key', 'day'])
    .unique()
    .execute();
  // The archive lists newest day first, within the caller's company or projects.
  await db.schema
    .createIndex('daily_reports_company_day')
    .on('daily_reports')
    .columns(['company_id', 'day', 'id'])
    .execute();
  await db.schema
    .createIndex('daily_reports_project_day')
    .on('daily_reports')
    .columns(['project_id', 'day', 'id'])
    .execute();
}
