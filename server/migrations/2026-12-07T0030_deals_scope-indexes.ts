import type { Kysely } from 'kysely';

// Deal lists are filtered by the caller's deal scope (issue 13): the whole project for finance,
// controllers and managers — `company_id = ? and project_id in (…)`, served with its order by the
// first index of each table — and, for a consultant, `project_id = ? and (consultant_id = ? or
// reviewer_id = ? or …)`. SQLite answers such an OR from one index per participant column (a
// "multi-index OR") only when every column of it has one; a column without scans the project.
const indexes: Array<[table: string, name: string, columns: string[]]> = [
  ['deal_plans', 'deal_plans_scope_idx', ['company_id', 'project_id', 'updated_at']],
  ['deal_plans', 'deal_plans_consultant_idx', ['consultant_id', 'project_id']],
  ['deal_plans', 'deal_plans_approved_by_idx', ['approved_by', 'project_id']],
  ['deal_deposits', 'deal_deposits_scope_idx', ['company_id', 'project_id', 'updated_at']],
  ['deal_deposits', 'deal_deposits_consultant_idx', ['consultant_id', 'project_id']],
  ['deal_deposits', 'deal_deposits_confirmed_by_idx', ['confirmed_by', 'project_id']],
  ['deal_deposits', 'deal_deposits_collected_by_idx', ['collected_by', 'project_id']],
  ['deal_deposits', 'deal_deposits_witness_idx', ['witness_id', 'project_id']],
  ['deal_receipts', 'deal_receipts_scope_idx', ['company_id', 'project_id', 'issued_at']],
  ['deal_receipts', 'deal_receipts_collected_by_idx', ['collected_by', 'project_id']],
  ['deal_receipts', 'deal_receipts_witness_idx', ['witness_id', 'project_id']],
  ['deal_agreements', 'deal_agreements_scope_idx', ['company_id', 'project_id', 'updated_at']],
  ['deal_agreements', 'deal_agreements_consultant_idx', ['consultant_id', 'project_id']],
  ['deal_agreements', 'deal_agreements_reviewer_idx', ['reviewer_id', 'project_id']],
  ['deal_transaction_files', 'deal_transaction_files_scope_idx', ['company_id', 'project_id', 'opened_at']],
  ['deal_transaction_files', 'deal_transaction_files_consultant_idx', ['consultant_id', 'project_id']],
  ['deal_transaction_files', 'deal_transaction_files_opened_by_idx', ['opened_by', 'project_id']],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, name, columns] of indexes)
    await db.schema.createIndex(name).on(table).columns(columns).execute();
}
