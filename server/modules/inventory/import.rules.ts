import { Decimal } from 'decimal.js';
import type { Localized } from '../../../contracts/locales.js';
import { localized } from '../../platform/errors.js';
import { type ImportColumn, mapStatusText, numberFromText } from './import.columns.js';
import { computeTotalFen, parseAreaDm2, parseYuanToFen, positionFromNumber } from './inventory.rules.js';
import type { UnitStatus } from './inventory.tables.js';

export type SheetCell = string | number | boolean | null | { noCachedValue: true } | { error: string };

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
  status: UnitStatus;
  /** The 状态 cell as written ('' without one). */
  statusText: string;
  soldBeforeSystem: boolean;
  errors: Localized[];
  warnings: Localized[];
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
  status: localized('状态', '狀態', 'Status'),
};

/** Where a row's cells are ('D5'), so a message can point at the cell. */
export type CellRefs = Partial<Record<ImportColumn, string>>;

function columnMessage(
  refs: CellRefs,
  column: ImportColumn,
  zhCN: string,
  zhTW: string,
  en: string,
): Localized {
  const label = columnLabel[column];
  const ref = refs[column] ? ` ${refs[column]}` : '';
  return {
    'zh-CN': `${label['zh-CN']}${ref}:${zhCN}`,
    'zh-TW': `${label['zh-TW']}${ref}:${zhTW}`,
    en: `${label.en}${ref}: ${en}`,
  };
}

function text(cell: SheetCell): string {
  if (cell === null || typeof cell === 'object') return '';
  return String(cell).normalize('NFKC').trim();
}

/** A number cell as is; a text cell through numberFromText. */
function numeric(cell: SheetCell): number | string | null {
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'string') return numberFromText(cell);
  return null;
}

/** The floor in a unit number: 0301 → 3, 1201 → 12, 2-1201 → 12; null when there is none. */
export function floorFromNumber(number: string): number | null {
  const digits = /(\d{3,4})$/.exec(number)?.[1];
  if (!digits) return null;
  const floor = Number.parseInt(digits.slice(0, -2), 10);
  return floor > 0 ? floor : null;
}

/**
 * Checks one data row; every problem is listed, in all three languages, with its column (and
 * its cell when `refs` are given). Without a 楼层 column the floor comes from the unit number.
 */
export function parseRow(
  rowNumber: number,
  cells: Partial<Record<ImportColumn, SheetCell>>,
  refs: CellRefs = {},
  options: { hasFloorColumn?: boolean } = {},
): ParsedRow {
  const columnError = (column: ImportColumn, zhCN: string, zhTW: string, en: string) =>
    columnMessage(refs, column, zhCN, zhTW, en);
  const errors: Localized[] = [];
  const warnings: Localized[] = [];
  for (const [column, cell] of Object.entries(cells) as Array<[ImportColumn, SheetCell]>) {
    if (cell && typeof cell === 'object' && 'noCachedValue' in cell)
      // The total is recomputed from area × unit price: without its cached value nothing is lost.
      (column === 'total' ? warnings : errors).push(
        columnError(
          column,
          '公式没有计算结果,请在 Excel 或 WPS 中打开并保存后再导入',
          '公式沒有計算結果,請在 Excel 或 WPS 中開啟並儲存後再匯入',
          'the formula has no saved result; open and save the file in Excel or WPS, then import it',
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

  const number = text(cells.number ?? null);
  const floorText = text(cells.floor ?? null)
    .replace(/^第/, '')
    .replace(/(层|層|楼|樓|f)$/i, '');
  const floor =
    options.hasFloorColumn === false
      ? floorFromNumber(number)
      : /^-?\d{1,3}$/.test(floorText)
        ? Number.parseInt(floorText, 10)
        : null;
  if (floor === null || floor === 0 || floor < -5 || floor > 200)
    errors.push(
      columnError(
        'floor',
        '应为 -5 到 200 之间的整数(不含 0)',
        '應為 -5 到 200 之間的整數(不含 0)',
        'must be a whole number from -5 to 200 (not 0)',
      ),
    );

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
    const value = typeof cell === 'object' ? null : parseAreaDm2(numeric(cell));
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
    const value = parseYuanToFen(numeric(cell));
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
    // Offices often round the total to the yuan (ROUND(面积*单价,0)): that is the same price.
    const computedYuan = new Decimal(computed)
      .dividedBy(100)
      .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
      .times(100);
    if (totalFen !== null && totalFen !== computed && !computedYuan.equals(totalFen)) {
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
  const statusText = text(cells.status ?? null);
  const mapped = mapStatusText(statusText);
  if (!mapped)
    errors.push(
      columnError(
        'status',
        `无法识别“${statusText}”,可用:可售、已售、认购、签约、保留、不售`,
        `無法識別「${statusText}」,可用:可售、已售、認購、簽約、保留、不售`,
        `"${statusText}" is not a status; use 可售 (for sale), 已售 (sold), 认购 (subscribed), 签约 (contracted), 保留 (reserved) or 不售 (not for sale)`,
      ),
    );
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
    position: floor === null ? null : positionFromNumber(number.replace(/^0+/, ''), floor),
    status: mapped?.status ?? 'for_sale',
    statusText,
    soldBeforeSystem: mapped?.soldBeforeSystem ?? false,
    errors,
    warnings,
  };
}

export function duplicateRowError(firstRow: number): Localized {
  return localized(
    `与第 ${firstRow} 行房号重复`,
    `與第 ${firstRow} 列房號重複`,
    `same unit as row ${firstRow}`,
  );
}
