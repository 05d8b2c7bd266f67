import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { transitionUnit } from '../../inventory/index.js';
import { dealErrors } from '../deals.errors.js';
import { assertProjectRole } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import {
  type ChecklistItem,
  loanTypeOf,
  mortgageChecklist,
  responsibilityEndsAt,
  shanghaiDate,
} from '../deals.rules.js';
import type { PlanResult } from '../plan.rules.js';
import { assertCertified } from './exams.js';
import { getFileRow } from './transaction-file.js';

/**
 * SA-15: the contract step. Only a certified consultant (or a manager) may take it; the contract
 * is prefilled from the approved agreement and plan, with the mortgage document checklist for the
 * loan type.
 */
export async function prepareContract(
  db: Db,
  options: { actor: Actor; fileId: string; contractNumber: string; now: Date },
) {
  const { actor, now } = options;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const file = await getFileRow(trx, actor, options.fileId);
    assertProjectRole(actor, file.projectId, ['consultant', 'manager']);
    await assertCertified(trx, actor, file.projectId, now);
    if (file.status !== 'open' || (await queries.findContractOfFile(trx, file.id)))
      throw new AppError(dealErrors.FILE_STATE);
    const agreement = await queries.findAgreement(trx, file.agreementId);
    const plan = await queries.findPlan(trx, file.planId);
    if (!agreement || !plan)
      throw new AppError(commonErrors.NOT_FOUND, { entity: localized('认购书', '認購書', 'Agreement') });
    const buyers = await queries.findBuyers(trx, agreement.id);
    const result = JSON.parse(plan.resultJson) as PlanResult;
    const prefill = {
      unitNumber: file.unitNumber,
      buyers: buyers.map((buyer) => ({
        name: buyer.name,
        idType: buyer.idType,
        idNumberMasked: buyer.idNumberMasked,
      })),
      priceFen: Number(agreement.priceFen),
      listTotalFen: result.listTotalFen,
      paymentMethod: agreement.paymentMethod,
      downPaymentFen: result.downPaymentFen,
      loans: result.loans.map((loan) => ({
        kind: loan.kind,
        amountFen: loan.amountFen,
        termMonths: loan.termMonths,
        annualRatePercent: loan.annualRatePercent,
      })),
      agreementFormNumber: agreement.formNumber,
      agreementSignedOn: agreement.signedOn,
      signerKind: agreement.signerKind,
      agentName: agreement.agentName,
    };
    const loanType = loanTypeOf(agreement.paymentMethod);
    const at = now.toISOString();
    await queries.insertContract(trx, {
      id,
      transactionFileId: file.id,
      projectId: file.projectId,
      contractNumber: options.contractNumber,
      consultantId: actor.staffId,
      status: 'draft',
      prefillJson: JSON.stringify(prefill),
      loanType,
      checklistJson: JSON.stringify(mortgageChecklist(loanType)),
      signedOn: null,
      createdAt: at,
      updatedAt: at,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: file.projectId,
      entityType: 'deal_contract',
      entityId: id,
      action: 'prepare',
      after: { contractNumber: options.contractNumber, loanType },
    });
  });
  return getContract(db, actor, options.fileId);
}

export async function getContract(db: Db, actor: Actor, fileId: string) {
  const file = await getFileRow(db, actor, fileId);
  const contract = await queries.findContractOfFile(db, file.id);
  if (!contract)
    throw new AppError(commonErrors.NOT_FOUND, { entity: localized('合同', '合同', 'Contract') });
  return {
    ...contract,
    prefill: JSON.parse(contract.prefillJson) as Record<string, unknown>,
    checklist: JSON.parse(contract.checklistJson) as ChecklistItem[],
  };
}

/** SA-15: the consultant helps check the mortgage documents; ticking the last one marks them handed in (SA-19). */
export async function updateChecklist(
  db: Db,
  options: { actor: Actor; fileId: string; doneKeys: string[]; now: Date },
) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const file = await getFileRow(trx, actor, options.fileId);
    const contract = await queries.findContractOfFile(trx, file.id);
    if (!contract)
      throw new AppError(commonErrors.NOT_FOUND, { entity: localized('合同', '合同', 'Contract') });
    const checklist = (JSON.parse(contract.checklistJson) as ChecklistItem[]).map((item) => ({
      ...item,
      isDone: options.doneKeys.includes(item.key),
    }));
    if (
      !(await queries.updateContractIf(trx, contract.id, contract.status, {
        checklistJson: JSON.stringify(checklist),
        updatedAt: now.toISOString(),
      }))
    )
      throw new AppError(commonErrors.CONCURRENT_CHANGE);
    const isComplete = contract.loanType !== 'none' && checklist.every((item) => item.isDone);
    const handedIn = isComplete ? (file.mortgageDocsHandedInAt ?? now.toISOString()) : null;
    const ends = responsibilityEndsAt({ ...file, mortgageDocsHandedInAt: handedIn }, contract.loanType);
    await queries.updateTransactionFile(trx, file.id, {
      mortgageDocsHandedInAt: handedIn,
      responsibilityEndedAt: ends,
      updatedAt: now.toISOString(),
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: file.projectId,
      entityType: 'deal_contract',
      entityId: contract.id,
      action: 'checklist',
      after: { done: options.doneKeys, isComplete },
    });
  });
  return getContract(db, actor, options.fileId);
}

/** Marks the contract signed: the unit moves subscribed → contracted in the same transaction. */
export async function signContract(
  db: Db,
  options: { actor: Actor; fileId: string; signedOn: string; now: Date },
) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const file = await getFileRow(trx, actor, options.fileId);
    assertProjectRole(actor, file.projectId, ['consultant', 'manager']);
    await assertCertified(trx, actor, file.projectId, now);
    const contract = await queries.findContractOfFile(trx, file.id);
    if (!contract)
      throw new AppError(commonErrors.NOT_FOUND, { entity: localized('合同', '合同', 'Contract') });
    if (options.signedOn > shanghaiDate(now))
      throw new AppError(
        commonErrors.VALIDATION_FAILED,
        {},
        {
          signedOn: {
            'zh-CN': '签约日期不能晚于今天',
            'zh-TW': '簽約日期不能晚於今天',
            en: 'Cannot be in the future',
          },
        },
      );
    if (
      !(await queries.updateContractIf(trx, contract.id, 'draft', {
        status: 'signed',
        signedOn: options.signedOn,
        updatedAt: now.toISOString(),
      }))
    )
      throw new AppError(dealErrors.FILE_STATE);
    await transitionUnit(trx, {
      actor,
      unitId: file.unitId,
      from: ['subscribed'],
      to: 'contracted',
      customerId: file.customerId,
      reason: `合同 ${contract.contractNumber}`,
      now,
    });
    const at = now.toISOString();
    const ends = responsibilityEndsAt({ ...file, contractSignedAt: at }, contract.loanType);
    await queries.updateTransactionFile(trx, file.id, {
      status: 'contracted',
      contractSignedAt: at,
      responsibilityEndedAt: ends,
      updatedAt: at,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: file.projectId,
      entityType: 'deal_contract',
      entityId: contract.id,
      action: 'sign',
      after: { signedOn: options.signedOn },
    });
  });
  return getContract(db, actor, options.fileId);
}
