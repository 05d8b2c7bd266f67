import type { Kysely } from 'kysely';

// Secret template parameters (a one-time sign-in code) are kept out of notifications.params_json:
// that holds a mask, and the values live here AES-256-GCM encrypted, bound to the notification
// (server/platform/crypto), until the delivery job hands them to the provider. NULL: no secrets.
export async function up(migrationDb: Kysely<any>): Promise<void> {
  await migrationDb
    .withoutPlugins()
    .schema.alterTable('notifications')
    .addColumn('sealed_params', 'text')
    .execute();
}
