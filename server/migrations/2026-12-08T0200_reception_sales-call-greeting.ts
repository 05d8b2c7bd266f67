import type { Kysely } from 'kysely';

// SA-1(1): the sales line's greeting “您好!**(项目)!”. A call now keeps the greeting it opened
// with (the project's name as it was at the answer) and when the answering screen showed it, and
// to whom, so conformance can score the greeting like the desk's CS-1. Calls answered before this
// have no greeting on record (null): the check does not apply to them rather than missing them all.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sales_calls').addColumn('greeting', 'text').execute();
  await db.schema.alterTable('sales_calls').addColumn('greeting_shown_at', 'text').execute();
  await db.schema.alterTable('sales_calls').addColumn('greeting_shown_by', 'text').execute();
}
