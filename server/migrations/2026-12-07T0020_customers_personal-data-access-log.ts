import type { Kysely } from 'kysely';

// PRIV: every reveal of a whole phone or ID number, with who, whom, what, why and when; read by
// the data-protection officer. Written in the same transaction as the reveal's audit row.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('personal_data_access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('staff_name', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('reason_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('personal_data_access_log_company_at')
    .on('personal_data_access_log')
    .columns(['company_id', 'at'])
    .execute();
  await db.schema
    .createIndex('personal_data_access_log_customer_at')
    .on('personal_data_access_log')
    .columns(['customer_id', 'at'])
    .execute();
  await db.schema
    .createIndex('personal_data_access_log_staff_at')
    .on('personal_data_access_log')
    .columns(['staff_id', 'at'])
    .execute();
  // When marketing consent was last withdrawn: a campaign's send log then names them as skipped
  // for that reason instead of leaving them out without a word.
  await db.schema.alterTable('customers').addColumn('marketing_withdrawn_at', 'text').execute();
}
