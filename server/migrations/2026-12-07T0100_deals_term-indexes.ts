import type { Kysely } from 'kysely';

// A consultant's deal lists page over the terms of their scope, one per participant column
// (`pagedQueryOverTerms`): each term reads its first rows in the list's default order from an index
// that starts with the participant and the project and then holds that order's column, and counts
// its rows from the same index — index-only, because the index also carries the company and the
// other participant columns the count checks. They replace the two-column indexes of T0030, which
// are their prefixes. (Receipts' consultant terms come through the deposit and the file.)
const replaced: Array<[table: string, name: string, columns: string[]]> = [
  [
    'deal_plans',
    'deal_plans_consultant_idx',
    ['consultant_id', 'project_id', 'updated_at', 'company_id', 'approved_by'],
  ],
  [
    'deal_plans',
    'deal_plans_approved_by_idx',
    ['approved_by', 'project_id', 'updated_at', 'company_id', 'consultant_id'],
  ],
  [
    'deal_deposits',
    'deal_deposits_consultant_idx',
    ['consultant_id', 'project_id', 'updated_at', 'company_id', 'confirmed_by', 'collected_by', 'witness_id'],
  ],
  [
    'deal_deposits',
    'deal_deposits_confirmed_by_idx',
    ['confirmed_by', 'project_id', 'updated_at', 'company_id', 'consultant_id', 'collected_by', 'witness_id'],
  ],
  [
    'deal_deposits',
    'deal_deposits_collected_by_idx',
    ['collected_by', 'project_id', 'updated_at', 'company_id', 'consultant_id', 'confirmed_by', 'witness_id'],
  ],
  [
    'deal_deposits',
    'deal_deposits_witness_idx',
    ['witness_id', 'project_id', 'updated_at', 'company_id', 'consultant_id', 'confirmed_by', 'collected_by'],
  ],
  [
    'deal_receipts',
    'deal_receipts_collected_by_idx',
    ['collected_by', 'project_id', 'issued_at', 'company_id', 'witness_id'],
  ],
  [
    'deal_receipts',
    'deal_receipts_witness_idx',
    ['witness_id', 'project_id', 'issued_at', 'company_id', 'collected_by'],
  ],
  [
    'deal_agreements',
    'deal_agreements_consultant_idx',
    ['consultant_id', 'project_id', 'updated_at', 'company_id', 'reviewer_id'],
  ],
  [
    'deal_agreements',
    'deal_agreements_reviewer_idx',
    ['reviewer_id', 'project_id', 'updated_at', 'company_id', 'consultant_id'],
  ],
  [
    'deal_transaction_files',
    'deal_transaction_files_consultant_idx',
    ['consultant_id', 'project_id', 'opened_at', 'company_id', 'opened_by'],
  ],
  [
    'deal_transaction_files',
    'deal_transaction_files_opened_by_idx',
    ['opened_by', 'project_id', 'opened_at', 'company_id', 'consultant_id'],
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, name, columns] of replaced) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}
