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
import { reminderInstant, type WorkingCalendar } from '../notify/index.js';
import type { IdType, LoanType, PaymentItemCode, PaymentItemKind } from './deals.tables.js';
import { formatYuan, type PaymentMethod, type PlanResult } from './plan.rules.js';

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

// ---------- dates and reminders (SA-14, SA-16) ----------

const shanghaiOffsetMs = 8 * 3_600_000;

/** Today's date in Asia/Shanghai ('YYYY-MM-DD'). China has had no daylight saving since 1991. */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** An instant as Shanghai wall-clock text to the minute ('YYYY-MM-DD HH:mm'), as printed and stored in titles. */
export function shanghaiMinute(at: Date | string): string {
  const time = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(time + shanghaiOffsetMs).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant of a Shanghai wall-clock time on a calendar day. */
export function shanghaiInstant(date: string, time = '09:00'): Date {
  return new Date(Date.parse(`${date}T${time}:00.000Z`) - shanghaiOffsetMs);
}

export function addDays(date: string, days: number): string {
  const parsed = new Date(`${date}T00:00:00.000Z`);
  parsed.setUTCDate(parsed.getUTCDate() + days);
  return parsed.toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export interface ReminderSlot {
  /** The rule's offset (SA-14: 5 or 2), as in the reminder's dedupe key. */
  daysBefore: number;
  /** Calendar days from the day it is sent to the event, once moved off a rest day (what the buyer reads). */
  daysAhead: number;
  sendAt: Date;
}

const calendarDaysOnly: WorkingCalendar = { mode: 'calendar_days', overrides: {} };

/**
 * Reminders `offsets` days before an event on `date` at 09:00 Shanghai (or, for an appointment at
 * a given instant, the same wall-clock time). With a working calendar a reminder on a rest day
 * moves to the working day before it (see notify's `reminderInstant` for one whose working day has
 * already passed). Slots already past at `now` are skipped, never sent late; two slots moved onto
 * the same moment are sent once, as the earlier rule's reminder.
 */
export function reminderSlots(options: {
  date: string;
  offsets: readonly number[];
  now: Date;
  time?: string;
  calendar?: WorkingCalendar;
}): ReminderSlot[] {
  const unique = [...new Set(options.offsets)].sort((a, b) => b - a);
  const slots: ReminderSlot[] = [];
  for (const daysBefore of unique) {
    const sendAt = reminderInstant(
      addDays(options.date, -daysBefore),
      options.time ?? '09:00',
      options.calendar ?? calendarDaysOnly,
      options.now,
    );
    if (!sendAt || slots.some((slot) => slot.sendAt.getTime() === sendAt.getTime())) continue;
    const daysAhead = Math.round(
      (Date.parse(`${options.date}T00:00:00.000Z`) - Date.parse(`${shanghaiDate(sendAt)}T00:00:00.000Z`)) /
        86_400_000,
    );
    slots.push({ daysBefore, daysAhead, sendAt });
  }
  return slots;
}

/** The moment an unpaid item counts as missed: the end of its due day in Shanghai. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(shanghaiInstant(addDays(date, 1), '00:00').getTime() - 1000);
}

// ---------- payment schedule (SA-14) ----------

export interface PaymentItemDraft {
  kind: PaymentItemKind;
  code: PaymentItemCode;
  /** 1-based, for instalments. */
  instalmentNumber: number | null;
  /** Chinese, for the PDF, search and audit; an instalment's is the name the consultant typed. */
  label: string;
  amountFen: number;
  dueOn: string;
}

/**
 * What the buyer owes after signing the agreement. The 定金 collected is credited to the first
 * payment (定金转首付), as subscription agreements customarily say. Loans are recorded as one
 * item each, due when the bank disburses (contract due date as the expected day).
 */
export function buildPaymentItems(options: {
  plan: Pick<PlanResult, 'finalTotalFen' | 'downPaymentFen' | 'loans' | 'instalments'>;
  paymentMethod: PaymentMethod;
  depositFen: number;
  signedOn: string;
  downPaymentDueOn: string;
  contractDueOn: string;
}): PaymentItemDraft[] {
  const { plan, depositFen } = options;
  const items: PaymentItemDraft[] = [];
  if (options.paymentMethod === 'instalments') {
    for (const [index, instalment] of plan.instalments.entries()) {
      const amount = index === 0 ? instalment.amountFen - depositFen : instalment.amountFen;
      items.push({
        kind: index === 0 ? 'down_payment' : 'instalment',
        code: 'instalment',
        instalmentNumber: index + 1,
        label: instalment.label,
        amountFen: amount,
        dueOn:
          index === 0 ? options.downPaymentDueOn : addMonths(options.signedOn, instalment.monthsAfterSigning),
      });
    }
  } else if (options.paymentMethod === 'lump_sum') {
    items.push({
      kind: 'down_payment',
      code: 'lump_sum',
      instalmentNumber: null,
      label: '一次性付款',
      amountFen: plan.finalTotalFen - depositFen,
      dueOn: options.downPaymentDueOn,
    });
  } else {
    items.push({
      kind: 'down_payment',
      code: 'down_payment',
      instalmentNumber: null,
      label: '首期款',
      amountFen: plan.downPaymentFen - depositFen,
      dueOn: options.downPaymentDueOn,
    });
    for (const loan of plan.loans)
      items.push({
        kind: 'loan',
        code: loan.kind === 'provident_fund' ? 'provident_fund_loan' : 'commercial_loan',
        instalmentNumber: null,
        label: loan.kind === 'provident_fund' ? '公积金贷款' : '商业贷款',
        amountFen: loan.amountFen,
        dueOn: options.contractDueOn,
      });
  }
  if (items.some((item) => item.amountFen < 0))
    throw new Error('buildPaymentItems: the deposit exceeds the first payment');
  return items;
}

/**
 * How many days before its event a reminder goes out, from its dedupe key (`…:T-5`, written by
 * reminders.ts for every slot, old rows included); null for reminders that are not slotted.
 */
export function reminderDaysBefore(dedupeKey: string): number | null {
  const match = /:T-(\d+)$/.exec(dedupeKey);
  return match ? Number(match[1]) : null;
}

/**
 * The days a slotted reminder actually comes before its event: the rule's offset from its dedupe
 * key, unless it was moved off a rest day (working days), when the send day tells the real count.
 */
export function reminderDaysAhead(
  reminder: { dedupeKey: string; sendAt: string },
  eventDate?: string | null,
) {
  const slot = reminderDaysBefore(reminder.dedupeKey);
  if (slot === null || !eventDate) return slot;
  const sendDay = shanghaiDate(new Date(reminder.sendAt));
  return Math.round((Date.parse(`${eventDate}T00:00:00Z`) - Date.parse(`${sendDay}T00:00:00Z`)) / 86_400_000);
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
