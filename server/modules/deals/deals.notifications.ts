import { defineNotificationTemplates } from '../notify/index.js';

const t = (zhCN: [string, string], zhTW: [string, string], en: [string, string]) => ({
  'zh-CN': { title: zhCN[0], body: zhCN[1] },
  'zh-TW': { title: zhTW[0], body: zhTW[1] },
  en: { title: en[0], body: en[1] },
});

/** Every message the deals module sends (editable by administrators under 通知中心 → 模板). */
/** The buyer's mortgage notice and the consultant's copy of it (SA-16) say the same things. */
const mortgageParams = ['customerName', 'unit', 'bank', 'place', 'time', 'documents', 'daysBefore'];
const mortgageExample = {
  customerName: '陈先生',
  unit: '1栋-1201',
  bank: '建设银行',
  place: '售楼处二楼',
  time: '2026-12-22 10:00',
  documents: '身份证、户口本',
  daysBefore: 7,
};

export const dealTemplates = defineNotificationTemplates({
  'deals.planApprovalRequested': {
    label: { 'zh-CN': '方案优惠待审批', 'zh-TW': '方案優惠待審批', en: 'Plan discount awaiting approval' },
    params: ['consultant', 'unit', 'customer', 'discount'],
    rule: 'SA-9',
    example: { consultant: '张伟', unit: '1栋-1201', customer: '陈先生', discount: '3.5000' },
    text: t(
      [
        '方案优惠待审批',
        '{consultant} 为 {customer} 做的 {unit} 购房方案优惠 {discount}%,超出顾问权限,请审批。',
      ],
      [
        '方案優惠待審批',
        '{consultant} 為 {customer} 做的 {unit} 購房方案優惠 {discount}%,超出顧問權限,請審批。',
      ],
      [
        'Plan discount to approve',
        "{consultant}'s plan for {customer} on {unit} gives {discount}% off, above the consultant limit.",
      ],
    ),
  },
  'deals.depositConfirmRequested': {
    label: { 'zh-CN': '定金待销控复核', 'zh-TW': '定金待銷控複核', en: 'Deposit awaiting unit re-check' },
    params: ['consultant', 'unit', 'customer', 'amount'],
    rule: 'SA-12',
    example: { consultant: '张伟', unit: '1栋-1201', customer: '陈先生', amount: '50,000.00' },
    text: t(
      ['定金待复核', '{consultant} 申请为 {customer} 收取 {unit} 定金 {amount} 元,请复核房号并确认。'],
      ['定金待複核', '{consultant} 申請為 {customer} 收取 {unit} 定金 {amount} 元,請複核房號並確認。'],
      [
        'Deposit to confirm',
        '{consultant} asks to take a CNY {amount} deposit from {customer} for {unit}; re-check the unit and confirm.',
      ],
    ),
  },
  'deals.agreementSubmitted': {
    label: { 'zh-CN': '认购书待审核', 'zh-TW': '認購書待審核', en: 'Agreement awaiting review' },
    params: ['consultant', 'unit', 'form'],
    rule: 'SA-13',
    example: { consultant: '张伟', unit: '1栋-1201', form: 'RG000123' },
    text: t(
      ['认购书待审核', '{consultant} 提交了 {unit} 的认购书 {form},请审核。'],
      ['認購書待審核', '{consultant} 提交了 {unit} 的認購書 {form},請審核。'],
      ['Agreement to review', '{consultant} submitted agreement {form} for {unit}.'],
    ),
  },
  // One template per outcome: the outcome is part of each language's sentence, never a Chinese value
  // passed into an English or 繁體 text.
  'deals.agreementApproved': {
    label: { 'zh-CN': '认购书审核通过', 'zh-TW': '認購書審核通過', en: 'Agreement approved' },
    params: ['unit', 'form', 'comment'],
    rule: 'SA-13',
    example: { unit: '1栋-1201', form: 'RG000123', comment: '资料齐全' },
    text: t(
      ['认购书已通过', '{unit} 的认购书 {form} 已审核通过,房号已封贴,成交档案已建立。{comment}'],
      ['認購書已通過', '{unit} 的認購書 {form} 已審核通過,房號已封貼,成交檔案已建立。{comment}'],
      [
        'Agreement approved',
        'Agreement {form} for {unit} is approved: the unit is sealed and the transaction file is open. {comment}',
      ],
    ),
  },
  'deals.agreementReturned': {
    label: { 'zh-CN': '认购书被退回', 'zh-TW': '認購書被退回', en: 'Agreement returned' },
    params: ['unit', 'form', 'comment'],
    rule: 'SA-13',
    example: { unit: '1栋-1201', form: 'RG000123', comment: '买受人身份证复印件不清晰' },
    text: t(
      ['认购书已退回', '{unit} 的认购书 {form} 已被退回,请修改后重新提交。审核意见:{comment}'],
      ['認購書已退回', '{unit} 的認購書 {form} 已被退回,請修改後重新提交。審核意見:{comment}'],
      [
        'Agreement returned',
        "Agreement {form} for {unit} was returned; please correct it and submit it again. Reviewer's comment: {comment}",
      ],
    ),
  },
  'deals.downPaymentDue': {
    label: {
      'zh-CN': '首期款到期提醒(客户)',
      'zh-TW': '首期款到期提醒(客戶)',
      en: 'Down payment due (buyer)',
    },
    params: ['customerName', 'unit', 'amount', 'dueDate', 'daysBefore'],
    rule: 'SA-14',
    smsTemplateCode: 'SMS_DEALS_DOWN_PAYMENT',
    example: {
      customerName: '陈先生',
      unit: '1栋-1201',
      amount: '300,000.00',
      dueDate: '2026-12-20',
      daysBefore: 5,
    },
    text: t(
      [
        '首期款提醒',
        '{customerName}您好,您认购的 {unit} 首期款 {amount} 元将于 {dueDate} 到期(还有 {daysBefore} 天),请提前准备,并备好按揭资料。',
      ],
      [
        '首期款提醒',
        '{customerName}您好,您認購的 {unit} 首期款 {amount} 元將於 {dueDate} 到期(還有 {daysBefore} 天),請提前準備,並備好按揭資料。',
      ],
      [
        'Down payment reminder',
        'Dear {customerName}, the CNY {amount} down payment for {unit} is due on {dueDate} (in {daysBefore} days). Please also prepare your mortgage documents.',
      ],
    ),
  },
  'deals.downPaymentTask': {
    label: {
      'zh-CN': '首期款跟进任务(顾问)',
      'zh-TW': '首期款跟進任務(顧問)',
      en: 'Down payment follow-up (consultant)',
    },
    params: ['customerName', 'unit', 'amount', 'dueDate', 'daysBefore', 'documents'],
    rule: 'SA-14',
    example: {
      customerName: '陈先生',
      unit: '1栋-1201',
      amount: '300,000.00',
      dueDate: '2026-12-20',
      daysBefore: 5,
      documents: '身份证、户口本',
    },
    text: t(
      [
        '跟进首期款',
        '{customerName}({unit})首期款 {amount} 元 {dueDate} 到期，还有 {daysBefore} 天。请提醒客户付款并准备按揭资料：{documents}。',
      ],
      [
        '跟進首期款',
        '{customerName}({unit})首期款 {amount} 元 {dueDate} 到期，還有 {daysBefore} 天。請提醒客戶付款並準備按揭資料：{documents}。',
      ],
      [
        'Follow up the down payment',
        "{customerName}'s ({unit}) CNY {amount} down payment is due {dueDate}, in {daysBefore} days. Remind them and have them prepare: {documents}.",
      ],
    ),
  },
  'deals.downPaymentOverdue': {
    label: {
      'zh-CN': '首期款逾期(项目经理)',
      'zh-TW': '首期款逾期(項目經理)',
      en: 'Down payment missed (manager)',
    },
    params: ['customerName', 'unit', 'amount', 'dueDate', 'consultant'],
    rule: 'SA-14',
    example: {
      customerName: '陈先生',
      unit: '1栋-1201',
      amount: '300,000.00',
      dueDate: '2026-12-20',
      consultant: '张伟',
    },
    text: t(
      [
        '首期款未按时缴纳',
        '{customerName}({unit},顾问 {consultant})的首期款 {amount} 元应于 {dueDate} 缴纳,至今未付清。',
      ],
      [
        '首期款未按時繳納',
        '{customerName}({unit},顧問 {consultant})的首期款 {amount} 元應於 {dueDate} 繳納,至今未付清。',
      ],
      [
        'Down payment not paid',
        "{customerName}'s ({unit}, consultant {consultant}) CNY {amount} down payment was due on {dueDate} and is not paid.",
      ],
    ),
  },
  'deals.mortgageNotice': {
    label: {
      'zh-CN': '按揭办理通知(客户)',
      'zh-TW': '按揭辦理通知(客戶)',
      en: 'Mortgage appointment notice (buyer)',
    },
    params: mortgageParams,
    rule: 'SA-16',
    smsTemplateCode: 'SMS_DEALS_MORTGAGE',
    example: mortgageExample,
    text: t(
      [
        '按揭办理通知',
        '{customerName}您好,{unit} 按揭将于 {time} 在 {place} 与{bank}办理(还有 {daysBefore} 天),请携带:{documents}。',
      ],
      [
        '按揭辦理通知',
        '{customerName}您好,{unit} 按揭將於 {time} 在 {place} 與{bank}辦理(還有 {daysBefore} 天),請攜帶:{documents}。',
      ],
      [
        'Mortgage appointment',
        'Dear {customerName}, your mortgage for {unit} with {bank} is at {time}, {place} (in {daysBefore} days). Please bring: {documents}.',
      ],
    ),
  },
  'deals.mortgageTask': {
    label: {
      'zh-CN': '按揭办理跟进(顾问)',
      'zh-TW': '按揭辦理跟進(顧問)',
      en: 'Mortgage appointment follow-up (consultant)',
    },
    params: mortgageParams,
    rule: 'SA-16',
    example: mortgageExample,
    text: t(
      [
        '跟进按揭办理',
        '{customerName}({unit})将于 {time} 在 {place} 与{bank}办理按揭,还有 {daysBefore} 天。客户已收到通知,请确认其备齐:{documents}。',
      ],
      [
        '跟進按揭辦理',
        '{customerName}({unit})將於 {time} 在 {place} 與{bank}辦理按揭,還有 {daysBefore} 天。客戶已收到通知,請確認其備齊:{documents}。',
      ],
      [
        'Follow up the mortgage appointment',
        "{customerName}'s ({unit}) mortgage appointment with {bank} is at {time}, {place}, in {daysBefore} days. The buyer has been notified; make sure they bring: {documents}.",
      ],
    ),
  },
  'deals.moveInTask': {
    label: {
      'zh-CN': '入伙陪同任务(顾问)',
      'zh-TW': '入夥陪同任務(顧問)',
      en: 'Move-in accompaniment (consultant)',
    },
    params: ['customerName', 'unit', 'time', 'place', 'propertyContact'],
    rule: 'SA-17',
    example: {
      customerName: '陈先生',
      unit: '1栋-1201',
      time: '2027-06-01 09:30',
      place: '物业服务中心',
      propertyContact: '物业前台 0755-88880000',
    },
    text: t(
      [
        '陪同业主入伙',
        '{customerName}({unit})将于 {time} 在 {place} 办理入伙,请主动陪同前往物业。物业联系人:{propertyContact}。',
      ],
      [
        '陪同業主入夥',
        '{customerName}({unit})將於 {time} 在 {place} 辦理入夥,請主動陪同前往物業。物業聯絡人:{propertyContact}。',
      ],
      [
        'Accompany the owner',
        '{customerName} ({unit}) moves in at {time}, {place}; please accompany them to the property office ({propertyContact}).',
      ],
    ),
  },
  'deals.moveInNotice': {
    label: { 'zh-CN': '入伙通知(客户)', 'zh-TW': '入夥通知(客戶)', en: 'Move-in notice (buyer)' },
    params: ['customerName', 'unit', 'time', 'place', 'propertyContact'],
    rule: 'SA-17',
    smsTemplateCode: 'SMS_DEALS_MOVE_IN',
    example: {
      customerName: '陈先生',
      unit: '1栋-1201',
      time: '2027-06-01 09:30',
      place: '物业服务中心',
      propertyContact: '物业前台 0755-88880000',
    },
    text: t(
      [
        '入伙通知',
        '{customerName}您好,{unit} 入伙手续定于 {time} 在 {place} 办理,物业联系人:{propertyContact}。',
      ],
      [
        '入夥通知',
        '{customerName}您好,{unit} 入夥手續定於 {time} 在 {place} 辦理,物業聯絡人:{propertyContact}。',
      ],
      [
        'Move-in',
        'Dear {customerName}, the handover of {unit} is at {time}, {place}. Property office: {propertyContact}.',
      ],
    ),
  },
  'deals.congratulation': {
    label: {
      'zh-CN': '入伙祝贺(客户)',
      'zh-TW': '入夥祝賀(客戶)',
      en: 'Congratulations on moving in (buyer)',
    },
    params: ['customerName', 'message'],
    rule: 'SA-17',
    smsTemplateCode: 'SMS_DEALS_CONGRATS',
    example: { customerName: '陈先生', message: '恭喜乔迁新居,阖家幸福!' },
    text: t(
      ['乔迁之喜', '{customerName}您好,{message}'],
      ['喬遷之喜', '{customerName}您好,{message}'],
      ['Congratulations', 'Dear {customerName}, {message}'],
    ),
  },
});
