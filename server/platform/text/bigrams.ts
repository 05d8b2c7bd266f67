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
 * What to ask the index for the normalised query: a phrase of bigrams (or, for one character, a
 * prefix), and whether its hits are exactly the texts holding the query. A query of one run of
 * letters and digits is exact; one of several runs or with signs ("WO-000123", "3栋 2单元") asks
 * for its longest run only — its bigrams are in every text that holds the query, and the runs
 * the whole order number shares ("wo") would only slow the phrase — and the caller re-checks the
 * hits with a substring test. A query with no letters or digits cannot use the index (null).
 */
export function bigramQuery(
  normalised: string,
): { tokens: string[]; lastIsPrefix: boolean; isExact: boolean } | null {
  const runs = runsOf(normalised);
  if (runs.length === 0) return null;
  const longest = runs.reduce((best, run) => (run.length > best.length ? run : best));
  const isExact = runs.length === 1 && longest.join('') === normalised;
  return longest.length === 1
    ? { tokens: [longest[0]!], lastIsPrefix: true, isExact }
    : { tokens: bigramsOf(longest), lastIsPrefix: false, isExact };
}
