import type { Localized } from './locales.js';

/**
 * PRIV: what a PIPL erasure does to each category of a customer's data, and on what basis.
 * PIPL art. 47 makes deletion the rule; where a law sets a retention period, the data is kept and
 * only stored (no other processing). The erasure result lists every category with its outcome and
 * counts, so the person (and the reviewer) can see what went and what stayed, and why.
 */
export type ErasureOutcome = 'erased' | 'anonymised' | 'kept';

export interface ErasureRule {
  outcome: ErasureOutcome;
  label: Localized;
  basis: Localized;
}

const pipl47: Localized = {
  'zh-CN': '《个人信息保护法》第四十七条:个人撤回同意或要求删除',
  'zh-TW': '《個人信息保護法》第四十七條:個人撤回同意或要求刪除',
  en: 'PIPL art. 47: the person asked for deletion',
};

export const erasureRules = {
  profile: {
    outcome: 'erased',
    label: {
      'zh-CN': '客户资料(姓名、性别、意向、备注)',
      'zh-TW': '客戶資料(姓名、性別、意向、備註)',
      en: 'Profile (name, gender, intent, notes)',
    },
    basis: pipl47,
  },
  phones: {
    outcome: 'erased',
    label: { 'zh-CN': '电话号码', 'zh-TW': '電話號碼', en: 'Phone numbers' },
    basis: pipl47,
  },
  consent: {
    outcome: 'erased',
    label: { 'zh-CN': '联系与营销授权', 'zh-TW': '聯繫與行銷授權', en: 'Contact and marketing consent' },
    basis: pipl47,
  },
  timeline: {
    outcome: 'anonymised',
    label: { 'zh-CN': '客户动态', 'zh-TW': '客戶動態', en: 'Timeline' },
    basis: {
      'zh-CN': '记录的时间与经办人保留(业务台账),内容删除',
      'zh-TW': '記錄的時間與經辦人保留(業務台帳),內容刪除',
      en: 'When and by whom stays (business ledger); the content goes',
    },
  },
  followUps: {
    outcome: 'anonymised',
    label: { 'zh-CN': '回访记录', 'zh-TW': '回訪記錄', en: 'Follow-ups' },
    basis: pipl47,
  },
  callsAndVisits: {
    outcome: 'anonymised',
    label: { 'zh-CN': '来电与来访记录', 'zh-TW': '來電與來訪記錄', en: 'Calls and visits' },
    basis: {
      'zh-CN': '来电、来访次数计入统计(SA-1、SA-10),姓名、号码与内容删除',
      'zh-TW': '來電、來訪次數計入統計(SA-1、SA-10),姓名、號碼與內容刪除',
      en: 'Counted in the daily statistics (SA-1, SA-10); name, number and words go',
    },
  },
  draftDeals: {
    outcome: 'anonymised',
    label: {
      'zh-CN': '未成交的购房方案、临订、认购书',
      'zh-TW': '未成交的購房方案、臨訂、認購書',
      en: 'Plans, deposits and agreements that never became a deal',
    },
    basis: pipl47,
  },
  idCopies: {
    outcome: 'erased',
    label: {
      'zh-CN': '未成交认购书的身份证复印件、公证委托书',
      'zh-TW': '未成交認購書的身分證影本、公證委託書',
      en: 'ID copies and notarised authorisations of agreements that never became a deal',
    },
    basis: {
      'zh-CN': '敏感个人信息(《个人信息保护法》第二十八条),无保存依据',
      'zh-TW': '敏感個人信息(《個人信息保護法》第二十八條),無保存依據',
      en: 'Sensitive personal information (PIPL art. 28) with no basis to keep it',
    },
  },
  receipts: {
    outcome: 'kept',
    label: { 'zh-CN': '收据与收款记录', 'zh-TW': '收據與收款記錄', en: 'Receipts and payments' },
    basis: {
      'zh-CN': '会计凭证:《会计档案管理办法》保管30年',
      'zh-TW': '會計憑證:《會計檔案管理辦法》保管30年',
      en: 'Accounting vouchers: kept 30 years (会计档案管理办法)',
    },
  },
  dealRecords: {
    outcome: 'kept',
    label: {
      'zh-CN': '已审核的认购书、成交档案及其方案与定金',
      'zh-TW': '已審核的認購書、成交檔案及其方案與定金',
      en: 'Approved subscription agreements, transaction files and their plans and deposits',
    },
    basis: {
      'zh-CN': '合同履行所必需(《个人信息保护法》第十三条),并为会计档案保管30年',
      'zh-TW': '合同履行所必需(《個人信息保護法》第十三條),並為會計檔案保管30年',
      en: 'Needed to perform the contract (PIPL art. 13) and kept 30 years as accounting records',
    },
  },
  dealIdNumbers: {
    outcome: 'kept',
    label: {
      'zh-CN': '成交档案中的身份证号',
      'zh-TW': '成交檔案中的身分證號',
      en: 'ID numbers in deal records',
    },
    basis: {
      'zh-CN': '合同存续期间加密保存(网签备案、按揭、产权登记需要)',
      'zh-TW': '合同存續期間加密保存(網簽備案、按揭、產權登記需要)',
      en: 'Kept encrypted while the contract runs (registration, mortgage, title)',
    },
  },
  customerReminders: {
    outcome: 'anonymised',
    label: {
      'zh-CN': '发给客户的成交提醒',
      'zh-TW': '發給客戶的成交提醒',
      en: 'Deal reminders to the customer',
    },
    basis: {
      'zh-CN': '客户要求删除后不再联系;提醒取消,内容删除',
      'zh-TW': '客戶要求刪除後不再聯繫;提醒取消,內容刪除',
      en: 'The person is no longer written to; reminders cancelled, their text removed',
    },
  },
  accessLog: {
    outcome: 'kept',
    label: {
      'zh-CN': '个人信息访问记录与审计日志',
      'zh-TW': '個人資訊訪問記錄與審計日誌',
      en: 'Personal-data access log and audit log',
    },
    basis: {
      'zh-CN': '处理活动记录(《个人信息保护法》第五十四、五十五条),只含客户编号,不含姓名号码',
      'zh-TW': '處理活動記錄(《個人信息保護法》第五十四、五十五條),只含客戶編號,不含姓名號碼',
      en: 'Record of processing (PIPL art. 54, 55); holds the customer id only, no name or number',
    },
  },
} as const satisfies Record<string, ErasureRule>;

export type ErasureCategory = keyof typeof erasureRules;

/** One line of an erasure's answer: how many records of the category were erased, anonymised or kept. */
export interface ErasureLine {
  category: ErasureCategory;
  outcome: ErasureOutcome;
  count: number;
}

/** Why a full phone or ID number was revealed; 'other' needs the free text. */
export const revealReasons = [
  'callback',
  'deal_paperwork',
  'customer_request',
  'verification',
  'other',
] as const;
export type RevealReason = (typeof revealReasons)[number];

export const revealReasonLabels: Record<RevealReason, Localized> = {
  callback: { 'zh-CN': '回电 / 回访客户', 'zh-TW': '回電 / 回訪客戶', en: 'Calling the customer back' },
  deal_paperwork: {
    'zh-CN': '办理认购、签约或按揭手续',
    'zh-TW': '辦理認購、簽約或按揭手續',
    en: 'Deal paperwork (subscription, contract, mortgage)',
  },
  customer_request: { 'zh-CN': '客户本人要求', 'zh-TW': '客戶本人要求', en: 'The customer asked' },
  verification: { 'zh-CN': '核实身份或号码', 'zh-TW': '核實身分或號碼', en: 'Verifying identity or number' },
  other: { 'zh-CN': '其他', 'zh-TW': '其他', en: 'Other' },
};

export const personalDataKinds = ['phone', 'id_number'] as const;
export type PersonalDataKind = (typeof personalDataKinds)[number];

/** One line of the personal-data access log, as the DPO's screen lists it. */
export interface AccessLogItem {
  id: string;
  at: string;
  projectId: string;
  staffId: string;
  staffName: string;
  customerId: string;
  customerName: string;
  isCustomerErased: boolean;
  kind: PersonalDataKind;
  reasonCode: RevealReason;
  reasonText: string;
}

export interface ErasureResult {
  lines: ErasureLine[];
}
