import type { Kysely } from 'kysely';

// The call desk (articles 1 and 3): calls and the events they are derived from, CTI credentials,
// purposes, versioned scripts, messages, leader calls and incidents. Same conventions as the first
// migration: text ids, ISO-8601 UTC text times, integer 0/1 booleans, JSON as text.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    // The PBX's own id of the call; NULL for calls logged by hand.
    .addColumn('external_call_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('caller_number_raw', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caller_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_caller_number_valid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('caller_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caller_staff_id', 'text')
    .addColumn('ringing_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('held_since', 'text')
    .addColumn('answered_by_staff_id', 'text')
    .addColumn('answered_by_ref', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('released_by', 'text')
    .addColumn('transferred_to_staff_id', 'text')
    .addColumn('transfer_kind', 'text')
    .addColumn('transferred_at', 'text')
    // Precomputed when the call changes, so statistics never recompute them row by row.
    .addColumn('ring_ms', 'integer')
    .addColumn('rings', 'integer')
    .addColumn('max_rings', 'integer', (c) => c.notNull())
    .addColumn('is_answered_within_limit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hold_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hold_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('talk_ms', 'integer')
    .addColumn('local_day', 'text', (c) => c.notNull())
    .addColumn('local_hour', 'integer', (c) => c.notNull())
    .addColumn('purpose_id', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('calls_desk_external_uq')
    .on('calls')
    .columns(['desk_id', 'external_call_id'])
    .unique()
    .execute();
  // Statistics and the desk's history read a desk's calls by time: one range scan of this index.
  await db.schema
    .createIndex('calls_desk_ringing_idx')
    .on('calls')
    .columns(['desk_id', 'ringing_at'])
    .execute();
  await db.schema.createIndex('calls_desk_status_idx').on('calls').columns(['desk_id', 'status']).execute();
  await db.schema
    .createIndex('calls_caller_number_idx')
    .on('calls')
    .columns(['caller_number', 'ringing_at'])
    .execute();
  await db.schema
    .createIndex('calls_answered_by_idx')
    .on('calls')
    .columns(['answered_by_staff_id', 'ringing_at'])
    .execute();
  await db.schema
    .createIndex('calls_company_ringing_idx')
    .on('calls')
    .columns(['company_id', 'ringing_at'])
    .execute();

  await db.schema
    .createTable('call_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id'))
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    // SHA-256 of the signed request (CTI only): an exact replay is refused by this unique index.
    .addColumn('signature_hash', 'text')
    .addColumn('payload_hash', 'text', (c) => c.notNull())
    .addColumn('caller_number', 'text')
    .addColumn('agent_ref', 'text')
    .addColumn('agent_staff_id', 'text')
    .addColumn('target_staff_id', 'text')
    .addColumn('transfer_kind', 'text')
    .addColumn('released_by', 'text')
    .addColumn('actor_staff_id', 'text')
    .execute();
  await db.schema
    .createIndex('call_events_desk_event_uq')
    .on('call_events')
    .columns(['desk_id', 'event_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('call_events_signature_uq')
    .on('call_events')
    .column('signature_hash')
    .unique()
    .execute();
  await db.schema
    .createIndex('call_events_call_idx')
    .on('call_events')
    .columns(['call_id', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('cti_credentials')
    .addColumn('desk_id', 'text', (c) => c.primaryKey().references('desks.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    // AES-256-GCM of the shared secret; only its last four characters are ever shown again.
    .addColumn('secret_encrypted', 'text', (c) => c.notNull())
    .addColumn('secret_hint', 'text', (c) => c.notNull())
    .addColumn('is_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('rotated_at', 'text', (c) => c.notNull())
    .addColumn('rotated_by', 'text')
    .addColumn('last_event_at', 'text')
    .execute();

  await db.schema
    .createTable('call_purposes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    // Built-in purposes carry a key the screens act on (emergency → incident form); added ones have none.
    .addColumn('key', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('call_purposes_company_label_uq')
    .on('call_purposes')
    .columns(['company_id', 'label'])
    .unique()
    .execute();

  await db.schema
    .createTable('call_scripts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('situation', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('phrases_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('call_scripts_version_uq')
    .on('call_scripts')
    .columns(['desk_id', 'situation', 'locale', 'version'])
    .unique()
    .execute();

  await db.schema
    .createTable('call_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('call_id', 'text', (c) => c.references('calls.id'))
    .addColumn('recipient_staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('caller_name', 'text', (c) => c.notNull())
    .addColumn('callback_number', 'text', (c) => c.notNull())
    .addColumn('is_callback_number_valid', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('handled_at', 'text')
    .addColumn('handled_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('escalated_at', 'text')
    .addColumn('escalated_to_staff_id', 'text')
    .execute();
  await db.schema
    .createIndex('call_messages_recipient_idx')
    .on('call_messages')
    .columns(['recipient_staff_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('call_messages_desk_idx')
    .on('call_messages')
    .columns(['desk_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('call_messages_callback_idx')
    .on('call_messages')
    .columns(['callback_number', 'created_at'])
    .execute();

  await db.schema
    .createTable('leader_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('call_id', 'text', (c) => c.references('calls.id'))
    .addColumn('claimed_name', 'text', (c) => c.notNull())
    .addColumn('claimed_title', 'text', (c) => c.notNull())
    .addColumn('callback_number', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('is_identified', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('reported_to_staff_id', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('reported_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('closing_note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('leader_calls_desk_idx')
    .on('leader_calls')
    .columns(['desk_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('call_id', 'text', (c) => c.references('calls.id'))
    .addColumn('is_emergency', 'integer', (c) => c.notNull())
    .addColumn('caller_name', 'text', (c) => c.notNull())
    .addColumn('caller_identity', 'text')
    .addColumn('building_id', 'text', (c) => c.references('buildings.id'))
    .addColumn('door_id', 'text', (c) => c.references('doors.id'))
    .addColumn('unit_label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('dispatched_at', 'text')
    .addColumn('dispatched_by', 'text')
    .addColumn('dispatch_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution_note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('incidents_desk_idx')
    .on('incidents')
    .columns(['desk_id', 'reported_at'])
    .execute();
  await db.schema
    .createIndex('incidents_phone_idx')
    .on('incidents')
    .columns(['phone', 'reported_at'])
    .execute();

  await db.schema
    .createTable('desk_emergency_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('desk_emergency_contacts_uq')
    .on('desk_emergency_contacts')
    .columns(['desk_id', 'staff_id'])
    .unique()
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
