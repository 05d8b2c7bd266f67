import { type Kysely, sql } from 'kysely';

// Work orders (报修 / 投诉 / 咨询) of the property desk, their timeline and photos, and a counter per
// project for the number staff read out (WO-000123). Conventions as in the first migration: text
// ids, ISO-8601 UTC text times, integer 0/1 booleans, JSON as text.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('work_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('building_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('door_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit_id', 'text')
    // Filled by the residents register when it knows who called; no reference so neither module waits for the other.
    .addColumn('resident_id', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('caller_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caller_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('call_id', 'text')
    .addColumn('incident_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('assignee_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('on_site_at', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('callback_at', 'text')
    .addColumn('callback_by', 'text')
    .addColumn('satisfaction', 'integer')
    .addColumn('callback_comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('closed_at', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('respond_due_at', 'text', (c) => c.notNull())
    .addColumn('finish_due_at', 'text', (c) => c.notNull())
    .addColumn('respond_breached_at', 'text')
    .addColumn('finish_breached_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('work_orders_number_uq')
    .on('work_orders')
    .columns(['project_id', 'number'])
    .unique()
    .execute();
  // The list: a project's orders newest first, by status, and the engineer's own and team's.
  await db.schema
    .createIndex('work_orders_project_created_idx')
    .on('work_orders')
    .columns(['project_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('work_orders_project_status_idx')
    .on('work_orders')
    .columns(['project_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('work_orders_assignee_idx')
    .on('work_orders')
    .columns(['assignee_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('work_orders_team_idx')
    .on('work_orders')
    .columns(['team_id', 'created_at'])
    .execute();
  await db.schema.createIndex('work_orders_phone_idx').on('work_orders').columns(['caller_phone']).execute();
  await db.schema
    .createIndex('work_orders_resident_idx')
    .on('work_orders')
    .columns(['resident_id'])
    .execute();
  await db.schema.createIndex('work_orders_call_idx').on('work_orders').columns(['call_id']).execute();
  // The SLA sweep reads only the orders still able to breach, in deadline order: partial indexes
  // keep that to the open ones not yet escalated, however many orders are closed.
  await db.schema
    .createIndex('work_orders_respond_sla_idx')
    .on('work_orders')
    .column('respond_due_at')
    .where(sql.ref('accepted_at'), 'is', null)
    .where(sql.ref('respond_breached_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('work_orders_finish_sla_idx')
    .on('work_orders')
    .column('finish_due_at')
    .where(sql.ref('done_at'), 'is', null)
    .where(sql.ref('finish_breached_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('work_order_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('work_order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_staff_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('work_order_events_order_idx')
    .on('work_order_events')
    .columns(['work_order_id', 'at'])
    .execute();

  await db.schema
    .createTable('work_order_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('work_order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('work_order_photos_order_idx')
    .on('work_order_photos')
    .columns(['work_order_id', 'uploaded_at'])
    .execute();

  await db.schema
    .createTable('work_order_counters')
    .addColumn('project_id', 'text', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();
}
