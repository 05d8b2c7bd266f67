import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { findAuditEntries } from '../../audit/index.js';
import { assertDealProject, dealScope, designatedParticipant, seenDeal } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import {
  loanTypeOf,
  mortgageChecklist,
  reminderDaysAhead,
  responsibilityEndsAt,
  shanghaiDate,
  taskView,
} from '../deals.rules.js';
import type { TransactionFileStatus } from '../deals.tables.js';
import type { PlanResult } from '../plan.rules.js';
import { agreementView } from './agreement-views.js';
import { receiptView } from './receipts.js';

export const fileEntity = localized('成交档案', '成交檔案', 'Transaction file');

/**
 * A transaction file the caller takes part in: its consultant, the reviewer whose approval opened
 * it, and the colleagues the manager designated to collect money (SA-12, SA-14); the project's
 * finance, controllers and managers see every file. 404 for anyone else, for reads and changes alike.
 */
export async function getFileRow(db: Tx, actor: Actor, fileId: string) {
  const row = await queries.findTransactionFile(db, fileId);
  const designated = row ? await designatedParticipant(db, actor, row.projectId, ['collect']) : [];
  return seenDeal(
    actor,
    row,
    (file) => ({
      companyId: file.companyId,
      projectId: file.projectId,
      participantIds: [file.consultantId, file.openedBy, ...designated],
    }),
    fileEntity,
  );
}

/** Payment items with their state as of today: unpaid past the due day reads as overdue. */
export function itemView(item: queries.PaymentItemRow, today: string) {
  const amount = Number(item.amountFen);
  const paid = Number(item.paidFen);
  const status = paid >= amount ? 'paid' : item.dueOn < today ? 'overdue' : 'due';
  return { ...item, amountFen: amount, paidFen: paid, status };
}

/**
 * SA-19 and the 成交档案 page: every document, payment, approval, reminder and audit entry of one
 * deal, in one answer.
 */
export async function getTransactionFile(db: Db, actor: Actor, fileId: string, now: Date) {
  const file = await getFileRow(db, actor, fileId);
  const today = shanghaiDate(now);
  const [
    agreement,
    plan,
    deposit,
    items,
    payments,
    receipts,
    statements,
    contract,
    mortgages,
    moveIns,
    reminders,
    tasks,
    handOvers,
  ] = await Promise.all([
    // The agreement is of this deal: seeing the file is seeing it.
    queries.findAgreement(db, file.agreementId).then((row) => {
      if (!row) throw new AppError(commonErrors.NOT_FOUND, { entity: fileEntity });
      return agreementView(db, row);
    }),
    queries.findPlan(db, file.planId),
    file.depositId ? queries.findDeposit(db, file.depositId) : Promise.resolve(undefined),
    queries.findPaymentItems(db, file.id),
    queries.findPayments(db, file.id),
    queries.findReceiptsOf(db, { transactionFileId: file.id }),
    queries.findStatements(db, file.id),
    queries.findContractOfFile(db, file.id),
    queries.findMortgagesOfFile(db, file.id),
    queries.findMoveInsOfFile(db, file.id),
    queries.findReminders(db, file.id),
    queries.findTasksOfFile(db, file.id),
    queries.findHandOversOfFile(db, file.id),
  ]);
  const depositReceipts = file.depositId
    ? await queries.findReceiptsOf(db, { depositId: file.depositId })
    : [];
  const entityIds: Array<[string, string]> = [
    ['deal_transaction_file', file.id],
    ['deal_agreement', file.agreementId],
    ['deal_plan', file.planId],
    ...(file.depositId ? [['deal_deposit', file.depositId] as [string, string]] : []),
    ...[...depositReceipts, ...receipts].map((receipt) => ['deal_receipt', receipt.id] as [string, string]),
    ...(contract ? [['deal_contract', contract.id] as [string, string]] : []),
    ...mortgages.map((row) => ['deal_mortgage', row.id] as [string, string]),
    ...moveIns.map((row) => ['deal_move_in', row.id] as [string, string]),
    ['unit', file.unitId],
  ];
  const audit = (
    await Promise.all(
      entityIds.map(([entityType, entityId]) =>
        findAuditEntries(db, { entityType, entityId }, { offset: 0, limit: 200, order: 'asc' }),
      ),
    )
  )
    .flatMap((page) => page.rows)
    .sort((a, b) => Number(a.seq) - Number(b.seq))
    .map((row) => ({
      seq: Number(row.seq),
      at: row.at,
      actorName: row.actorName,
      entityType: row.entityType,
      entityId: row.entityId,
      action: row.action,
    }));
  const loanType = loanTypeOf(file.paymentMethod);
  // A reminder moved off a rest day says how many days ahead it really comes, counted to its event.
  const downPaymentDue = items.find((item) => item.kind === 'down_payment')?.dueOn;
  const appointmentDays = new Map(
    mortgages.map((row) => [row.id, shanghaiDate(new Date(row.appointmentAt))] as const),
  );
  const eventDayOf = (row: { kind: string; dedupeKey: string }) =>
    row.kind === 'down_payment_buyer' || row.kind === 'down_payment_consultant'
      ? downPaymentDue
      : row.kind === 'mortgage_notice'
        ? appointmentDays.get(row.dedupeKey.split(':')[3] ?? '')
        : undefined;
  return {
    file: { ...file, priceFen: Number(file.priceFen), loanType },
    handOvers: handOvers.map((row) => ({
      id: row.id,
      fromConsultantName: row.fromConsultantName,
      toConsultantName: row.toConsultantName,
      reason: row.reason,
      handedOverByName: row.handedOverByName,
      handedOverAt: row.handedOverAt,
    })),
    responsibility: {
      downPaymentPaidAt: file.downPaymentPaidAt,
      contractSignedAt: file.contractSignedAt,
      mortgageDocsHandedInAt: file.mortgageDocsHandedInAt,
      endsAt: responsibilityEndsAt(file, loanType),
      needsMortgageDocuments: loanType !== 'none',
    },
    agreement,
    plan: plan
      ? { id: plan.id, version: plan.version, result: JSON.parse(plan.resultJson) as PlanResult }
      : null,
    deposit: deposit
      ? { ...deposit, amountFen: Number(deposit.amountFen), priceFen: Number(deposit.priceFen) }
      : null,
    paymentItems: items.map((item) => itemView(item, today)),
    payments: payments.map((payment) => ({ ...payment, amountFen: Number(payment.amountFen) })),
    receipts: [...depositReceipts, ...receipts].map(receiptView),
    statements: statements.map(({ payerIdNumberEnc: _secret, ...row }) => ({
      ...row,
      amountFen: Number(row.amountFen),
    })),
    contract: contract
      ? {
          ...contract,
          prefill: JSON.parse(contract.prefillJson) as Record<string, unknown>,
          checklist: JSON.parse(contract.checklistJson),
        }
      : null,
    /** What a new bank appointment asks the buyer to bring, by default: this loan type's document codes. */
    mortgageDocumentCodes: mortgageChecklist(loanType).map((item) => item.key),
    mortgages: mortgages.map((row) => ({
      ...row,
      /** Document codes ('idCard') or text staff typed; rows before 2026-11-28 hold Chinese text. */
      documents: JSON.parse(row.documentsJson) as string[],
      approvedAmountFen: row.approvedAmountFen === null ? null : Number(row.approvedAmountFen),
    })),
    moveIns,
    // The kind (and its days before) is worded per language on screen; the Chinese title is for the PDF.
    reminders: reminders.map((row) => ({ ...row, daysBefore: reminderDaysAhead(row, eventDayOf(row)) })),
    tasks: tasks.map(taskView),
    audit,
  };
}

export async function findTransactionFiles(
  db: Db,
  actor: Actor,
  query: {
    projectId?: string;
    status?: TransactionFileStatus;
    depositId?: string;
    search?: string;
    sort: 'openedAt' | 'unitNumber' | 'priceFen';
    order: 'asc' | 'desc';
    offset: number;
    limit: number;
  },
) {
  if (query.projectId) await assertDealProject(db, actor, query.projectId);
  const { rows, total } = await queries.findTransactionFilePage(db, dealScope(actor), query, query);
  return { rows: rows.map((row) => ({ ...row, priceFen: Number(row.priceFen) })), total };
}
