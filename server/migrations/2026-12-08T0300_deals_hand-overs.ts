import type { Kysely } from 'kysely';

// SA-19: a deal handed from one consultant to another by the project manager (or the sales
// department's head), with the reason. From the hand-over on, the file's later steps are the new
// consultant's; the conformance check reads these rows to tell a covered change of consultant from
// an uncovered one. Looked up by file (the file page) and by deposit (the deal fact source).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deal_hand_overs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('transaction_file_id', 'text', (c) => c.notNull())
    .addColumn('deposit_id', 'text')
    .addColumn('from_consultant_id', 'text', (c) => c.notNull())
    .addColumn('from_consultant_name', 'text', (c) => c.notNull())
    .addColumn('to_consultant_id', 'text', (c) => c.notNull())
    .addColumn('to_consultant_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('handed_over_by', 'text', (c) => c.notNull())
    .addColumn('handed_over_by_name', 'text', (c) => c.notNull())
    .addColumn('handed_over_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deal_hand_overs_file_idx')
    .on('deal_hand_overs')
    .columns(['transaction_file_id', 'handed_over_at'])
    .execute();
  await db.schema
    .createIndex('deal_hand_overs_deposit_idx')
    .on('deal_hand_overs')
    .columns(['deposit_id', 'handed_over_at'])
    .execute();
}
