import type { Localized } from '../../../contracts/locales.js';
import { localized } from '../../platform/errors.js';
import { computeTotalFen, parseAreaDm2, parseYuanToFen, positionFromNumber } from './inventory.rules.js';

/** The columns of a sales office's unit sheet (one row per unit), by their Chinese headers. */
export const importColumns = {
  building: { required: true, names: ['楼栋', '樓棟', '楼号', '樓號', '栋号', '棟號', '楼栋名称'] },
  section: { required: false, names: ['单元', '單元'] },
  floor: { required: true, names: ['楼层', '樓層', '层', '層'] },
  number: { required: true, names: ['房号', '房號', '房间号', '房間號'] },
  layout: { required: false, names: ['户型', '戶型'] },
  buildingArea: { required: true, names: ['建筑面积', '建築面積', '面积', '面積'] },
  innerArea: { required: true, names: ['套内面积', '套內面積', '使用面积'] },
  orientation: { required: false, names: ['朝向'] },
  unitPrice: { required: false, names: ['单价', '單價', '建筑单价', '建築單價'] },
  total: { required: false, names: ['总价', '總價', '标准总价', '表价'] },
} as const;

export type ImportColumn = keyof typeof importColumns;

/** '建筑面积(㎡)' / ' 单价 (元/㎡) ' → '建筑面积' / '单价'. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[((][^))]*[))]/g, '')
    .replace(/[\s\u3000:_:*]/g, '')
    .trim();
}

export function mapHeaders(headers: string[]): {
  columns: Partial<Record<ImportColumn, number>>;
  missing: ImportColumn[];
} {
  const columns: Partial<Record<ImportColumn, number>> = {};
  headers.forEach((header, index) => {
    const name = normaliseHeader(header);
    for (const [key, column] of Object.entries(importColumns) as Array<
      [ImportColumn, (typeof importColumns)[ImportColumn]]
    >)
      if (columns[key] === undefined && (column.names as readonly string[]).includes(name))
        columns[key] = index;
  });
  const missing = (Object.keys(importColumns) as ImportColumn[]).filter(
    (key) => importColumns[key].required && columns[key] === undefined,
  );
  return { columns, missing };
}

/** A cell as read from the workbook: its value, or that it held a formula / an error. */
export type SheetCell = string | number | boolean | null | { formula: true } | { error: string };

export interface ParsedRow {
  rowNumber: number;
  building: string;
  section: string;
  floor: number | null;
  number: string;
  layout: string;
  buildingAreaDm2: number | null;
  innerAreaDm2: number | null;
  orientation: string;
  unitPriceFen: number | null;
  totalFen: number | null;
  position: number | null;
  errors: Localized[];
}

const columnLabel: Record<ImportColumn, Localized> = {
  building: localized('楼栋', '樓棟', 'Building'),
  section: localized('单元', '單元', 'Section'),
  floor: localized('楼层', '樓層', 'Floor'),
  number: localized('房号', '房號', 'Unit number'),
  layout: localized('户型', '戶型', 'Layout'),
  buildingArea: localized('建筑面积', '建築面積', 'Building area'),
  innerArea: localized('套内面积', '套內面積', 'Inner area'),
  orientation: localized('朝向', '朝向', 'Orientation'),
  unitPrice: localized('单价', '單價', 'Unit price'),
  total: localized('总价', '總價', 'Total'),
};

function columnError(column: ImportColumn, zhCN: string, zhTW: string, en: string): Localized {
  const label = columnLabel[column];
  return {
    'zh-CN': `${label['zh-CN']}:${zhCN}`,
    'zh-TW': `${label['zh-TW']}:${zhTW}`,
    en: `${label.en}: ${en}`,
  };
}

function text(cell: SheetCell): string {
  if (cell === null || typeof cell === 'object') return '';
  return String(cell).trim();
}

/** Checks one data row; every problem is listed, in all three languages, with its column. */
export function parseRow(rowNumber: number, cells: Partial<Record<ImportColumn, SheetCell>>): ParsedRow {
  const errors: Localized[] = [];
  for (const [column, cell] of Object.entries(cells) as Array<[ImportColumn, SheetCell]>) {
    if (cell && typeof cell === 'object' && 'formula' in cell)
      errors.push(
        columnError(
          column,
          '单元格含公式,请另存为数值后再导入',
          '儲存格含公式,請另存為數值後再匯入',
          'the cell holds a formula; paste values only',
        ),
      );
    if (cell && typeof cell === 'object' && 'error' in cell)
      errors.push(
        columnError(
          column,
          `单元格错误值 ${cell.error}`,
          `儲存格錯誤值 ${cell.error}`,
          `error value ${cell.error}`,
        ),
      );
  }
  const building = text(cells.building ?? null);
  if (!building) errors.push(columnError('building', '不能为空', '不能為空', 'required'));
  else if (building.length > 60)
    errors.push(columnError('building', '最多 60 个字符', '最多 60 個字元', 'at most 60 characters'));
  const section = text(cells.section ?? null).slice(0, 30);

  const floorText = text(cells.floor ?? null).replace(/[层層fF]$/, '');
  const floor = /^-?\d{1,3}$/.test(floorText) ? Number.parseInt(floorText, 10) : null;
  if (floor === null || floor === 0 || floor < -5 || floor > 200)
    errors.push(
      columnError(
        'floor',
        '应为 -5 到 200 之间的整数(不含 0)',
        '應為 -5 到 200 之間的整數(不含 0)',
        'must be a whole number from -5 to 200 (not 0)',
      ),
    );

  const number = text(cells.number ?? null);
  if (!number) errors.push(columnError('number', '不能为空', '不能為空', 'required'));
  else if (!/^[\w-]{1,20}$/.test(number))
    errors.push(
      columnError(
        'number',
        '只能包含字母、数字和“-”,最多 20 位',
        '只能包含字母、數字和「-」,最多 20 位',
        'letters, digits and "-" only, at most 20',
      ),
    );

  const area = (column: 'buildingArea' | 'innerArea') => {
    const cell = cells[column] ?? null;
    if (cell === null || cell === '') {
      errors.push(columnError(column, '不能为空', '不能為空', 'required'));
      return null;
    }
    const value = typeof cell === 'object' ? null : parseAreaDm2(cell);
    if (value === null && !(typeof cell === 'object'))
      errors.push(
        columnError(
          column,
          '应为大于 0 的数字,最多两位小数',
          '應為大於 0 的數字,最多兩位小數',
          'must be a number above 0 with at most 2 decimals',
        ),
      );
    return value;
  };
  const buildingAreaDm2 = area('buildingArea');
  const innerAreaDm2 = area('innerArea');
  if (buildingAreaDm2 !== null && innerAreaDm2 !== null && innerAreaDm2 > buildingAreaDm2)
    errors.push(
      columnError('innerArea', '不能大于建筑面积', '不能大於建築面積', 'cannot exceed the building area'),
    );

  const money = (column: 'unitPrice' | 'total') => {
    const cell = cells[column] ?? null;
    if (cell === null || cell === '' || typeof cell === 'object') return null;
    const value = parseYuanToFen(cell);
    if (value === null)
      errors.push(
        columnError(
          column,
          '应为大于 0 的金额(元),最多两位小数',
          '應為大於 0 的金額(元),最多兩位小數',
          'must be an amount in yuan above 0, at most 2 decimals',
        ),
      );
    return value;
  };
  const unitPriceFen = money('unitPrice');
  let totalFen = money('total');
  if (totalFen !== null && unitPriceFen === null && text(cells.unitPrice ?? null) === '')
    errors.push(
      columnError(
        'unitPrice',
        '填写总价时须同时填写单价',
        '填寫總價時須同時填寫單價',
        'required when a total is given',
      ),
    );
  if (unitPriceFen !== null && buildingAreaDm2 !== null) {
    const computed = computeTotalFen(buildingAreaDm2, unitPriceFen);
    if (totalFen !== null && totalFen !== computed) {
      const yuan = (computed / 100).toFixed(2);
      errors.push(
        columnError(
          'total',
          `与 建筑面积×单价 不符,应为 ${yuan} 元`,
          `與 建築面積×單價 不符,應為 ${yuan} 元`,
          `does not equal area × unit price (${yuan} yuan)`,
        ),
      );
    }
    totalFen = computed;
  }
  return {
    rowNumber,
    building,
    section,
    floor,
    number,
    layout: text(cells.layout ?? null).slice(0, 40),
    buildingAreaDm2,
    innerAreaDm2,
    orientation: text(cells.orientation ?? null).slice(0, 20),
    unitPriceFen,
    totalFen,
    position: floor === null ? null : positionFromNumber(number, floor),
    errors,
  };
}

export function duplicateRowError(firstRow: number): Localized {
  return localized(
    `与第 ${firstRow} 行房号重复`,
    `與第 ${firstRow} 列房號重複`,
    `same unit as row ${firstRow}`,
  );
}
