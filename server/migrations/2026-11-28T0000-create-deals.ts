import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

// Conventions as in the first migration: text ids, ISO-8601 UTC text times, 'YYYY-MM-DD' text
// dates (Asia/Shanghai calendar days), integer 0/1 booleans, money in integer fen (bigint),
// JSON as text. Uploaded files are stored encrypted as base64 text so the same column works on
// SQLite and PostgreSQL.
type Column = [
  name: string,
  type: 'text' | 'integer' | 'bigint',
  modifier?: 'pk' | 'notNull' | `ref:${string}` | `notNullRef:${string}`,
];

function modify(modifier: Column[2]) {
  return (column: ColumnDefinitionBuilder) => {
    if (!modifier) return column;
    if (modifier === 'pk') return column.primaryKey();
    if (modifier === 'notNull') return column.notNull();
    if (modifier.startsWith('ref:')) return column.references(modifier.slice(4));
    return column.notNull().references(modifier.slice('notNullRef:'.length));
  };
}

async function createTable(db: Kysely<any>, name: string, columns: Column[]): Promise<void> {
  let builder = db.schema.createTable(name);
  for (const [column, type, modifier] of columns) builder = builder.addColumn(column, type, modify(modifier));
  await builder.execute();
}

const id: Column = ['id', 'text', 'pk'];
const text = (name: string): Column => [name, 'text', 'notNull'];
const optionalText = (name: string): Column => [name, 'text'];
const integer = (name: string): Column => [name, 'integer', 'notNull'];
const money = (name: string): Column => [name, 'bigint', 'notNull'];
const project: Column = ['project_id', 'text', 'notNullRef:projects.id'];
const company: Column = ['company_id', 'text', 'notNullRef:companies.id'];

export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'deal_plans', [
    id,
    company,
    project,
    text('customer_id'),
    text('unit_id'),
    text('unit_number'),
    text('customer_name'),
    text('consultant_id'),
    integer('version'),
    text('status'),
    text('payment_method'),
    money('list_total_fen'),
    money('final_total_fen'),
    text('discount_percent'),
    money('down_payment_fen'),
    money('first_monthly_payment_fen'),
    text('input_json'),
    text('result_json'),
    optionalText('approved_by'),
    optionalText('approved_at'),
    text('approval_comment'),
    text('created_at'),
    text('updated_at'),
  ]);
  await db.schema
    .createIndex('deal_plans_project_idx')
    .on('deal_plans')
    .columns(['project_id', 'updated_at'])
    .execute();
  await db.schema.createIndex('deal_plans_customer_idx').on('deal_plans').column('customer_id').execute();

  await createTable(db, 'deal_plan_versions', [
    id,
    ['plan_id', 'text', 'notNullRef:deal_plans.id'],
    integer('version'),
    text('status'),
    text('input_json'),
    text('result_json'),
    text('created_by'),
    text('created_at'),
  ]);
  await db.schema
    .createIndex('deal_plan_versions_uq')
    .on('deal_plan_versions')
    .columns(['plan_id', 'version'])
    .unique()
    .execute();

  await createTable(db, 'deal_designations', [
    id,
    project,
    text('staff_id'),
    text('duty'),
    text('designated_by'),
    text('designated_at'),
    optionalText('revoked_at'),
  ]);
  await db.schema
    .createIndex('deal_designations_lookup_idx')
    .on('deal_designations')
    .columns(['project_id', 'duty', 'staff_id'])
    .execute();

  // One row per project, updated in the receipt's own transaction: receipt numbers never skip.
  await createTable(db, 'deal_receipt_counters', [['project_id', 'text', 'pk'], money('last_number')]);

  await createTable(db, 'deal_receipts', [
    id,
    company,
    project,
    money('number'),
    text('purpose'),
    optionalText('deposit_id'),
    optionalText('payment_id'),
    optionalText('transaction_file_id'),
    text('customer_id'),
    text('unit_id'),
    text('unit_number'),
    text('payer_name'),
    money('amount_fen'),
    text('method'),
    text('collected_by'),
    text('collected_by_name'),
    text('witness_id'),
    text('witness_name'),
    text('issued_at'),
    text('status'),
    text('void_reason'),
    optionalText('void_requested_by'),
    optionalText('void_requested_at'),
    optionalText('void_approved_by'),
    optionalText('voided_at'),
    integer('print_count'),
  ]);
  await db.schema
    .createIndex('deal_receipts_number_uq')
    .on('deal_receipts')
    .columns(['project_id', 'number'])
    .unique()
    .execute();

  await createTable(db, 'deal_deposits', [
    id,
    company,
    project,
    text('unit_id'),
    text('unit_number'),
    text('customer_id'),
    text('customer_name'),
    optionalText('plan_id'),
    text('consultant_id'),
    money('amount_fen'),
    money('price_fen'),
    text('status'),
    text('note'),
    text('requested_at'),
    optionalText('confirmed_by'),
    optionalText('confirmed_by_name'),
    optionalText('confirmed_at'),
    optionalText('collected_by'),
    optionalText('witness_id'),
    optionalText('collected_at'),
    optionalText('receipt_id'),
    text('created_at'),
    text('updated_at'),
  ]);
  await db.schema
    .createIndex('deal_deposits_project_idx')
    .on('deal_deposits')
    .columns(['project_id', 'status'])
    .execute();
  await db.schema.createIndex('deal_deposits_unit_idx').on('deal_deposits').column('unit_id').execute();

  await createTable(db, 'deal_idempotency', [
    text('scope'),
    text('key'),
    text('actor_id'),
    text('request_hash'),
    integer('status_code'),
    text('response_json'),
    text('created_at'),
  ]);
  await db.schema
    .createIndex('deal_idempotency_pk')
    .on('deal_idempotency')
    .columns(['scope', 'key'])
    .unique()
    .execute();

  await createTable(db, 'deal_witness_attempts', [id, text('username'), text('at'), integer('is_success')]);
  await db.schema
    .createIndex('deal_witness_attempts_idx')
    .on('deal_witness_attempts')
    .columns(['username', 'at'])
    .execute();

  await createTable(db, 'deal_form_batches', [
    id,
    company,
    project,
    text('prefix'),
    integer('first_serial'),
    integer('last_serial'),
    text('note'),
    text('issued_by'),
    text('issued_at'),
  ]);
  await createTable(db, 'deal_forms', [
    id,
    project,
    ['batch_id', 'text', 'notNullRef:deal_form_batches.id'],
    integer('serial'),
    text('number'),
    text('status'),
    optionalText('holder_id'),
    optionalText('checked_out_at'),
    optionalText('agreement_id'),
    optionalText('used_at'),
    text('void_reason'),
    optionalText('voided_by'),
    optionalText('voided_at'),
    text('updated_at'),
  ]);
  await db.schema
    .createIndex('deal_forms_number_uq')
    .on('deal_forms')
    .columns(['project_id', 'number'])
    .unique()
    .execute();
  await db.schema
    .createIndex('deal_forms_status_idx')
    .on('deal_forms')
    .columns(['project_id', 'status'])
    .execute();

  await createTable(db, 'deal_files', [
    id,
    company,
    project,
    text('kind'),
    text('file_name'),
    text('mime'),
    integer('size_bytes'),
    text('sha256'),
    text('content_enc'),
    text('uploaded_by'),
    text('uploaded_at'),
  ]);

  await createTable(db, 'deal_agreements', [
    id,
    company,
    project,
    text('unit_id'),
    text('unit_number'),
    text('customer_id'),
    text('customer_name'),
    ['plan_id', 'text', 'notNullRef:deal_plans.id'],
    optionalText('deposit_id'),
    ['form_id', 'text', 'notNullRef:deal_forms.id'],
    text('form_number'),
    text('consultant_id'),
    text('consultant_name'),
    text('status'),
    money('price_fen'),
    text('payment_method'),
    money('down_payment_fen'),
    text('down_payment_due_on'),
    text('contract_due_on'),
    text('signed_on'),
    text('signer_kind'),
    ['signer_buyer_index', 'integer'],
    text('agent_name'),
    optionalText('agent_id_number_enc'),
    text('agent_id_number_masked'),
    text('notarial_number'),
    optionalText('notarial_file_id'),
    optionalText('submitted_at'),
    optionalText('reviewer_id'),
    optionalText('reviewer_name'),
    optionalText('reviewed_at'),
    text('review_comment'),
    optionalText('transaction_file_id'),
    text('created_at'),
    text('updated_at'),
  ]);
  await db.schema
    .createIndex('deal_agreements_project_idx')
    .on('deal_agreements')
    .columns(['project_id', 'status'])
    .execute();
  // A form number is used by one agreement only.
  await db.schema
    .createIndex('deal_agreements_form_uq')
    .on('deal_agreements')
    .column('form_id')
    .unique()
    .execute();

  await createTable(db, 'deal_agreement_buyers', [
    id,
    ['agreement_id', 'text', 'notNullRef:deal_agreements.id'],
    integer('sort_order'),
    text('name'),
    text('id_type'),
    text('id_number_enc'),
    text('id_number_masked'),
    text('id_number_hash'),
    optionalText('id_copy_file_id'),
    optionalText('id_copy_consent_at'),
    optionalText('id_copy_consent_by'),
  ]);
  await db.schema
    .createIndex('deal_agreement_buyers_agreement_idx')
    .on('deal_agreement_buyers')
    .column('agreement_id')
    .execute();
  await db.schema
    .createIndex('deal_agreement_buyers_hash_idx')
    .on('deal_agreement_buyers')
    .column('id_number_hash')
    .execute();

  await createTable(db, 'deal_transaction_files', [
    id,
    company,
    project,
    text('unit_id'),
    text('unit_number'),
    text('customer_id'),
    text('customer_name'),
    text('consultant_id'),
    text('agreement_id'),
    text('plan_id'),
    optionalText('deposit_id'),
    text('status'),
    money('price_fen'),
    text('payment_method'),
    text('opened_at'),
    text('opened_by'),
    optionalText('down_payment_paid_at'),
    optionalText('contract_signed_at'),
    optionalText('mortgage_docs_handed_in_at'),
    optionalText('responsibility_ended_at'),
    optionalText('handed_over_at'),
    text('updated_at'),
  ]);
  await db.schema
    .createIndex('deal_transaction_files_agreement_uq')
    .on('deal_transaction_files')
    .column('agreement_id')
    .unique()
    .execute();
  await db.schema
    .createIndex('deal_transaction_files_project_idx')
    .on('deal_transaction_files')
    .columns(['project_id', 'opened_at'])
    .execute();

  const file: Column = ['transaction_file_id', 'text', 'notNullRef:deal_transaction_files.id'];
  await createTable(db, 'deal_payment_items', [
    id,
    file,
    project,
    text('kind'),
    text('label'),
    money('amount_fen'),
    money('paid_fen'),
    text('due_on'),
    text('status'),
    optionalText('overdue_reported_at'),
    integer('sort_order'),
  ]);
  await db.schema
    .createIndex('deal_payment_items_file_idx')
    .on('deal_payment_items')
    .column('transaction_file_id')
    .execute();

  await createTable(db, 'deal_third_party_statements', [
    id,
    file,
    project,
    text('payer_name'),
    text('payer_id_number_enc'),
    text('payer_id_number_masked'),
    text('buyer_names'),
    money('amount_fen'),
    text('statement_text'),
    optionalText('signed_file_id'),
    optionalText('payment_id'),
    text('created_by'),
    text('created_at'),
  ]);

  await createTable(db, 'deal_payments', [
    id,
    file,
    ['payment_item_id', 'text', 'notNullRef:deal_payment_items.id'],
    project,
    money('amount_fen'),
    text('method'),
    text('payer_kind'),
    text('payer_name'),
    optionalText('statement_id'),
    text('receipt_id'),
    text('collected_by'),
    text('witness_id'),
    text('paid_at'),
  ]);
  await db.schema
    .createIndex('deal_payments_file_idx')
    .on('deal_payments')
    .column('transaction_file_id')
    .execute();
  // A signed third-party statement covers exactly one payment.
  await db.schema
    .createIndex('deal_payments_statement_uq')
    .on('deal_payments')
    .column('statement_id')
    .unique()
    .execute();

  await createTable(db, 'deal_exams', [
    id,
    company,
    text('staff_id'),
    text('staff_name'),
    text('kind'),
    text('taken_on'),
    integer('score'),
    integer('pass_mark'),
    text('expires_on'),
    text('note'),
    text('recorded_by'),
    text('recorded_at'),
  ]);
  await db.schema
    .createIndex('deal_exams_staff_idx')
    .on('deal_exams')
    .columns(['staff_id', 'kind'])
    .execute();

  await createTable(db, 'deal_contracts', [
    id,
    file,
    project,
    text('contract_number'),
    text('consultant_id'),
    text('status'),
    text('prefill_json'),
    text('loan_type'),
    text('checklist_json'),
    optionalText('signed_on'),
    text('created_at'),
    text('updated_at'),
  ]);
  await db.schema
    .createIndex('deal_contracts_file_uq')
    .on('deal_contracts')
    .column('transaction_file_id')
    .unique()
    .execute();

  await createTable(db, 'deal_mortgage_appointments', [
    id,
    file,
    project,
    text('bank'),
    text('place'),
    text('appointment_at'),
    text('documents_json'),
    text('status'),
    text('outcome_note'),
    ['approved_amount_fen', 'bigint'],
    text('created_by'),
    text('created_at'),
    text('updated_at'),
  ]);
  await createTable(db, 'deal_move_ins', [
    id,
    file,
    project,
    text('appointment_at'),
    text('place'),
    text('property_office_contact'),
    text('property_office_phone'),
    text('accompany_staff_id'),
    text('congratulation_message'),
    text('status'),
    optionalText('completed_at'),
    text('created_at'),
    text('updated_at'),
  ]);
  await createTable(db, 'deal_reminders', [
    id,
    file,
    project,
    text('kind'),
    text('recipient_kind'),
    text('recipient_id'),
    text('recipient_name'),
    text('send_at'),
    text('title'),
    text('body'),
    text('dedupe_key'),
    text('status'),
    text('created_at'),
  ]);
  await db.schema
    .createIndex('deal_reminders_file_idx')
    .on('deal_reminders')
    .columns(['transaction_file_id', 'send_at'])
    .execute();
  await createTable(db, 'deal_tasks', [
    id,
    file,
    project,
    text('staff_id'),
    text('kind'),
    text('title'),
    text('checklist_json'),
    text('due_at'),
    text('status'),
    optionalText('done_at'),
    text('created_at'),
  ]);
  await db.schema
    .createIndex('deal_tasks_staff_idx')
    .on('deal_tasks')
    .columns(['staff_id', 'status'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
