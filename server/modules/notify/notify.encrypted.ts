import type { EncryptedTable } from '../../platform/crypto/rotate.js';
import type { ProviderChannel } from './provider-settings.js';
import { providerSecretContext } from './provider-settings.js';
import { sealedParamsContext } from './use-cases/notify.js';

/** The notify module's values sealed under the master key, for key rotation (npm run key:rotate). */
export const notifyEncryptedData: EncryptedTable[] = [
  {
    owner: 'notify',
    table: 'notifyProviders',
    key: 'id',
    reads: ['companyId', 'channel'],
    columns: [
      {
        column: 'secretJson',
        context: (row) => providerSecretContext(String(row.companyId), row.channel as ProviderChannel),
      },
    ],
  },
  {
    owner: 'notify',
    table: 'notifications',
    key: 'id',
    columns: [{ column: 'sealedParams', context: (row) => sealedParamsContext(String(row.id)) }],
  },
];
