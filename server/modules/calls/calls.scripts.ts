import type { Locale } from '../../../contracts/locales.js';
import type { DeskKind } from '../org/index.js';
import type { ScriptSituation } from './calls.tables.js';

/** `manner` (SEC-8) is a standing reminder to the agent, not words to say; it leads the list. */
export const scriptSituations: readonly ScriptSituation[] = [
  'manner',
  'greeting',
  'transfer',
  'fetch_person',
  'not_at_seat',
  'unknown_person',
  'leader_verification',
  'emergency',
  'closing',
  'hold_apology',
];

/** The rule each situation serves, shown beside the phrase in the script panel. */
export const situationRules: Record<ScriptSituation, { serviceCentre: string; securityPost: string }> = {
  manner: { serviceCentre: 'SEC-8', securityPost: 'SEC-8' },
  greeting: { serviceCentre: 'CS-1', securityPost: 'SEC-2' },
  transfer: { serviceCentre: 'CS-2', securityPost: 'CS-2' },
  fetch_person: { serviceCentre: 'CS-2', securityPost: 'CS-2' },
  not_at_seat: { serviceCentre: 'CS-3', securityPost: 'CS-3' },
  unknown_person: { serviceCentre: 'CS-4', securityPost: 'CS-4' },
  leader_verification: { serviceCentre: 'SEC-4', securityPost: 'SEC-4' },
  emergency: { serviceCentre: 'SEC-5', securityPost: 'SEC-5' },
  closing: { serviceCentre: 'SEC-6', securityPost: 'SEC-6' },
  hold_apology: { serviceCentre: 'SEC-7', securityPost: 'SEC-7' },
};

/** What {person} reads as before the agent has chosen the person sought: the document's own words. */
export const personFallback: Record<Locale, string> = {
  'zh-CN': '他(她)',
  'zh-TW': '他(她)',
  en: 'him or her',
};

type Phrases = Record<ScriptSituation, string[]>;

/**
 * The standard phrases (CS-0). Simplified Chinese is DOMAIN.md's wording, the traditional text is
 * the source document's, each wholly in its own script (DOMAIN.md quotes CS-4 with the source's
 * 樓門的嗎, which is 楼门的吗 in 简体) and with Chinese punctuation; only the blanks became
 * placeholders: xx → {company},
 * 物业部办公室或××卡口 → {desk}, 他(她) → {person}. The document gives no words for the
 * emergency prompt and the hold apology (SEC-5, SEC-7 only say what to do); those two are ours,
 * as is the wording of the SEC-8 reminder (calm, even tone; do not interrupt; courteous).
 */
const shared: Record<Locale, Omit<Phrases, 'greeting'>> = {
  'zh-CN': {
    manner: ['语气平和、语调平稳；不打断对方讲话；礼貌待人。'],
    transfer: ['请稍候，我将电话转接给{person}'],
    fetch_person: ['请稍候，我去叫{person}'],
    not_at_seat: ['对不起！{person}不在座位上，您是否需要留言或传话(视情况可告诉手机号码)'],
    unknown_person: ['对不起！您能说出{person}是哪个楼门的吗？', '对不起，请稍候，我帮您问一下。'],
    leader_verification: ['请问您是哪位领导？'],
    emergency: ['请告诉我您的姓名、身份(业主/租户/访客)、住址和联系电话，并简要说一下发生了什么。'],
    closing: ['谢谢您', '不客气', '这是我们应该做的'],
    hold_apology: ['对不起，另一部电话正在响，请您稍候，我马上回来。'],
  },
  'zh-TW': {
    manner: ['語氣平和、語調平穩；不打斷對方講話；禮貌待人。'],
    transfer: ['請稍候，我將電話轉接給{person}'],
    fetch_person: ['請稍候，我去叫{person}'],
    not_at_seat: ['對不起！{person}不在座位上，您是否需要留言或傳話(視情況可告訴手機號碼)'],
    unknown_person: ['對不起！您能說出{person}是哪個樓門的嗎？', '對不起，請稍候，我幫您問一下。'],
    leader_verification: ['請問您是哪位領導？'],
    emergency: ['請告訴我您的姓名、身份(業主/租戶/訪客)、住址和聯繫電話，並簡要說一下發生了什麼。'],
    closing: ['謝謝您', '不客氣', '這是我們應該做的'],
    hold_apology: ['對不起，另一部電話正在響，請您稍候，我馬上回來。'],
  },
  en: {
    manner: ['Keep a calm, even tone; do not interrupt the caller; be courteous.'],
    transfer: ['One moment please, I will put you through to {person}.'],
    fetch_person: ['One moment please, I will go and fetch {person}.'],
    not_at_seat: [
      'I am sorry, {person} is not at their desk. Would you like to leave a message or have one passed on?',
    ],
    unknown_person: [
      'I am sorry, could you tell me which building and door {person} is in?',
      'I am sorry, one moment please, let me ask for you.',
    ],
    leader_verification: ['May I ask which manager is calling?'],
    emergency: [
      'Please tell me your name, whether you are an owner, tenant or visitor, your address and phone number, and briefly what has happened.',
    ],
    closing: ['Thank you.', 'You are welcome.', 'It is our pleasure.'],
    hold_apology: ['I am sorry, another line is ringing; please hold and I will be right back.'],
  },
};

const greetings: Record<'service_centre' | 'security_post', Record<Locale, string[]>> = {
  service_centre: {
    'zh-CN': ['您好！{company}物业客户服务中心，您请讲。', '您好！{company}物业客户服务中心，请讲。'],
    'zh-TW': ['您好！{company}物業客戶服務中心，您請講。', '您好！{company}物業客戶服務中心，請講。'],
    en: ['Hello, {company} Property Customer Service Centre, please go ahead.'],
  },
  security_post: {
    'zh-CN': ['您好，这里是{desk}，我可以怎样帮助您？'],
    'zh-TW': ['您好，這裡是{desk}，我可以怎樣幫助您？'],
    en: ['Hello, this is {desk}. How may I help you?'],
  },
};

/** The phrases a desk starts with (version 0, before an administrator edits them). */
export function defaultPhrases(deskKind: DeskKind, locale: Locale, situation: ScriptSituation): string[] {
  if (situation === 'greeting')
    return greetings[deskKind === 'security_post' ? 'security_post' : 'service_centre'][locale];
  return shared[locale][situation];
}
