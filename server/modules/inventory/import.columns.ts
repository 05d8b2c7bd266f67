import { Decimal } from 'decimal.js';
import type { UnitStatus } from './inventory.tables.js';

/**
 * The columns of a sales office's unit sheet or price list (一房一价表, one row per unit), by
 * their Chinese headers. `required` columns must be in the header row; a missing 楼栋 is the
 * sheet's name, a missing 楼层 is read from the unit number (0301 → 3).
 */
export const importColumns = {
  building: {
    required: false,
    names: ['楼栋', '樓棟', '楼号', '樓號', '栋号', '棟號', '楼栋名称', '楼栋号'],
  },
  section: { required: false, names: ['单元', '單元'] },
  floor: { required: false, names: ['楼层', '樓層', '层', '層', '层数', '所在层'] },
  number: { required: true, names: ['房号', '房號', '房间号', '房間號', '房号名称'] },
  layout: { required: false, names: ['户型', '戶型', '户型结构', '房型'] },
  buildingArea: {
    required: true,
    names: ['建筑面积', '建築面積', '面积', '面積', '预测建筑面积', '预售建筑面积', '实测建筑面积'],
  },
  innerArea: {
    required: true,
    names: [
      '套内面积',
      '套內面積',
      '使用面积',
      '预测套内面积',
      '预售套内面积',
      '实测套内面积',
      '套内建筑面积',
    ],
  },
  orientation: { required: false, names: ['朝向'] },
  unitPrice: {
    required: false,
    names: ['单价', '單價', '建筑单价', '建築單價', '建面单价', '表价单价', '备案单价', '销售单价'],
  },
  total: { required: false, names: ['总价', '總價', '标准总价', '表价', '房屋总价', '备案总价', '销售总价'] },
  status: {
    required: false,
    names: ['状态', '狀態', '销售状态', '銷售狀態', '房源状态', '销控状态', '销控'],
  },
} as const;

/** The columns a full header names, listed when a sheet has none: 楼栋 and 楼层 can be inferred only once a header is found. */
export const headerColumns: readonly ImportColumn[] = [
  'building',
  'floor',
  'number',
  'buildingArea',
  'innerArea',
];

/**
 * A 状态 cell as offices write it → the unit's status. Sold and subscribed units come in as
 * such, flagged sold before the system (系统前已售): they have no deal, receipt or buyer here.
 */
const statusWords: ReadonlyArray<{ words: readonly string[]; status: UnitStatus }> = [
  { words: ['可售', '在售', '待售', '未售', '销售中', '可销售', '空', '空置'], status: 'for_sale' },
  { words: ['已售', '售出', '已售出', '已成交', '成交', '已销售', '售罄', '已签', '已付款'], status: 'sold' },
  {
    words: ['签约', '已签约', '網簽', '网签', '已网签', '已網簽', '备案', '已备案', '簽約', '已簽約'],
    status: 'contracted',
  },
  {
    words: [
      '认购',
      '已认购',
      '認購',
      '已認購',
      '定',
      '已定',
      '已订',
      '订',
      '大定',
      '大订',
      '小订',
      '小定',
      '下定',
      '已下定',
      '预定',
      '预订',
    ],
    status: 'subscribed',
  },
  {
    words: ['保留', '预留', '預留', '销控', '控制', '内部保留', '公司保留', '锁定', '封存'],
    status: 'reserved',
  },
  {
    words: ['不售', '非售', '不可售', '暂不售', '暂不可售', '未开售', '未推', '未推出', '停售'],
    status: 'not_for_sale',
  },
];

export function mapStatusText(input: string): { status: UnitStatus; soldBeforeSystem: boolean } | null {
  const text = input.normalize('NFKC').replace(/[\s()()【】[\]]/g, '');
  if (text === '') return { status: 'for_sale', soldBeforeSystem: false };
  const entry = statusWords.find((candidate) => candidate.words.includes(text));
  if (!entry) return null;
  return {
    status: entry.status,
    soldBeforeSystem: ['deposited', 'subscribed', 'contracted', 'sold'].includes(entry.status),
  };
}

/**
 * Numbers as offices type them: 89.5㎡, 89.5 m2, 1,234,567, ¥1,234,567, 123.4万, full-width
 * digits. Returns a plain decimal string, or null when the text is not a number.
 */
export function numberFromText(input: string): string | null {
  let text = input
    .normalize('NFKC')
    .replace(/[\s,]/g, '')
    .replace(/^(¥|RMB|人民币)/i, '')
    .replace(/(元\/(m2|㎡|平方米|平米)|元|m2|平方米|平米|平)$/i, '');
  let multiplier = 1;
  if (text.endsWith('万')) {
    multiplier = 10_000;
    text = text.slice(0, -1);
  }
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  return new Decimal(text).times(multiplier).toFixed();
}

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

/**
 * A cell as the import sees it: its value (a formula's cached result), or that it held a formula
 * the file kept no result for, or an error value (#N/A …).
 */
