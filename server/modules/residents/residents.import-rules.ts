import type { Localized } from '../../../contracts/locales.js';
import type { ResidentRole } from '../../../contracts/residents.js';
import { localized } from '../../platform/errors.js';
import { type CellTextOf, normalisePhone } from './residents.import-cells.js';
import { parseConsent, parseResidentRole } from './residents.rules.js';

/** The columns of an office's resident sheet (住户登记表), with the headers offices give them. */
export const residentColumns = {
  building: ['楼栋', '栋号', '楼号', '楼栋号', '樓棟', '棟號', '樓號', '楼宇', '幢', 'building'],
  door: ['单元', '单元号', '樓門', '楼门', '單元', '門', 'door'],
  room: ['房号', '房號', '房间号', '室号', '户号', '戶號', '门牌号', '門牌號', 'room'],
  location: ['住址', '地址', '位置', '房屋地址', 'address'],
  name: ['姓名', '住户姓名', '住戶姓名', '业主姓名', '業主姓名', '名字', 'name'],
  role: ['身份', '住户类型', '住戶類型', '类型', '類型', '关系', '關係', '与业主关系', '與業主關係', 'role'],
  phone: ['电话', '手机', '手机号', '联系电话', '電話', '手機', '聯絡電話', '聯繫電話', 'phone', 'mobile'],
  phone2: ['电话2', '备用电话', '其他电话', '座机', '固定电话', '電話2', '備用電話', '市話'],
  moveIn: ['入住日期', '入伙日期', '入夥日期', '交房日期', '入住时间', '入住時間', 'move-in'],
  moveOut: ['迁出日期', '搬出日期', '遷出日期', '退租日期', 'move-out'],
  afterSales: ['同意回访', '同意入伙回访', '回访授权', '同意回訪', '回訪授權'],
  announcements: [
    '同意推介',
    '同意新项目推介',
    '同意接收新项目信息',
    '推介授权',
    '同意推介新項目',
    '推介授權',
  ],
  notes: ['备注', '備註', '说明', 'notes'],
} as const;

export type ResidentColumn = keyof typeof residentColumns;

function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s*:：()（）]/g, '')
    .toLowerCase();
}

const headerLookup = new Map<string, ResidentColumn>();
for (const [column, names] of Object.entries(residentColumns) as Array<[ResidentColumn, readonly string[]]>)
  for (const name of names) headerLookup.set(normaliseHeader(name), column);

/** A header row: a name column and a room (or address) column at least; null otherwise (a title row). */
export function matchResidentHeader(cells: string[]): Map<number, ResidentColumn> | null {
  const columns = new Map<number, ResidentColumn>();
  const used = new Set<ResidentColumn>();
  for (const [index, cell] of cells.entries()) {
    const column = headerLookup.get(normaliseHeader(cell ?? ''));
    if (column && !used.has(column)) {
      columns.set(index, column);
      used.add(column);
    }
  }
  if (!used.has('name') || !(used.has('room') || used.has('location'))) return null;
  return columns;
}

export interface ImportedResident {
  sheetName: string;
  rowNumber: number;
  buildingName: string;
  doorName: string;
  room: string;
  locationText: string;
  name: string;
  role: ResidentRole;
  phones: Array<{ e164: string; tail4: string }>;
  moveInOn: string | null;
  moveOutOn: string | null;
  afterSalesCare: boolean | null;
  announcements: boolean | null;
  notes: string;
}

const problem = {
  name: localized('缺少姓名', '缺少姓名', 'No name'),
  place: localized('缺少房号(或住址)', '缺少房號(或住址)', 'No room (or address)'),
  role: (text: string) =>
    localized(`身份“${text}”无法识别`, `身份「${text}」無法識別`, `Role "${text}" not recognised`),
  phone: (text: string) =>
    localized(`电话“${text}”无效`, `電話「${text}」無效`, `Phone "${text}" is not valid`),
  date: (text: string) =>
    localized(`日期“${text}”无效`, `日期「${text}」無效`, `Date "${text}" is not valid`),
  consent: (text: string) =>
    localized(`授权“${text}”应为 是/否`, `授權「${text}」應為 是/否`, `Consent "${text}" should be yes/no`),
  order: localized('迁出日期早于入住日期', '遷出日期早於入住日期', 'Move-out before move-in'),
};

/** One data row of the sheet: the resident, or the problems that keep it out (nothing is half-read). */
export function parseResidentRow(
  cells: Partial<Record<ResidentColumn, CellTextOf>>,
  at: { sheetName: string; rowNumber: number },
): { resident: ImportedResident | null; errors: Localized[]; name: string } {
  const text = (column: ResidentColumn) => cells[column]?.text ?? '';
  const errors: Localized[] = [];
  const name = text('name').replace(/\s+/g, '');
  if (!name) errors.push(problem.name);
  const room = text('room');
  const buildingName = text('building');
  const locationText = text('location');
  if (!room && !locationText) errors.push(problem.place);
  const role = parseResidentRole(text('role'));
  if (!role) errors.push(problem.role(text('role').slice(0, 20)));
  const phones: ImportedResident['phones'] = [];
  for (const typed of [text('phone'), text('phone2')]
    .flatMap((value) => value.split(/[,,;;、/]|\s{2,}/))
    .map((value) => value.trim())
    .filter(Boolean)) {
    const phone = normalisePhone(typed);
    if (!phone) errors.push(problem.phone(typed.slice(0, 30)));
    else if (!phones.some((known) => known.e164 === phone.e164))
      phones.push({ e164: phone.e164, tail4: phone.tail4 });
  }
  const day = (column: ResidentColumn) => {
    const cell = cells[column];
    if (!cell || cell.isEmpty) return null;
    if (!cell.day) errors.push(problem.date(cell.text.slice(0, 20)));
    return cell.day;
  };
  const moveInOn = day('moveIn');
  const moveOutOn = day('moveOut');
  if (moveInOn && moveOutOn && moveOutOn < moveInOn) errors.push(problem.order);
  const consent = (column: ResidentColumn) => {
    const cell = cells[column];
    if (!cell || cell.isEmpty) return null;
    const value = parseConsent(cell.text);
    if (value === null) errors.push(problem.consent(cell.text.slice(0, 10)));
    return value;
  };
  const afterSalesCare = consent('afterSales');
  const announcements = consent('announcements');
  if (errors.length || !role) return { resident: null, errors, name };
  return {
    resident: {
      ...at,
      buildingName,
      doorName: text('door'),
      room,
      locationText,
      name,
      role,
      phones,
      moveInOn,
      moveOutOn,
      afterSalesCare,
      announcements,
      notes: text('notes').slice(0, 500),
    },
    errors,
    name,
  };
}
