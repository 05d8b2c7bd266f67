import { type Kysely, sql } from 'kysely';

// The work-order list (issue 18, bench:property) reads a project's orders under the caller's scope,
// `company_id = ? and project_id in (…)`, newest first, and counts them for the pager. With indexes
// that start at project_id, every counted row was looked up in the table for its company: 390,000
// orders of one estate took ~250 ms to count. These carry the company column, and one each for the
// list's filters (status, urgency, category) and for the orders not done (the "breached" filter),
// so the page and its count are read from one index. They replace the two list indexes of the
// work-orders migration, which nothing needs any more. The caller pop's open orders of a number
// (or a resident) within a project read (caller_phone | resident_id, project_id, created_at).
const indexes: Array<[name: string, columns: string[]]> = [
  ['work_orders_scope_idx', ['company_id', 'project_id', 'created_at']],
  ['work_orders_scope_status_idx', ['company_id', 'project_id', 'status', 'created_at']],
  ['work_orders_scope_urgency_idx', ['company_id', 'project_id', 'urgency', 'created_at']],
  ['work_orders_scope_category_idx', ['company_id', 'project_id', 'category', 'created_at']],
  ['work_orders_caller_phone_idx', ['caller_phone', 'project_id', 'created_at']],
  ['work_orders_caller_resident_idx', ['resident_id', 'project_id', 'created_at']],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('work_orders_project_created_idx').execute();
  await db.schema.dropIndex('work_orders_project_status_idx').execute();
  await db.schema.dropIndex('work_orders_phone_idx').execute();
  await db.schema.dropIndex('work_orders_resident_idx').execute();
  for (const [name, columns] of indexes)
    await db.schema.createIndex(name).on('work_orders').columns(columns).execute();
  await db.schema
    .createIndex('work_orders_scope_not_done_idx')
    .on('work_orders')
    .columns(['company_id', 'project_id', 'created_at'])
    .where(sql.ref('done_at'), 'is', null)
    .execute();
}
