import type { Kysely } from 'kysely';

// Conventions as in the first migration: text ids, ISO-8601 UTC text times, integer 0/1
// booleans, money in integer fen, JSON as text — identical on SQLite and PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('source_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('source_channels_project_name_uq')
    .on('source_channels')
    .columns(['project_id', 'name'])
    .unique()
    .execute();

  await db.schema
    .createTable('customer_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('mode', 'text')
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicate_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failure', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('customer_imports_project_idx')
    .on('customer_imports')
    .columns(['project_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('customer_import_rows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('import_id', 'text', (c) => c.notNull().references('customer_imports.id'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('errors_json', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'text')
    .execute();
  await db.schema
    .createIndex('customer_import_rows_import_idx')
    .on('customer_import_rows')
    .columns(['import_id', 'row_number'])
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_pinyin', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('category', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('key_kind', 'text')
    .addColumn('source_channel_id', 'text', (c) => c.references('source_channels.id'))
    .addColumn('intent_layout', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('intent_area_min', 'integer')
    .addColumn('intent_area_max', 'integer')
    .addColumn('intent_budget_fen', 'bigint')
    .addColumn('intent_purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('owned_since', 'text')
    .addColumn('protected_until', 'text')
    .addColumn('has_contact_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('contact_consent_at', 'text')
    .addColumn('contact_consent_via', 'text')
    .addColumn('has_marketing_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('marketing_consent_at', 'text')
    .addColumn('marketing_consent_via', 'text')
    .addColumn('is_phone_refused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_contact', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('moved_in_at', 'text')
    // The secret half of the unsubscribe link; the customer is found by the id half.
    .addColumn('unsubscribe_token', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.references('customer_imports.id'))
    .addColumn('is_erased', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('erased_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Searches and lists filter on (project, not erased) and then walk one ordered column, so each
  // index leads with both: the page and its total come from the index alone, even at a million rows.
  await db.schema
    .createIndex('customers_project_initials_idx')
    .on('customers')
    .columns(['project_id', 'is_erased', 'name_initials', 'id'])
    .execute();
  await db.schema
    .createIndex('customers_project_pinyin_idx')
    .on('customers')
    .columns(['project_id', 'is_erased', 'name_pinyin', 'id'])
    .execute();
  await db.schema
    .createIndex('customers_project_created_idx')
    .on('customers')
    .columns(['project_id', 'is_erased', 'created_at'])
    .execute();
  await db.schema
    .createIndex('customers_owner_idx')
    .on('customers')
    .columns(['owner_staff_id', 'project_id', 'is_erased', 'created_at'])
    .execute();
  await db.schema.createIndex('customers_import_idx').on('customers').column('import_id').execute();

  await db.schema
    .createTable('customer_phones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('phone_e164', 'text', (c) => c.notNull())
    .addColumn('phone_tail4', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One number belongs to one customer of a project: the ownership rule rests on this index.
  await db.schema
    .createIndex('customer_phones_project_phone_uq')
    .on('customer_phones')
    .columns(['project_id', 'phone_e164'])
    .unique()
    .execute();
  await db.schema
    .createIndex('customer_phones_project_tail4_idx')
    .on('customer_phones')
    .columns(['project_id', 'phone_tail4'])
    .execute();
  await db.schema
    .createIndex('customer_phones_customer_idx')
    .on('customer_phones')
    .column('customer_id')
    .execute();

  await db.schema
    .createTable('customer_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('customer_events_customer_idx')
    .on('customer_events')
    .columns(['customer_id', 'at'])
    .execute();
  await db.schema
    .createIndex('customer_events_actor_idx')
    .on('customer_events')
    .columns(['actor_id', 'at'])
    .execute();

  await db.schema
    .createTable('ownership_conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('requested_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('owner_staff_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolution', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('ownership_conflicts_project_idx')
    .on('ownership_conflicts')
    .columns(['project_id', 'status', 'at'])
    .execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('planned_at', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('done_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('follow_ups_staff_idx')
    .on('follow_ups')
    .columns(['staff_id', 'status', 'planned_at'])
    .execute();
  await db.schema
    .createIndex('follow_ups_project_idx')
    .on('follow_ups')
    .columns(['project_id', 'status', 'planned_at'])
    .execute();
  await db.schema.createIndex('follow_ups_customer_idx').on('follow_ups').column('customer_id').execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recipient_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();

  await db.schema
    .createTable('campaign_recipients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('campaign_recipients_uq')
    .on('campaign_recipients')
    .columns(['campaign_id', 'customer_id'])
    .unique()
    .execute();

  // --- reception: answering order, sales calls, visits ---
  await db.schema
    .createTable('answering_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('staff_ids_json', 'text', (c) => c.notNull())
    .addColumn('last_staff_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('answering_orders_project_day_uq')
    .on('answering_orders')
    .columns(['project_id', 'day'])
    .unique()
    .execute();

  await db.schema
    .createTable('answering_turns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text')
    .addColumn('is_in_turn', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('answering_turns_project_day_idx')
    .on('answering_turns')
    .columns(['project_id', 'day'])
    .execute();

  await db.schema
    .createTable('sales_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('caller_phone_e164', 'text')
    .addColumn('caller_phone_tail4', 'text')
    .addColumn('caller_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_channel_id', 'text', (c) => c.references('source_channels.id'))
    .addColumn('questions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('intent_layout', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('intent_area_min', 'integer')
    .addColumn('intent_area_max', 'integer')
    .addColumn('intent_budget_fen', 'bigint')
    .addColumn('intent_purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('appointment_at', 'text')
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sales_calls_project_day_idx')
    .on('sales_calls')
    .columns(['project_id', 'day'])
    .execute();
  await db.schema
    .createIndex('sales_calls_staff_day_idx')
    .on('sales_calls')
    .columns(['staff_id', 'day'])
    .execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .addColumn('party_size', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('visitor_kind', 'text', (c) => c.notNull())
    .addColumn('is_phone_refused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_project_day_idx').on('visits').columns(['project_id', 'day']).execute();
  await db.schema.createIndex('visits_staff_day_idx').on('visits').columns(['staff_id', 'day']).execute();

  await db.schema
    .createTable('visit_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('is_skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('visit_steps_visit_step_uq')
    .on('visit_steps')
    .columns(['visit_id', 'step'])
    .unique()
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
