import type { Kysely } from 'kysely';

// Conformance of deals (issue 16). SA-9: the unit's state when the plan was made is recorded by the
// plan's use case (status, and whether a hold was this customer's); NULL for plans made before,
// which the check then leaves not applicable.
//
// The deal source pages through deposits by id and finds what changed since a time through each
// table's change column, mapped to its deposit: those columns and the links back to the deposit get
// indexes. The reminders' deliveries are found by their notification's dedupe key.
const indexes: Array<[table: string, name: string, columns: string[]]> = [
  ['deal_deposits', 'deal_deposits_updated_idx', ['updated_at']],
  ['deal_deposits', 'deal_deposits_plan_idx', ['plan_id']],
  ['deal_plans', 'deal_plans_updated_idx', ['updated_at']],
  ['deal_agreements', 'deal_agreements_updated_idx', ['updated_at']],
  ['deal_agreements', 'deal_agreements_deposit_idx', ['deposit_id']],
  ['deal_forms', 'deal_forms_updated_idx', ['updated_at']],
  ['deal_transaction_files', 'deal_transaction_files_updated_idx', ['updated_at']],
  ['deal_transaction_files', 'deal_transaction_files_deposit_idx', ['deposit_id']],
  ['deal_contracts', 'deal_contracts_updated_idx', ['updated_at']],
  ['deal_mortgage_appointments', 'deal_mortgage_appointments_updated_idx', ['updated_at']],
  ['deal_mortgage_appointments', 'deal_mortgage_appointments_file_idx', ['transaction_file_id']],
  ['notifications', 'notifications_dedupe_key_idx', ['dedupe_key']],
];

export async function up(migrationDb: Kysely<any>): Promise<void> {
  const db = migrationDb.withoutPlugins();
  await db.schema.alterTable('deal_plans').addColumn('unit_status_at_plan', 'text').execute();
  await db.schema.alterTable('deal_plans').addColumn('is_unit_held_for_customer', 'integer').execute();
  for (const [table, name, columns] of indexes)
    await db.schema.createIndex(name).on(table).columns(columns).execute();
}
