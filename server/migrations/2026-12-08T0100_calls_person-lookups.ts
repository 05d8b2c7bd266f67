import type { Kysely } from 'kysely';

// CS-4: the agent does not know the person the caller asks for. The call records when the agent
// opened "不认识此人" (the moment the desk screen showed the CS-4 phrase, with the phrase's version)
// and, when nobody was found, when the caller was told so; each directory search made for the
// caller is its own row. A transfer or a message after the opening is the other outcome, already
// recorded on the call and in call_messages.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('person_lookup_at', 'text').execute();
  await db.schema.alterTable('calls').addColumn('person_lookup_version', 'integer').execute();
  await db.schema.alterTable('calls').addColumn('person_lookup_by', 'text').execute();
  await db.schema.alterTable('calls').addColumn('person_not_found_at', 'text').execute();
  await db.schema.alterTable('calls').addColumn('person_not_found_by', 'text').execute();
  await db.schema
    .createTable('call_directory_searches')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('call_id', 'text', (column) => column.notNull().references('calls.id'))
    .addColumn('searched_at', 'text', (column) => column.notNull())
    .addColumn('searched_by', 'text')
    .addColumn('query', 'text', (column) => column.notNull())
    .addColumn('result_count', 'integer', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('call_directory_searches_call_idx')
    .on('call_directory_searches')
    .columns(['call_id', 'searched_at'])
    .execute();
}
