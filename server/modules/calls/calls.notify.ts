import type { Db, Tx } from '../../platform/db/database.js';
import {
  cancelEscalation,
  defineNotificationTemplates,
  notify,
  registerEscalationCheck,
  scheduleEscalation,
} from '../notify/index.js';

// How the call desk tells people things: through the notify module (in-app bell plus the
// channels each person chose), with the CS-3 escalation as notify's "if not handled by T".

export const callTemplates = defineNotificationTemplates({
  'calls.message': {
    label: { 'zh-CN': '留言', 'zh-TW': '留言', en: 'Message' },
    params: ['callerName', 'callbackNumber', 'content'],
    rule: 'CS-3',
    example: { callerName: '王先生', callbackNumber: '139 1234 5678', content: '厨房漏水,请回电' },
    text: {
      'zh-CN': { title: '留言:{callerName}', body: '{callerName}({callbackNumber}):{content}' },
      'zh-TW': { title: '留言:{callerName}', body: '{callerName}({callbackNumber}):{content}' },
      en: { title: 'Message from {callerName}', body: '{callerName} ({callbackNumber}): {content}' },
    },
  },
  'calls.passOn': {
    label: { 'zh-CN': '传话', 'zh-TW': '傳話', en: 'Pass-on' },
    params: ['callerName', 'callbackNumber', 'content'],
    rule: 'CS-3',
    example: { callerName: '李女士', callbackNumber: '0755 2345 6789', content: '明早来取钥匙' },
    text: {
      'zh-CN': { title: '传话:{callerName}', body: '{callerName}({callbackNumber})请转告:{content}' },
      'zh-TW': { title: '傳話:{callerName}', body: '{callerName}({callbackNumber})請轉告:{content}' },
      en: {
        title: 'Pass-on from {callerName}',
        body: '{callerName} ({callbackNumber}) asks to pass on: {content}',
      },
    },
  },
  'calls.messageOverdue': {
    label: { 'zh-CN': '留言超时未处理', 'zh-TW': '留言逾時未處理', en: 'Message not handled in time' },
    params: ['recipientName', 'callerName', 'content', 'dueAt'],
    rule: 'CS-3',
    example: {
      recipientName: '单志强',
      callerName: '王先生',
      content: '厨房漏水,请回电',
      dueAt: '2026-11-27 10:30',
    },
    text: {
      'zh-CN': {
        title: '{recipientName} 的留言超时未处理',
        body: '{callerName}:{content}(应于 {dueAt} 前处理)',
      },
      'zh-TW': {
        title: '{recipientName} 的留言逾時未處理',
        body: '{callerName}:{content}(應於 {dueAt} 前處理)',
      },
      en: {
        title: 'A message for {recipientName} is overdue',
        body: '{callerName}: {content} (due {dueAt})',
      },
    },
  },
  'calls.emergency': {
    label: { 'zh-CN': '紧急来电', 'zh-TW': '緊急來電', en: 'Emergency call' },
    params: ['deskName', 'callerName', 'address', 'phone', 'account'],
    rule: 'SEC-5',
    example: {
      deskName: '东门卡口',
      callerName: '赵女士',
      address: '3栋1单元1502',
      phone: '136 2222 3333',
      account: '楼道有烟味',
    },
    text: {
      'zh-CN': { title: '紧急事件:{deskName}', body: '{callerName}({phone}),{address}:{account}' },
      'zh-TW': { title: '緊急事件:{deskName}', body: '{callerName}({phone}),{address}:{account}' },
      en: { title: 'Emergency at {deskName}', body: '{callerName} ({phone}), {address}: {account}' },
    },
  },
  'calls.leaderCall': {
    label: { 'zh-CN': '领导来电上报', 'zh-TW': '領導來電上報', en: 'Call from a manager' },
    params: ['claimed', 'identified', 'callbackNumber', 'request'],
    rule: 'SEC-4',
    example: {
      claimed: '陈总经理',
      identified: '未核实',
      callbackNumber: '137 1111 2222',
      request: '今晚两辆车放行',
    },
    text: {
      'zh-CN': { title: '领导来电:{claimed}({identified})', body: '回电 {callbackNumber}:{request}' },
      'zh-TW': { title: '領導來電:{claimed}({identified})', body: '回電 {callbackNumber}:{request}' },
      en: { title: 'Call from {claimed} ({identified})', body: 'Call back {callbackNumber}: {request}' },
    },
  },
});

export type CallTemplate = keyof typeof callTemplates;

export async function notifyStaff(
  trx: Tx,
  options: {
    staffIds: string[];
    event: CallTemplate;
    params: Record<string, string>;
    projectId: string;
    link: string;
    dedupeKey: string;
    now: Date;
  },
): Promise<void> {
  if (options.staffIds.length === 0) return;
  await notify(trx, {
    event: options.event,
    projectId: options.projectId,
    recipients: options.staffIds.map((staffId) => ({ kind: 'staff' as const, staffId })),
    params: options.params,
    link: options.link,
    dedupeKey: options.dedupeKey,
    now: options.now,
  });
}

const escalationKey = (messageId: string) => `calls.message:${messageId}`;

export async function scheduleMessageEscalation(
  trx: Tx,
  options: {
    messageId: string;
    headStaffId: string;
    projectId: string;
    dueAt: Date;
    params: Record<string, string>;
    now: Date;
  },
): Promise<void> {
  await scheduleEscalation(trx, {
    key: escalationKey(options.messageId),
    dueAt: options.dueAt,
    check: 'calls.message',
    notifyStaffIds: [options.headStaffId],
    event: 'calls.messageOverdue',
    params: options.params,
    projectId: options.projectId,
    link: '/calls/messages',
    now: options.now,
  });
}

export async function cancelMessageEscalation(trx: Tx, messageId: string, now: Date): Promise<void> {
  await cancelEscalation(trx, escalationKey(messageId), now);
}

/**
 * Registered once at start-up: when a message's time is up, notify asks whether it is still
 * unhandled; the answer also records the escalation on the message (idempotently).
 */
export function registerCallEscalation(escalate: (db: Db, messageId: string) => Promise<boolean>): void {
  registerEscalationCheck('calls.message', async (db, key) =>
    escalate(db, key.slice('calls.message:'.length)),
  );
}
