import type { AgreementInput, BuyerInput } from '../../../../contracts/deal-records.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, type FieldErrors, localized } from '../../../platform/errors.js';
import { maskIdNumber } from '../../../platform/privacy/mask.js';
import { buyerIdLookupInput, encryptText, lookupHash } from '../deals.crypto.js';
import { dealErrors } from '../deals.errors.js';
import * as queries from '../deals.queries.js';
import { checkIdNumber, idNumberProblemText, normaliseIdNumber } from '../deals.rules.js';
import { assertFileUsable } from './files.js';

/** What a consultant types on an agreement, checked and turned into rows (ID numbers encrypted, masked, hashed). */

const idNumberRequired = localized('请输入证件号码', '請輸入證件號碼', 'Enter the ID number');

export type { AgreementInput, BuyerInput };

/** What a draft already holds: its buyers' and agent's ID numbers, kept when the form leaves them empty. */
export interface StoredIds {
  buyers: queries.BuyerRow[];
  agent: { idNumberEnc: string | null; idNumberMasked: string } | null;
}
export const noStoredIds: StoredIds = { buyers: [], agent: null };

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
 * one left empty on a draft keeps the number stored for that person. `invalid` holds the numbers
 * typed wrong, `missing` those left empty with nothing stored to keep.
 */
export function idNumberFields(input: AgreementInput, today: string, stored: StoredIds = noStoredIds) {
  const invalid: FieldErrors = {};
  const missing: FieldErrors = {};
  input.buyers.forEach((buyer, index) => {
    if (keptBuyer(stored, buyer)) return;
    const field = `buyers.${index}.idNumber`;
    if (!buyer.idNumber.trim()) missing[field] = idNumberRequired;
    else {
      const problem = checkIdNumber(buyer.idType, buyer.idNumber, today);
      if (problem) invalid[field] = idNumberProblemText[problem];
    }
  });
  if (input.signerKind === 'agent' && input.agent && !keptAgent(stored, input)) {
    if (!input.agent.idNumber.trim()) missing['agent.idNumber'] = idNumberRequired;
    else {
      const problem = checkIdNumber(input.agent.idType, input.agent.idNumber, today);
      if (problem) invalid['agent.idNumber'] = idNumberProblemText[problem];
    }
  }
  return { invalid, missing };
}

export function throwIdNumberFields(fields: FieldErrors) {
  if (Object.keys(fields).length) throw new AppError(dealErrors.ID_NUMBER_INVALID, {}, fields);
}

export async function buyerRows(
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
      idNumberHash: kept ? kept.idNumberHash : lookupHash(buyerIdLookupInput(buyer.idType, idNumber)),
      idCopyFileId: buyer.idCopyFileId,
      idCopyConsentAt: buyer.hasIdCopyConsent ? now.toISOString() : null,
      idCopyConsentBy: buyer.hasIdCopyConsent ? actor.staffId : null,
    });
  }
  return rows;
}

export async function agentColumns(
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

export function assertDates(input: AgreementInput) {
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

export async function storedIds(trx: Tx, agreement: queries.AgreementRow): Promise<StoredIds> {
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
