import type { Kysely } from 'kysely';

// SEC-8 as steps the agent confirms during the call (calm tone, no interrupting, courteous), kept
// on the call as a JSON array of the steps done, instead of a line of static text.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('calls')
    .addColumn('conduct_steps', 'text', (column) => column.notNull().defaultTo('[]'))
    .execute();
}
