import type { Kysely } from 'kysely';

// A register kept one sheet per month (1月, 2月, …) is imported sheet by sheet: each staged row
// keeps the name of its sheet (shown as "sheet · row N"), and its position in the whole file, which
// orders and pages the rows now that row numbers repeat from sheet to sheet. Rows staged before
// came from one sheet, so their position is their row number.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('customer_import_rows')
    .addColumn('sheet_name', 'text', (column) => column.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('customer_import_rows')
    .addColumn('position', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db
    .updateTable('customer_import_rows')
    .set((eb) => ({ position: eb.ref('row_number') }))
    .execute();
  await db.schema
    .createIndex('customer_import_rows_position_idx')
    .on('customer_import_rows')
    .columns(['import_id', 'position'])
    .execute();
}
