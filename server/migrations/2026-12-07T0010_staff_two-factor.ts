import type { Kysely } from 'kysely';

// Strong sign-in (issue 13): a TOTP secret per member of staff (encrypted at rest; confirmed_at is
// NULL until the person has entered a first code), one-time recovery codes stored only as keyed
// hashes, and a session flag for "password given, second factor still owed".
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_two_factor')
    .addColumn('staff_id', 'text', (c) => c.primaryKey().references('staff.id'))
    .addColumn('secret_encrypted', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    // The 30-second step of the last code accepted: a code of that step or earlier is a replay.
    .addColumn('last_time_step', 'bigint')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('staff_recovery_codes_staff_idx')
    .on('staff_recovery_codes')
    .columns(['staff_id', 'code_hash'])
    .execute();

  await db.schema
    .alterTable('sessions')
    .addColumn('is_second_factor_pending', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
