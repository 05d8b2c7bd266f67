import { writeZip } from '../../../platform/excel/testing/zip-writer.js';
import { type RegisterRow, type RegisterStyle, visitorRegisterRows } from './visitor-register-rows.js';

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
