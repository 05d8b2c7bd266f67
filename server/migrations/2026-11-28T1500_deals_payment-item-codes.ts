import { type Kysely, sql } from 'kysely';

// A payment item keeps what it is (a code, and the instalment's number), so each reader's screen
// words it in their language; the Chinese label stays for the PDF, search and the audit trail.
// Items made before this column carry the fixed labels buildPaymentItems wrote, so those are
// recognised here; an item whose label is not recognised keeps NULL and is shown by its label.
export async function up(migrationDb: Kysely<any>): Promise<void> {
  const db = migrationDb.withoutPlugins();
  await db.schema.alterTable('deal_payment_items').addColumn('code', 'text').execute();
  await db.schema.alterTable('deal_payment_items').addColumn('instalment_number', 'integer').execute();
  // An instalment plan's items are its instalments in order (the first is also the down payment).
  await sql`
    UPDATE deal_payment_items SET code = 'instalment', instalment_number = sort_order + 1
    WHERE transaction_file_id IN (
      SELECT id FROM deal_transaction_files WHERE payment_method = 'instalments'
    )`.execute(db);
  const fixed: Array<[kind: string, label: string, code: string]> = [
    ['down_payment', '一次性付款', 'lump_sum'],
    ['down_payment', '首期款', 'down_payment'],
    ['loan', '商业贷款', 'commercial_loan'],
    ['loan', '公积金贷款', 'provident_fund_loan'],
  ];
  for (const [kind, label, code] of fixed)
    await db
      .updateTable('deal_payment_items')
      .set({ code })
      .where('code', 'is', null)
      .where('kind', '=', kind)
      .where('label', '=', label)
      .execute();
}
