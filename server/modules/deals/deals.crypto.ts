// Encryption at rest lives in server/platform/crypto (shared with notify's provider secrets).
import type { EncryptedTable } from '../../platform/crypto/rotate.js';

export {
  decryptBytes,
  decryptText,
  encryptBytes,
  encryptText,
  forgetDataKeys,
  lookupHash,
} from '../../platform/crypto/index.js';

/** What a buyer's ID number is looked up by (lookupHash of it): the same person across agreements. */
export const buyerIdLookupInput = (idType: string, idNumber: string) => `${idType}:${idNumber}`;

/** The deals module's values sealed under the master key, for key rotation (npm run key:rotate). */
export const dealsEncryptedData: EncryptedTable[] = [
  {
    owner: 'deals',
    table: 'dealAgreementBuyers',
    key: 'id',
    reads: ['idType'],
    columns: [
      {
        column: 'idNumberEnc',
        lookupHash: {
          column: 'idNumberHash',
          input: (plain, row) => buyerIdLookupInput(String(row.idType), plain),
        },
      },
    ],
  },
  { owner: 'deals', table: 'dealAgreements', key: 'id', columns: [{ column: 'agentIdNumberEnc' }] },
  { owner: 'deals', table: 'dealFiles', key: 'id', columns: [{ column: 'contentEnc' }] },
  { owner: 'deals', table: 'dealThirdPartyStatements', key: 'id', columns: [{ column: 'payerIdNumberEnc' }] },
];
