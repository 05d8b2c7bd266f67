export const locales = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';
export const displayTimeZone = 'Asia/Shanghai';

export type Localized = Record<Locale, string>;

/** Picks the best supported locale from an Accept-Language header or a stored preference. */
export function resolveLocale(...candidates: Array<string | null | undefined>): Locale {
  for (const candidate of candidates) {
    if (!candidate) continue;
    for (const part of candidate.split(',')) {
      const tag = part.split(';')[0].trim().toLowerCase();
      if (
        tag === 'zh-tw' ||
        tag === 'zh-hk' ||
        tag === 'zh-mo' ||
        tag === 'zh-hant' ||
        tag.startsWith('zh-hant')
      )
        return 'zh-TW';
      if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
      if (tag === 'en' || tag.startsWith('en-')) return 'en';
    }
  }
  return defaultLocale;
}
