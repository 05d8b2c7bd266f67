/**
 * The crawl's text detectors (e2e/crawl.ts): what a user reading a page would trip over in its words.
 * Pure functions on strings, proven by crawl-text.test.ts.
 */

/**
 * Common Simplified ↔ Traditional pairs, one entry each, where neither character is used in the
 * other script's ordinary text (no 后/後, 台/臺, 干/乾, 里/裡, 系/係, 准/準, 范/範 … whose
 * "simplified" form is also a Traditional word). Enough to catch a phrase typed in the wrong script.
 */
export const scriptPairs: ReadonlyArray<readonly [simplified: string, traditional: string]> = pairsOf(
  '们这个来时为说对会发国过还进动关开门问间业务员电话号码认购书户楼单价费账项经销顾财访录记请输确设统计报数据无资选择删编辑态状审吗华园约马东车气让应样处实现产种总条询导联网络线际权览载转换级签额贷银预见场区积层栋邮语简体历钟挂断',
  '們這個來時為說對會發國過還進動關開門問間業務員電話號碼認購書戶樓單價費賬項經銷顧財訪錄記請輸確設統計報數據無資選擇刪編輯態狀審嗎華園約馬東車氣讓應樣處實現產種總條詢導聯網絡線際權覽載轉換級簽額貸銀預見場區積層棟郵語簡體歷鐘掛斷',
);

function pairsOf(simplified: string, traditional: string): Array<readonly [string, string]> {
  const left = [...simplified];
  const right = [...traditional];
  if (left.length !== right.length) throw new Error('scriptPairs: the two rows differ in length');
  return left.map((character, index) => [character, right[index]] as const);
}

const traditionalOnly = new Set(scriptPairs.map(([, traditional]) => traditional));
const simplifiedOnly = new Set(scriptPairs.map(([simplified]) => simplified));

/** A language's own name, as a language picker writes it whatever the page's language. */
const languageSelfNames = /简体中文|繁體中文/g;

/** Characters of the other script in a text meant to be in `script`, each once, in order of appearance. */
export function wrongScriptCharacters(text: string, script: 'simplified' | 'traditional'): string[] {
  const wrong = script === 'simplified' ? traditionalOnly : simplifiedOnly;
  const found: string[] = [];
  for (const character of text.replace(languageSelfNames, ''))
    if (wrong.has(character) && !found.includes(character)) found.push(character);
  return found;
}

/**
 * Latin words that may stand in Chinese text: formats, products, brands and standard abbreviations.
 * Reviewed: add a word only when a user would write it that way in a Chinese sentence too.
 */
export const latinAllowList: ReadonlySet<string> = new Set([
  'Yingke',
  'Excel',
  'WeCom',
  'App',
  'English',
  // the SMS vendor's and WeCom's own field names, as their consoles show them
  'AccessKey',
  'Secret',
  'Webhook',
  'xlsx',
  'csv',
  // the pinyin-initials example of the search boxes ("拼音首字母(如 zs)")
  'zs',
]);

export interface TextFinding {
  /** The offending word or phrase as shown. */
  token: string;
  /** Why it is wrong, in words for the report. */
  reason: string;
}

const emailOrUrl = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|net|org)\b/g;
/** A file name the user uploaded or will download: its extension is not an identifier. */
const fileName = /[^\s/\\:*?"<>|]+\.(?:xlsx|xls|csv|pdf|png|jpe?g|docx?)\b/gi;

/**
 * ASCII identifiers and raw i18n keys in the visible text of a Chinese page: camelCase, snake_case,
 * dotted codes (opening.signInCode, app:menu.home) and bare Latin words that are not on the
 * reviewed allow-list ("请输入name", "plan · create"). Emails, web addresses and file names are data.
 */
export function findIdentifiers(text: string, allow: ReadonlySet<string> = latinAllowList): TextFinding[] {
  const cleaned = text.replace(emailOrUrl, ' ').replace(fileName, ' ');
  const findings: TextFinding[] = [];
  const seen = new Set<string>();
  const add = (token: string, reason: string) => {
    if (seen.has(token)) return;
    seen.add(token);
    findings.push({ token, reason });
  };
  // A run of Latin letters, digits and the joiners identifiers use; surrounding Chinese ends it.
  for (const match of cleaned.matchAll(/[A-Za-z][A-Za-z0-9]*(?:[._:-][A-Za-z0-9]+)*/g)) {
    const token = match[0];
    if (/[A-Za-z]{2}[._:][A-Za-z]{2}/.test(token)) {
      add(
        token,
        /:/.test(token) ? 'raw i18n key' : /_/.test(token) ? 'snake_case identifier' : 'dotted code',
      );
      continue;
    }
    if (/^[a-z]+[A-Z]/.test(token)) {
      if (!allow.has(token)) add(token, 'camelCase identifier');
      continue;
    }
    // Words inside the token (e.g. "SA-13" → "SA"); digits, units and single letters are fine, and
    // so are abbreviations in capitals (PDF, CTI, SMS, a rule's SA-13, a form's RG000001).
    for (const word of token.split(/[-._:0-9]+/)) {
      if (word.length < 2 || allow.has(word) || /^[A-Z]{2,5}$/.test(word)) continue;
      add(word, 'Latin word in Chinese text');
    }
  }
  return findings;
}

/**
 * Half-width punctuation touching a Chinese character ("您好!翠湖花园", "房号,楼栋"): Chinese text
 * takes the full-width ！，？：；.
 */
export function findHalfWidthPunctuation(text: string): TextFinding[] {
  const findings: TextFinding[] = [];
  const seen = new Set<string>();
  const han = '\\u3400-\\u9fff';
  const pattern = new RegExp(`[${han}][!,?;](?![\\d])|[!,?;][${han}]|[${han}]:(?=[${han}])`, 'g');
  for (const match of text.matchAll(pattern)) {
    const token = match[0];
    if (seen.has(token)) continue;
    seen.add(token);
    findings.push({ token, reason: 'half-width punctuation in Chinese text' });
  }
  return findings;
}
