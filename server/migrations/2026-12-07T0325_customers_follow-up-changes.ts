import type { Kysely } from 'kysely';

// CONF for SA-2: conformance rescores the follow-ups changed since it last looked (updated_at is
// already kept by every use case that touches a follow-up).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('follow_ups_updated_idx')
    .on('follow_ups')
    .columns(['updated_at', 'id'])
    .execute();
}
