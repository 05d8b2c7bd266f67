import type { Dayjs } from 'dayjs';
import { projectDate } from '../../../app/format';
import type { AgreementInput, IdType } from '../deals.api';

/** The agreement form's values and the input the server takes from them (SA-13). */

export interface FormValues {
  formNumber: string;
  buyers: Array<{
    /** The stored buyer this row is (a draft's); an empty ID number then keeps the stored one. */
    id?: string | null;
    name: string;
    idType: IdType;
    idNumber: string;
    idCopyFileId: string | null;
    hasIdCopyConsent: boolean;
  }>;
  signerKind: 'buyer' | 'agent';
  signerBuyerIndex: number;
  agent?: {
    name: string;
    idType: IdType;
    idNumber: string;
    notarialNumber: string;
    notarialFileId: string | null;
  };
  signedOn: Dayjs;
  downPaymentDueOn: Dayjs;
  contractDueOn: Dayjs;
}

export const idTypes: IdType[] = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit'];
const day = (value: Dayjs) => projectDate(value);

export function toInput(values: FormValues): AgreementInput {
  return {
    buyers: values.buyers.map((buyer) => ({
      ...buyer,
      id: buyer.id ?? null,
      idNumber: buyer.idNumber ?? '',
      idCopyFileId: buyer.idCopyFileId ?? null,
      hasIdCopyConsent: Boolean(buyer.hasIdCopyConsent),
    })),
    signerKind: values.signerKind,
    signerBuyerIndex: values.signerKind === 'buyer' ? (values.signerBuyerIndex ?? 0) : null,
    agent:
      values.signerKind === 'agent' && values.agent
        ? {
            ...values.agent,
            idNumber: values.agent.idNumber ?? '',
            notarialNumber: values.agent.notarialNumber ?? '',
            notarialFileId: values.agent.notarialFileId ?? null,
          }
        : null,
    signedOn: day(values.signedOn),
    downPaymentDueOn: day(values.downPaymentDueOn),
    contractDueOn: day(values.contractDueOn),
  };
}
