import type { Kysely } from 'kysely';

// A consultant's task keeps what its sentence is made of (customer, amount in fen, due date, place),
// so each reader's screen words it in their language; the Chinese title stays for search and audit.
// NULL: a task made before this column, shown by its stored title.
export async function up(migrationDb: Kysely<any>): Promise<void> {
  await migrationDb
    .withoutPlugins()
    .schema.alterTable('deal_tasks')
    .addColumn('params_json', 'text')
    .execute();
}
