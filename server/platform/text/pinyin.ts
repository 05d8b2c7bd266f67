import { pinyin } from 'pinyin-pro';

/**
 * Pinyin forms of a Chinese name for search: full ("zhangsan") and initials ("zs"). Surnames
 * read in their surname sound (单 shan, 曾 zeng), which is how staff search for people.
 */
export function namePinyin(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' });
  const clean = syllables.map((syllable) => syllable.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean);
  return { full: clean.join(''), initials: clean.map((syllable) => syllable[0]).join('') };
}

/** Escapes LIKE wildcards so user input matches literally (used with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
