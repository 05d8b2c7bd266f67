import type { Kysely } from 'kysely';

// Issue 13: a consultant's deal list filters a project's transaction files by the deal's
// participants (consultant, who opened it) in SQL, and a full first page also counts them. Over
// 100,000 files of one project the count read every row of the table (EXPLAIN: SCAN file /
// Parallel Seq Scan); with every column the scope condition reads in one index it reads the
// project's index entries only (SEARCH … USING COVERING INDEX / Index Only Scan).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('deal_transaction_files_scope_idx')
    .on('deal_transaction_files')
    .columns(['project_id', 'company_id', 'consultant_id', 'opened_by'])
    .execute();
}
