import type { Kysely } from 'kysely';

// Every screen asks for the company's projects in creation order: with this index the database
// reads them in that order instead of sorting them on each request.
export async function up(migrationDb: Kysely<any>): Promise<void> {
  await migrationDb
    .withoutPlugins()
    .schema.createIndex('projects_company_created_idx')
    .on('projects')
    .columns(['company_id', 'created_at'])
    .execute();
}
