// Substring search without a database extension: text is cut into overlapping two-character
// tokens (bigrams) that SQLite's FTS5 (unicode61) and PostgreSQL's 'simple' text search index as
// words. A run of letters and digits — Chinese and Latin alike — "卫生间漏水" gives
// "卫生 生间 间漏 漏水 水": every bigram, then the run's last character alone, so that each character
// of a run starts a token. A query of two or more characters in one run is the phrase of its
// bigrams (a run boundary always puts a one-character token between bigrams, so consecutive
// bigrams match only inside one run: exactly the substrings); one character is a prefix match.

const runPattern = /[\p{L}\p{N}]+/gu;

/** How text is compared: NFKC (full-width digits and letters fold), lower case, blanks collapsed. */
export function normaliseSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function runsOf(normalised: string): string[][] {
  return [...normalised.matchAll(runPattern)].map((match) => Array.from(match[0]));
}

function bigramsOf(chars: string[]): string[] {
  const tokens: string[] = [];
  for (let index = 0; index + 1 < chars.length; index++) tokens.push(chars[index]! + chars[index + 1]!);
  return tokens;
}

/** The index's tokens of already normalised text, space-separated. */
export function bigramTokens(normalised: string): string {
  const tokens: string[] = [];
  for (const chars of runsOf(normalised)) tokens.push(...bigramsOf(chars), chars[chars.length - 1]!);
  return tokens.join(' ');
}

/**
 * A search for the normalised query: the phrase's tokens in order (the last one a prefix when
 * `lastIsPrefix`), and whether the phrase alone is exact. A query spanning several runs ("WO-000123",
 * "3栋 2单元") also matches where only the separators differ, so the caller re-checks those with
 * a substring test; a query with no letters or digits cannot use the index (null).
 */
export function bigramQuery(
  normalised: string,
): { tokens: string[]; lastIsPrefix: boolean; isExact: boolean } | null {
  const runs = runsOf(normalised);
  if (runs.length === 0) return null;
  const tokens: string[] = [];
  runs.forEach((chars, index) => {
    const isLast = index === runs.length - 1;
    tokens.push(...bigramsOf(chars));
    // Inside the phrase a run ends with its one-character token, as in the indexed text; the
    // query's last run may go on in the text, so it ends at its last bigram (or is a prefix).
    if (!isLast || chars.length === 1) tokens.push(chars[chars.length - 1]!);
  });
  const last = runs[runs.length - 1]!;
  const isExact = runs.length === 1 && runs[0]!.join('') === normalised;
  return { tokens, lastIsPrefix: last.length === 1, isExact };
}
