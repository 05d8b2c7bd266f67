import { Decimal } from 'decimal.js';
import type { TaskKind, TaskParamsOf } from '../../../contracts/deals.js';
import type { Localized } from '../../../contracts/locales.js';
import {
  checkResidentId,
  normaliseResidentId,
  type ResidentIdProblem,
  residentIdProblemText,
} from '../../../contracts/resident-id.js';
import { localized } from '../../platform/errors.js';
import type { IdType, LoanType } from './deals.tables.js';
import { shanghaiMinute } from './payment-schedule.rules.js';
import { formatYuan, type PaymentMethod } from './plan.rules.js';

export * from './payment-schedule.rules.js';

// ---------- ID numbers ----------

const otherIdPatterns: Record<Exclude<IdType, 'resident_id'>, RegExp> = {
  passport: /^[A-Z0-9]{5,17}$/,
  // 港澳居民来往内地通行证: H/M + 8 or 10 digits.
  hk_macao_permit: /^[HM]\d{8}(\d{2})?$/,
  // 台湾居民来往大陆通行证: 8 digits (or 10 with a letter suffix on older cards).
  taiwan_permit: /^\d{8}([A-Z0-9]{2})?$/,
};

export type IdNumberProblem = ResidentIdProblem | 'other_format';

export function normaliseIdNumber(value: string): string {
  return normaliseResidentId(value);
}

/** A resident ID goes through the one GB 11643 check (contracts/resident-id.ts); other documents by pattern. */
export function checkIdNumber(idType: IdType, value: string, today: string): IdNumberProblem | null {
  if (idType === 'resident_id') return checkResidentId(value, today);
  return otherIdPatterns[idType].test(normaliseIdNumber(value)) ? null : 'other_format';
}

export const idNumberProblemText: Record<IdNumberProblem, Localized> = {
  ...residentIdProblemText,
  other_format: localized('证件号码格式不正确', '證件號碼格式不正確', 'The ID number has the wrong format'),
};

// ---------- deposits (SA-12) ----------

/** Civil Code art. 586: a 定金 above the limit (percent of the price) is refused. */
export function maxDepositFen(priceFen: number, maxPercent: number): number {
  return new Decimal(priceFen).mul(maxPercent).div(100).floor().toNumber();
}

// ---------- third-party payment statement (SA-15) ----------

/** The statement a payer other than the buyer signs: “本人自愿替**交款,金额为**元”, names and amount filled. */
export function thirdPartyStatementText(payerName: string, buyerNames: string[], amountFen: number): string {
  return `本人${payerName}自愿替${buyerNames.join('、')}交款,金额为${formatYuan(amountFen)}元(大写:${amountInChinese(amountFen)})。`;
}

const chineseDigits = '零壹贰叁肆伍陆柒捌玖';
const smallUnits = ['', '拾', '佰', '仟'];
const bigUnits = ['', '万', '亿', '兆'];

/** 1234567.89 yuan (in fen) → 壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分, as cheques and receipts write it. */
export function amountInChinese(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new Error('amountInChinese: a non-negative whole number of fen');
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let integerPart = '';
  if (yuan === 0) integerPart = '零';
  else {
    const groups: number[] = [];
    for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
    let needZero = false;
    for (let groupIndex = groups.length - 1; groupIndex >= 0; groupIndex--) {
      const group = groups[groupIndex];
      if (group === 0) {
        needZero = integerPart.length > 0;
        continue;
      }
      if (needZero || (integerPart.length > 0 && group < 1000)) integerPart += '零';
      needZero = false;
      let groupText = '';
      let zeroPending = false;
      for (let digitIndex = 3; digitIndex >= 0; digitIndex--) {
        const digit = Math.floor(group / 10 ** digitIndex) % 10;
        if (digit === 0) {
          zeroPending = groupText.length > 0;
          continue;
        }
        if (zeroPending) groupText += '零';
        zeroPending = false;
        groupText += chineseDigits[digit] + smallUnits[digitIndex];
      }
      integerPart += groupText + bigUnits[groupIndex];
    }
  }
  let text = `${integerPart}元`;
  if (jiao === 0 && cents === 0) return `${text}整`;
  if (jiao > 0) text += `${chineseDigits[jiao]}角`;
  else if (yuan > 0) text += '零';
  if (cents > 0) text += `${chineseDigits[cents]}分`;
  return text;
}

// ---------- consultant tasks (SA-14, SA-17) ----------

export type { TaskKind, TaskParamsOf };
export type TaskSubject = { [K in TaskKind]: { kind: K; params: TaskParamsOf[K] } }[TaskKind];

export function taskTitleInChinese(subject: TaskSubject): string {
  switch (subject.kind) {
    case 'down_payment_follow_up': {
      const { customerName, amountFen, dueOn } = subject.params;
      return `提醒 ${customerName} 缴首期款 ${formatYuan(amountFen)} 元(${dueOn} 到期)，并准备按揭资料`;
    }
    case 'move_in_accompany': {
      const { customerName, appointmentAt, place } = subject.params;
      return `陪同 ${customerName} 办理入伙(${shanghaiMinute(appointmentAt)}，${place})`;
    }
  }
}

/** A stored task as the API gives it: checklist and parameters parsed (`params` null on older rows). */
export function taskView<Row extends { kind: TaskKind; checklistJson: string; paramsJson: string | null }>(
  row: Row,
) {
  const { checklistJson, paramsJson, ...task } = row;
  return {
    ...task,
    checklist: JSON.parse(checklistJson) as ChecklistItem[],
    params: paramsJson === null ? null : (JSON.parse(paramsJson) as TaskParamsOf[Row['kind']]),
  };
}

/**
 * The consultant's notice of a mortgage notice slot: under the appointment's prefix, so withdrawing
 * the appointment's notices withdraws it too.
 */
export const mortgageConsultantKey = (customerKey: string) =>
  customerKey.replace(/:T-(\d+)$/, ':consultant:T-$1');

// ---------- mortgage documents (SA-14, SA-15, SA-16) ----------

export interface ChecklistItem {
  key: string;
  label: Localized;
  isDone: boolean;
}

const documents = {
  idCard: localized(
    '购房人及配偶身份证原件',
    '購房人及配偶身分證正本',
    "Buyers' and spouses' ID cards (originals)",
  ),
  hukou: localized('户口本', '戶口名簿', 'Household register (户口本)'),
  marriage: localized(
    '婚姻证明(结婚证/离婚证/单身声明)',
    '婚姻證明(結婚證/離婚證/單身聲明)',
    'Marital status proof',
  ),
  income: localized('收入证明', '收入證明', 'Proof of income'),
  bankStatement: localized('近 6 个月银行流水', '近 6 個月銀行流水', 'Bank statements, last 6 months'),
  agreement: localized(
    '认购书及首付款收据',
    '認購書及首付款收據',
    'Subscription agreement and down-payment receipt',
  ),
  credit: localized('个人征信报告授权书', '個人徵信報告授權書', 'Credit report authorisation'),
  fundAccount: localized('公积金缴存证明', '公積金繳存證明', 'Provident fund contribution record'),
  fundCard: localized('公积金联名卡', '公積金聯名卡', 'Provident fund card'),
} satisfies Record<string, Localized>;

export type MortgageDocumentCode = keyof typeof documents;
const isDocumentCode = (entry: string): entry is MortgageDocumentCode => Object.hasOwn(documents, entry);

/**
 * A mortgage appointment's documents are stored as entries that are either a document code
 * ('idCard') — worded per language where read — or text staff typed, kept as typed. Chinese here,
 * for the notices and the PDF.
 */
export function documentInChinese(entry: string): string {
  return isDocumentCode(entry) ? documents[entry]['zh-CN'] : entry;
}

/** SA-15: what the buyer must bring for each kind of loan. */
export function mortgageChecklist(loanType: LoanType): ChecklistItem[] {
  const common: MortgageDocumentCode[] = ['idCard', 'hukou', 'marriage', 'agreement'];
  const keys: MortgageDocumentCode[] =
    loanType === 'none'
      ? ['idCard', 'agreement']
      : loanType === 'commercial'
        ? [...common, 'income', 'bankStatement', 'credit']
        : loanType === 'provident_fund'
          ? [...common, 'fundAccount', 'fundCard', 'credit']
          : [...common, 'income', 'bankStatement', 'credit', 'fundAccount', 'fundCard'];
  return keys.map((key) => ({ key, label: documents[key], isDone: false }));
}

export function loanTypeOf(paymentMethod: PaymentMethod): LoanType {
  if (paymentMethod === 'commercial_loan') return 'commercial';
  if (paymentMethod === 'provident_fund') return 'provident_fund';
  if (paymentMethod === 'combination') return 'combination';
  return 'none';
}

// ---------- certification (SA-15) ----------

export interface ExamRecord {
  takenOn: string;
  score: number;
  passMark: number;
  expiresOn: string;
}

/** A consultant is certified on `today` when some contract-filling exam was passed and has not expired. */
export function isCertified(exams: readonly ExamRecord[], today: string): boolean {
  return exams.some(
    (exam) => exam.score >= exam.passMark && exam.takenOn <= today && exam.expiresOn >= today,
  );
}

// ---------- responsibility (SA-19) ----------

export interface ResponsibilityState {
  downPaymentPaidAt: string | null;
  contractSignedAt: string | null;
  mortgageDocsHandedInAt: string | null;
}

/**
 * SA-19: the consultant answers for the deal from reception until the down payment is paid, the
 * contract is signed and the mortgage documents are handed in (a loan-free deal needs no
 * documents). Returns when that happened, or null while it runs.
 */
export function responsibilityEndsAt(state: ResponsibilityState, loanType: LoanType): string | null {
  const milestones = [
    state.downPaymentPaidAt,
    state.contractSignedAt,
    loanType === 'none' ? '' : state.mortgageDocsHandedInAt,
  ];
  if (milestones.some((value) => value === null)) return null;
  return (
    milestones
      .filter((value): value is string => Boolean(value))
      .sort()
      .at(-1) ?? null
  );
}

// ---------- forms (SA-13) ----------

export function formNumber(prefix: string, serial: number, width: number): string {
  return `${prefix}${String(serial).padStart(width, '0')}`;
}

/** Serials in [first, last] that have no form row (should never happen; the report shows them if it does). */
export function missingSerials(first: number, last: number, present: readonly number[]): number[] {
  const seen = new Set(present);
  const missing: number[] = [];
  for (let serial = first; serial <= last; serial++) if (!seen.has(serial)) missing.push(serial);
  return missing;
}

// ---------- receipts ----------

/** Receipt numbers are printed per project as SJ + 8 digits; the integer is the gap-free sequence. */
export function receiptNumberText(number: number): string {
  return `SJ${String(number).padStart(8, '0')}`;
}
