import { buildOfficeXlsx, dateSerial, type OfficeCell } from '../../../platform/excel/testing/office-xlsx.js';
import { writeZip } from '../../../platform/excel/testing/zip-writer.js';

/**
 * A 60-row visitor register (来访客户登记表) written the way an office's spreadsheet program
 * writes it, as raw OOXML: our own exceljs writer would hide exactly the quirks the import must
 * survive. Two flavours of the same rows:
 * - 'excel': every string shared, a hidden drop-down sheet placed first, phones sometimes typed as
 *   numbers, dates as serials (with a date style) and as text without a year;
 * - 'wps': inline strings, rich-text and phonetic runs in shared strings, a formula 序号 column with
 *   its cached value, the hidden sheet last and "veryHidden", some dates as text with a year.
 * Both have a title row merged over the header. The parts are written here rather than with
 * platform/excel/testing/office-xlsx.ts for the rich-text and phonetic runs WPS leaves in names.
 */

export type RegisterStyle = 'excel' | 'wps';

export interface RegisterRow {
  number: number;
  /** An Excel serial (a date cell) or the text typed into the cell. */
  visit: number | string;
  name: string;
  /** Text as typed; a number when the cell holds the phone as a number. */
  phone: string | number;
  gender: string;
  source: string;
  layout: string;
  consultant: string;
  notes: string;
}

/** The consultant names the office uses, in turn: staff names, titles, nicknames, and none. */
export const registerConsultants = ['张伟', '张经理', '小刘', '王姐', '刘洋', 'Lily', '', '陈静'] as const;

const peerNotes = new Map([
  [1, '同行'],
  [11, '同行,XX地产置业顾问'],
  [23, '疑似同行踩盘'],
  [35, '同行'],
  [47, '同行(中介)'],
  [59, '同行'],
]);
const mediaNotes = new Map([
  [4, '记者'],
  [16, '媒体朋友来踩盘'],
  [28, '晚报记者'],
  [40, '记者,想做专访'],
  [52, '记者,不留电话'],
]);
const developerNotes = new Map([
  [7, '发展商领导'],
  [19, '开发商领导陪同'],
  [31, '开发商'],
]);
const refusedNotes = new Map([
  [9, '不留电话'],
  [21, '客户拒留'],
  [33, '拒绝留电话,只看不买'],
  [45, '不肯留电话'],
  [57, '拒留'],
]);
/** Notes that look like a kind but are not one: company on the visit, an advert in the media. */
const decoyNotes = new Map([
  [8, '与家人同行,看三房'],
  [20, '和朋友同行'],
  [44, '与家人同行'],
  [13, '在媒体广告上看到'],
]);

/** What the 60 rows hold, as the import should count them. */
export const registerCounts = {
  rows: 60,
  keyCustomers: peerNotes.size + mediaNotes.size + developerNotes.size,
  peers: peerNotes.size,
  media: mediaNotes.size,
  developers: developerNotes.size,
  phoneRefused: refusedNotes.size + 1,
  /** Rows 31–60 have dates without a year. */
  yearless: 30,
} as const;

const surnames = '赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施';
const givens = ['建国', '丽', '志强', '秀英', '伟', '敏', '静', '磊', '芳', '洋', '勇', '艳', '杰'];
const sources = ['自然来访', '朋友介绍', '网络', '户外广告'];
const layouts = ['两房', '三房', '四房', '复式'];

/** 2026-11-01 as an Excel serial. */
const novemberFirstSerial = Date.UTC(2026, 10, 1) / 86_400_000 + 25_569;

function fullWidth(text: string): string {
  return text.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
}

export function visitorRegisterRows(): RegisterRow[] {
  const rows: RegisterRow[] = [];
  for (let number = 1; number <= 60; number++) {
    const digits = `1390000${String(number).padStart(4, '0')}`;
    const isRefused = refusedNotes.has(number) || number === 52;
    let phone: string | number = digits;
    if (isRefused) phone = '';
    else if (number % 3 === 0) phone = fullWidth(digits);
    else if (number % 5 === 0)
      phone = `${digits.slice(0, 3)}\u3000${digits.slice(3, 7)}\u3000${digits.slice(7)}`;
    else if (number % 7 === 0) phone = Number(digits);
    const day = 11 + Math.floor((number - 31) / 3);
    const yearless = [`11月${day}日`, `11/${day}`, `11-${String(day).padStart(2, '0')}`][number % 3];
    rows.push({
      number,
      visit: number <= 30 ? novemberFirstSerial + Math.floor((number - 1) / 3) : yearless,
      name: `${surnames[number % surnames.length]}${givens[number % givens.length]}${number > 20 ? number : ''}`,
      phone,
      gender: number % 2 ? '男' : '女',
      source: sources[number % sources.length],
      layout: layouts[number % layouts.length],
      consultant: registerConsultants[number % registerConsultants.length],
      notes:
        peerNotes.get(number) ??
        mediaNotes.get(number) ??
        developerNotes.get(number) ??
        refusedNotes.get(number) ??
        decoyNotes.get(number) ??
        '',
    });
  }
  return rows;
}

const header = [
  '序号',
  '来访日期',
  '客户姓名',
  '联系电话',
  '性别',
  '来源渠道',
  '意向户型',
  '置业顾问',
  '备注',
];
const title = '翠湖花园来访客户登记表(2026年11月)';

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[char] ?? char,
  );
}

function column(index: number): string {
  return String.fromCharCode(65 + index);
}

type Cell =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: number }
  | { kind: 'formula'; formula: string; value: number };

class SharedStrings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  add(xml: string): number {
    const known = this.index.get(xml);
    if (known !== undefined) return known;
    this.list.push(xml);
    this.index.set(xml, this.list.length - 1);
    return this.list.length - 1;
  }
}

/** Rich text as WPS writes a name typed with a different font for the title part. */
function richText(text: string): string {
  if (text.length < 2) return `<t>${escapeXml(text)}</t>`;
  return (
    `<r><rPr><sz val="11"/><rFont val="宋体"/><charset val="134"/></rPr><t>${escapeXml(text.slice(0, 1))}</t></r>` +
    `<r><rPr><sz val="11"/><rFont val="微软雅黑"/><charset val="134"/></rPr><t xml:space="preserve">${escapeXml(text.slice(1))}</t></r>` +
    `<rPh sb="0" eb="1"><t>ピン</t></rPh><phoneticPr fontId="1" type="noConversion"/>`
  );
}

function cellXml(
  style: RegisterStyle,
  reference: string,
  cell: Cell,
  shared: SharedStrings,
  useRich: boolean,
): string {
  switch (cell.kind) {
    case 'number':
      return `<c r="${reference}"><v>${cell.value}</v></c>`;
    case 'date':
      return `<c r="${reference}" s="1"><v>${cell.value}</v></c>`;
    case 'formula':
      return `<c r="${reference}"><f>${escapeXml(cell.formula)}</f><v>${cell.value}</v></c>`;
    case 'text':
      if (style === 'wps' && !useRich)
        return `<c r="${reference}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell.value)}</t></is></c>`;
      return `<c r="${reference}" t="s"><v>${shared.add(useRich ? richText(cell.value) : `<t>${escapeXml(cell.value)}</t>`)}</v></c>`;
  }
}

function sheetXml(
  style: RegisterStyle,
  rows: Cell[][],
  mergeRef: string | null,
  shared: SharedStrings,
): string {
  const body = rows
    .map((cells, rowIndex) => {
      const number = rowIndex + 1;
      const xml = cells
        .map((cell, columnIndex) =>
          cell.kind === 'text' && cell.value === ''
            ? ''
            : cellXml(
                style,
                `${column(columnIndex)}${number}`,
                cell,
                shared,
                style === 'wps' && columnIndex === 7,
              ),
        )
        .join('');
      return `<row r="${number}" spans="1:${header.length}">${xml}</row>`;
    })
    .join('');
  const wpsNamespace =
    style === 'wps' ? ' xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"' : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"${wpsNamespace}>` +
    `<sheetPr/><dimension ref="A1:I${rows.length}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="13.5"/><sheetData>${body}</sheetData>` +
    (mergeRef ? `<mergeCells count="1"><mergeCell ref="${mergeRef}"/></mergeCells>` : '') +
    `<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>`
  );
}

function registerCells(style: RegisterStyle, rows: RegisterRow[]): Cell[][] {
  const text = (value: string): Cell => ({ kind: 'text', value });
  const result: Cell[][] = [[text(title)], header.map(text)];
  for (const row of rows) {
    let visit: Cell = typeof row.visit === 'number' ? { kind: 'date', value: row.visit } : text(row.visit);
    // WPS users often type the first dates by hand, with the year.
    if (style === 'wps' && typeof row.visit === 'number' && row.number <= 10)
      visit = text(`2026/11/${Math.floor((row.number - 1) / 3) + 1}`);
    result.push([
      style === 'wps'
        ? { kind: 'formula', formula: 'ROW()-2', value: row.number }
        : { kind: 'number', value: row.number },
      visit,
      text(row.name),
      typeof row.phone === 'number' ? { kind: 'number', value: row.phone } : text(row.phone),
      text(row.gender),
      text(row.source),
      text(row.layout),
      text(row.consultant),
      text(row.notes),
    ]);
  }
  return result;
}

/** The hidden sheet of drop-down lists: it looks like customers, and must not be read. */
function dictionaryCells(): Cell[][] {
  const text = (value: string): Cell => ({ kind: 'text', value });
  return [
    [text('姓名'), text('电话'), text('置业顾问')],
    [text('示例客户'), text('13700000000'), text('张伟')],
    [text('示例客户二'), text('13700000001'), text('刘洋')],
  ];
}

/** The register as a .xlsx file, made as Excel or as WPS Spreadsheets makes it. */
export function buildVisitorRegister(style: RegisterStyle, rows = visitorRegisterRows()): Buffer {
  const shared = new SharedStrings();
  const register = sheetXml(style, registerCells(style, rows), 'A1:I1', shared);
  const dictionary = sheetXml(style, dictionaryCells(), null, shared);
  const sheets =
    style === 'excel'
      ? '<sheet name="下拉选项" sheetId="2" state="hidden" r:id="rId2"/><sheet name="来访登记" sheetId="1" r:id="rId1"/>'
      : '<sheet name="来访登记" sheetId="1" r:id="rId1"/><sheet name="下拉选项" sheetId="2" state="veryHidden" r:id="rId2"/>';
  const relationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const spreadsheet = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return writeZip([
    {
      name: '[Content_Types].xml',
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="${spreadsheet}.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${spreadsheet}.worksheet+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet2.xml" ContentType="${spreadsheet}.worksheet+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${spreadsheet}.styles+xml"/>` +
        `<Override PartName="/xl/sharedStrings.xml" ContentType="${spreadsheet}.sharedStrings+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${relationships}"><bookViews><workbookView activeTab="${style === 'excel' ? 1 : 0}"/></bookViews><sheets>${sheets}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${relationships}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${relationships}/worksheet" Target="worksheets/sheet2.xml"/>` +
        `<Relationship Id="rId3" Type="${relationships}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId4" Type="${relationships}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    {
      name: 'xl/styles.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
        `<fonts count="1"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts>` +
        `<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>` +
        `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
        `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    },
    { name: 'xl/worksheets/sheet1.xml', data: register },
    { name: 'xl/worksheets/sheet2.xml', data: dictionary },
    {
      name: 'xl/sharedStrings.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.list.length}" uniqueCount="${shared.list.length}">` +
        shared.list.map((item) => `<si>${item}</si>`).join('') +
        `</sst>`,
    },
  ]);
}

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
