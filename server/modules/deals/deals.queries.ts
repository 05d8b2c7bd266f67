import { type Expression, type SqlBool, sql } from 'kysely';
import type { Visibility } from '../../platform/auth/scope.js';
import type { Tx } from '../../platform/db/database.js';
import { pagedQuery, pagedQueryOverTerms } from '../../platform/db/paged.js';
import { escapeLike } from '../../platform/text/pinyin.js';
import type { DealsTables } from './deals.tables.js';

/** The pattern for "the column contains this user text", LIKE wildcards taken literally. */
function containsText(search: string) {
  return sql<string>`${`%${escapeLike(search)}%`} ESCAPE '\\'`;
}

type Duty = T['dealDesignations']['duty'];

/**
 * The projects in which `staffId` holds one of the duties (at most one row per project), to join
 * on a list's project column: a designated colleague takes part in those deals (deals.policy.ts).
 */
function designatedFor(db: Tx, staffId: string, duties: Duty[]) {
  return db
    .selectFrom('dealDesignations')
    .select(['dealDesignations.projectId', 'dealDesignations.staffId'])
    .distinct()
    .where('dealDesignations.staffId', '=', staffId)
    .where('dealDesignations.duty', 'in', duties)
    .where('dealDesignations.revokedAt', 'is', null);
}

/**
 * Whether a list must join the caller's designations at all: most people hold none, and without
 * the join the participant columns' indexes serve the list and its count.
 */
async function holdsDuty(db: Tx, staffId: string, duties: Duty[]) {
  return Boolean(await designatedFor(db, staffId, duties).limit(1).executeTakeFirst());
}

/** The deals module's only SQL. Scarce things (receipt numbers, forms, states) move by conditional updates. */

type T = DealsTables;
export type PlanRow = T['dealPlans'];
export type DepositRow = T['dealDeposits'];
export type ReceiptRow = T['dealReceipts'];
export type FormRow = T['dealForms'];
export type AgreementRow = T['dealAgreements'];
export type BuyerRow = T['dealAgreementBuyers'];
export type FileRow = T['dealFiles'];
export type TransactionFileRow = T['dealTransactionFiles'];
export type PaymentItemRow = T['dealPaymentItems'];
export type PaymentRow = T['dealPayments'];
export type StatementRow = T['dealThirdPartyStatements'];
export type ExamRow = T['dealExams'];
export type ContractRow = T['dealContracts'];
export type MortgageRow = T['dealMortgageAppointments'];
export type MoveInRow = T['dealMoveIns'];
export type ReminderRow = T['dealReminders'];
export type TaskRow = T['dealTasks'];

const changed = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows) === 1;

// ---------- plans ----------

export async function insertPlan(db: Tx, row: PlanRow) {
  await db.insertInto('dealPlans').values(row).execute();
}
export async function updatePlan(db: Tx, id: string, change: Partial<PlanRow>, expectedVersion?: number) {
  let query = db.updateTable('dealPlans').set(change).where('id', '=', id);
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
  return changed(await query.executeTakeFirst());
}
export async function findPlan(db: Tx, id: string) {
  return db.selectFrom('dealPlans').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function insertPlanVersion(db: Tx, row: T['dealPlanVersions']) {
  await db.insertInto('dealPlanVersions').values(row).execute();
}
export async function findPlanVersions(db: Tx, planId: string) {
  return db
    .selectFrom('dealPlanVersions')
    .selectAll()
    .where('planId', '=', planId)
    .orderBy('version', 'desc')
    .execute();
}

export interface PlanFilter {
  projectId?: string;
  customerId?: string;
  unitId?: string;
  status?: PlanRow['status'];
  search?: string;
}

/** Lists take the caller's deal scope and filter by it in SQL (the deal's participants or the whole project). */
export async function findPlanPage(
  db: Tx,
  scope: Visibility,
  filter: PlanFilter,
  page: {
    offset: number;
    limit: number;
    sort: 'updatedAt' | 'finalTotalFen' | 'unitNumber';
    order: 'asc' | 'desc';
  },
) {
  const terms = scope.conditionTerms(
    {
      companyId: 'dealPlans.companyId',
      projectId: 'dealPlans.projectId',
      participantIds: ['dealPlans.consultantId', 'dealPlans.approvedBy'],
    },
    filter.projectId,
  );
  const visiblePlans = (visible: Expression<SqlBool>) => {
    let query = db.selectFrom('dealPlans').where(visible);
    if (filter.projectId) query = query.where('projectId', '=', filter.projectId);
    if (filter.customerId) query = query.where('customerId', '=', filter.customerId);
    if (filter.unitId) query = query.where('unitId', '=', filter.unitId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.search) {
      const contains = containsText(filter.search);
      query = query.where((eb) =>
        eb.or([eb('unitNumber', 'like', contains), eb('customerName', 'like', contains)]),
      );
    }
    return query;
  };
  return pagedQueryOverTerms(
    db,
    terms,
    visiblePlans,
    (filtered) => filtered.selectAll().orderBy(page.sort, page.order).orderBy('id'),
    [
      [page.sort, page.order],
      ['id', 'asc'],
    ],
    page,
  );
}

// ---------- designations ----------

export async function insertDesignation(db: Tx, row: T['dealDesignations']) {
  await db.insertInto('dealDesignations').values(row).execute();
}
export async function revokeDesignation(db: Tx, id: string, at: string) {
  return changed(
    await db
      .updateTable('dealDesignations')
      .set({ revokedAt: at })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .executeTakeFirst(),
  );
}
export async function findDesignations(db: Tx, projectId: string) {
  return db
    .selectFrom('dealDesignations')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('revokedAt', 'is', null)
    .orderBy('designatedAt')
    .execute();
}
export async function findDesignation(db: Tx, id: string) {
  return db.selectFrom('dealDesignations').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function isDesignated(
  db: Tx,
  projectId: string,
  staffId: string,
  duty: T['dealDesignations']['duty'],
) {
  const row = await db
    .selectFrom('dealDesignations')
    .select('id')
    .where('projectId', '=', projectId)
    .where('staffId', '=', staffId)
    .where('duty', '=', duty)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}

// ---------- receipts ----------

/** Claims the project's next receipt number inside the caller's transaction (the row lock serialises it). */
export async function claimReceiptNumber(db: Tx, projectId: string): Promise<number> {
  await db
    .insertInto('dealReceiptCounters')
    .values({ projectId, lastNumber: 0 })
    .onConflict((conflict) => conflict.column('projectId').doNothing())
    .execute();
  const row = await db
    .updateTable('dealReceiptCounters')
    .set((eb) => ({ lastNumber: eb('lastNumber', '+', 1) }))
    .where('projectId', '=', projectId)
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return Number(row.lastNumber);
}
export async function insertReceipt(db: Tx, row: ReceiptRow) {
  await db.insertInto('dealReceipts').values(row).execute();
}
export async function findReceipt(db: Tx, id: string) {
  return db.selectFrom('dealReceipts').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function updateReceiptIf(
  db: Tx,
  id: string,
  fromStatus: ReceiptRow['status'],
  change: Partial<ReceiptRow>,
) {
  return changed(
    await db
      .updateTable('dealReceipts')
      .set(change)
      .where('id', '=', id)
      .where('status', '=', fromStatus)
      .executeTakeFirst(),
  );
}
export async function countReceiptPrint(db: Tx, id: string) {
  const row = await db
    .updateTable('dealReceipts')
    .set((eb) => ({ printCount: eb('printCount', '+', 1) }))
    .where('id', '=', id)
    .returning('printCount')
    .executeTakeFirstOrThrow();
  return Number(row.printCount);
}

export interface ReceiptFilter {
  projectId?: string;
  status?: ReceiptRow['status'];
  purpose?: ReceiptRow['purpose'];
  transactionFileId?: string;
  search?: string;
}

/** A receipt with the consultant of its deal (of its deposit, or of its transaction file). */
export async function findReceiptInDeal(db: Tx, id: string) {
  return db
    .selectFrom('dealReceipts as receipt')
    .leftJoin('dealDeposits as deposit', 'deposit.id', 'receipt.depositId')
    .leftJoin('dealTransactionFiles as file', 'file.id', 'receipt.transactionFileId')
    .selectAll('receipt')
    .select(['deposit.consultantId as depositConsultantId', 'file.consultantId as fileConsultantId'])
    .where('receipt.id', '=', id)
    .executeTakeFirst();
}

/** Receipts the caller takes part in (collector, witness, the deal's consultant) or sees project-wide. */
export async function findReceiptPage(
  db: Tx,
  scope: Visibility,
  filter: ReceiptFilter,
  page: { offset: number; limit: number; sort: 'number' | 'issuedAt' | 'amountFen'; order: 'asc' | 'desc' },
) {
  const terms = scope.conditionTerms(
    {
      companyId: 'receipt.companyId',
      projectId: 'receipt.projectId',
      participantIds: [
        'receipt.collectedBy',
        'receipt.witnessId',
        'deposit.consultantId',
        'file.consultantId',
      ],
    },
    filter.projectId,
  );
  const visibleReceipts = (visible: Expression<SqlBool>) => {
    let query = db
      .selectFrom('dealReceipts as receipt')
      .leftJoin('dealDeposits as deposit', 'deposit.id', 'receipt.depositId')
      .leftJoin('dealTransactionFiles as file', 'file.id', 'receipt.transactionFileId')
      .where(visible);
    if (filter.projectId) query = query.where('receipt.projectId', '=', filter.projectId);
    if (filter.status) query = query.where('receipt.status', '=', filter.status);
    if (filter.purpose) query = query.where('receipt.purpose', '=', filter.purpose);
    if (filter.transactionFileId)
      query = query.where('receipt.transactionFileId', '=', filter.transactionFileId);
    if (filter.search) {
      const contains = containsText(filter.search);
      query = query.where((eb) =>
        eb.or([eb('receipt.payerName', 'like', contains), eb('receipt.unitNumber', 'like', contains)]),
      );
    }
    return query;
  };
  return pagedQueryOverTerms(
    db,
    terms,
    visibleReceipts,
    (filtered) =>
      filtered.selectAll('receipt').orderBy(`receipt.${page.sort}`, page.order).orderBy('receipt.id'),
    [
      [page.sort, page.order],
      ['id', 'asc'],
    ],
    page,
  );
}

export async function findReceiptsOf(db: Tx, where: { depositId?: string; transactionFileId?: string }) {
  let query = db.selectFrom('dealReceipts').selectAll();
  if (where.depositId) query = query.where('depositId', '=', where.depositId);
  if (where.transactionFileId) query = query.where('transactionFileId', '=', where.transactionFileId);
  return query.orderBy('number').execute();
}

// ---------- idempotency ----------

export async function findIdempotent(db: Tx, scope: string, key: string) {
  return db
    .selectFrom('dealIdempotency')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}
export async function insertIdempotent(db: Tx, row: T['dealIdempotency']) {
  await db.insertInto('dealIdempotency').values(row).execute();
}
export async function storeIdempotentAnswer(
  db: Tx,
  scope: string,
  key: string,
  statusCode: number,
  responseJson: string,
) {
  await db
    .updateTable('dealIdempotency')
    .set({ statusCode, responseJson })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
}

// ---------- witness attempts ----------

export async function insertWitnessAttempt(db: Tx, row: T['dealWitnessAttempts']) {
  await db.insertInto('dealWitnessAttempts').values(row).execute();
}
export async function countWitnessFailures(db: Tx, username: string, since: string) {
  const lastSuccess = await db
    .selectFrom('dealWitnessAttempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('username', '=', username)
    .where('isSuccess', '=', 1)
    .executeTakeFirst();
  const from = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
  const row = await db
    .selectFrom('dealWitnessAttempts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('username', '=', username)
    .where('isSuccess', '=', 0)
    .where('at', '>', from)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

// ---------- deposits ----------

export async function insertDeposit(db: Tx, row: DepositRow) {
  await db.insertInto('dealDeposits').values(row).execute();
}
export async function findDeposit(db: Tx, id: string) {
  return db.selectFrom('dealDeposits').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function updateDepositIf(
  db: Tx,
  id: string,
  from: DepositRow['status'][],
  change: Partial<DepositRow>,
) {
  return changed(
    await db
      .updateTable('dealDeposits')
      .set(change)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst(),
  );
}
/** Deposits the caller takes part in (consultant, confirmer, collector, witness, designated colleague) or sees project-wide. */
export async function findDepositPage(
  db: Tx,
  scope: Visibility,
  filter: {
    projectId?: string;
    status?: DepositRow['status'];
    customerId?: string;
    unitId?: string;
  },
  page: { offset: number; limit: number; order: 'asc' | 'desc' },
) {
  const designated = await holdsDuty(db, scope.actor.staffId, ['deposit_confirm', 'collect']);
  const terms = scope.conditionTerms(
    {
      companyId: 'deposit.companyId',
      projectId: 'deposit.projectId',
      participantIds: [
        'deposit.consultantId',
        'deposit.confirmedBy',
        'deposit.collectedBy',
        'deposit.witnessId',
        ...(designated ? ['designee.staffId'] : []),
      ],
    },
    filter.projectId,
  );
  const visibleDeposits = (visible: Expression<SqlBool>) => {
    let query = db
      .selectFrom('dealDeposits as deposit')
      .$if(designated, (joined) =>
        joined.leftJoin(
          designatedFor(db, scope.actor.staffId, ['deposit_confirm', 'collect']).as('designee'),
          (join) => join.onRef('designee.projectId', '=', 'deposit.projectId'),
        ),
      )
      .where(visible);
    if (filter.projectId) query = query.where('deposit.projectId', '=', filter.projectId);
    if (filter.status) query = query.where('deposit.status', '=', filter.status);
    if (filter.customerId) query = query.where('deposit.customerId', '=', filter.customerId);
    if (filter.unitId) query = query.where('deposit.unitId', '=', filter.unitId);
    return query;
  };
  return pagedQueryOverTerms(
    db,
    terms,
    visibleDeposits,
    (filtered) =>
      filtered.selectAll('deposit').orderBy('deposit.updatedAt', page.order).orderBy('deposit.id'),
    [
      ['updatedAt', page.order],
      ['id', 'asc'],
    ],
    page,
  );
}
export async function findCollectedDepositFor(db: Tx, unitId: string, customerId: string) {
  return db
    .selectFrom('dealDeposits')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('customerId', '=', customerId)
    .where('status', '=', 'collected')
    .orderBy('collectedAt', 'desc')
    .executeTakeFirst();
}

// ---------- forms ----------

export async function insertFormBatch(db: Tx, row: T['dealFormBatches']) {
  await db.insertInto('dealFormBatches').values(row).execute();
}
export async function insertForms(db: Tx, rows: FormRow[]) {
  for (let index = 0; index < rows.length; index += 200)
    await db
      .insertInto('dealForms')
      .values(rows.slice(index, index + 200))
      .execute();
}
export async function findOverlappingBatch(
  db: Tx,
  projectId: string,
  prefix: string,
  first: number,
  last: number,
) {
  return db
    .selectFrom('dealFormBatches')
    .select('id')
    .where('projectId', '=', projectId)
    .where('prefix', '=', prefix)
    .where('firstSerial', '<=', last)
    .where('lastSerial', '>=', first)
    .executeTakeFirst();
}
export async function findBatches(db: Tx, projectId: string) {
  return db
    .selectFrom('dealFormBatches')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('issuedAt')
    .execute();
}
/** A form with the company of its batch (forms carry only their project). */
export async function findForm(db: Tx, id: string) {
  return db
    .selectFrom('dealForms as form')
    .innerJoin('dealFormBatches as batch', 'batch.id', 'form.batchId')
    .selectAll('form')
    .select('batch.companyId')
    .where('form.id', '=', id)
    .executeTakeFirst();
}
export async function findFormByNumber(db: Tx, projectId: string, number: string) {
  return db
    .selectFrom('dealForms')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('number', '=', number)
    .executeTakeFirst();
}
export async function updateFormIf(
  db: Tx,
  id: string,
  from: FormRow['status'][],
  change: Partial<FormRow>,
  holderId?: string | null,
) {
  let query = db.updateTable('dealForms').set(change).where('id', '=', id).where('status', 'in', from);
  if (holderId !== undefined)
    query = holderId === null ? query.where('holderId', 'is', null) : query.where('holderId', '=', holderId);
  return changed(await query.executeTakeFirst());
}
export async function findFormsOfProject(
  db: Tx,
  projectId: string,
  filter: { status?: FormRow['status']; batchId?: string } = {},
) {
  let query = db.selectFrom('dealForms').selectAll().where('projectId', '=', projectId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.batchId) query = query.where('batchId', '=', filter.batchId);
  return query.orderBy('number').execute();
}
export async function countFormsByStatus(db: Tx, projectId: string) {
  return db
    .selectFrom('dealForms')
    .select(['batchId', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('projectId', '=', projectId)
    .groupBy(['batchId', 'status'])
    .execute();
}
export async function findFormSerials(db: Tx, batchId: string) {
  return (await db.selectFrom('dealForms').select('serial').where('batchId', '=', batchId).execute()).map(
    (row) => row.serial,
  );
}

// ---------- files ----------

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

// ---------- agreements ----------

export async function insertAgreement(db: Tx, row: AgreementRow) {
  await db.insertInto('dealAgreements').values(row).execute();
}
export async function findAgreement(db: Tx, id: string) {
  return db.selectFrom('dealAgreements').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function updateAgreementIf(
  db: Tx,
  id: string,
  from: AgreementRow['status'][],
  change: Partial<AgreementRow>,
) {
  return changed(
    await db
      .updateTable('dealAgreements')
      .set(change)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst(),
  );
}
export async function insertBuyers(db: Tx, rows: BuyerRow[]) {
  if (rows.length) await db.insertInto('dealAgreementBuyers').values(rows).execute();
}
export async function deleteBuyers(db: Tx, agreementId: string) {
  await db.deleteFrom('dealAgreementBuyers').where('agreementId', '=', agreementId).execute();
}
export async function findBuyers(db: Tx, agreementId: string) {
  return db
    .selectFrom('dealAgreementBuyers')
    .selectAll()
    .where('agreementId', '=', agreementId)
    .orderBy('sortOrder')
    .execute();
}
export async function updateBuyer(db: Tx, id: string, change: Partial<BuyerRow>) {
  await db.updateTable('dealAgreementBuyers').set(change).where('id', '=', id).execute();
}
/** Agreements the caller takes part in (author, reviewer, designated reviewer) or sees project-wide. */
export async function findAgreementPage(
  db: Tx,
  scope: Visibility,
  filter: {
    projectId?: string;
    status?: AgreementRow['status'];
    search?: string;
  },
  page: {
    offset: number;
    limit: number;
    sort: 'updatedAt' | 'formNumber' | 'priceFen';
    order: 'asc' | 'desc';
  },
) {
  const designated = await holdsDuty(db, scope.actor.staffId, ['agreement_review']);
  const terms = scope.conditionTerms(
    {
      companyId: 'agreement.companyId',
      projectId: 'agreement.projectId',
      participantIds: [
        'agreement.consultantId',
        'agreement.reviewerId',
        ...(designated ? ['designee.staffId'] : []),
      ],
    },
    filter.projectId,
  );
  const visibleAgreements = (visible: Expression<SqlBool>) => {
    let query = db
      .selectFrom('dealAgreements as agreement')
      .$if(designated, (joined) =>
        joined.leftJoin(designatedFor(db, scope.actor.staffId, ['agreement_review']).as('designee'), (join) =>
          join.onRef('designee.projectId', '=', 'agreement.projectId'),
        ),
      )
      .where(visible);
    if (filter.projectId) query = query.where('agreement.projectId', '=', filter.projectId);
    if (filter.status) query = query.where('agreement.status', '=', filter.status);
    if (filter.search) {
      const contains = containsText(filter.search);
      query = query.where((eb) =>
        eb.or([
          eb('agreement.unitNumber', 'like', contains),
          eb('agreement.customerName', 'like', contains),
          eb('agreement.formNumber', 'like', contains),
        ]),
      );
    }
    return query;
  };
  return pagedQueryOverTerms(
    db,
    terms,
    visibleAgreements,
    (filtered) =>
      filtered.selectAll('agreement').orderBy(`agreement.${page.sort}`, page.order).orderBy('agreement.id'),
    [
      [page.sort, page.order],
      ['id', 'asc'],
    ],
    page,
  );
}

// ---------- transaction files ----------

export async function insertTransactionFile(db: Tx, row: TransactionFileRow) {
  await db.insertInto('dealTransactionFiles').values(row).execute();
}
export async function findTransactionFile(db: Tx, id: string) {
  return db.selectFrom('dealTransactionFiles').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function updateTransactionFile(db: Tx, id: string, change: Partial<TransactionFileRow>) {
  await db.updateTable('dealTransactionFiles').set(change).where('id', '=', id).execute();
}
/** Transaction files the caller takes part in (consultant, the reviewer who opened it, designated collector) or sees project-wide. */
export async function findTransactionFilePage(
  db: Tx,
  scope: Visibility,
  filter: {
    projectId?: string;
    status?: TransactionFileRow['status'];
    search?: string;
  },
  page: {
    offset: number;
    limit: number;
    sort: 'openedAt' | 'unitNumber' | 'priceFen';
    order: 'asc' | 'desc';
  },
) {
  const designated = await holdsDuty(db, scope.actor.staffId, ['collect']);
  const terms = scope.conditionTerms(
    {
      companyId: 'file.companyId',
      projectId: 'file.projectId',
      participantIds: ['file.consultantId', 'file.openedBy', ...(designated ? ['designee.staffId'] : [])],
    },
    filter.projectId,
  );
  const visibleFiles = (visible: Expression<SqlBool>) => {
    let query = db
      .selectFrom('dealTransactionFiles as file')
      .$if(designated, (joined) =>
        joined.leftJoin(designatedFor(db, scope.actor.staffId, ['collect']).as('designee'), (join) =>
          join.onRef('designee.projectId', '=', 'file.projectId'),
        ),
      )
      .where(visible);
    if (filter.projectId) query = query.where('file.projectId', '=', filter.projectId);
    if (filter.status) query = query.where('file.status', '=', filter.status);
    if (filter.search) {
      const contains = containsText(filter.search);
      query = query.where((eb) =>
        eb.or([eb('file.unitNumber', 'like', contains), eb('file.customerName', 'like', contains)]),
      );
    }
    return query;
  };
  return pagedQueryOverTerms(
    db,
    terms,
    visibleFiles,
    (filtered) => filtered.selectAll('file').orderBy(`file.${page.sort}`, page.order).orderBy('file.id'),
    [
      [page.sort, page.order],
      ['id', 'asc'],
    ],
    page,
  );
}

// ---------- payments ----------

export async function insertPaymentItems(db: Tx, rows: PaymentItemRow[]) {
  if (rows.length) await db.insertInto('dealPaymentItems').values(rows).execute();
}
export async function findPaymentItems(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealPaymentItems')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('sortOrder')
    .execute();
}
export async function findPaymentItem(db: Tx, id: string) {
  return db.selectFrom('dealPaymentItems').selectAll().where('id', '=', id).executeTakeFirst();
}
/** Adds a payment to an item only while it stays within the amount due (the condition is the guard). */
export async function addPaidIf(db: Tx, id: string, amountFen: number) {
  return changed(
    await db
      .updateTable('dealPaymentItems')
      .set((eb) => ({ paidFen: eb('paidFen', '+', amountFen) }))
      .where('id', '=', id)
      .where((eb) => eb(eb('paidFen', '+', amountFen), '<=', eb.ref('amountFen')))
      .executeTakeFirst(),
  );
}
export async function updatePaymentItem(db: Tx, id: string, change: Partial<PaymentItemRow>) {
  await db.updateTable('dealPaymentItems').set(change).where('id', '=', id).execute();
}
export async function insertPayment(db: Tx, row: PaymentRow) {
  await db.insertInto('dealPayments').values(row).execute();
}
export async function findPayments(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealPayments')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('paidAt')
    .execute();
}
export async function insertStatement(db: Tx, row: StatementRow) {
  await db.insertInto('dealThirdPartyStatements').values(row).execute();
}
export async function findStatement(db: Tx, id: string) {
  return db.selectFrom('dealThirdPartyStatements').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function findStatements(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealThirdPartyStatements')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('createdAt')
    .execute();
}
export async function updateStatement(db: Tx, id: string, change: Partial<StatementRow>) {
  await db.updateTable('dealThirdPartyStatements').set(change).where('id', '=', id).execute();
}

// ---------- exams ----------

export async function insertExam(db: Tx, row: ExamRow) {
  await db.insertInto('dealExams').values(row).execute();
}
export async function findExamsOf(db: Tx, staffId: string) {
  return db
    .selectFrom('dealExams')
    .selectAll()
    .where('staffId', '=', staffId)
    .where('kind', '=', 'contract_filling')
    .orderBy('takenOn', 'desc')
    .execute();
}
export async function findExamPage(
  db: Tx,
  filter: { companyId: string; staffId?: string },
  page: { offset: number; limit: number },
) {
  let query = db.selectFrom('dealExams').where('companyId', '=', filter.companyId);
  if (filter.staffId) query = query.where('staffId', '=', filter.staffId);
  return pagedQuery(query, (filtered) => filtered.selectAll().orderBy('takenOn', 'desc').orderBy('id'), page);
}

// ---------- contract, mortgage, move-in, reminders, tasks ----------

export async function insertContract(db: Tx, row: ContractRow) {
  await db.insertInto('dealContracts').values(row).execute();
}
export async function findContractOfFile(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealContracts')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .executeTakeFirst();
}
export async function updateContractIf(
  db: Tx,
  id: string,
  from: ContractRow['status'],
  change: Partial<ContractRow>,
) {
  return changed(
    await db
      .updateTable('dealContracts')
      .set(change)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst(),
  );
}
export async function insertMortgage(db: Tx, row: MortgageRow) {
  await db.insertInto('dealMortgageAppointments').values(row).execute();
}
export async function findMortgage(db: Tx, id: string) {
  return db.selectFrom('dealMortgageAppointments').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function findMortgagesOfFile(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealMortgageAppointments')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('appointmentAt')
    .execute();
}
export async function updateMortgageIf(
  db: Tx,
  id: string,
  from: MortgageRow['status'],
  change: Partial<MortgageRow>,
) {
  return changed(
    await db
      .updateTable('dealMortgageAppointments')
      .set(change)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst(),
  );
}
export async function insertMoveIn(db: Tx, row: MoveInRow) {
  await db.insertInto('dealMoveIns').values(row).execute();
}
export async function findMoveIn(db: Tx, id: string) {
  return db.selectFrom('dealMoveIns').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function findMoveInsOfFile(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealMoveIns')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('appointmentAt')
    .execute();
}
export async function updateMoveInIf(
  db: Tx,
  id: string,
  from: MoveInRow['status'],
  change: Partial<MoveInRow>,
) {
  return changed(
    await db
      .updateTable('dealMoveIns')
      .set(change)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst(),
  );
}
export async function insertReminder(db: Tx, row: ReminderRow) {
  await db.insertInto('dealReminders').values(row).execute();
}
export async function findReminders(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealReminders')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('sendAt')
    .execute();
}
export async function cancelReminders(db: Tx, transactionFileId: string, dedupePrefix: string) {
  await db
    .updateTable('dealReminders')
    .set({ status: 'cancelled' })
    .where('transactionFileId', '=', transactionFileId)
    .where('status', '=', 'scheduled')
    .where(sql<boolean>`substr(dedupe_key, 1, ${dedupePrefix.length}) = ${dedupePrefix}`)
    .execute();
}
export async function insertTask(db: Tx, row: TaskRow) {
  await db.insertInto('dealTasks').values(row).execute();
}
export async function findTasksOfFile(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealTasks')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('dueAt')
    .execute();
}
/** A person's tasks across every deal, with the unit and customer of each task's transaction file. */
export async function findTaskPage(
  db: Tx,
  scope: Visibility,
  filter: { staffId: string; status?: TaskRow['status']; kind?: TaskRow['kind']; search?: string },
  page: {
    offset: number;
    limit: number;
    sort: 'dueAt' | 'unitNumber' | 'customerName';
    order: 'asc' | 'desc';
  },
) {
  let query = db
    .selectFrom('dealTasks as task')
    .innerJoin('dealTransactionFiles as file', 'file.id', 'task.transactionFileId')
    .where('task.staffId', '=', filter.staffId)
    .where(
      scope.condition({
        companyId: 'file.companyId',
        projectId: 'file.projectId',
        participantIds: ['file.consultantId', 'task.staffId'],
      }),
    );
  if (filter.status) query = query.where('task.status', '=', filter.status);
  if (filter.kind) query = query.where('task.kind', '=', filter.kind);
  if (filter.search) {
    const contains = containsText(filter.search);
    query = query.where((eb) =>
      eb.or([
        eb('file.unitNumber', 'like', contains),
        eb('file.customerName', 'like', contains),
        eb('task.title', 'like', contains),
      ]),
    );
  }
  const sortColumn = page.sort === 'dueAt' ? 'task.dueAt' : (`file.${page.sort}` as const);
  return pagedQuery(
    query,
    (filtered) =>
      filtered
        .select([
          'task.id',
          'task.transactionFileId',
          'task.projectId',
          'task.kind',
          'task.title',
          'task.paramsJson',
          'task.checklistJson',
          'task.dueAt',
          'task.status',
          'task.doneAt',
          'task.createdAt',
          'file.unitNumber',
          'file.customerName',
        ])
        .orderBy(sortColumn, page.order)
        .orderBy('task.id'),
    page,
  );
}
/** A task with the company and consultant of its transaction file. */
export async function findTaskInDeal(db: Tx, id: string) {
  return db
    .selectFrom('dealTasks as task')
    .innerJoin('dealTransactionFiles as file', 'file.id', 'task.transactionFileId')
    .selectAll('task')
    .select(['file.companyId', 'file.consultantId'])
    .where('task.id', '=', id)
    .executeTakeFirst();
}
export async function updateTaskIf(db: Tx, id: string, from: TaskRow['status'], change: Partial<TaskRow>) {
  return changed(
    await db
      .updateTable('dealTasks')
      .set(change)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst(),
  );
}

// ---------- personal data of one customer (PRIV: export and erasure) ----------

export async function findDealRecordsOfCustomer(db: Tx, customerId: string) {
  const [plans, deposits, receipts, agreements, files] = await Promise.all([
    db
      .selectFrom('dealPlans')
      .selectAll()
      .where('customerId', '=', customerId)
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('dealDeposits')
      .selectAll()
      .where('customerId', '=', customerId)
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('dealReceipts')
      .selectAll()
      .where('customerId', '=', customerId)
      .orderBy('number')
      .execute(),
    db
      .selectFrom('dealAgreements')
      .selectAll()
      .where('customerId', '=', customerId)
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('dealTransactionFiles')
      .selectAll()
      .where('customerId', '=', customerId)
      .orderBy('openedAt')
      .execute(),
  ]);
  return { plans, deposits, receipts, agreements, files };
}
export async function findBuyersOfAgreements(db: Tx, agreementIds: string[]) {
  if (agreementIds.length === 0) return [];
  return db
    .selectFrom('dealAgreementBuyers')
    .selectAll()
    .where('agreementId', 'in', agreementIds)
    .orderBy('agreementId')
    .orderBy('sortOrder')
    .execute();
}
export async function updateDeposit(db: Tx, id: string, change: Partial<DepositRow>) {
  await db.updateTable('dealDeposits').set(change).where('id', '=', id).execute();
}
export async function updateAgreement(db: Tx, id: string, change: Partial<AgreementRow>) {
  await db.updateTable('dealAgreements').set(change).where('id', '=', id).execute();
}
export async function updateReminder(db: Tx, id: string, change: Partial<ReminderRow>) {
  await db.updateTable('dealReminders').set(change).where('id', '=', id).execute();
}
export async function deleteFiles(db: Tx, ids: string[]) {
  if (ids.length) await db.deleteFrom('dealFiles').where('id', 'in', ids).execute();
}
