import { describe, expect, it } from 'vitest';

/*
 * Issue 14 item 3 stays fixed: no screen reads or types a time in the browser's own zone. Every
 * source file of the web app is read as text; the pickers and helpers that know the project's zone
 * are the only places allowed to touch antd's pickers or the browser's clock fields.
 */
const sources = import.meta.glob(
  ['../../**/*.ts', '../../**/*.tsx', '!../../**/*.test.ts', '!../../**/*.i18n.ts'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
) as Record<string, string>;

const allowed = new Set(['./zoned-pickers.tsx', '../format.ts']);

const rules: Array<[string, RegExp]> = [
  [
    "antd's DatePicker or TimePicker (use ZonedDatePicker, ZonedRangePicker, ZonedTimePicker)",
    /import\s*\{[^}]*\b(DatePicker|TimePicker)\b[^}]*\}\s*from\s*'antd'/,
  ],
  [
    "the browser's clock read as fields (use nowInShanghai, projectToday, projectDaysFromToday)",
    /\bdayjs\(\)\s*\.\s*(format|hour|minute|startOf|endOf|add|subtract|date|day|month|year)\b/,
  ],
  [
    'an instant formatted in the browser zone (use formatTime / formatDate / projectDate)',
    /\bdayjs\([^()]*\)\s*\.\s*(format|hour|startOf)\(/,
  ],
  ['a local-zone Date getter (use the format helpers)', /\.get(FullYear|Month|Date|Day|Hours|Minutes)\(\)/],
  ['a local-zone Date string', /\.toLocale(Date|Time)String\(/],
];

describe('time zone guard: the web app types and shows times only through the zoned pickers and helpers', () => {
  it('finds the web sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(Object.keys(sources)).toContain('./zoned-pickers.tsx');
    expect(Object.keys(sources)).toContain('../format.ts');
  });

  it.each(rules)('no %s', (_, pattern) => {
    const offenders = Object.entries(sources)
      .filter(([file]) => !allowed.has(file))
      .flatMap(([file, text]) =>
        [...text.matchAll(new RegExp(pattern.source, 'g'))].map((match) => {
          const line = text.slice(0, match.index).split('\n').length;
          return `${file}:${line}: ${match[0].replace(/\s+/g, ' ')}`;
        }),
      );
    expect(offenders).toEqual([]);
  });

  it('the rules catch what the issue found', () => {
    const before = [
      "import { DatePicker, Form, Input, Select } from 'antd';",
      "import {\n  Alert,\n  DatePicker,\n  Drawer,\n} from 'antd';",
      "plannedAt: dayjs().add(1, 'day').hour(10).minute(0).second(0),",
      'const thisYear = new Date().getFullYear();',
      "fromDay: dayjs(range[0]).format('YYYY-MM-DD'),",
    ];
    for (const line of before)
      expect(
        rules.some(([, pattern]) => pattern.test(line)),
        line,
      ).toBe(true);
  });
});
