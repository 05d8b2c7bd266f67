import { type Kysely, sql } from 'kysely';

// Messages and leader calls are seen by desk scope (issue 13): who staffs a desk of that kind in
// the desk's project. Calls and incidents carry their project; messages and leader calls now do as
// well, copied from their desk, so a list filters them in SQL by project and desk kind alike.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['call_messages', 'leader_calls']) {
    await db.schema
      .alterTable(table)
      .addColumn('project_id', 'text', (column) => column.notNull().defaultTo(''))
      .execute();
    await sql`update ${sql.table(table)} set project_id = (select desks.project_id from desks where desks.id = ${sql.ref(`${table}.desk_id`)})`.execute(
      db,
    );
  }
}
