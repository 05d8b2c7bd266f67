import { systemActor } from '../../platform/auth/actor.js';
import type { EncryptedTable, KeyBoundHashes } from '../../platform/crypto/rotate.js';
import { writeAudit } from '../audit/index.js';
import * as queries from './two-factor.queries.js';
import { twoFactorSecretContext } from './two-factor.service.js';

/** Two-step secrets are re-encrypted under a new key (npm run key:rotate); the people keep their authenticator. */
export const staffEncryptedData: EncryptedTable[] = [
  {
    owner: 'staff',
    table: 'staffTwoFactor',
    key: 'staffId',
    columns: [{ column: 'secretEncrypted', context: (row) => twoFactorSecretContext(String(row.staffId)) }],
  },
];

/**
 * Recovery codes are kept only as keyed hashes, and the codes themselves nowhere: under a new key
 * none of them would match again. Rather than leave codes that silently fail, the unused ones are
 * voided (each person's audit row says so); signing in with the authenticator still works, and
 * 账号安全 → 重新生成恢复码 gives new ones.
 */
export const staffKeyBoundHashes: KeyBoundHashes[] = [
  {
    owner: 'staff',
    what: 'unused recovery codes voided',
    async onRotate(trx, now) {
      let voided = 0;
      for (const holder of await queries.findUnusedRecoveryCodeHolders(trx)) {
        await queries.deleteUnusedRecoveryCodes(trx, holder.staffId);
        voided += Number(holder.count);
        await writeAudit(trx, {
          actor: systemActor(holder.companyId),
          at: now,
          entityType: 'staff',
          entityId: holder.staffId,
          action: 'void_recovery_codes',
          after: { reason: 'key_rotation', recoveryCodesVoided: Number(holder.count) },
        });
      }
      return voided;
    },
  },
];
