import { type Kysely, sql } from 'kysely';

// A visitor register names consultants as the office does (张经理, 小王): the preview keeps the
// names it could not match with their suggestions, and the commit keeps the importer's choice for
// each, so the durable import job applies one mapping to every row however late it runs.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('customer_imports')
    .addColumn('consultant_names_json', 'text', (column) => column.notNull().defaultTo(sql`'[]'`))
    .execute();
  await db.schema
    .alterTable('customer_imports')
    .addColumn('consultant_map_json', 'text', (column) => column.notNull().defaultTo(sql`'{}'`))
    .execute();
}
