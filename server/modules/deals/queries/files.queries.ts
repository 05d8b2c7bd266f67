import type { Tx } from '../../../platform/db/database.js';
import type { FileRow } from './rows.js';

/** Uploaded files and where they are used. */

export async function insertFile(db: Tx, row: FileRow) {
  await db.insertInto('dealFiles').values(row).execute();
}
export async function findFile(db: Tx, id: string) {
  return db.selectFrom('dealFiles').selectAll().where('id', '=', id).executeTakeFirst();
}
/**
 * Who takes part in the deals that use an uploaded file: the agreements it is a buyer's ID copy
 * or the agent's authorisation of, and the transaction files whose third-party statement it signs.
 */
export async function findFileUses(db: Tx, fileId: string) {
  const agreements = await db
    .selectFrom('dealAgreements as agreement')
    .leftJoin('dealAgreementBuyers as buyer', 'buyer.agreementId', 'agreement.id')
    .select(['agreement.consultantId', 'agreement.reviewerId'])
    .distinct()
    .where((eb) =>
      eb.or([eb('buyer.idCopyFileId', '=', fileId), eb('agreement.notarialFileId', '=', fileId)]),
    )
    .execute();
  const files = await db
    .selectFrom('dealThirdPartyStatements as statement')
    .innerJoin('dealTransactionFiles as file', 'file.id', 'statement.transactionFileId')
    .select(['file.consultantId', 'file.openedBy'])
    .where('statement.signedFileId', '=', fileId)
    .execute();
  return { agreements, files };
}
export async function findFileMeta(db: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('dealFiles')
    .select(['id', 'kind', 'fileName', 'mime', 'sizeBytes', 'sha256', 'uploadedAt', 'uploadedBy'])
    .where('id', 'in', ids)
    .execute();
}
