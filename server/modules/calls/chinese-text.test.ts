import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  halfWidthPunctuation,
  otherScriptCharacters,
  withFullWidthPunctuation,
} from '../../../contracts/chinese-script.js';
import { locales } from '../../../contracts/locales.js';
import { salesGreeting, visitSteps } from '../reception/index.js';
import { defaultPhrases, scriptSituations } from './calls.scripts.js';

type ChineseLocale = 'zh-CN' | 'zh-TW';
interface Text {
  where: string;
  locale: ChineseLocale;
  text: string;
}

const root = path.resolve(import.meta.dirname, '../../..');

/** Every string of every web i18n file (web/app and each module), per Chinese locale, with its key. */
async function i18nTexts(): Promise<Text[]> {
  const files = [
    path.join(root, 'web/app/app.i18n.ts'),
    ...readdirSync(path.join(root, 'web/modules'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(root, 'web/modules', entry.name, `${entry.name}.i18n.ts`)),
  ];
  const texts: Text[] = [];
  for (const file of files) {
    const exported = (await import(file)) as Record<string, unknown>;
    for (const resources of Object.values(exported)) {
      if (!resources || typeof resources !== 'object' || !('zh-CN' in resources)) continue;
      for (const locale of ['zh-CN', 'zh-TW'] as const) {
        const walk = (node: unknown, key: string) => {
          if (typeof node === 'string')
            texts.push({ where: `${path.relative(root, file)} ${key}`, locale, text: node });
          else if (node && typeof node === 'object')
            for (const [child, value] of Object.entries(node)) walk(value, key ? `${key}.${child}` : child);
        };
        walk((resources as Record<string, unknown>)[locale], '');
      }
    }
  }
  return texts;
}

/** The standard phrases (CS-0, SEC-*, SA-*) an agent or consultant reads out, as every desk starts with them. */
function standardPhrases(): Text[] {
  const texts: Text[] = [];
  for (const deskKind of ['service_centre', 'security_post'] as const)
    for (const locale of locales)
      for (const situation of scriptSituations)
        if (locale !== 'en')
          for (const text of defaultPhrases(deskKind, locale, situation))
            texts.push({ where: `${deskKind} ${situation}`, locale, text });
  texts.push({ where: 'SA-1 greeting', locale: 'zh-CN', text: salesGreeting('迎客花园') });
  for (const step of visitSteps) texts.push({ where: step.rule, locale: 'zh-CN', text: step.phrase });
  return texts;
}

function problems(texts: Text[]) {
  return texts.flatMap(({ where, locale, text }) => {
    const mixed = otherScriptCharacters(text, locale);
    const marks = halfWidthPunctuation(text);
    const found: string[] = [];
    if (mixed.length) found.push(`${locale} ${where}: ${mixed.join('')} in “${text}”`);
    if (marks.length) found.push(`${locale} ${where}: half-width ${marks.join(' ')} in “${text}”`);
    return found;
  });
}

describe('Chinese text is in one script with Chinese punctuation', () => {
  it('finds a traditional character in simplified text and the reverse', () => {
    expect(otherScriptCharacters('对不起!您能说出他(她)是哪个樓門的嗎?', 'zh-CN')).toEqual([
      '樓',
      '門',
      '嗎',
    ]);
    expect(otherScriptCharacters('對不起！您能說出他（她）是哪個楼门的吗？', 'zh-TW')).toEqual([
      '楼',
      '门',
      '吗',
    ]);
    expect(otherScriptCharacters('里程、皇后、台北', 'zh-TW')).toEqual([]);
  });

  it('finds half-width punctuation beside Chinese characters but not in English or numbers', () => {
    expect(halfWidthPunctuation('您好!请讲,谢谢')).toEqual(['好!', '讲,']);
    expect(halfWidthPunctuation('Hello, 1,000 units! 10:00')).toEqual([]);
    expect(withFullWidthPunctuation('您好!请讲,时间:10:00')).toBe('您好！请讲，时间：10:00');
  });

  it('CS-0 CS-4 the standard phrases are in the locale’s own script with Chinese punctuation', () => {
    const texts = standardPhrases();
    expect(texts.length).toBeGreaterThan(30);
    expect(texts.some((entry) => entry.text.includes('楼门'))).toBe(true);
    expect(problems(texts)).toEqual([]);
  });

  it('every zh-CN and zh-TW string of the web i18n files is in its own script with Chinese punctuation', async () => {
    // A language's own name is written in its own script (繁體中文 in the 简体 menu), so readers find it.
    const texts = (await i18nTexts()).filter((entry) => !/ languages\.zh-(CN|TW)$/.test(entry.where));
    expect(texts.filter((entry) => entry.locale === 'zh-CN').length).toBeGreaterThan(1000);
    expect(problems(texts)).toEqual([]);
  });
});
