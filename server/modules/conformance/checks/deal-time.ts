import { localized } from '../../../platform/errors.js';
import type { DealReminderFact } from '../../deals/index.js';
import { type CheckOutcome, type Evidence, met, missed, notApplicable, pending } from './check-types.js';

/** Calendar arithmetic of the deal checks: days are Asia/Shanghai (UTC+8 all year), instants UTC ISO. */

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export const startOfDay = (day: string) => new Date(`${day}T00:00:00.000+08:00`).toISOString();
export const endOfDay = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString();
export const shanghaiDay = (at: string) =>
  new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Several parts of one check (a reminder each): any miss misses, else any pending waits, else any met meets. */
export function combine(parts: CheckOutcome[], whenNone: Evidence): CheckOutcome {
  const evidence = parts.flatMap((part) => part.evidence);
  if (parts.some((part) => part.status === 'missed')) return missed(...evidence);
  const waiting = parts
    .filter((part) => part.status === 'pending')
    .map((part) => part.decidesAt ?? '')
    .sort();
  if (waiting.length) return pending(waiting[0] ?? '', ...evidence);
  if (parts.some((part) => part.status === 'met')) return met(...evidence);
  return notApplicable(...(evidence.length ? evidence : [whenNone]));
}

/**
 * One reminder due `offsetDays` before `eventDay`: sent (a delivery marked sent) by the end of
 * that day, and acknowledged by then — its in-app notice read by the staff recipient — is met; a
 * reminder none of whose deliveries could record an acknowledgement (customer SMS or e-mail only)
 * is met on its sending alone. Sent but unread when the day ends is missed; not yet and the day
 * not over is pending; a reminder never scheduled because
 * the deal reached this step after its day, or made needless by `settledAt` (paid, cancelled)
 * before it was due, is not applicable.
 */
export function reminderPart(options: {
  label: Evidence['label'];
  offsetDays: number;
  eventDay: string;
  reminder: DealReminderFact | undefined;
  /** When the step began (the file opened, the appointment was booked): a reminder due before is n/a. */
  startedAt: string;
  /** When the reminder stopped being needed (paid), if it did. */
  settledAt: string | null;
  now: Date;
}): CheckOutcome {
  const { reminder, offsetDays } = options;
  const day = addDays(options.eventDay, -offsetDays);
  const deadline = endOfDay(day);
  const dueFrom = reminder?.sendAt ?? startOfDay(day);
  const fact = (state: keyof typeof states, at: string | null): Evidence => ({
    label: options.label,
    value: localized(
      `提前 ${offsetDays} 天(${day}):${states[state]['zh-CN']}`,
      `提前 ${offsetDays} 天(${day}):${states[state]['zh-TW']}`,
      `${offsetDays} days before (${day}): ${states[state].en}`,
    ),
    at,
  });
  if (options.settledAt && options.settledAt <= dueFrom && !reminder?.sentAt)
    return notApplicable(fact('settled', options.settledAt));
  if (reminder?.sentAt && reminder.sentAt <= deadline) {
    const onTime = fact('sent', reminder.sentAt);
    const sent = { ...onTime, value: withChannel(onTime.value, reminder) };
    if (!reminder.readableSince) return met(sent);
    const read = (state: keyof typeof readStates, at: string | null): Evidence => ({
      label: localized('确认收到', '確認收到', 'Acknowledged'),
      value: readStates[state],
      at,
    });
    if (reminder.readAt && reminder.readAt <= deadline) return met(sent, read('read', reminder.readAt));
    if (options.now.toISOString() <= deadline) return pending(deadline, sent, read('unread', null));
    return missed(sent, read(reminder.readAt ? 'late' : 'unread', reminder.readAt));
  }
  if (!reminder && options.startedAt > startOfDay(day)) return notApplicable(fact('tooLate', null));
  if (options.now.toISOString() <= deadline)
    return pending(deadline, fact('waiting', reminder?.sendAt ?? null));
  return missed(fact(reminder?.sentAt ? 'late' : 'notSent', reminder?.sentAt ?? null));
}

const channelWords = {
  inapp: localized('站内通知', '站內通知', 'in-app'),
  sms: localized('短信', '簡訊', 'SMS'),
  email: localized('电子邮件', '電子郵件', 'e-mail'),
  wecom: localized('企业微信', '企業微信', 'WeCom'),
};

/** "sent on time (SMS)": the channel of the first delivery that went out. */
function withChannel(value: Evidence['value'], reminder: DealReminderFact): Evidence['value'] {
  if (!reminder.sentChannel || !value || typeof value === 'string') return value;
  const channel = channelWords[reminder.sentChannel];
  return localized(
    `${value['zh-CN']}(${channel['zh-CN']})`,
    `${value['zh-TW']}(${channel['zh-TW']})`,
    `${value.en} (${channel.en})`,
  );
}

const readStates = {
  read: localized('已读(当日内)', '已讀(當日內)', 'read by the day'),
  late: localized('逾期才读', '逾期才讀', 'read after the day'),
  unread: localized('未读', '未讀', 'not read'),
};

const states = {
  sent: localized('按时发出', '按時發出', 'sent on time'),
  late: localized('发出过迟', '發出過遲', 'sent late'),
  notSent: localized('未发出', '未發出', 'not sent'),
  waiting: localized('待发出', '待發出', 'not due yet'),
  settled: localized('此前已办妥,无需提醒', '此前已辦妥,無需提醒', 'settled before, not needed'),
  tooLate: localized(
    '进入此步骤时提醒日已过',
    '進入此步驟時提醒日已過',
    'the day had passed when this step began',
  ),
};
