import type { Locale } from '../../../contracts/locales';
import type { DataKeyTranslate as Translate } from '../../app/i18n-keys';
import { auditActionLabels, auditEntityTypeLabels } from '../audit';
import type { PaymentItem, Reminder } from './deals.api';

// Instalment names a consultant leaves as the plan page offers them (首期, 二期, 第3期 …) say
// nothing the number does not; any other name (交楼款) is shown beside the number.
const ordinalName = /^(首期|第?\s*[\d一二三四五六七八九十]+\s*期)款?$/;

/**
 * A payment item's name in the reader's language, from its code. An instalment's name is the one
 * the consultant typed, shown as typed to Chinese readers. An item made before codes were kept
 * whose label was not recognised shows that stored label.
 */
export function paymentItemLabel(
  item: Pick<PaymentItem, 'code' | 'instalmentNumber' | 'label'>,
  t: Translate,
): string {
  if (item.code === null) return item.label;
  if (item.code === 'instalment') {
    const key = ordinalName.test(item.label.trim())
      ? 'paymentItems.instalment'
      : 'paymentItems.instalmentNamed';
    return t(key, { number: item.instalmentNumber ?? '', label: item.label });
  }
  return t(`paymentItems.${item.code}`);
}

const reminderKinds = new Set([
  'down_payment_overdue',
  'move_in_consultant',
  'move_in_customer',
  'congratulation',
]);
const slottedReminderKinds = new Set(['down_payment_buyer', 'down_payment_consultant', 'mortgage_notice']);

/**
 * What a reminder is for, in the reader's language, from its kind (and how many days before its
 * event it goes out); a kind this screen does not know shows the Chinese title stored with it.
 */
export function reminderLabel(
  reminder: Pick<Reminder, 'kind' | 'daysBefore' | 'title'>,
  t: Translate,
): string {
  if (slottedReminderKinds.has(reminder.kind) && reminder.daysBefore !== null)
    return t(`reminderKinds.${reminder.kind}`, { count: reminder.daysBefore });
  if (reminderKinds.has(reminder.kind)) return t(`reminderKinds.${reminder.kind}`);
  return reminder.title;
}

/** Who a reminder goes to: a person's name as stored, or the role the server wrote in Chinese. */
export function reminderRecipient(reminder: Pick<Reminder, 'kind' | 'recipientName'>, t: Translate): string {
  if (reminder.kind === 'down_payment_overdue') return t('reminderRecipients.managers');
  if (reminder.kind === 'move_in_consultant') return t('reminderRecipients.consultant');
  return reminder.recipientName;
}

const documentCodes = new Set([
  'idCard',
  'hukou',
  'marriage',
  'income',
  'bankStatement',
  'agreement',
  'credit',
  'fundAccount',
  'fundCard',
]);

/** A mortgage document: a code (server deals.rules.ts) worded per language, or text staff typed, as typed. */
export function documentLabel(entry: string, t: Translate): string {
  return documentCodes.has(entry) ? t(`documentNames.${entry}`) : entry;
}

const otherEntity: Record<Locale, string> = { 'zh-CN': '记录', 'zh-TW': '記錄', en: 'Record' };
const otherAction: Record<Locale, string> = { 'zh-CN': '更新', 'zh-TW': '更新', en: 'Changed' };
/** A stored code (snake_case, camelCase, dotted) that must never reach the screen as is. */
const codeLike = /^[A-Za-z][A-Za-z0-9]*([._][A-Za-z0-9]+)*$/;

/**
 * One line of a transaction file's 操作记录: what was acted on and what was done, in words of the
 * reader's language ("置业计划 · 新建", not "plan · create"). Actions stored already as words
 * (the unit's history writes them so) are shown as stored.
 */
export function auditEntryLabel(row: { entityType: string; action: string }, locale: Locale) {
  const entity = auditEntityTypeLabels[row.entityType]?.[locale] ?? otherEntity[locale];
  const known = auditActionLabels[row.action]?.[locale];
  const action = known ?? (codeLike.test(row.action) ? otherAction[locale] : row.action);
  return `${entity} · ${action}`;
}
