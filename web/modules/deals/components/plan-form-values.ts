import {
  type Discount,
  type DiscountKind,
  type PaymentMethod,
  type Plan,
  type PlanChoices,
  toFen,
} from '../deals.api';

/** The plan form's values and their mapping to the plan's choices and back (SA-9). */

export interface FormValues {
  unitId?: string;
  customerId?: string;
  discounts: Array<{ kind: DiscountKind; label: string; value: string }>;
  paymentMethod: PaymentMethod;
  downPaymentPercent: string;
  commercialRate: string;
  commercialTerm: number;
  commercialRepayment: 'equal_instalment' | 'equal_principal';
  fundRate: string;
  fundTerm: number;
  fundRepayment: 'equal_instalment' | 'equal_principal';
  fundAmount: string;
  instalments: Array<{ label: string; percent: string; monthsAfterSigning: number }>;
  homeOrder: 'first' | 'second' | 'other';
}

export const defaults: FormValues = {
  discounts: [],
  paymentMethod: 'commercial_loan',
  downPaymentPercent: '30',
  commercialRate: '3.1',
  commercialTerm: 360,
  commercialRepayment: 'equal_instalment',
  fundRate: '2.85',
  fundTerm: 360,
  fundRepayment: 'equal_instalment',
  fundAmount: '600000',
  instalments: [
    { label: '首期', percent: '50', monthsAfterSigning: 0 },
    { label: '二期', percent: '50', monthsAfterSigning: 6 },
  ],
  homeOrder: 'first',
};

export function toChoices(values: FormValues): PlanChoices {
  const discounts: Discount[] = (values.discounts ?? []).map((item): Discount => {
    const value = (item.value ?? '').trim();
    if (item.kind === 'share') return { kind: 'share', label: item.label, share: value };
    if (item.kind === 'percent') return { kind: 'percent', label: item.label, percent: value };
    return { kind: 'amount', label: item.label, amountFen: toFen(value.replace(/,/g, '')) ?? -1 };
  });
  const method = values.paymentMethod;
  const usesCommercial = method === 'commercial_loan' || method === 'combination';
  const usesFund = method === 'provident_fund' || method === 'combination';
  return {
    discounts,
    paymentMethod: method,
    homeOrder: values.homeOrder,
    ...(usesCommercial || usesFund ? { downPaymentPercent: values.downPaymentPercent } : {}),
    ...(usesCommercial
      ? {
          commercial: {
            annualRatePercent: values.commercialRate,
            termMonths: values.commercialTerm,
            repayment: values.commercialRepayment,
          },
        }
      : {}),
    ...(usesFund
      ? {
          providentFund: {
            annualRatePercent: values.fundRate,
            termMonths: values.fundTerm,
            repayment: values.fundRepayment,
            ...(method === 'combination' ? { amountFen: toFen(values.fundAmount) ?? 0 } : {}),
          },
        }
      : {}),
    ...(method === 'instalments' ? { instalments: values.instalments } : {}),
  };
}

export function fromPlan(plan: Plan): FormValues {
  const input = plan.input;
  return {
    ...defaults,
    unitId: plan.unitId,
    customerId: plan.customerId,
    discounts: input.discounts.map((item) => {
      if (item.kind === 'share') return { kind: 'share' as const, label: item.label, value: item.share };
      if (item.kind === 'percent')
        return { kind: 'percent' as const, label: item.label, value: item.percent };
      return { kind: 'amount' as const, label: item.label, value: (item.amountFen / 100).toFixed(2) };
    }),
    paymentMethod: input.paymentMethod,
    downPaymentPercent: input.downPaymentPercent ?? defaults.downPaymentPercent,
    commercialRate: input.commercial?.annualRatePercent ?? defaults.commercialRate,
    commercialTerm: input.commercial?.termMonths ?? defaults.commercialTerm,
    commercialRepayment: input.commercial?.repayment ?? defaults.commercialRepayment,
    fundRate: input.providentFund?.annualRatePercent ?? defaults.fundRate,
    fundTerm: input.providentFund?.termMonths ?? defaults.fundTerm,
    fundRepayment: input.providentFund?.repayment ?? defaults.fundRepayment,
    fundAmount: input.providentFund?.amountFen
      ? (input.providentFund.amountFen / 100).toFixed(2)
      : defaults.fundAmount,
    instalments: input.instalments ?? defaults.instalments,
    homeOrder: input.homeOrder,
  };
}

/** Server field paths (commercial.annualRatePercent…) → this form's flat names. */
export const fieldMap: Record<string, string> = {
  'commercial.annualRatePercent': 'commercialRate',
  'commercial.termMonths': 'commercialTerm',
  'providentFund.annualRatePercent': 'fundRate',
  'providentFund.amountFen': 'fundAmount',
};

/** A discount line's server field (discounts.0.share, …amountFen) is this form's discounts.0.value. */
export function formFieldOf(path: string): string | undefined {
  const line = /^discounts\.(\d+)\.(share|percent|amountFen)$/.exec(path);
  return line ? `discounts.${line[1]}.value` : fieldMap[path];
}
