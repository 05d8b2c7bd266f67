import { defineNotificationTemplates } from '../notify/index.js';

/** The messages the online opening sends (editable by administrators under 通知中心 → 模板). */
export const openingTemplates = defineNotificationTemplates({
  'opening.signInCode': {
    label: {
      'zh-CN': '线上开盘登录验证码',
      'zh-TW': '線上開盤登入驗證碼',
      en: 'Online opening sign-in code',
    },
    params: ['code', 'minutes', 'event'],
    // The code signs the buyer in: encrypted until sent, masked in the delivery log and everywhere else.
    secretParams: ['code'],
    rule: 'OPEN',
    smsTemplateCode: 'SMS_OPENING_CODE',
    example: { code: '123456', minutes: 5, event: '翠湖花园首开' },
    text: {
      'zh-CN': {
        title: '登录验证码',
        body: '您参加“{event}”线上开盘的登录验证码为 {code},{minutes} 分钟内有效,请勿告诉他人。',
      },
      'zh-TW': {
        title: '登入驗證碼',
        body: '您參加「{event}」線上開盤的登入驗證碼為 {code},{minutes} 分鐘內有效,請勿告訴他人。',
      },
      en: {
        title: 'Sign-in code',
        body: 'Your sign-in code for the online opening "{event}" is {code}, valid for {minutes} minutes. Do not share it.',
      },
    },
  },
});
