import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { recordCustomerEvent } from '../../customers/index.js';
import { transitionUnit } from '../../inventory/index.js';
import { notify } from '../../notify/index.js';
import { dealErrors } from '../deals.errors.js';
import { assertReviewer } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import { buildPaymentItems, loanTypeOf, mortgageChecklist } from '../deals.rules.js';
import type { PlanResult } from '../plan.rules.js';
import { agreementStatusNames, getAgreementById, getAgreementRow } from './agreement-views.js';
import { scheduleDownPaymentReminders } from './reminders.js';
import { staffWithRoles } from './staff-lookup.js';

/**
 * SA-13 review by the project manager or a designated colleague (never the author). Approval, in
 * one transaction: the unit is sealed in sales control (deposited → subscribed), the transaction
 * file (成交档案) opens with its schedule of payments, and the SA-14 reminders are queued.
 */
export async function reviewAgreement(
  db: Db,
  options: { actor: Actor; agreementId: string; decision: 'approve' | 'return'; comment: string; now: Date },
) {
  const { actor, now } = options;
  const before = await getAgreementRow(db, actor, options.agreementId);
  await assertReviewer(db, actor, before);
  const managerIds = (await staffWithRoles(db, actor, before.projectId, ['manager'])).filter(
    (staffId) => staffId !== 'system',
  );
  if (options.decision === 'return' && !options.comment.trim())
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      { comment: localized('退回须填写意见', '退回須填寫意見', 'Say why it is returned') },
    );
  await db.transaction().execute(async (trx) => {
    const agreement = await getAgreementRow(trx, actor, options.agreementId);
    await assertReviewer(trx, actor, agreement);
    const at = now.toISOString();
    const won = await queries.updateAgreementIf(trx, agreement.id, ['submitted'], {
      status: options.decision === 'approve' ? 'approved' : 'returned',
      reviewerId: actor.staffId,
      reviewerName: actor.displayName,
      reviewedAt: at,
      reviewComment: options.comment,
      updatedAt: at,
    });
    if (!won)
      throw new AppError(dealErrors.AGREEMENT_STATE, { status: agreementStatusNames[agreement.status] });
    if (options.decision === 'approve') {
      await transitionUnit(trx, {
        actor,
        unitId: agreement.unitId,
        from: ['deposited'],
        to: 'subscribed',
        customerId: agreement.customerId,
        reason: `认购书 ${agreement.formNumber} 审核通过`,
        now,
      });
      await openTransactionFile(trx, { actor, agreement, managerIds, now });
    }
    await notify(trx, {
      event: options.decision === 'approve' ? 'deals.agreementApproved' : 'deals.agreementReturned',
      projectId: agreement.projectId,
      recipients: [{ kind: 'staff', staffId: agreement.consultantId }],
      params: {
        unit: agreement.unitNumber,
        form: agreement.formNumber,
        // The template needs a value: an approval without a comment says so with a dash.
        comment: options.comment.trim() || '—',
      },
      link: `/deals/agreements/${agreement.id}`,
      now,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: agreement.projectId,
      entityType: 'deal_agreement',
      entityId: agreement.id,
      action: options.decision,
      after: { comment: options.comment },
    });
  });
  return getAgreementById(db, actor, options.agreementId);
}

async function openTransactionFile(
  trx: Tx,
  options: { actor: Actor; agreement: queries.AgreementRow; managerIds: string[]; now: Date },
) {
  const { actor, agreement, now } = options;
  const at = now.toISOString();
  const plan = await queries.findPlan(trx, agreement.planId);
  const deposit = agreement.depositId ? await queries.findDeposit(trx, agreement.depositId) : undefined;
  if (!plan)
    throw new AppError(commonErrors.NOT_FOUND, {
      entity: localized('置业计划', '置業計劃', 'Purchase plan'),
    });
  const file: queries.TransactionFileRow = {
    id: newId(),
    companyId: agreement.companyId,
    projectId: agreement.projectId,
    unitId: agreement.unitId,
    unitNumber: agreement.unitNumber,
    customerId: agreement.customerId,
    customerName: agreement.customerName,
    consultantId: agreement.consultantId,
    agreementId: agreement.id,
    planId: agreement.planId,
    depositId: agreement.depositId,
    status: 'open',
    priceFen: Number(agreement.priceFen),
    paymentMethod: agreement.paymentMethod,
    openedAt: at,
    openedBy: actor.staffId,
    downPaymentPaidAt: null,
    contractSignedAt: null,
    mortgageDocsHandedInAt: null,
    responsibilityEndedAt: null,
    handedOverAt: null,
    updatedAt: at,
  };
  await queries.insertTransactionFile(trx, file);
  await queries.updateAgreementIf(trx, agreement.id, ['approved'], { transactionFileId: file.id });
  const drafts = buildPaymentItems({
    plan: JSON.parse(plan.resultJson) as PlanResult,
    paymentMethod: agreement.paymentMethod,
    depositFen: deposit && deposit.status === 'collected' ? Number(deposit.amountFen) : 0,
    signedOn: agreement.signedOn,
    downPaymentDueOn: agreement.downPaymentDueOn,
    contractDueOn: agreement.contractDueOn,
  });
  const items: queries.PaymentItemRow[] = drafts.map((draft, index) => ({
    id: newId(),
    transactionFileId: file.id,
    projectId: file.projectId,
    kind: draft.kind,
    code: draft.code,
    instalmentNumber: draft.instalmentNumber,
    label: draft.label,
    amountFen: draft.amountFen,
    paidFen: 0,
    dueOn: draft.dueOn,
    status: 'due',
    overdueReportedAt: null,
    sortOrder: index,
  }));
  await queries.insertPaymentItems(trx, items);
  const downPayment = items.find((item) => item.kind === 'down_payment' && Number(item.amountFen) > 0);
  if (downPayment)
    await scheduleDownPaymentReminders(trx, {
      actor,
      file,
      item: downPayment,
      consultantName: agreement.consultantName,
      managerIds: options.managerIds,
      checklist: mortgageChecklist(loanTypeOf(agreement.paymentMethod)),
      now,
    });
  else await queries.updateTransactionFile(trx, file.id, { downPaymentPaidAt: at });
  await recordCustomerEvent(trx, {
    actor,
    customerId: file.customerId,
    kind: 'agreement',
    refId: agreement.id,
    summary: `认购 ${file.unitNumber}(认购书 ${agreement.formNumber}),成交档案已建立`,
    at: now,
  });
  await writeAudit(trx, {
    actor,
    at: now,
    projectId: file.projectId,
    entityType: 'deal_transaction_file',
    entityId: file.id,
    action: 'open',
    after: { ...file, paymentItems: drafts },
  });
  return file;
}
