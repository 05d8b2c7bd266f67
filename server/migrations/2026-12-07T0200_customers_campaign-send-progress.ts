import type { Kysely } from 'kysely';

// A campaign is sent in batches (each its own transaction), counting as it goes: the manager sees
// how far it got and may stop it between two batches; the messages already sent stay logged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('campaigns')
    .addColumn('audience_count', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('campaigns')
    .addColumn('processed_count', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('campaigns')
    .addColumn('is_cancel_requested', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
}
