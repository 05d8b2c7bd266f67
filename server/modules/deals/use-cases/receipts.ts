import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { createPdf, fields, footer, heading, watermark } from '../../../platform/pdf/pdf.js';
import { writeAudit } from '../../audit/index.js';
import { transitionUnit } from '../../inventory/index.js';
import { getProjectById } from '../../org/index.js';
import { dealErrors } from '../deals.errors.js';
import { assertCollector, assertDealProject, dealScope, isManager, seenDeal } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import { amountInChinese, receiptNumberText, shanghaiMinute } from '../deals.rules.js';
import type { CollectionMethod, ReceiptPurpose } from '../deals.tables.js';
import { formatYuan } from '../plan.rules.js';

export const methodNames: Record<CollectionMethod, string> = {
  cash: '现金',
  card: '刷卡',
  transfer: '银行转账',
  wechat: '微信支付',
  alipay: '支付宝',
  cheque: '支票',
};

export interface IssueReceiptInput {
  actor: Actor;
  projectId: string;
  purpose: ReceiptPurpose;
  depositId?: string | null;
  paymentId?: string | null;
  transactionFileId?: string | null;
  customerId: string;
  unitId: string;
  unitNumber: string;
  payerName: string;
  amountFen: number;
  method: CollectionMethod;
  witness: { staffId: string; displayName: string };
  now: Date;
}

/**
 * Issues a receipt inside the caller's transaction. Its number comes from the project's counter
 * row, updated in this same transaction: a rollback leaves no gap, a commit leaves no duplicate.
 */
export async function issueReceipt(trx: Tx, input: IssueReceiptInput): Promise<queries.ReceiptRow> {
  const number = await queries.claimReceiptNumber(trx, input.projectId);
  const row: queries.ReceiptRow = {
    id: newId(),
    companyId: input.actor.companyId,
    projectId: input.projectId,
    number,
    purpose: input.purpose,
    depositId: input.depositId ?? null,
    paymentId: input.paymentId ?? null,
    transactionFileId: input.transactionFileId ?? null,
    customerId: input.customerId,
    unitId: input.unitId,
    unitNumber: input.unitNumber,
    payerName: input.payerName,
    amountFen: input.amountFen,
    method: input.method,
    collectedBy: input.actor.staffId,
    collectedByName: input.actor.displayName,
    witnessId: input.witness.staffId,
    witnessName: input.witness.displayName,
    issuedAt: input.now.toISOString(),
    status: 'valid',
    voidReason: '',
    voidRequestedBy: null,
    voidRequestedAt: null,
    voidApprovedBy: null,
    voidedAt: null,
    printCount: 0,
  };
  await queries.insertReceipt(trx, row);
  await writeAudit(trx, {
    actor: input.actor,
    at: input.now,
    projectId: input.projectId,
    entityType: 'deal_receipt',
    entityId: row.id,
    action: 'issue',
    after: row,
  });
  return row;
}

export function receiptView(row: queries.ReceiptRow) {
  return {
    id: row.id,
    projectId: row.projectId,
    number: row.number,
    numberText: receiptNumberText(row.number),
    purpose: row.purpose,
    depositId: row.depositId,
    paymentId: row.paymentId,
    transactionFileId: row.transactionFileId,
    customerId: row.customerId,
    unitId: row.unitId,
    unitNumber: row.unitNumber,
    payerName: row.payerName,
    amountFen: Number(row.amountFen),
    method: row.method,
    collectedBy: row.collectedBy,
    collectedByName: row.collectedByName,
    witnessId: row.witnessId,
    witnessName: row.witnessName,
    issuedAt: row.issuedAt,
    status: row.status,
    voidReason: row.voidReason,
    voidRequestedBy: row.voidRequestedBy,
    voidRequestedAt: row.voidRequestedAt,
    voidApprovedBy: row.voidApprovedBy,
    voidedAt: row.voidedAt,
    printCount: row.printCount,
  };
}

export const receiptEntity = localized('收据', '收據', 'Receipt');

/**
 * A receipt the caller takes part in: its collector and witness, and the consultant of its deal
 * (of the deposit or the transaction file it was issued for); the project's finance, controllers
 * and managers see every receipt. 404 for anyone else.
 */
export async function getReceiptRow(db: Tx, actor: Actor, receiptId: string): Promise<queries.ReceiptRow> {
  const found = seenDeal(
    actor,
    await queries.findReceiptInDeal(db, receiptId),
    (receipt) => ({
      companyId: receipt.companyId,
      projectId: receipt.projectId,
      participantIds: [
        receipt.collectedBy,
        receipt.witnessId,
        receipt.depositConsultantId,
        receipt.fileConsultantId,
      ],
    }),
    receiptEntity,
  );
  const { depositConsultantId: _deposit, fileConsultantId: _file, ...row } = found;
  return row;
}

export async function findReceipts(
  db: Db,
  actor: Actor,
  query: {
    projectId?: string;
    status?: queries.ReceiptRow['status'];
    purpose?: ReceiptPurpose;
    search?: string;
    sort: 'number' | 'issuedAt' | 'amountFen';
    order: 'asc' | 'desc';
    offset: number;
    limit: number;
  },
) {
  if (query.projectId) await assertDealProject(db, actor, query.projectId);
  const { rows, total } = await queries.findReceiptPage(db, dealScope(actor), query, query);
  return { rows: rows.map(receiptView), total };
}

/** Renders the receipt; the first print is the original, every later one is marked 副本 / COPY. */
export async function printReceipt(db: Db, options: { actor: Actor; receiptId: string; now: Date }) {
  const { actor, now } = options;
  const receipt = await getReceiptRow(db, actor, options.receiptId);
  const printCount = await db.transaction().execute(async (trx) => {
    const count = await queries.countReceiptPrint(trx, receipt.id);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: receipt.projectId,
      entityType: 'deal_receipt',
      entityId: receipt.id,
      action: count === 1 ? 'print' : 'reprint',
      after: { printCount: count },
    });
    return count;
  });
  const project = await getProjectById(db, actor, receipt.projectId);
  const { doc, done } = await createPdf(`收据 ${receiptNumberText(receipt.number)}`);
  heading(doc, `${project.name} 收款收据`);
  if (printCount > 1)
    doc
      .fillColor('#c00')
      .text(`副本 / COPY(第 ${printCount} 次打印,原件已于首次打印时出具)`, { align: 'center' })
      .fillColor('#000');
  if (receipt.status === 'voided')
    doc.fillColor('#c00').text('作废 / VOID', { align: 'center' }).fillColor('#000');
  doc
    .fontSize(10)
    .text(`No. ${receiptNumberText(receipt.number)}`, { align: 'right' })
    .moveDown(0.5);
  fields(doc, [
    ['交款人', receipt.payerName],
    ['房号', receipt.unitNumber],
    ['款项', receipt.purpose === 'deposit' ? '定金' : '房款'],
    ['金额(小写)', `¥${formatYuan(Number(receipt.amountFen))}`],
    ['金额(大写)', amountInChinese(Number(receipt.amountFen))],
    ['收款方式', methodNames[receipt.method]],
    ['收款人', receipt.collectedByName],
    ['在场见证人', receipt.witnessName],
    ['开具时间', shanghaiMinute(receipt.issuedAt)],
  ]);
  if (receipt.status === 'voided') fields(doc, [['作废原因', receipt.voidReason]]);
  doc.moveDown(1.5).text('收款单位(盖章):', { continued: false }).moveDown(1).text('交款人签字:');
  if (printCount > 1) watermark(doc, '副本 COPY');
  if (receipt.status === 'voided') watermark(doc, '作废 VOID');
  footer(doc, `${receiptNumberText(receipt.number)} · 第 ${printCount} 次打印`);
  doc.end();
  return {
    fileName: `收据-${receiptNumberText(receipt.number)}${printCount > 1 ? '-副本' : ''}.pdf`,
    bytes: await done,
    isCopy: printCount > 1,
  };
}

/** Finance (or the manager) asks to void a receipt, with a reason; it stays valid until a manager approves. */
export async function requestReceiptVoid(
  db: Db,
  options: { actor: Actor; receiptId: string; reason: string; now: Date },
) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const receipt = await getReceiptRow(trx, actor, options.receiptId);
    await assertCollector(trx, actor, receipt.projectId);
    const won = await queries.updateReceiptIf(trx, receipt.id, 'valid', {
      status: 'void_requested',
      voidReason: options.reason,
      voidRequestedBy: actor.staffId,
      voidRequestedAt: now.toISOString(),
    });
    if (!won) throw new AppError(dealErrors.RECEIPT_STATE, { number: receiptNumberText(receipt.number) });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: receipt.projectId,
      entityType: 'deal_receipt',
      entityId: receipt.id,
      action: 'void_request',
      after: { reason: options.reason },
    });
  });
  return receiptView(await getReceiptRow(db, actor, options.receiptId));
}

/**
 * A project manager other than the requester approves or rejects a void. A voided receipt is kept
 * (never deleted) and prints marked 作废; a voided deposit receipt cancels that deposit and, if the
 * unit is still only deposited, returns it to sale.
 */
export async function decideReceiptVoid(
  db: Db,
  options: { actor: Actor; receiptId: string; decision: 'approve' | 'reject'; now: Date },
) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const receipt = await getReceiptRow(trx, actor, options.receiptId);
    if (!isManager(actor, receipt.projectId)) throw new AppError(commonErrors.FORBIDDEN);
    if (receipt.voidRequestedBy === actor.staffId) throw new AppError(dealErrors.RECEIPT_VOID_SELF_APPROVAL);
    const change =
      options.decision === 'approve'
        ? { status: 'voided' as const, voidApprovedBy: actor.staffId, voidedAt: now.toISOString() }
        : { status: 'valid' as const, voidReason: '', voidRequestedBy: null, voidRequestedAt: null };
    const won = await queries.updateReceiptIf(trx, receipt.id, 'void_requested', change);
    if (!won) throw new AppError(dealErrors.RECEIPT_STATE, { number: receiptNumberText(receipt.number) });
    if (options.decision === 'approve' && receipt.depositId) {
      const deposit = await queries.findDeposit(trx, receipt.depositId);
      if (
        deposit &&
        (await queries.updateDepositIf(trx, deposit.id, ['collected'], {
          status: 'voided',
          updatedAt: now.toISOString(),
        }))
      )
        await transitionUnit(trx, {
          actor,
          unitId: deposit.unitId,
          from: ['deposited'],
          to: 'for_sale',
          customerId: deposit.customerId,
          reason: `收据 ${receiptNumberText(receipt.number)} 作废:${receipt.voidReason}`,
          now,
        }).catch((error: unknown) => {
          // The unit has moved on (subscribed): only the receipt and deposit are voided.
          if (!(error instanceof AppError)) throw error;
        });
    }
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: receipt.projectId,
      entityType: 'deal_receipt',
      entityId: receipt.id,
      action: options.decision === 'approve' ? 'void' : 'void_reject',
      before: { status: receipt.status },
      after: change,
    });
  });
  return receiptView(await getReceiptRow(db, actor, options.receiptId));
}
