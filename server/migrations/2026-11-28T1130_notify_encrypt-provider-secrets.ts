import type { Kysely } from 'kysely';
import { encryptText, isEncrypted } from '../platform/crypto/index.js';

// Provider secrets (SMTP password, SMS access-key secret, WeCom webhook) were stored as clear JSON;
// from now on they are AES-256-GCM encrypted, bound to their company and channel (the same sealing
// as notify's sealProviderSecret). Rows already encrypted are left alone, so a re-run is harmless.
export async function up(migrationDb: Kysely<any>): Promise<void> {
  // Plain column names in and out, whatever plugins the caller's instance carries.
  const db = migrationDb.withoutPlugins();
  const rows = await db
    .selectFrom('notify_providers')
    .select(['id', 'company_id', 'channel', 'secret_json'])
    .execute();
  for (const row of rows) {
    if (isEncrypted(row.secret_json)) continue;
    await db
      .updateTable('notify_providers')
      .set({
        secret_json: encryptText(row.secret_json, `notify_provider:${row.company_id}:${row.channel}`),
      })
      .where('id', '=', row.id)
      .execute();
  }
}
