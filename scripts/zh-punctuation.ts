/**
 * Makes half-width , ! ? ; : beside a Chinese character full-width in the Chinese part (zhCN and
 * zhTW, up to `const en`) of every web i18n file. Run `npx tsx scripts/zh-punctuation.ts` after
 * adding strings; the script-mixing test (web/app/chinese-text.test.ts) says where it is needed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withFullWidthPunctuation } from '../contracts/chinese-script.js';

const root = path.resolve(import.meta.dirname, '..');
const files = [
  path.join(root, 'web/app/app.i18n.ts'),
  ...readdirSync(path.join(root, 'web/modules')).map((name) =>
    path.join(root, 'web/modules', name, `${name}.i18n.ts`),
  ),
].filter((file) => {
  try {
    readFileSync(file);
    return true;
  } catch {
    return false;
  }
});

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const english = text.search(/^const en\b/m);
  if (english < 0) continue;
  // Only inside string literals: code punctuation (object keys, ternaries) never sits beside 汉字 anyway.
  const chinese = text
    .slice(0, english)
    .replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, (literal) => withFullWidthPunctuation(literal));
  const fixed = chinese + text.slice(english);
  if (fixed !== text) {
    writeFileSync(file, fixed);
    console.log(`fixed ${path.relative(root, file)}`);
  }
}
