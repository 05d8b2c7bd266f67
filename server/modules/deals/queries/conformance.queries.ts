import type { Tx } from '../../../platform/db/database.js';

/**
 * What the conformance source reads (CONF): a deal is its deposit (see conformance-facts.ts), so
 * every look-up here is by deposit ids or by the ids those rows name, 500 at a time.
 */

const chunkSize = 500;

async function inChunks<Row>(ids: readonly string[], read: (chunk: string[]) => Promise<Row[]>) {
  const unique = [...new Set(ids)];
  const rows: Row[] = [];
  for (let index = 0; index < unique.length; index += chunkSize)
    rows.push(...(await read(unique.slice(index, index + chunkSize))));
  return rows;
}

/**
 * Deals whose rows changed at or after `since` (every deal when null), in id order after `afterId`:
 * each table's change column, mapped to the deposit its deal started with. A payment moves the
 * file's change time; reminders and their deliveries are not changes — the score waits for their
 * deadline (a pending check's `decidesAt`) and looks again then.
 */
export async function findChangedDealIds(
  db: Tx,
  query: { since: string | null; afterId: string | null; limit: number },
): Promise<string[]> {
  const after = query.afterId ?? '';
  if (query.since === null) {
    const rows = await db
      .selectFrom('dealDeposits')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .limit(query.limit)
      .execute();
    return rows.map((row) => row.id);
  }
  const since = query.since;
  // `deposit_id > after` also leaves out rows without a deposit (NULL compares to nothing).
  const changed = db
    .selectFrom('dealDeposits')
    .select('dealDeposits.id as dealId')
    .where('dealDeposits.updatedAt', '>=', since)
    .where('dealDeposits.id', '>', after)
    .union(
      db
        .selectFrom('dealPlans')
        .innerJoin('dealDeposits', 'dealDeposits.planId', 'dealPlans.id')
        .select('dealDeposits.id as dealId')
        .where('dealPlans.updatedAt', '>=', since)
        .where('dealDeposits.id', '>', after),
    )
    .union(
      db
        .selectFrom('dealAgreements')
        .select('dealAgreements.depositId as dealId')
        .$narrowType<{ dealId: string }>()
        .where('dealAgreements.updatedAt', '>=', since)
        .where('dealAgreements.depositId', '>', after),
    )
    .union(
      db
        .selectFrom('dealForms')
        .innerJoin('dealAgreements', 'dealAgreements.formId', 'dealForms.id')
        .select('dealAgreements.depositId as dealId')
        .$narrowType<{ dealId: string }>()
        .where('dealForms.updatedAt', '>=', since)
        .where('dealAgreements.depositId', '>', after),
    )
    .union(
      db
        .selectFrom('dealTransactionFiles')
        .select('dealTransactionFiles.depositId as dealId')
        .$narrowType<{ dealId: string }>()
        .where('dealTransactionFiles.updatedAt', '>=', since)
        .where('dealTransactionFiles.depositId', '>', after),
    )
    .union(
      db
        .selectFrom('dealContracts')
        .innerJoin('dealTransactionFiles', 'dealTransactionFiles.id', 'dealContracts.transactionFileId')
        .select('dealTransactionFiles.depositId as dealId')
        .$narrowType<{ dealId: string }>()
        .where('dealContracts.updatedAt', '>=', since)
        .where('dealTransactionFiles.depositId', '>', after),
    )
    .union(
      db
        .selectFrom('dealMortgageAppointments')
        .innerJoin(
          'dealTransactionFiles',
          'dealTransactionFiles.id',
          'dealMortgageAppointments.transactionFileId',
        )
        .select('dealTransactionFiles.depositId as dealId')
        .$narrowType<{ dealId: string }>()
        .where('dealMortgageAppointments.updatedAt', '>=', since)
        .where('dealTransactionFiles.depositId', '>', after),
    );
  const rows = await db
    .selectFrom(changed.as('changed'))
    .select('changed.dealId')
    .orderBy('changed.dealId')
    .limit(query.limit)
    .execute();
  return rows.flatMap((row) => (row.dealId ? [row.dealId] : []));
}

export function findDepositsByIds(db: Tx, ids: readonly string[]) {
  return inChunks(ids, (chunk) =>
    db.selectFrom('dealDeposits').selectAll().where('id', 'in', chunk).execute(),
  );
}

export function findReceiptNamesByIds(db: Tx, ids: readonly string[]) {
  return inChunks(ids, (chunk) =>
    db
      .selectFrom('dealReceipts')
      .select(['id', 'number', 'collectedByName', 'witnessName'])
      .where('id', 'in', chunk)
      .execute(),
  );
}

export function findPlansByIds(db: Tx, ids: readonly string[]) {
  return inChunks(ids, (chunk) =>
    db
      .selectFrom('dealPlans')
      .select([
        'id',
        'version',
        'consultantId',
        'customerId',
        'finalTotalFen',
        'downPaymentFen',
        'inputJson',
        'resultJson',
        'unitStatusAtPlan',
        'isUnitHeldForCustomer',
        'createdAt',
      ])
      .where('id', 'in', chunk)
      .execute(),
  );
}

export function findAgreementsByDepositIds(db: Tx, depositIds: readonly string[]) {
  return inChunks(depositIds, (chunk) =>
    db
      .selectFrom('dealAgreements')
      .leftJoin('dealForms', 'dealForms.id', 'dealAgreements.formId')
      .select([
        'dealAgreements.id',
        'dealAgreements.depositId',
        'dealAgreements.planId',
        'dealAgreements.consultantId',
        'dealAgreements.consultantName',
        'dealAgreements.status',
        'dealAgreements.formNumber',
        'dealAgreements.signedOn',
        'dealAgreements.submittedAt',
        'dealAgreements.reviewerId',
        'dealAgreements.reviewerName',
        'dealAgreements.reviewedAt',
        'dealAgreements.createdAt',
        'dealForms.status as formStatus',
        'dealForms.agreementId as formAgreementId',
        'dealForms.voidReason as formVoidReason',
      ])
      .where('dealAgreements.depositId', 'in', chunk)
      .orderBy('dealAgreements.createdAt')
      .execute(),
  );
}

export function findFilesByDepositIds(db: Tx, depositIds: readonly string[]) {
  return inChunks(depositIds, (chunk) =>
    db
      .selectFrom('dealTransactionFiles')
      .select(['id', 'depositId', 'agreementId', 'consultantId', 'status', 'openedAt', 'downPaymentPaidAt'])
      .where('depositId', 'in', chunk)
      .execute(),
  );
}

export function findDownPaymentItems(db: Tx, fileIds: readonly string[]) {
  return inChunks(fileIds, (chunk) =>
    db
      .selectFrom('dealPaymentItems')
      .select(['id', 'transactionFileId', 'dueOn', 'amountFen', 'paidFen'])
      .where('transactionFileId', 'in', chunk)
      .where('kind', '=', 'down_payment')
      .execute(),
  );
}

export function findRemindersOfFiles(db: Tx, fileIds: readonly string[]) {
  return inChunks(fileIds, (chunk) =>
    db
      .selectFrom('dealReminders')
      .select(['transactionFileId', 'kind', 'sendAt', 'dedupeKey', 'status'])
      .where('transactionFileId', 'in', chunk)
      .where('kind', 'in', [
        'down_payment_buyer',
        'down_payment_consultant',
        'down_payment_overdue',
        'mortgage_notice',
      ])
      .execute(),
  );
}

export function findContractsOfFiles(db: Tx, fileIds: readonly string[]) {
  return inChunks(fileIds, (chunk) =>
    db
      .selectFrom('dealContracts')
      .select(['id', 'transactionFileId', 'consultantId', 'createdAt'])
      .where('transactionFileId', 'in', chunk)
      .execute(),
  );
}

export function findMortgagesOfFiles(db: Tx, fileIds: readonly string[]) {
  return inChunks(fileIds, (chunk) =>
    db
      .selectFrom('dealMortgageAppointments')
      .select(['id', 'transactionFileId', 'appointmentAt', 'status', 'createdAt'])
      .where('transactionFileId', 'in', chunk)
      .execute(),
  );
}

export function findExamsOfStaff(db: Tx, staffIds: readonly string[]) {
  return inChunks(staffIds, (chunk) =>
    db
      .selectFrom('dealExams')
      .select(['staffId', 'takenOn', 'score', 'passMark', 'expiresOn'])
      .where('staffId', 'in', chunk)
      .where('kind', '=', 'contract_filling')
      .execute(),
  );
}

/** SA-19: the hand-overs of these deals, oldest first. */
export function findHandOversOfDeposits(db: Tx, depositIds: readonly string[]) {
  return inChunks(depositIds, (chunk) =>
    db
      .selectFrom('dealHandOvers')
      .selectAll()
      .where('depositId', 'in', chunk)
      .orderBy('handedOverAt')
      .orderBy('id')
      .execute(),
  );
}
