import type { Kysely } from 'kysely';

// Units a sales office had already sold or taken a subscription on before the system came in
// arrive by import with that status but no deal, receipt or buyer here; the controller needs
// to see and filter them (系统前已售).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('units')
    .addColumn('sold_before_system', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
}
