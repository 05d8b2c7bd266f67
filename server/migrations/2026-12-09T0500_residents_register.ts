import type { Kysely } from 'kysely';

// Issue 18: the property desk's register of residents (owners, tenants, household members) by
// project → building → door (樓門) → unit, with several phones each (E.164, as customer_phones keeps
// them, so the caller pop finds a resident by the number the PBX sends), move-in and move-out days
// and the owner's consent (after-sales care, new-project announcements) with who changed it when.
// Imports of the office's resident sheet are staged in resident_imports and run in batches.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('residents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('building_id', 'text')
    .addColumn('building_name', 'text', (c) => c.notNull())
    .addColumn('door_id', 'text')
    .addColumn('door_name', 'text', (c) => c.notNull())
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('location_text', 'text', (c) => c.notNull())
    // building|door|room as keys (residents.rules.ts): "1栋/2单元/1201室" and "1幢/２/1201" are one unit.
    .addColumn('place_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_pinyin', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('move_in_on', 'text')
    .addColumn('move_out_on', 'text')
    .addColumn('consultant_staff_id', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text')
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('consents_after_sales', 'integer', (c) => c.notNull())
    .addColumn('consents_announcements', 'integer', (c) => c.notNull())
    .addColumn('consent_changed_by', 'text')
    .addColumn('consent_changed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('residents_place_idx')
    .on('residents')
    .columns(['project_id', 'place_key'])
    .execute();
  await db.schema
    .createIndex('residents_initials_idx')
    .on('residents')
    .columns(['project_id', 'name_initials'])
    .execute();
  await db.schema.createIndex('residents_customer_idx').on('residents').columns(['customer_id']).execute();
  await db.schema.createIndex('residents_unit_idx').on('residents').columns(['unit_id']).execute();
  await db.schema
    .createIndex('residents_updated_idx')
    .on('residents')
    .columns(['project_id', 'updated_at'])
    .execute();

  await db.schema
    .createTable('resident_phones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('phone_e164', 'text', (c) => c.notNull())
    .addColumn('phone_tail4', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('resident_phones_resident_number_uq')
    .on('resident_phones')
    .columns(['resident_id', 'phone_e164'])
    .unique()
    .execute();
  // The caller pop: one number, every project of the company.
  await db.schema
    .createIndex('resident_phones_number_idx')
    .on('resident_phones')
    .columns(['company_id', 'phone_e164'])
    .execute();
  await db.schema
    .createIndex('resident_phones_tail_idx')
    .on('resident_phones')
    .columns(['project_id', 'phone_tail4'])
    .execute();

  await db.schema
    .createTable('resident_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('valid_rows', 'integer', (c) => c.notNull())
    .addColumn('processed_rows', 'integer', (c) => c.notNull())
    .addColumn('created_rows', 'integer', (c) => c.notNull())
    .addColumn('updated_rows', 'integer', (c) => c.notNull())
    .addColumn('is_cancel_requested', 'integer', (c) => c.notNull())
    .addColumn('rows_json', 'text', (c) => c.notNull())
    .addColumn('problems_json', 'text', (c) => c.notNull())
    .addColumn('skipped_sheets_json', 'text', (c) => c.notNull())
    .addColumn('failure', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('resident_imports_project_idx')
    .on('resident_imports')
    .columns(['project_id', 'created_at'])
    .execute();
}
