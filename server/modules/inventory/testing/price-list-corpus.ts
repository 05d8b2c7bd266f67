import {
  buildOfficeXlsx,
  columnLetters,
  dateSerial,
  type OfficeCell,
  type OfficeSheet,
} from '../../../platform/excel/testing/office-xlsx.js';

/**
 * Price lists (一房一价表) as sales offices make them, for tests, the browser test and the bench.
 * Each builder states exactly what an import must find in it.
 */

const header = [
  '楼层',
  '房号',
  '户型',
  '建筑面积(㎡)',
  '套内面积(㎡)',
  '朝向',
  '建筑单价(元/㎡)',
  '总价(元)',
  '状态',
];

/** Status of the unit at (floor, position) in the Excel-style list. */
function excelStatus(floor: number, position: number): string {
  if (position === 1 && floor <= 2) return '已售';
  if (position === 2 && floor === 1) return '认购';
  if (position === 3 && floor === 6) return '保留';
  return '可售';
}

/**
 * One sheet per building, as Excel writes it: a merged title row and a merged date line above
 * the header, 楼层 merged down the four units of each floor, unit numbers typed as text
 * (0101), totals as ROUND(面积×单价,0) formulas with their cached results, a 状态 column.
 */
function buildingSheet(name: string, options: { floors: number; basePrice: number }): OfficeSheet {
  const rows: OfficeCell[][] = [
    [`某某花园一期 ${name} 一房一价表`],
    [{ date: { serial: dateSerial('2026-11-20'), format: 'yyyy"年"m"月"d"日"' } }],
    header,
  ];
  const merges = ['A1:I1', 'A2:I2'];
  for (let floor = 1; floor <= options.floors; floor++) {
    const first = rows.length + 1;
    for (let position = 1; position <= 4; position++) {
      const area = position % 2 ? 118.63 : 89.47;
      const price = options.basePrice + floor * 100;
      const rowNumber = rows.length + 1;
      rows.push([
        position === 1 ? floor : null,
        `${String(floor).padStart(2, '0')}0${position}`,
        position % 2 ? '三室两厅两卫' : '两室两厅一卫',
        area,
        position % 2 ? 94.21 : 71.86,
        position <= 2 ? '南' : '南北',
        price,
        { formula: `ROUND(D${rowNumber}*G${rowNumber},0)`, cached: Math.round(area * price) },
        excelStatus(floor, position),
      ]);
    }
    merges.push(`A${first}:A${first + 3}`);
  }
  return { name, rows, merges };
}

/** Excel: 1号楼 and 2号楼 (6 floors × 4 units each), a hidden old price sheet, a notes sheet without a header. */
export function excelPriceList(): Buffer {
  return buildOfficeXlsx({
    application: 'excel',
    sheets: [
      buildingSheet('1号楼', { floors: 6, basePrice: 36_000 }),
      buildingSheet('2号楼', { floors: 6, basePrice: 12_345 }),
      { ...buildingSheet('旧价目', { floors: 2, basePrice: 30_000 }), state: 'hidden' },
      { name: '说明', rows: [['本表价格以备案价为准'], ['销控以销售部为准']] },
    ],
  });
}

/** What an import must find in excelPriceList(). */
export const excelPriceListExpected = {
  units: 48,
  perSheet: [
    { name: '1号楼', rows: 24, create: 24, error: 0, soldBeforeSystem: 3, headerRow: 3, skipped: null },
    { name: '2号楼', rows: 24, create: 24, error: 0, soldBeforeSystem: 3, headerRow: 3, skipped: null },
    { name: '旧价目', rows: 0, create: 0, error: 0, soldBeforeSystem: 0, headerRow: null, skipped: 'hidden' },
    {
      name: '说明',
      rows: 0,
      create: 0,
      error: 0,
      soldBeforeSystem: 0,
      headerRow: null,
      skipped: 'no_header',
    },
  ],
  statusMapping: { 已售: 'sold', 认购: 'subscribed', 保留: 'reserved', 可售: 'for_sale' },
  byStatus: { sold: 4, subscribed: 2, reserved: 2, for_sale: 40 },
} as const;

/**
 * WPS, as a sales office types by hand: 楼栋 column (so sheet names do not matter), one title
 * row, full-width digits, areas with ㎡ and m2, prices with ¥ and thousands separators, totals
 * in 万, a total formula saved without a result, formula text results (t="str"), 状态 words.
 */
export function wpsPriceList(): Buffer {
  const wpsHeader = [
    '楼栋',
    '单元',
    '楼层',
    '房号',
    '户型',
    '建筑面积',
    '套内面积',
    '单价',
    '总价',
    '销售状态',
    '备注',
  ];
  const rows: OfficeCell[][] = [['二期价目表(WPS)'], wpsHeader];
  rows.push([
    '５栋',
    '1单元',
    '3层',
    '0301',
    '三室',
    '１１８．６㎡',
    '94.2 m2',
    '¥36,000',
    '426.96万',
    '已签约',
    '',
  ]);
  rows.push([
    '5栋',
    '1单元',
    '3F',
    '0302',
    '两室',
    '89.5 m2',
    '71.8㎡',
    '36,000',
    { formula: 'F4*H4' },
    '可售',
    '',
  ]);
  rows.push([
    '5栋',
    '1单元',
    3,
    '0303',
    '两室',
    89.5,
    71.8,
    36000,
    3_222_000,
    { formula: 'IF(K5="","已认购","")', cached: '已认购' },
    '',
  ]);
  rows.push(['5栋', '1单元', 3, '0304', '两室', 89.5, 71.8, 36000, 3_222_000, '待定', '']);
  return buildOfficeXlsx({
    application: 'wps',
    sheets: [{ name: 'Sheet1', rows, merges: [`A1:${columnLetters(wpsHeader.length)}1`] }],
  });
}

/**
 * A list of `units` units over `sheets` building sheets (6 units a floor), totals as formulas
 * with cached results, every tenth unit sold: the bench's and the browser test's workload.
 */
export function largePriceList(options: {
  units: number;
  sheets: number;
  application?: 'excel' | 'wps';
}): Buffer {
  const perSheet = Math.ceil(options.units / options.sheets);
  const sheets: OfficeSheet[] = [];
  let made = 0;
  for (let index = 0; index < options.sheets; index++) {
    const rows: OfficeCell[][] = [[`${index + 1}号楼 一房一价表`], header];
    const count = Math.min(perSheet, options.units - made);
    for (let unit = 0; unit < count; unit++) {
      const floor = Math.floor(unit / 6) + 1;
      const position = (unit % 6) + 1;
      const rowNumber = rows.length + 1;
      const area = position % 2 ? 118.63 : 89.47;
      const price = 20_000 + floor * 100;
      rows.push([
        floor,
        `${floor}${String(position).padStart(2, '0')}`,
        '三室两厅',
        area,
        position % 2 ? 94.21 : 71.86,
        '南',
        price,
        { formula: `ROUND(D${rowNumber}*G${rowNumber},0)`, cached: Math.round(area * price) },
        (made + unit) % 10 === 0 ? '已售' : '可售',
      ]);
    }
    made += count;
    sheets.push({ name: `${index + 1}号楼`, rows, merges: ['A1:I1'] });
  }
  return buildOfficeXlsx({ application: options.application ?? 'excel', sheets });
}
