import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, type FieldErrors, localized } from '../../../platform/errors.js';
import { maskIdNumber } from '../../../platform/privacy/mask.js';
import { writeAudit } from '../../audit/index.js';
import { getUnitAt } from '../../inventory/index.js';
import { notify } from '../../notify/index.js';
import { dealErrors } from '../deals.errors.js';
import { assertProjectRole } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import { normaliseIdNumber, shanghaiDate } from '../deals.rules.js';
import type { PlanResult } from '../plan.rules.js';
import {
  type AgreementInput,
  agentColumns,
  assertDates,
  buyerRows,
  idNumberFields,
  storedIds,
  throwIdNumberFields,
} from './agreement-input.js';
import { agreementStatusNames, getAgreementById, getAgreementRow } from './agreement-views.js';
import { claimFormForAgreement, voidFormOfAgreement } from './forms.js';
import { getPlanRow } from './plans.js';
import { staffForDuty } from './staff-lookup.js';

/** Agreements (认购书, SA-13): created on a numbered form, corrected, submitted, abandoned. Review: review-agreement.ts. */

/** SA-13: the consultant fills in an agreement on a numbered form, from an approved plan, for a unit with a collected deposit. */
export async function createAgreement(
  db: Db,
  options: { actor: Actor; planId: string; formNumber: string; input: AgreementInput; now: Date },
) {
  const { actor, input, now } = options;
  // What was typed is checked first, as at the edge: a wrong ID number or date is a 400 on its
  // field whatever the plan (an empty number may still be kept by the draft found below).
  const idNumbers = idNumberFields(input, shanghaiDate(now));
  throwIdNumberFields(idNumbers.invalid);
  assertDates(input);
  // SA-13: a form this consultant already filled in for this plan (a submit refused after the
  // draft was saved, an answer lost on the network) is the same draft, corrected; never a second use.
  const draftId = await ownDraftOnForm(db, actor, options.planId, options.formNumber);
  if (draftId) return updateAgreement(db, { actor, agreementId: draftId, input, now });
  // A new agreement has no stored numbers to keep: an empty one is missing.
  throwIdNumberFields(idNumbers.missing);
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const plan = await getPlanRow(trx, actor, options.planId);
    assertProjectRole(actor, plan.projectId, ['consultant', 'manager']);
    if (plan.status !== 'ready') throw new AppError(dealErrors.PLAN_NOT_APPROVED);
    const unit = await getUnitAt(trx, actor, plan.unitId, now);
    const deposit = await queries.findCollectedDepositFor(trx, plan.unitId, plan.customerId);
    if (unit.status !== 'deposited' || !deposit)
      throw new AppError(dealErrors.DEPOSIT_STATE, {
        status:
          unit.status === 'deposited'
            ? localized('未收取', '未收取', 'not collected')
            : localized('房号未处于已下定状态', '房號未處於已下定狀態', 'the unit is not under deposit'),
      });
    const form = await claimFormForAgreement(trx, {
      actor,
      projectId: plan.projectId,
      number: options.formNumber,
      agreementId: id,
      now,
    });
    const result = JSON.parse(plan.resultJson) as PlanResult;
    const at = now.toISOString();
    const row: queries.AgreementRow = {
      id,
      companyId: actor.companyId,
      projectId: plan.projectId,
      unitId: plan.unitId,
      unitNumber: plan.unitNumber,
      customerId: plan.customerId,
      customerName: plan.customerName,
      planId: plan.id,
      depositId: deposit.id,
      formId: form.id,
      formNumber: form.number,
      consultantId: actor.staffId,
      consultantName: actor.displayName,
      status: 'draft',
      priceFen: result.finalTotalFen,
      paymentMethod: plan.paymentMethod,
      downPaymentFen: result.downPaymentFen,
      downPaymentDueOn: input.downPaymentDueOn,
      contractDueOn: input.contractDueOn,
      signedOn: input.signedOn,
      signerKind: input.signerKind,
      signerBuyerIndex: input.signerKind === 'buyer' ? input.signerBuyerIndex : null,
      ...(await agentColumns(trx, actor, plan.projectId, input)),
      submittedAt: null,
      reviewerId: null,
      reviewerName: null,
      reviewedAt: null,
      reviewComment: '',
      transactionFileId: null,
      createdAt: at,
      updatedAt: at,
    };
    await queries.insertAgreement(trx, row);
    await queries.insertBuyers(trx, await buyerRows(trx, actor, plan.projectId, id, input, now));
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: row.projectId,
      entityType: 'deal_agreement',
      entityId: id,
      action: 'create',
      after: {
        ...row,
        agentIdNumberEnc: undefined,
        buyers: input.buyers.map((buyer) => ({
          name: buyer.name,
          idNumber: maskIdNumber(normaliseIdNumber(buyer.idNumber)),
        })),
      },
    });
  });
  return getAgreementById(db, actor, id);
}

/** The draft agreement this consultant holds on `formNumber` for this plan, if any. */
async function ownDraftOnForm(db: Db, actor: Actor, planId: string, formNumber: string) {
  const plan = await getPlanRow(db, actor, planId);
  const form = await queries.findFormByNumber(db, plan.projectId, formNumber.trim());
  if (form?.status !== 'used' || !form.agreementId) return undefined;
  const agreement = await queries.findAgreement(db, form.agreementId);
  return agreement &&
    agreement.status === 'draft' &&
    agreement.planId === plan.id &&
    agreement.consultantId === actor.staffId
    ? agreement.id
    : undefined;
}

/** Corrections while a draft or after it was returned; the form number and the plan stay. */
export async function updateAgreement(
  db: Db,
  options: { actor: Actor; agreementId: string; input: AgreementInput; now: Date },
) {
  const { actor, input, now } = options;
  assertDates(input);
  await db.transaction().execute(async (trx) => {
    const agreement = await getAgreementRow(trx, actor, options.agreementId);
    if (agreement.consultantId !== actor.staffId) throw new AppError(commonErrors.FORBIDDEN);
    const stored = await storedIds(trx, agreement);
    const idNumbers = idNumberFields(input, shanghaiDate(now), stored);
    throwIdNumberFields({ ...idNumbers.missing, ...idNumbers.invalid });
    const won = await queries.updateAgreementIf(trx, agreement.id, ['draft', 'returned'], {
      signerKind: input.signerKind,
      signerBuyerIndex: input.signerKind === 'buyer' ? input.signerBuyerIndex : null,
      signedOn: input.signedOn,
      downPaymentDueOn: input.downPaymentDueOn,
      contractDueOn: input.contractDueOn,
      ...(await agentColumns(trx, actor, agreement.projectId, input, stored)),
      updatedAt: now.toISOString(),
    });
    if (!won)
      throw new AppError(dealErrors.AGREEMENT_STATE, { status: agreementStatusNames[agreement.status] });
    await queries.deleteBuyers(trx, agreement.id);
    await queries.insertBuyers(
      trx,
      await buyerRows(trx, actor, agreement.projectId, agreement.id, input, now, stored),
    );
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: agreement.projectId,
      entityType: 'deal_agreement',
      entityId: agreement.id,
      action: 'update',
      after: { buyers: input.buyers.map((buyer) => buyer.name), signerKind: input.signerKind },
    });
  });
  return getAgreementById(db, actor, options.agreementId);
}

/** SA-13: submitted for review: every buyer's ID copy with its consent, and an agent's notarised authorisation, must be there. */
export async function submitAgreement(db: Db, options: { actor: Actor; agreementId: string; now: Date }) {
  const { actor, now } = options;
  const agreement = await getAgreementRow(db, actor, options.agreementId);
  const reviewers = (
    await staffForDuty(db, actor, agreement.projectId, ['manager'], 'agreement_review')
  ).filter((staffId) => staffId !== agreement.consultantId);
  await db.transaction().execute(async (trx) => {
    const current = await getAgreementRow(trx, actor, options.agreementId);
    if (current.consultantId !== actor.staffId) throw new AppError(commonErrors.FORBIDDEN);
    const buyers = await queries.findBuyers(trx, current.id);
    const fields: FieldErrors = {};
    buyers.forEach((buyer, index) => {
      if (!buyer.idCopyFileId || !buyer.idCopyConsentAt)
        fields[`buyers.${index}.idCopyFileId`] = dealErrors.ID_COPY_REQUIRED.message;
    });
    if (Object.keys(fields).length) throw new AppError(dealErrors.ID_COPY_REQUIRED, {}, fields);
    if (current.signerKind === 'agent' && (!current.notarialFileId || !current.notarialNumber.trim()))
      throw new AppError(
        dealErrors.AGENT_AUTHORISATION_REQUIRED,
        {},
        { 'agent.notarialFileId': dealErrors.AGENT_AUTHORISATION_REQUIRED.message },
      );
    const won = await queries.updateAgreementIf(trx, current.id, ['draft', 'returned'], {
      status: 'submitted',
      submittedAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    if (!won)
      throw new AppError(dealErrors.AGREEMENT_STATE, { status: agreementStatusNames[current.status] });
    if (reviewers.length)
      await notify(trx, {
        event: 'deals.agreementSubmitted',
        projectId: current.projectId,
        recipients: reviewers.map((staffId) => ({ kind: 'staff' as const, staffId })),
        params: { consultant: actor.displayName, unit: current.unitNumber, form: current.formNumber },
        link: `/deals/agreements/${current.id}`,
        dedupeKey: `deal-agreement:${current.id}:submitted:${now.toISOString()}`,
        now,
      });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: current.projectId,
      entityType: 'deal_agreement',
      entityId: current.id,
      action: 'submit',
    });
  });
  return getAgreementById(db, actor, options.agreementId);
}

/**
 * SA-13: a draft (or a returned agreement) the consultant will not finish. The agreement is
 * abandoned and its numbered form voided with the reason given, in one audited transaction: the
 * number stays accounted for and is never taken by a hidden draft.
 */
export async function abandonAgreement(
  db: Db,
  options: { actor: Actor; agreementId: string; reason: string; now: Date },
) {
  const { actor, now } = options;
  const reason = options.reason.trim();
  if (!reason)
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      { reason: localized('请填写作废原因', '請填寫作廢原因', 'Say why the form is voided') },
    );
  await db.transaction().execute(async (trx) => {
    const agreement = await getAgreementRow(trx, actor, options.agreementId);
    if (agreement.consultantId !== actor.staffId) throw new AppError(commonErrors.FORBIDDEN);
    const at = now.toISOString();
    const won = await queries.updateAgreementIf(trx, agreement.id, ['draft', 'returned'], {
      status: 'cancelled',
      updatedAt: at,
    });
    if (!won)
      throw new AppError(dealErrors.AGREEMENT_STATE, { status: agreementStatusNames[agreement.status] });
    await voidFormOfAgreement(trx, {
      actor,
      formId: agreement.formId,
      agreementId: agreement.id,
      reason,
      now,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: agreement.projectId,
      entityType: 'deal_agreement',
      entityId: agreement.id,
      action: 'abandon',
      after: { formNumber: agreement.formNumber, reason },
    });
  });
  return getAgreementById(db, actor, options.agreementId);
}

export type { AgreementInput, BuyerInput } from './agreement-input.js';
export * from './agreement-views.js';
export { reviewAgreement } from './review-agreement.js';
