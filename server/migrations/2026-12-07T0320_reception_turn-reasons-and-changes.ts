import { type Kysely, sql } from 'kysely';

// CONF for SA-1 and the visit (SA-5 … SA-11). A turn taken out of the answering order records whose
// turn it was and why (the reason the consultant chose or typed); a turn that passed over someone
// the rotation skipped records whom and the presence the system knew (busy, away, off). A call
// carries that from its answer to its save, when the turn is counted. Calls and visits record what
// the customer book said when the caller or visitor was registered (SA-1(4), SA-10), and a visit
// may end before its steps did (the visitor left, with the reason). updated_at on calls and visits
// lets conformance rescore only what changed since it last looked.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['answering_turns', 'sales_calls']) {
    await db.schema.alterTable(table).addColumn('skipped_staff_id', 'text').execute();
    await db.schema.alterTable(table).addColumn('skip_reason', 'text').execute();
    await db.schema
      .alterTable(table)
      .addColumn('skip_note', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }
  await db.schema
    .alterTable('sales_calls')
    .addColumn('is_in_turn', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('answering_turns_ref_idx').on('answering_turns').column('ref_id').execute();

  for (const table of ['sales_calls', 'visits']) {
    await db.schema.alterTable(table).addColumn('book_outcome', 'text').execute();
    await db.schema
      .alterTable(table)
      .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }
  await db.schema
    .alterTable('visits')
    .addColumn('left_early_reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`UPDATE sales_calls SET updated_at = COALESCE(ended_at, answered_at)`.execute(db);
  await sql`UPDATE visits SET updated_at = COALESCE(left_at, arrived_at)`.execute(db);
  await db.schema
    .createIndex('sales_calls_updated_idx')
    .on('sales_calls')
    .columns(['updated_at', 'id'])
    .execute();
  await db.schema.createIndex('visits_updated_idx').on('visits').columns(['updated_at', 'id']).execute();
}
