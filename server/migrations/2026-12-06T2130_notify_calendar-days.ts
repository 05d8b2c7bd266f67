import type { Kysely } from 'kysely';

// Holidays (休) and make-up working days (班) an administrator enters beyond what chinese-days
// ships, e.g. next year's State Council notice, published each December. One row per company and
// date; they override the package for that date only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_days')
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('calendar_days_pk', ['company_id', 'day'])
    .execute();
}
