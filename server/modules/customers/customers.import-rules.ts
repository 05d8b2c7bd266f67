import { Decimal } from 'decimal.js';
import type { Localized } from '../../../contracts/locales.js';
import { localized } from '../../platform/errors.js';
import { type CellText, cellToText, parseImportDate } from './customers.import-cells.js';
import {
  normaliseTyped,
  parseMonthDay,
  recogniseNotes,
  resolveMonthDay,
  type YearSource,
  yearlessWarning,
} from './customers.import-office.js';
import { type NormalisedPhone, normalisePhone } from './customers.rules.js';
import type { Gender, KeyKind, Purpose } from './customers.tables.js';

/** The columns an office's customer list may have, with the headers they are known by. */
export const importColumns = {
  name: ['姓名', '客户姓名', '客户名称', '名字', '客户', 'name'],
  phone: ['电话', '手机', '手机号', '手机号码', '联系电话', '电话号码', '联系方式', 'phone', 'mobile'],
  phone2: ['电话2', '备用电话', '其他电话', '固定电话', '座机'],
  gender: ['性别', 'gender'],
  source: ['来源', '来源渠道', '获知渠道', '客户来源', '媒体渠道', '渠道', 'source'],
  layout: ['意向户型', '户型', '需求户型'],
  area: ['意向面积', '面积', '需求面积', '面积(㎡)', '面积(平方米)'],
  budget: ['预算', '购房预算', '总价预算', '预算(万元)', '预算(万)'],
  purpose: ['置业目的', '购房目的', '用途', '购房用途'],
  date: ['登记日期', '来电日期', '日期', '登记时间'],
  visitDate: ['来访日期', '到访日期', '来访时间', '首次来访', '首访日期'],
  consultant: ['置业顾问', '归属顾问', '顾问', '接待顾问'],
  category: ['客户类别', '类别', '客户类型'],
  marketing: ['营销授权', '同意推送', '接收推广', '同意接收新项目信息'],
  notes: ['备注', '说明', 'notes'],
} as const;

export type ImportColumn = keyof typeof importColumns;

function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s*:：]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

const headerLookup = new Map<string, ImportColumn>();
for (const [column, names] of Object.entries(importColumns) as Array<[ImportColumn, readonly string[]]>)
  for (const name of names) headerLookup.set(normaliseHeader(name), column);

/** Maps a row of header texts to columns; null unless both a name and a phone column are there. */
export function matchHeaderRow(
  cells: string[],
): { columns: Map<number, ImportColumn>; ignored: string[] } | null {
  const columns = new Map<number, ImportColumn>();
  const ignored: string[] = [];
  const used = new Set<ImportColumn>();
  for (const [index, raw] of cells.entries()) {
    const cell = raw ?? '';
    if (!cell.trim()) continue;
    const column = headerLookup.get(normaliseHeader(cell));
    if (column && !used.has(column)) {
      columns.set(index, column);
      used.add(column);
    } else ignored.push(cell.trim());
  }
  if (!used.has('name') || !used.has('phone')) return null;
  return { columns, ignored };
}

export interface ImportedCustomer {
  name: string;
  phones: NormalisedPhone[];
  gender: Gender;
  sourceName: string;
  intentLayout: string;
  intentAreaMin: number | null;
  intentAreaMax: number | null;
  intentBudgetFen: number | null;
  intentPurpose: Purpose;
  registeredAt: string | null;
  consultantName: string;
  keyKind: KeyKind | null;
  /** SA-10: the notes say the visitor would not leave a number (only kept when no phone is given). */
  isPhoneRefused: boolean;
  hasMarketingConsent: boolean;
  notes: string;
  /** Things the import decided for the row that the importer should see (a year it supplied). */
  warnings: Localized[];
}

export interface ParsedImportRow {
  data: ImportedCustomer;
  errors: Localized[];
  /** The row's date when it was written with a year: the reference for later rows without one. */
  datedAt: Date | null;
}

/** What a row's dates are resolved against besides the row itself. */
export interface ImportRowContext {
  now: Date;
  /** The latest date with a year read above this row in the same sheet. */
  sheetDate: Date | null;
  /** The sheet's name, and the month it names (2026年3月, 3月) when it names one. */
  sheetName?: string;
  sheetNameDate?: Date | null;
}

const yes = new Set(['是', '同意', 'y', 'yes', '1', 'true', '√', '✓']);

const purposeWords: Record<string, Purpose> = {
  自住: 'self_use',
  投资: 'investment',
  改善: 'upgrade',
  其他: 'other',
};
const keyWords: Record<string, KeyKind> = {
  发展商: 'developer',
  开发商: 'developer',
  同行: 'peer',
  媒体: 'media',
};

function columnLabel(column: ImportColumn): string {
  return importColumns[column][0];
}

function dateError(cell: CellText): Localized {
  const shown = cellToText(cell).slice(0, 20);
  return localized(`日期“${shown}”无法识别`, `日期「${shown}」無法識別`, `Date "${shown}" not understood`);
}

/**
 * A date cell: written in full or as a serial (datedAt set), or as a month-day whose year comes
 * from the reference (with a warning). Undefined when the cell is empty.
 */
function readDateCell(
  cell: CellText | undefined,
  references: Array<{ at: Date | null; source: YearSource }>,
  sheetName = '',
): { date: Date; hasYear: boolean; warning?: Localized } | { error: Localized } | undefined {
  if (!cell || cell.kind === 'empty' || cell.kind === 'formula' || cell.kind === 'error') return undefined;
  const typed: CellText = cell.kind === 'text' ? { kind: 'text', value: normaliseTyped(cell.value) } : cell;
  const full = parseImportDate(typed);
  if (full) return { date: full, hasYear: true };
  const monthDay = typed.kind === 'text' ? parseMonthDay(typed.value) : null;
  const reference = references.find((candidate) => candidate.at);
  if (!monthDay || !reference?.at) return { error: dateError(cell) };
  const resolved = resolveMonthDay(monthDay, { at: reference.at, source: reference.source });
  if (!resolved) return { error: dateError(cell) };
  return {
    date: resolved.date,
    hasYear: false,
    warning: yearlessWarning(cellToText(cell), resolved.year, reference.source, sheetName),
  };
}

/** Validates and normalises one data row; every problem is reported, in all three languages. */
export function parseImportRow(
  cells: Partial<Record<ImportColumn, CellText>>,
  context: ImportRowContext,
): ParsedImportRow {
  const errors: Localized[] = [];
  const warnings: Localized[] = [];
  const text = (column: ImportColumn) => {
    const cell = cells[column];
    return cell ? cellToText(cell) : '';
  };
  // Phones and numbers typed in full width (a Chinese IME's default) read as ASCII.
  const typed = (column: ImportColumn) => normaliseTyped(text(column));
  for (const [column, cell] of Object.entries(cells) as Array<[ImportColumn, CellText]>) {
    if (cell.kind === 'formula')
      errors.push(
        localized(
          `“${columnLabel(column)}”是公式,但文件保存时没有计算结果:请用 Excel 或 WPS 打开并保存后再导入`,
          `「${columnLabel(column)}」是公式,但檔案儲存時沒有計算結果:請用 Excel 或 WPS 開啟並儲存後再匯入`,
          `"${columnLabel(column)}" is a formula but the file was saved without its computed value; open and save it in Excel or WPS, then import it again`,
        ),
      );
    if (cell.kind === 'error')
      errors.push(
        localized(
          `“${columnLabel(column)}”是错误值`,
          `「${columnLabel(column)}」是錯誤值`,
          `"${columnLabel(column)}" is an error value`,
        ),
      );
  }
  const name = text('name').replace(/\s+/g, ' ').trim();
  if (!name) errors.push(localized('姓名为空', '姓名為空', 'Name is empty'));
  else if (name.length > 40)
    errors.push(localized('姓名超过 40 个字', '姓名超過 40 個字', 'Name is longer than 40 characters'));
  else if (/^[=+\-@]/.test(name))
    errors.push(localized('姓名以公式符号开头', '姓名以公式符號開頭', 'Name starts like a formula'));

  const phones: NormalisedPhone[] = [];
  const rawPhones = [typed('phone'), typed('phone2')]
    .flatMap((value) => value.split(/[,,;;、/]|\s{2,}/))
    .map((value) => value.trim())
    .filter(Boolean);
  for (const raw of rawPhones) {
    const phone = normalisePhone(raw);
    if (!phone)
      errors.push(
        localized(
          `电话“${raw.slice(0, 20)}”无效`,
          `電話「${raw.slice(0, 20)}」無效`,
          `Phone "${raw.slice(0, 20)}" is invalid`,
        ),
      );
    else if (!phones.some((known) => known.e164 === phone.e164)) phones.push(phone);
  }

  const genderText = typed('gender');
  const gender: Gender =
    genderText === '男' || genderText === '先生'
      ? 'male'
      : genderText === '女' || genderText === '女士'
        ? 'female'
        : 'unknown';

  let intentAreaMin: number | null = null;
  let intentAreaMax: number | null = null;
  const areaText = typed('area').replace(/㎡|平方米|平米|m2/gi, '');
  if (areaText) {
    const match = /^(\d{1,4})(?:\s*[-~~至到]\s*(\d{1,4}))?$/.exec(areaText);
    if (!match)
      errors.push(
        localized(
          `面积“${areaText.slice(0, 20)}”无法识别`,
          `面積「${areaText.slice(0, 20)}」無法識別`,
          `Area "${areaText.slice(0, 20)}" not understood`,
        ),
      );
    else {
      intentAreaMin = Number(match[1]);
      intentAreaMax = match[2] ? Number(match[2]) : Number(match[1]);
    }
  }

  let intentBudgetFen: number | null = null;
  const budgetText = typed('budget').replace(/万元|万|,|,/g, '');
  if (budgetText) {
    if (!/^\d{1,6}(\.\d{1,4})?$/.test(budgetText))
      errors.push(
        localized(
          `预算“${budgetText.slice(0, 20)}”应为万元数`,
          `預算「${budgetText.slice(0, 20)}」應為萬元數`,
          `Budget "${budgetText.slice(0, 20)}" should be in 10k yuan`,
        ),
      );
    // Budgets are written in 万元; one 万元 is 1,000,000 fen, computed exactly.
    else intentBudgetFen = new Decimal(budgetText).times(1_000_000).round().toNumber();
  }

  // The visit date of the row, then dates above it in the sheet, then the month the sheet is
  // named for, then the import's date give a month-day its year.
  const sheetName = context.sheetName ?? '';
  const visit = readDateCell(
    cells.visitDate,
    [
      { at: context.sheetDate, source: 'sheet' },
      { at: context.sheetNameDate ?? null, source: 'sheetName' },
      { at: context.now, source: 'import' },
    ],
    sheetName,
  );
  const visitAt = visit && 'date' in visit && visit.hasYear ? visit.date : null;
  const registered = readDateCell(
    cells.date,
    [
      { at: visitAt, source: 'row' },
      { at: context.sheetDate, source: 'sheet' },
      { at: context.sheetNameDate ?? null, source: 'sheetName' },
      { at: context.now, source: 'import' },
    ],
    sheetName,
  );
  let registeredAt: string | null = null;
  let datedAt: Date | null = null;
  for (const read of [registered, visit]) {
    if (!read) continue;
    if ('error' in read) {
      errors.push(read.error);
      continue;
    }
    if (read.warning) warnings.push(read.warning);
    registeredAt ??= read.date.toISOString();
    if (read.hasYear && !datedAt) datedAt = read.date;
  }

  const categoryText = text('category');
  const notes = text('notes').slice(0, 500);
  // SA-3 / SA-10: the category column names the kind; else the notes may (同行, 记者, 不留电话).
  const recognised = recogniseNotes(`${categoryText} ${notes}`);
  const keyKind =
    Object.entries(keyWords).find(([word]) => categoryText.includes(word))?.[1] ?? recognised.keyKind;
  const isPhoneRefused = recognised.isPhoneRefused && phones.length === 0;
  if (recognised.isPhoneRefused && phones.length > 0)
    warnings.push(
      localized(
        '备注写明拒留电话,但本行有电话:按有电话导入',
        '備註寫明拒留電話,但本列有電話:按有電話匯入',
        'The notes say the phone was refused, but the row has one: imported with the phone',
      ),
    );
  const layout = text('layout').slice(0, 40);
  const sourceName = text('source').slice(0, 40);
  if (/^[=+@]/.test(notes) || /^[=+@]/.test(layout) || /^[=+@]/.test(sourceName))
    errors.push(localized('单元格以公式符号开头', '儲存格以公式符號開頭', 'A cell starts like a formula'));
  return {
    data: {
      name,
      phones,
      gender,
      sourceName,
      intentLayout: layout,
      intentAreaMin,
      intentAreaMax,
      intentBudgetFen,
      intentPurpose: purposeWords[text('purpose')] ?? (text('purpose') ? 'other' : ''),
      registeredAt,
      consultantName: text('consultant').slice(0, 40),
      keyKind,
      isPhoneRefused,
      hasMarketingConsent: yes.has(typed('marketing').toLowerCase()),
      notes,
      warnings,
    },
    errors,
    datedAt,
  };
}
