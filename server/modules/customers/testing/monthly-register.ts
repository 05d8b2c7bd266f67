import { buildOfficeXlsx, dateSerial, type OfficeCell } from '../../../platform/excel/testing/office-xlsx.js';
import { surnames } from './visitor-register-rows.js';
/**
 * A register kept one sheet per month, as Excel writes it (platform/excel/testing/office-xlsx.ts):
 * - '2025年12月': title merged over the header, 6 rows dated 12月1日–12月6日 without a year (the
 *   sheet's name gives 2025; the import's date, 2026-12-06, would give 2026), row 5 a peer (SA-3);
 * - '1月': header on row 1, 8 rows: row 2 yearless (the name gives the month, the import the year
 *   2026), row 3 a real date 2026-01-05, rows 4–9 yearless (from the date above), row 6 repeating
 *   the phone of 2025年12月 · row 3, row 8 refusing a phone (SA-10);
 * - '下拉选项': hidden, though it has a header a reader would recognise;
 * - '说明': visible notes without a header;
 * - '2月': title merged, 8 rows (3–10) dated as serials, 序号 =ROW()-2 and 来源渠道 =VLOOKUP(…) as
 *   formulas with their cached values, except row 7 whose 来源渠道 formula was saved without one;
 *   row 9 repeats the phone of row 4.
 */
export function buildMonthlyRegister(): Buffer {
  const monthHeader = ['序号', '来访日期', '客户姓名', '联系电话', '来源渠道', '备注'];
  const phone = (sheet: number, row: number) => `137${sheet}000${String(row).padStart(4, '0')}`;
  const december: OfficeCell[][] = [
    ['翠湖花园来访登记 2025年12月'],
    monthHeader,
    ...Array.from({ length: 6 }, (_, index): OfficeCell[] => [
      index + 1,
      `12月${index + 1}日`,
      `十二${surnames[index]}${index + 1}`,
      phone(1, index + 3),
      '自然来访',
      index === 2 ? '同行' : '',
    ]),
  ];
  const january: OfficeCell[][] = [
    monthHeader,
    ...Array.from({ length: 8 }, (_, index): OfficeCell[] => {
      const row = index + 2;
      return [
        index + 1,
        row === 3 ? { date: { serial: dateSerial('2026-01-05'), format: 14 } } : `1月${row + 2}日`,
        `一月${surnames[index]}${row}`,
        row === 6 ? phone(1, 3) : row === 8 ? '' : phone(2, row),
        '朋友介绍',
        row === 8 ? '不留电话' : '',
      ];
    }),
  ];
  const february: OfficeCell[][] = [
    ['翠湖花园来访登记 2026年2月'],
    monthHeader,
    ...Array.from({ length: 8 }, (_, index): OfficeCell[] => {
      const row = index + 3;
      return [
        { formula: 'ROW()-2', cached: index + 1 },
        { date: { serial: dateSerial(`2026-02-${String(row).padStart(2, '0')}`), format: 14 } },
        `二月${surnames[index]}${row}`,
        row === 9 ? phone(3, 4) : phone(3, row),
        row === 7
          ? { formula: 'VLOOKUP(C7,渠道!A:B,2,FALSE)' }
          : { formula: `VLOOKUP(C${row},渠道!A:B,2,FALSE)`, cached: '自然来访' },
        '',
      ];
    }),
  ];
  return buildOfficeXlsx({
    application: 'excel',
    sheets: [
      { name: '2025年12月', rows: december, merges: ['A1:F1'] },
      { name: '1月', rows: january },
      {
        name: '下拉选项',
        state: 'hidden',
        rows: [
          ['客户姓名', '联系电话', '来源渠道'],
          ['示例', '13800000000', '自然来访'],
        ],
      },
      { name: '说明', rows: [['填表说明'], ['每月一个工作表'], ['电话填写手机号']] },
      { name: '2月', rows: february, merges: ['A1:F1'] },
    ],
  });
}

/** What the monthly register holds, as the import should count it. */
export const monthlyRegisterCounts = {
  rows: 22,
  sheetsRead: 3,
  errors: 1,
  duplicates: 2,
  valid: 19,
  /** 2025年12月's six rows, and 1月's rows 2 and 4–9. */
  warnings: 13,
  keyCustomers: 1,
  phoneRefused: 1,
} as const;
