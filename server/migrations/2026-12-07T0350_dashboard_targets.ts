import type { Kysely } from 'kysely';

// The sales-office dashboard (案场看板): a manager sets, per project and month, how many units and how
// much money the office should sell; the dashboard sets the month's sales against it. The indexes
// let each funnel stage be counted from one index range (project, the instant or day of that stage):
// the dashboard answers in one query per stage at 50,000 deals.
const figureIndexes: Array<[table: string, name: string, columns: string[]]> = [
  ['deal_plans', 'deal_plans_dash_created_idx', ['project_id', 'created_at']],
  ['deal_deposits', 'deal_deposits_dash_collected_idx', ['project_id', 'collected_at']],
  ['deal_agreements', 'deal_agreements_dash_signed_idx', ['project_id', 'signed_on']],
  ['deal_contracts', 'deal_contracts_dash_signed_idx', ['project_id', 'signed_on']],
  ['deal_transaction_files', 'deal_transaction_files_dash_paid_idx', ['project_id', 'down_payment_paid_at']],
  ['deal_payment_items', 'deal_payment_items_dash_due_idx', ['project_id', 'status', 'due_on']],
  ['units', 'units_dash_hold_idx', ['project_id', 'status', 'hold_expires_at']],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dashboard_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dashboard_targets_project_month_uq')
    .on('dashboard_targets')
    .columns(['project_id', 'month'])
    .unique()
    .execute();
  for (const [table, name, columns] of figureIndexes)
    await db.schema.createIndex(name).on(table).columns(columns).execute();
}
