import type { Locale, Localized } from '../../../contracts/locales.js';
import { locales } from '../../../contracts/locales.js';

export interface TemplateText {
  /** Subject / inbox title; `{placeholder}`s allowed. */
  title: string;
  /** Body for in-app, email, WeCom and the SMS log; `{placeholder}`s allowed. */
  body: string;
}

export interface NotificationTemplateDefinition {
  /** Shown in the admin template list. */
  label: Localized;
  /** Placeholders every caller must give (in `params`). */
  params: readonly string[];
  /**
   * Placeholders whose values are secrets (a one-time sign-in code): stored only encrypted, bound
   * to their notification, decrypted when the message is handed to the provider; everything kept
   * or shown for people (params, the delivery log, inbox, preview, audit) carries `secretMask`.
   */
  secretParams?: readonly string[];
  /** The DOMAIN rule the reminder serves (the on-time report groups by it), e.g. 'SA-14'. */
  rule?: string;
  /** Code of the template approved at the SMS gateway (SMS carries template code + params, not text). */
  smsTemplateCode?: string;
  /** Example values for the preview. */
  example: Record<string, string | number>;
  text: Record<Locale, TemplateText>;
}

/** What a secret parameter's value shows wherever people can read it. */
export const secretMask = '••••••';

const registry = new Map<string, NotificationTemplateDefinition>();
const placeholderPattern = /\{(\w+)\}/g;

export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(placeholderPattern)].map((match) => match[1]))];
}

/**
 * Declares notification templates (event → texts in zh-CN, zh-TW, en). Call it at the top level of
 * your module's `<m>.notifications.ts` and import that file from your module's index.ts, so the
 * templates exist whenever your module is loaded. Throws at start-up on an inconsistent template.
 */
export function defineNotificationTemplates<const T extends Record<string, NotificationTemplateDefinition>>(
  definitions: T,
): T {
  for (const [event, definition] of Object.entries(definitions)) {
    if (!/^[a-z][\w.-]{2,80}$/.test(event))
      throw new Error(`Notification event name "${event}" must be lower-case dotted`);
    const existing = registry.get(event);
    if (existing && existing !== definition) throw new Error(`Notification event ${event} is defined twice`);
    for (const locale of locales) {
      const text = definition.text[locale];
      if (!text?.title || !text.body)
        throw new Error(`Notification ${event}: ${locale} title and body are required`);
      for (const name of [...placeholdersOf(text.title), ...placeholdersOf(text.body)])
        if (!definition.params.includes(name))
          throw new Error(`Notification ${event} (${locale}) uses undeclared placeholder {${name}}`);
    }
    for (const name of definition.secretParams ?? [])
      if (!definition.params.includes(name))
        throw new Error(`Notification ${event}: secret parameter {${name}} is not one of its params`);
    for (const name of definition.params)
      if (!(name in definition.example))
        throw new Error(`Notification ${event}: example value for {${name}} missing`);
    registry.set(event, definition);
  }
  return definitions;
}

export function findTemplateDefinition(event: string): NotificationTemplateDefinition | undefined {
  return registry.get(event);
}

export function allTemplateDefinitions(): Array<[string, NotificationTemplateDefinition]> {
  return [...registry.entries()].sort(([a], [b]) => a.localeCompare(b));
}

// The notify module's own events.
export const notifyTemplates = defineNotificationTemplates({
  'notify.test': {
    label: { 'zh-CN': '通道测试消息', 'zh-TW': '通道測試訊息', en: 'Channel test message' },
    params: ['senderName'],
    example: { senderName: '王经理' },
    smsTemplateCode: 'SMS_TEST',
    text: {
      'zh-CN': { title: '迎客通知测试', body: '这是{senderName}发送的测试消息,收到即表示通道配置正确。' },
      'zh-TW': { title: '迎客通知測試', body: '這是{senderName}發送的測試訊息,收到即表示通道設定正確。' },
      en: {
        title: 'Yingke notification test',
        body: 'A test message from {senderName}: if you read this, the channel works.',
      },
    },
  },
  'notify.escalation': {
    label: { 'zh-CN': '未按时处理升级', 'zh-TW': '未按時處理升級', en: 'Not handled in time' },
    params: ['subject', 'dueAt'],
    example: { subject: '留言 #1024', dueAt: '2026-11-27 10:30' },
    text: {
      'zh-CN': { title: '待办超时:{subject}', body: '{subject}应于{dueAt}前处理,目前仍未处理,请跟进。' },
      'zh-TW': { title: '待辦逾時:{subject}', body: '{subject}應於{dueAt}前處理,目前仍未處理,請跟進。' },
      en: {
        title: 'Overdue: {subject}',
        body: '{subject} should have been handled by {dueAt} and is still open; please follow up.',
      },
    },
  },
});
