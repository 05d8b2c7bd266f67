import { reminderInstant, type WorkingCalendar } from '../notify/index.js';
import type { PaymentItemCode, PaymentItemKind } from './deals.tables.js';
import type { PaymentMethod, PlanResult } from './plan.rules.js';

/** Dates in Shanghai, reminder slots and the payment schedule of a transaction file (SA-14, SA-16): pure. */

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
