import type { Localized } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, type FieldErrors, localized } from '../../../platform/errors.js';
import { maskIdNumber } from '../../../platform/privacy/mask.js';
import { writeAudit } from '../../audit/index.js';
import { recordCustomerEvent } from '../../customers/index.js';
import { getUnitAt, transitionUnit } from '../../inventory/index.js';
import { notify } from '../../notify/index.js';
import { encryptText, lookupHash } from '../deals.crypto.js';
import { dealErrors } from '../deals.errors.js';
import {
  assertDealProject,
  assertProjectRole,
  assertReviewer,
  dealScope,
  designatedParticipant,
  seenDeal,
} from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import {
  buildPaymentItems,
  checkIdNumber,
  idNumberProblemText,
  loanTypeOf,
  mortgageChecklist,
  normaliseIdNumber,
  shanghaiDate,
} from '../deals.rules.js';
import type { AgreementStatus, IdType, SignerKind } from '../deals.tables.js';
import type { PlanResult } from '../plan.rules.js';
import { assertFileUsable } from './files.js';
import { claimFormForAgreement, voidFormOfAgreement } from './forms.js';
import { getPlanRow } from './plans.js';
import { scheduleDownPaymentReminders } from './reminders.js';
import { staffForDuty, staffWithRoles } from './staff-lookup.js';

export const agreementEntity = localized('认购书', '認購書', 'Subscription agreement');

const statusNames: Record<AgreementStatus, Localized> = {
  draft: localized('草稿', '草稿', 'draft'),
  submitted: localized('待审核', '待審核', 'awaiting review'),
  returned: localized('已退回', '已退回', 'returned'),
  approved: localized('已通过', '已通過', 'approved'),
  cancelled: localized('已取消', '已取消', 'cancelled'),
};

const idNumberRequired = localized('请输入证件号码', '請輸入證件號碼', 'Enter the ID number');

export interface BuyerInput {
  /**
   * The stored buyer this row corrects (a draft's buyers come back with their ids). With it, an
   * empty `idNumber` keeps the number already stored: it leaves the server masked only, so a
   * consultant resuming a draft does not type it again.
   */
  id?: string | null;
  name: string;
  idType: IdType;
  idNumber: string;
  idCopyFileId: string | null;
  /** PIPL: the buyer agreed separately that a copy of their ID is kept. */
  hasIdCopyConsent: boolean;
}

export interface AgreementInput {
  buyers: BuyerInput[];
  signerKind: SignerKind;
  signerBuyerIndex: number | null;
  agent: {
    name: string;
    idType: IdType;
    idNumber: string;
    notarialNumber: string;
    notarialFileId: string | null;
  } | null;
  signedOn: string;
  downPaymentDueOn: string;
  contractDueOn: string;
}

/** What a draft already holds: its buyers' and agent's ID numbers, kept when the form leaves them empty. */
interface StoredIds {
  buyers: queries.BuyerRow[];
  agent: { idNumberEnc: string | null; idNumberMasked: string } | null;
}
const noStoredIds: StoredIds = { buyers: [], agent: null };

function keptBuyer(stored: StoredIds, buyer: BuyerInput) {
  if (buyer.idNumber.trim() || !buyer.id) return undefined;
  return stored.buyers.find((row) => row.id === buyer.id && row.idType === buyer.idType);
}

function keptAgent(stored: StoredIds, input: AgreementInput) {
  if (!input.agent || input.agent.idNumber.trim() || !stored.agent?.idNumberEnc) return undefined;
  return stored.agent;
}

/**
 * SA-13 / PRIV: every ID number is checked (GB 11643 for resident IDs) before anything is stored;
 * one left empty on a draft keeps the number stored for that person.
 */
function assertIdNumbers(
  input: AgreementInput,
  today: string,
  stored: StoredIds = noStoredIds,
  options: { typedOnly?: boolean } = {},
) {
  const fields: FieldErrors = {};
  input.buyers.forEach((buyer, index) => {
    if (keptBuyer(stored, buyer)) return;
    if (!buyer.idNumber.trim()) {
      if (options.typedOnly) return;
      fields[`buyers.${index}.idNumber`] = idNumberRequired;
      return;
    }
    const problem = checkIdNumber(buyer.idType, buyer.idNumber, today);
    if (problem) fields[`buyers.${index}.idNumber`] = idNumberProblemText[problem];
  });
  if (input.signerKind === 'agent' && input.agent && !keptAgent(stored, input)) {
    const problem = input.agent.idNumber.trim()
      ? checkIdNumber(input.agent.idType, input.agent.idNumber, today)
      : null;
    if (!input.agent.idNumber.trim()) {
      if (!options.typedOnly) fields['agent.idNumber'] = idNumberRequired;
    } else if (problem) fields['agent.idNumber'] = idNumberProblemText[problem];
  }
  if (Object.keys(fields).length) throw new AppError(dealErrors.ID_NUMBER_INVALID, {}, fields);
}

async function buyerRows(
  trx: Tx,
  actor: Actor,
  projectId: string,
  agreementId: string,
  input: AgreementInput,
  now: Date,
  stored: StoredIds = noStoredIds,
) {
  const rows: queries.BuyerRow[] = [];
  for (const [index, buyer] of input.buyers.entries()) {
    if (buyer.idCopyFileId)
      await assertFileUsable(trx, actor, {
        fileId: buyer.idCopyFileId,
        projectId,
        kinds: ['id_copy'],
        field: `buyers.${index}.idCopyFileId`,
      });
    const kept = keptBuyer(stored, buyer);
    const idNumber = normaliseIdNumber(buyer.idNumber);
    rows.push({
      // A buyer corrected on a draft keeps their id, so the page can go on naming them by it.
      id: buyer.id && stored.buyers.some((row) => row.id === buyer.id) ? buyer.id : newId(),
      agreementId,
      sortOrder: index,
      name: buyer.name,
      idType: buyer.idType,
      idNumberEnc: kept ? kept.idNumberEnc : encryptText(idNumber),
      idNumberMasked: kept ? kept.idNumberMasked : maskIdNumber(idNumber),
      idNumberHash: kept ? kept.idNumberHash : lookupHash(`${buyer.idType}:${idNumber}`),
      idCopyFileId: buyer.idCopyFileId,
      idCopyConsentAt: buyer.hasIdCopyConsent ? now.toISOString() : null,
      idCopyConsentBy: buyer.hasIdCopyConsent ? actor.staffId : null,
    });
  }
  return rows;
}

async function agentColumns(
  trx: Tx,
  actor: Actor,
  projectId: string,
  input: AgreementInput,
  stored: StoredIds = noStoredIds,
) {
  if (input.signerKind !== 'agent' || !input.agent)
    return {
      agentName: '',
      agentIdNumberEnc: null,
      agentIdNumberMasked: '',
      notarialNumber: '',
      notarialFileId: null,
    };
  if (input.agent.notarialFileId)
    await assertFileUsable(trx, actor, {
      fileId: input.agent.notarialFileId,
      projectId,
      kinds: ['notarised_authorisation'],
      field: 'agent.notarialFileId',
    });
  const kept = keptAgent(stored, input);
  const idNumber = normaliseIdNumber(input.agent.idNumber);
  return {
    agentName: input.agent.name,
    agentIdNumberEnc: kept ? kept.idNumberEnc : encryptText(idNumber),
    agentIdNumberMasked: kept ? kept.idNumberMasked : maskIdNumber(idNumber),
    notarialNumber: input.agent.notarialNumber,
    notarialFileId: input.agent.notarialFileId,
  };
}

function assertDates(input: AgreementInput) {
  if (input.downPaymentDueOn < input.signedOn || input.contractDueOn < input.signedOn)
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      {
        downPaymentDueOn: localized(
          '到期日不能早于签署日',
          '到期日不能早於簽署日',
          'Due dates cannot be before signing',
        ),
      },
    );
  if (
    input.signerKind === 'buyer' &&
    (input.signerBuyerIndex === null || input.signerBuyerIndex >= input.buyers.length)
  )
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      { signerBuyerIndex: localized('请选择签署的买受人', '請選擇簽署的買受人', 'Choose which buyer signs') },
    );
  if (input.signerKind === 'agent' && !input.agent)
    throw new AppError(
      dealErrors.AGENT_AUTHORISATION_REQUIRED,
      {},
      { agent: dealErrors.AGENT_AUTHORISATION_REQUIRED.message },
    );
}

/** SA-13: the consultant fills in an agreement on a numbered form, from an approved plan, for a unit with a collected deposit. */
export async function createAgreement(
  db: Db,
  options: { actor: Actor; planId: string; formNumber: string; input: AgreementInput; now: Date },
) {
  const { actor, input, now } = options;
  // What was typed is checked first, as at the edge: a wrong ID number or date is a 400 on its
  // field whatever the plan (an empty number may still be kept by the draft found below).
  assertIdNumbers(input, shanghaiDate(now), noStoredIds, { typedOnly: true });
  assertDates(input);
  // SA-13: a form this consultant already filled in for this plan (a submit refused after the
  // draft was saved, an answer lost on the network) is the same draft, corrected; never a second use.
  const draftId = await ownDraftOnForm(db, actor, options.planId, options.formNumber);
  if (draftId) return updateAgreement(db, { actor, agreementId: draftId, input, now });
  assertIdNumbers(input, shanghaiDate(now));
  assertDates(input);
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

async function storedIds(trx: Tx, agreement: queries.AgreementRow): Promise<StoredIds> {
  return {
    buyers: await queries.findBuyers(trx, agreement.id),
    agent:
      agreement.signerKind === 'agent'
        ? {
            idNumberEnc: agreement.agentIdNumberEnc,
            idNumberMasked: agreement.agentIdNumberMasked,
          }
        : null,
  };
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
    assertIdNumbers(input, shanghaiDate(now), stored);
    const won = await queries.updateAgreementIf(trx, agreement.id, ['draft', 'returned'], {
      signerKind: input.signerKind,
      signerBuyerIndex: input.signerKind === 'buyer' ? input.signerBuyerIndex : null,
      signedOn: input.signedOn,
      downPaymentDueOn: input.downPaymentDueOn,
      contractDueOn: input.contractDueOn,
      ...(await agentColumns(trx, actor, agreement.projectId, input, stored)),
      updatedAt: now.toISOString(),
    });
    if (!won) throw new AppError(dealErrors.AGREEMENT_STATE, { status: statusNames[agreement.status] });
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
    if (!won) throw new AppError(dealErrors.AGREEMENT_STATE, { status: statusNames[current.status] });
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
    if (!won) throw new AppError(dealErrors.AGREEMENT_STATE, { status: statusNames[agreement.status] });
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
    if (!won) throw new AppError(dealErrors.AGREEMENT_STATE, { status: statusNames[agreement.status] });
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

/**
 * An agreement the caller takes part in: its author, its reviewer, and the colleagues the manager
 * designated to review the project's agreements (they see what they are asked to review); the
 * project's finance, controllers and managers see every agreement. 404 for anyone else.
 */
export async function getAgreementRow(db: Tx, actor: Actor, agreementId: string) {
  const row = await queries.findAgreement(db, agreementId);
  const designated = row ? await designatedParticipant(db, actor, row.projectId, ['agreement_review']) : [];
  return seenDeal(
    actor,
    row,
    (agreement) => ({
      companyId: agreement.companyId,
      projectId: agreement.projectId,
      participantIds: [agreement.consultantId, agreement.reviewerId, ...designated],
    }),
    agreementEntity,
  );
}

/** ID numbers leave the server masked only (PRIV); the ciphertext never does. */
export async function getAgreementById(db: Tx, actor: Actor, agreementId: string) {
  return agreementView(db, await getAgreementRow(db, actor, agreementId));
}

/** The agreement of a deal whose scope the caller already passed (its transaction file). */
export async function agreementView(db: Tx, row: queries.AgreementRow) {
  const buyers = await queries.findBuyers(db, row.id);
  const { agentIdNumberEnc: _secret, ...rest } = row;
  return {
    ...rest,
    priceFen: Number(row.priceFen),
    downPaymentFen: Number(row.downPaymentFen),
    buyers: buyers.map((buyer) => ({
      id: buyer.id,
      name: buyer.name,
      idType: buyer.idType,
      idNumberMasked: buyer.idNumberMasked,
      idCopyFileId: buyer.idCopyFileId,
      idCopyConsentAt: buyer.idCopyConsentAt,
    })),
  };
}

export async function findAgreements(
  db: Db,
  actor: Actor,
  query: {
    projectId?: string;
    status?: AgreementStatus;
    search?: string;
    sort: 'updatedAt' | 'formNumber' | 'priceFen';
    order: 'asc' | 'desc';
    offset: number;
    limit: number;
  },
) {
  if (query.projectId) await assertDealProject(db, actor, query.projectId);
  const { rows, total } = await queries.findAgreementPage(db, dealScope(actor), query, query);
  return {
    rows: rows.map(({ agentIdNumberEnc: _secret, ...row }) => ({
      ...row,
      priceFen: Number(row.priceFen),
      downPaymentFen: Number(row.downPaymentFen),
    })),
    total,
  };
}
