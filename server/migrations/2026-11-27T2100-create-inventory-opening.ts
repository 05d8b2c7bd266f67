import type { Kysely } from 'kysely';

// Units (房号), their history, price lists (价目表) and the online opening (线上开盘).
// Areas are integer dm² (1 dm² = 0.01 m², so "89.50 m²" is 8950): exact, comparable, filterable.
// Money is integer fen. Times are ISO-8601 UTC text. Same DDL on SQLite and PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('price_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('price_lists_project_version_uq')
    .on('price_lists')
    .columns(['project_id', 'version'])
    .unique()
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('section', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('floor', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('layout', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('building_area_dm2', 'integer', (c) => c.notNull())
    .addColumn('inner_area_dm2', 'integer', (c) => c.notNull())
    .addColumn('orientation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('list_unit_price_fen', 'bigint')
    .addColumn('list_total_fen', 'bigint')
    .addColumn('price_list_id', 'text', (c) => c.references('price_lists.id'))
    .addColumn('price_list_version', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('holder_staff_id', 'text')
    .addColumn('hold_customer_id', 'text')
    .addColumn('hold_expires_at', 'text')
    .addColumn('buyer_customer_id', 'text')
    .addColumn('opening_event_id', 'text')
    .addColumn('opening_buyer_id', 'text')
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('units_building_number_uq')
    .on('units')
    .columns(['building_id', 'section', 'number'])
    .unique()
    .execute();
  await db.schema
    .createIndex('units_project_idx')
    .on('units')
    .columns(['project_id', 'building_id', 'floor', 'position'])
    .execute();
  await db.schema
    .createIndex('units_hold_expiry_idx')
    .on('units')
    .columns(['status', 'hold_expires_at'])
    .execute();

  await db.schema
    .createTable('price_list_items')
    .addColumn('price_list_id', 'text', (c) => c.notNull().references('price_lists.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_price_fen', 'bigint', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('price_list_items_pk', ['price_list_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('unit_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('hold_expires_at', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('unit_history_unit_idx')
    .on('unit_history')
    .columns(['unit_id', 'at'])
    .execute();

  await db.schema
    .createTable('opening_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('per_buyer_limit', 'integer', (c) => c.notNull())
    .addColumn('is_cancelled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('opening_units')
    .addColumn('event_id', 'text', (c) => c.notNull().references('opening_events.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('opening_units_pk', ['event_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('opening_buyers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('opening_events.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('id_number_hash', 'text', (c) => c.notNull())
    .addColumn('id_verified_by', 'text')
    .addColumn('id_verified_at', 'text')
    .addColumn('pledge_number', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('pick_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('code_hash', 'text')
    .addColumn('code_expires_at', 'text')
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('code_sent_at', 'text')
    .addColumn('demo_code', 'text')
    .addColumn('session_hash', 'text')
    .addColumn('session_expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('opening_buyers_phone_uq')
    .on('opening_buyers')
    .columns(['event_id', 'phone'])
    .unique()
    .execute();
  await db.schema
    .createIndex('opening_buyers_pledge_uq')
    .on('opening_buyers')
    .columns(['event_id', 'pledge_number'])
    .unique()
    .execute();
  await db.schema
    .createIndex('opening_buyers_id_uq')
    .on('opening_buyers')
    .columns(['event_id', 'id_number_hash'])
    .unique()
    .execute();
  await db.schema
    .createIndex('opening_buyers_session_uq')
    .on('opening_buyers')
    .columns(['session_hash'])
    .unique()
    .execute();

  // One confirmation per unit per event, whatever happens above it: the last line against a double sale.
  await db.schema
    .createTable('opening_picks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('opening_events.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('buyer_id', 'text', (c) => c.notNull().references('opening_buyers.id'))
    .addColumn('list_total_fen', 'bigint')
    .addColumn('picked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('opening_picks_unit_uq')
    .on('opening_picks')
    .columns(['event_id', 'unit_id'])
    .unique()
    .execute();
  await db.schema.createIndex('opening_picks_buyer_idx').on('opening_picks').columns(['buyer_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'opening_picks',
    'opening_buyers',
    'opening_units',
    'opening_events',
    'unit_history',
    'price_list_items',
    'units',
    'price_lists',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
