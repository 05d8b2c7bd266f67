import { describe, expect, it } from 'vitest';
import {
  auditEntryLabel,
  documentLabel,
  paymentItemLabel,
  reminderLabel,
  reminderRecipient,
} from './deal-labels';
import type { PaymentItem, Reminder } from './deals.api';
import { dealsTranslatorFor } from './testing/translator';

type ItemName = Pick<PaymentItem, 'code' | 'instalmentNumber' | 'label'>;
const item = (
  code: PaymentItem['code'],
  label: string,
  instalmentNumber: number | null = null,
): ItemName => ({
  code,
  label,
  instalmentNumber,
});

const reminder = (
  kind: Reminder['kind'],
  daysBefore: number | null,
  title: string,
  recipientName = '陈志强',
): Pick<Reminder, 'kind' | 'daysBefore' | 'title' | 'recipientName'> => ({
  kind,
  recipientName,
  daysBefore,
  title,
});

describe('paymentItemLabel', () => {
  it('SA-14 names each kind of payment item in the reader’s language from its code', async () => {
    const en = await dealsTranslatorFor('en');
    const tw = await dealsTranslatorFor('zh-TW');
    const cn = await dealsTranslatorFor('zh-CN');
    expect(paymentItemLabel(item('down_payment', '首期款'), en)).toBe('Down payment');
    expect(paymentItemLabel(item('commercial_loan', '商业贷款'), en)).toBe('Commercial loan');
    expect(paymentItemLabel(item('provident_fund_loan', '公积金贷款'), en)).toBe('Provident-fund loan');
    expect(paymentItemLabel(item('lump_sum', '一次性付款'), en)).toBe('Payment in full');
    expect(paymentItemLabel(item('commercial_loan', '商业贷款'), tw)).toBe('商業貸款');
    expect(paymentItemLabel(item('provident_fund_loan', '公积金贷款'), tw)).toBe('公積金貸款');
    // 简体 reads exactly as the label the server stored.
    for (const [code, label] of [
      ['down_payment', '首期款'],
      ['commercial_loan', '商业贷款'],
      ['provident_fund_loan', '公积金贷款'],
      ['lump_sum', '一次性付款'],
    ] as const)
      expect(paymentItemLabel(item(code, label), cn)).toBe(label);
  });

  it('numbers instalments in English and keeps a name the consultant typed beside the number', async () => {
    const en = await dealsTranslatorFor('en');
    expect(paymentItemLabel(item('instalment', '首期', 1), en)).toBe('Instalment 1');
    expect(paymentItemLabel(item('instalment', '二期', 2), en)).toBe('Instalment 2');
    expect(paymentItemLabel(item('instalment', '第3期', 3), en)).toBe('Instalment 3');
    expect(paymentItemLabel(item('instalment', '交楼款', 3), en)).toBe('Instalment 3 (交楼款)');
    // Chinese readers see the name as typed.
    expect(paymentItemLabel(item('instalment', '交楼款', 3), await dealsTranslatorFor('zh-TW'))).toBe(
      '交楼款',
    );
    expect(paymentItemLabel(item('instalment', '二期', 2), await dealsTranslatorFor('zh-CN'))).toBe('二期');
  });

  it('shows the stored label of an item made before codes were kept', async () => {
    expect(paymentItemLabel(item(null, '尾款'), await dealsTranslatorFor('en'))).toBe('尾款');
  });
});

describe('reminderLabel', () => {
  it('SA-14 SA-16 words each reminder by its kind and days before, not the stored Chinese title', async () => {
    const en = await dealsTranslatorFor('en');
    expect(reminderLabel(reminder('down_payment_buyer', 5, '首期款提醒(提前 5 天)'), en)).toBe(
      'Down-payment reminder to the buyer (5 days before)',
    );
    expect(reminderLabel(reminder('mortgage_notice', 1, '按揭办理通知(提前 1 天)'), en)).toBe(
      'Mortgage appointment notice (1 day before)',
    );
    expect(reminderLabel(reminder('down_payment_overdue', null, '首期款逾期上报(如届时未付清)'), en)).toBe(
      'Overdue down payment reported (if still unpaid then)',
    );
    expect(
      reminderLabel(reminder('congratulation', null, '入伙祝贺'), await dealsTranslatorFor('zh-TW')),
    ).toBe('入夥祝賀');
  });

  it('reads in 简体 exactly as the titles the server stores', async () => {
    const cn = await dealsTranslatorFor('zh-CN');
    for (const [kind, days, title] of [
      ['down_payment_buyer', 5, '首期款提醒(提前 5 天)'],
      ['down_payment_consultant', 2, '首期款跟进任务(提前 2 天)'],
      ['down_payment_overdue', null, '首期款逾期上报(如届时未付清)'],
      ['mortgage_notice', 7, '按揭办理通知(提前 7 天)'],
      ['move_in_consultant', null, '陪同入伙任务'],
      ['move_in_customer', null, '入伙通知'],
      ['congratulation', null, '入伙祝贺'],
    ] as const)
      expect(reminderLabel(reminder(kind, days, title), cn)).toBe(title);
  });

  it('shows the stored title of a kind it does not know', async () => {
    expect(
      reminderLabel(
        reminder('something_new' as Reminder['kind'], null, '新提醒'),
        await dealsTranslatorFor('en'),
      ),
    ).toBe('新提醒');
  });

  it('names a role recipient in the reader’s language and a person as stored', async () => {
    const en = await dealsTranslatorFor('en');
    expect(reminderRecipient(reminder('down_payment_overdue', null, '', '项目经理'), en)).toBe(
      'Project manager',
    );
    expect(reminderRecipient(reminder('move_in_consultant', null, '', '置业顾问'), en)).toBe('Consultant');
    expect(reminderRecipient(reminder('down_payment_buyer', 5, ''), en)).toBe('陈志强');
  });
});

describe('documentLabel', () => {
  it('SA-15 words a mortgage document code per language and keeps typed text as typed', async () => {
    expect(documentLabel('income', await dealsTranslatorFor('en'))).toBe('Proof of income');
    expect(documentLabel('hukou', await dealsTranslatorFor('zh-TW'))).toBe('戶口名簿');
    expect(documentLabel('房产证复印件', await dealsTranslatorFor('en'))).toBe('房产证复印件');
  });
});

describe('a transaction file’s 操作记录 in words', () => {
  // Every entity type and literal action the deals server writes to the audit log (and the
  // outcomes a mortgage or a decision stores as its action), read from its sources.
  const sources = Object.entries(
    import.meta.glob<string>('../../../server/modules/deals/**/*.ts', {
      query: '?raw',
      import: 'default',
      eager: true,
    }),
  )
    .filter(([name]) => !name.endsWith('.test.ts'))
    .map(([, text]) => text)
    .join('\n');
  const written = (pattern: RegExp) => [...new Set([...sources.matchAll(pattern)].map((match) => match[1]))];
  const entityTypes = written(/entityType: '([a-z_]+)'/g);
  const actions = [
    ...written(/action: '([a-z_]+)'/g),
    ...written(/action: [^,\n]*\? '([a-z_]+)'/g),
    ...written(/action: [^,\n]*: '([a-z_]+)'/g),
    // decisions and mortgage outcomes, stored as the action
    ...['approve', 'return', 'reject', 'completed', 'failed', 'cancelled'],
  ];

  it('reads enough of the server to mean something', () => {
    expect(entityTypes).toEqual(expect.arrayContaining(['deal_plan', 'deal_agreement', 'deal_deposit']));
    expect(actions).toEqual(
      expect.arrayContaining(['create', 'collect', 'abandon', 'void_reject', 'reprint']),
    );
  });

  it.each(['zh-CN', 'zh-TW', 'en'] as const)(
    'names every entity and action the server writes, in %s, with no code left',
    (locale) => {
      for (const entityType of entityTypes)
        for (const action of actions) {
          const label = auditEntryLabel({ entityType, action }, locale);
          expect(label, `${entityType} ${action}`).not.toMatch(/[a-z]+_[a-z]+|deal|\b(create|collect)\b/);
          if (locale !== 'en') expect(label).not.toMatch(/[A-Za-z]/);
        }
    },
  );

  it('says "置业计划 · 新建" and "定金 · 收款" where the screen said "plan · create" and "deposit · collect"', () => {
    expect(auditEntryLabel({ entityType: 'deal_plan', action: 'create' }, 'zh-CN')).toBe('置业计划 · 新建');
    expect(auditEntryLabel({ entityType: 'deal_deposit', action: 'collect' }, 'zh-CN')).toBe('定金 · 收款');
    expect(auditEntryLabel({ entityType: 'deal_deposit', action: 'collect' }, 'en')).toBe(
      'Deposit · Collect',
    );
    expect(auditEntryLabel({ entityType: 'deal_agreement', action: 'abandon' }, 'zh-TW')).toBe(
      '認購書 · 放棄',
    );
    // The unit's history writes its action in words: shown as written; an unknown code never is.
    expect(auditEntryLabel({ entityType: 'unit', action: '认购' }, 'zh-CN')).toBe('房源 · 认购');
    expect(auditEntryLabel({ entityType: 'some_new_thing', action: 'someNewAction' }, 'zh-CN')).toBe(
      '记录 · 更新',
    );
  });
});
