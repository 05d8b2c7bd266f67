import { type Kysely, sql } from 'kysely';

// Conformance (issue 16) reads the desk's records by when they last changed, and needs two facts
// nobody recorded yet:
// - CS-1 / SEC-2: the greeting the agent's screen showed for a call, when, and which script version
//   (the desk page reports it as it shows it; a call answered without one is a miss);
// - CS-3: a message's due time, worked out with the working calendar when it is taken, so the
//   check compares with what the escalation was scheduled for instead of re-deriving it later.
// Messages, leader calls and incidents get `updated_at`, kept by their use cases and started here
// from the latest time each row already records.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('greeting_shown_at', 'text').execute();
  await db.schema.alterTable('calls').addColumn('greeting_version', 'integer').execute();
  await db.schema.alterTable('calls').addColumn('greeting_shown_by', 'text').execute();
  await db.schema.createIndex('calls_updated_idx').on('calls').columns(['updated_at', 'id']).execute();

  await db.schema.alterTable('call_messages').addColumn('due_at', 'text').execute();
  const times: Record<string, [string, string[]]> = {
    call_messages: ['created_at', ['read_at', 'handled_at', 'escalated_at']],
    leader_calls: ['created_at', ['reported_at', 'closed_at']],
    incidents: ['reported_at', ['dispatched_at', 'resolved_at']],
  };
  for (const [table, [first, later]] of Object.entries(times)) {
    await db.schema
      .alterTable(table)
      .addColumn('updated_at', 'text', (column) => column.notNull().defaultTo(''))
      .execute();
    await sql`update ${sql.table(table)} set updated_at = ${sql.ref(first)}`.execute(db);
    // Times are fixed-width ISO text, so the text comparison picks the later one on both databases.
    for (const column of later)
      await sql`update ${sql.table(table)} set updated_at = ${sql.ref(column)} where ${sql.ref(column)} > updated_at`.execute(
        db,
      );
    await db.schema.createIndex(`${table}_updated_idx`).on(table).columns(['updated_at', 'id']).execute();
    await db.schema.createIndex(`${table}_call_idx`).on(table).column('call_id').execute();
  }
}
