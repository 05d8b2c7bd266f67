import { discountText } from '../../../../contracts/deals.js';
import type { Localized } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { getCustomerById } from '../../customers/index.js';
import { getUnitAt } from '../../inventory/index.js';
import { getSetting } from '../../settings/index.js';
import { dealErrors } from '../deals.errors.js';
import { assertProjectRole, assertSeesDeal, isManager } from '../deals.policy.js';
import type { PlanStatus } from '../deals.tables.js';
import {
  computePlan,
  type Discount,
  type DiscountProblem,
  type DiscountStep,
  formatYuan,
  type HomeOrder,
  type InstalmentInput,
  type LoanTerms,
  needsDiscountConfirmation,
  needsManagerApproval,
  type PaymentMethod,
  type PlanInput,
  PlanInputError,
  type PlanResult,
} from '../plan.rules.js';

/** A plan's figures before anything is stored: the unit's price, the project's rules, the discounts checked line by line. */

/** What a consultant chooses; the price, area and every rule come from the unit and the settings. */
export interface PlanChoices {
  customerId: string;
  unitId: string;
  discounts: Discount[];
  paymentMethod: PaymentMethod;
  downPaymentPercent?: string;
  commercial?: LoanTerms;
  providentFund?: LoanTerms & { amountFen?: number };
  instalments?: InstalmentInput[];
  homeOrder: HomeOrder;
}

export const planEntity = localized('购房方案', '購房方案', 'Purchase plan');

/** The project's configured rules, read once per plan and stored with it (a plan never changes under a new setting). */
export async function planRules(db: Tx, companyId: string, projectId: string) {
  const context = { companyId, projectId };
  const get = <K extends Parameters<typeof getSetting>[1]>(key: K) => getSetting(db, key, context);
  const mode = await get('deals.maintenanceFundMode');
  return {
    discountOrder: await get('deals.discountOrder'),
    loanRoundingFen: (await get('deals.loanRoundingYuan')) * 100,
    consultantLimitPercent: await get('deals.consultantDiscountLimitPercent'),
    confirmAbovePercent: await get('deals.discountConfirmPercent'),
    deedTax: {
      vatPercent: await get('deals.deedTax.vatPercent'),
      areaThresholdSquareMetres: await get('deals.deedTax.areaThreshold'),
      firstHomeSmallPercent: await get('deals.deedTax.firstHomeSmallPercent'),
      firstHomeLargePercent: await get('deals.deedTax.firstHomeLargePercent'),
      secondHomeSmallPercent: await get('deals.deedTax.secondHomeSmallPercent'),
      secondHomeLargePercent: await get('deals.deedTax.secondHomeLargePercent'),
      otherPercent: await get('deals.deedTax.otherPercent'),
    },
    maintenanceFund:
      mode === 'percent_of_price'
        ? ({ mode, percent: await get('deals.maintenanceFundPercent') } as const)
        : ({ mode, yuanPerSquareMetre: await get('deals.maintenanceFundYuanPerSquareMetre') } as const),
  };
}

/** What is wrong with a discount line, worded for the line ("第 2 行「开盘优惠」：…"). */
const discountProblems: Record<DiscountProblem, Localized> = {
  share_range: localized(
    '折数须大于 0，且不超过 10（如 9.8折）或 100（如 98折）',
    '折數須大於 0，且不超過 10（如 9.8折）或 100（如 98折）',
    'the share paid (折) must be above 0 and at most 10 (as in 9.8折) or 100 (as in 98折)',
  ),
  percent_range: localized(
    '优惠百分比须不小于 0 且小于 100',
    '優惠百分比須不小於 0 且小於 100',
    'a percentage off must be at least 0 and below 100',
  ),
  amount_range: localized(
    '直减金额须不小于 0 且低于此时的房价',
    '直減金額須不小於 0 且低於此時的房價',
    'an amount off must be at least 0 and below the price it is taken from',
  ),
  format: localized(
    '请输入数字，最多 4 位小数',
    '請輸入數字，最多 4 位小數',
    'enter a number with up to 4 decimals',
  ),
};

function discountLineMessage(input: PlanInput, index: number, problem: DiscountProblem): Localized {
  const label = input.discounts[index]?.label ?? '';
  const line = index + 1;
  const reason = discountProblems[problem];
  return localized(
    `第 ${line} 行优惠「${label}」：${reason['zh-CN']}。`,
    `第 ${line} 行優惠「${label}」：${reason['zh-TW']}。`,
    `Discount line ${line} ("${label}"): ${reason.en}.`,
  );
}

function computeOrRefuse(input: PlanInput): PlanResult {
  try {
    return computePlan(input);
  } catch (error) {
    if (error instanceof PlanInputError)
      throw new AppError(
        dealErrors.PLAN_INPUT_INVALID,
        {},
        {
          [error.field]: error.discount
            ? discountLineMessage(input, error.discount.index, error.discount.problem)
            : localized(`数值有误：${error.reason}`, `數值有誤：${error.reason}`, `Invalid: ${error.reason}`),
        },
      );
    throw error;
  }
}

/** A plan's figures from the unit's price and the project's rules, before anything is stored. */
async function computeForUnit(
  db: Tx,
  companyId: string,
  unit: Awaited<ReturnType<typeof getUnitAt>>,
  choices: Omit<PlanChoices, 'customerId' | 'unitId'>,
) {
  if (unit.listTotalFen === null || unit.priceListId === null)
    throw new AppError(dealErrors.UNIT_NOT_PRICED, { unit: unit.label });
  const rules = await planRules(db, companyId, unit.projectId);
  const input: PlanInput = {
    listTotalFen: unit.listTotalFen,
    buildingArea: unit.buildingArea,
    discounts: choices.discounts,
    discountOrder: rules.discountOrder,
    paymentMethod: choices.paymentMethod,
    downPaymentPercent: choices.downPaymentPercent,
    loanRoundingFen: rules.loanRoundingFen,
    commercial: choices.commercial,
    providentFund: choices.providentFund,
    instalments: choices.instalments,
    homeOrder: choices.homeOrder,
    deedTax: rules.deedTax,
    maintenanceFund: rules.maintenanceFund,
  };
  const result = computeOrRefuse(input);
  return {
    input,
    result,
    rules,
    priceListId: unit.priceListId,
    needsConfirmation: needsDiscountConfirmation(result, rules.confirmAbovePercent),
  };
}

export async function preparePlan(
  db: Tx,
  actor: Actor,
  choices: PlanChoices & { discountConfirmed: boolean },
  now: Date,
) {
  const unit = await getUnitAt(db, actor, choices.unitId, now);
  const customer = await getCustomerById(db, actor, choices.customerId);
  if (customer.projectId !== unit.projectId)
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      {
        customerId: localized(
          '客户不属于该房号所在项目',
          '客戶不屬於該房號所在項目',
          "The customer is not of the unit's project",
        ),
      },
    );
  const { input, result, rules, priceListId, needsConfirmation } = await computeForUnit(
    db,
    actor.companyId,
    unit,
    choices,
  );
  // SA-9: the form asks before a large cut; an API client must say it asked too.
  if (needsConfirmation && !choices.discountConfirmed)
    throw new AppError(dealErrors.PLAN_DISCOUNT_UNCONFIRMED, {
      percent: result.discountPercent,
      amount: formatYuan(result.discountFen),
      limit: rules.confirmAbovePercent,
    });
  const needsApproval = needsManagerApproval(result, rules.consultantLimitPercent);
  // A manager's own plan needs no second look at the discount: they are the approver.
  const status: PlanStatus =
    needsApproval && !isManager(actor, unit.projectId) ? 'pending_approval' : 'ready';
  return {
    unit,
    customer,
    input,
    result,
    status,
    meta: {
      priceListId,
      priceListVersion: unit.priceListVersion,
      consultantLimitPercent: rules.consultantLimitPercent,
    },
  };
}

/**
 * SA-9: what a plan would come to, shown while the consultant types: every figure by the same
 * rules as a saved plan, and whether saving it will ask for a confirmation.
 */
export async function previewPlan(
  db: Db,
  options: { actor: Actor; unitId: string; choices: Omit<PlanChoices, 'customerId' | 'unitId'>; now: Date },
) {
  const { actor } = options;
  const unit = await getUnitAt(db, actor, options.unitId, options.now);
  // The same checks as saving: whoever previews would be the plan's consultant.
  assertSeesDeal(
    actor,
    { companyId: actor.companyId, projectId: unit.projectId, participantIds: [actor.staffId] },
    planEntity,
  );
  assertProjectRole(actor, unit.projectId, ['consultant', 'manager', 'controller']);
  const { result, rules, needsConfirmation } = await computeForUnit(
    db,
    actor.companyId,
    unit,
    options.choices,
  );
  return {
    result,
    needsConfirmation,
    confirmAbovePercent: rules.confirmAbovePercent,
    needsApproval: needsManagerApproval(result, rules.consultantLimitPercent),
  };
}

/** The discounts of a plan in the office's words, for the customer's timeline: "98折、直减¥5,000". */
export function discountWords(steps: DiscountStep[]): string {
  return steps.map((step) => discountText(step, 'zh-CN')).join('、');
}

export function summaryColumns(prepared: Awaited<ReturnType<typeof preparePlan>>) {
  const { result } = prepared;
  return {
    status: prepared.status,
    paymentMethod: prepared.input.paymentMethod,
    listTotalFen: result.listTotalFen,
    finalTotalFen: result.finalTotalFen,
    discountPercent: result.discountPercent,
    downPaymentFen: result.downPaymentFen,
    firstMonthlyPaymentFen: result.firstMonthlyPaymentFen,
    inputJson: JSON.stringify({ ...prepared.input, meta: prepared.meta }),
    resultJson: JSON.stringify(result),
  };
}
