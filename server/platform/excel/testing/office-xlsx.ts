import { deflateRepeated, writeZip, type ZipInput } from './zip-writer.js';

/**
 * Builds .xlsx files part by part, the way Excel and WPS write them (not with exceljs's writer,
 * which would only prove we read what we write): shared strings (Excel) or inline strings,
 * formula string results as `t="str"` (WPS), formulas with or without a cached `<v>`, dates as
 * serials in built-in or custom 年月日 formats, merged title cells, hidden sheets.
 */

/** A date serial shown in a format: a built-in id (14 yyyy/m/d, 31 yyyy"年"m"月"d"日", …) or a custom code. */
export interface OfficeDate {
  serial: number;
  format: number | string;
}

export type OfficeCell =
  | string
  | number
  | boolean
  | null
  | undefined
  | { formula: string; cached?: string | number | boolean | null }
  | { date: OfficeDate }
  | { error: string }
  /** Always an inline string, whatever the workbook's string mode. */
  | { inline: string };

export interface OfficeSheet {
  name: string;
  state?: 'hidden' | 'veryHidden';
  rows: OfficeCell[][];
  /** 'A1:H1' … */
  merges?: string[];
  /** Number of the first row (rows above are absent, as when a sheet starts lower). */
  firstRow?: number;
}

export interface OfficeWorkbook {
  /** excel: shared strings; wps: WPS's parts and custom number formats; both write formula strings as t="str". */
  application: 'excel' | 'wps';
  /** Where text cells go: the shared-strings table (both applications' default) or inline in the sheet. */
  strings?: 'shared' | 'inline';
  sheets: OfficeSheet[];
  date1904?: boolean;
}

/** 1-based column → letters. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[char]!,
  );
}

/** A JavaScript date (its UTC calendar day and time) as a 1900-system serial. */
export function dateSerial(isoDate: string): number {
  const at = Date.parse(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : `${isoDate}Z`);
  return (at - Date.UTC(1899, 11, 30)) / 86_400_000;
}

const header = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const mainNs = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const packageRelNs = 'http://schemas.openxmlformats.org/package/2006/relationships';

class Styles {
  private readonly custom = new Map<string, number>();
  /** cellXfs: index 0 is the default style. */
  readonly formats: number[] = [0];

  styleOf(format: number | string): number {
    let id: number;
    if (typeof format === 'number') id = format;
    else {
      id = this.custom.get(format) ?? 176 + this.custom.size;
      this.custom.set(format, id);
    }
    const existing = this.formats.indexOf(id);
    if (existing >= 0) return existing;
    this.formats.push(id);
    return this.formats.length - 1;
  }

  xml(application: OfficeWorkbook['application']): string {
    const numFmts = [...this.custom]
      .map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`)
      .join('');
    const font =
      application === 'wps'
        ? '<font><sz val="11"/><color theme="1"/><name val="宋体"/><charset val="134"/><scheme val="minor"/></font>'
        : '<font><sz val="11"/><color theme="1"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font>';
    const xfs = this.formats
      .map(
        (id) =>
          `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`,
      )
      .join('');
    return `${header}<styleSheet xmlns="${mainNs}">${numFmts ? `<numFmts count="${this.custom.size}">${numFmts}</numFmts>` : ''}<fonts count="1">${font}</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${this.formats.length}">${xfs}</cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private count = 0;

  add(text: string): number {
    this.count += 1;
    let at = this.index.get(text);
    if (at === undefined) {
      at = this.index.size;
      this.index.set(text, at);
    }
    return at;
  }

  xml(): string {
    const items = [...this.index.keys()]
      .map(
        (text) => `<si><t${/^\s|\s$/.test(text) ? ' xml:space="preserve"' : ''}>${escapeXml(text)}</t></si>`,
      )
      .join('');
    return `${header}<sst xmlns="${mainNs}" count="${this.count}" uniqueCount="${this.index.size}">${items}</sst>`;
  }
}

function cellXml(
  ref: string,
  cell: OfficeCell,
  options: { strings: 'shared' | 'inline'; shared: SharedStrings; styles: Styles },
): string {
  if (cell === null || cell === undefined || cell === '') return '';
  if (typeof cell === 'string') {
    if (options.strings === 'inline')
      return `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(cell)}</t></is></c>`;
    return `<c r="${ref}" t="s"><v>${options.shared.add(cell)}</v></c>`;
  }
  if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
  if (typeof cell === 'boolean') return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
  if ('inline' in cell) return `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(cell.inline)}</t></is></c>`;
  if ('error' in cell) return `<c r="${ref}" t="e"><v>${escapeXml(cell.error)}</v></c>`;
  if ('date' in cell)
    return `<c r="${ref}" s="${options.styles.styleOf(cell.date.format)}"><v>${cell.date.serial}</v></c>`;
  const formula = `<f>${escapeXml(cell.formula)}</f>`;
  const cached = cell.cached;
  if (cached === undefined || cached === null) return `<c r="${ref}">${formula}</c>`;
  if (typeof cached === 'string') return `<c r="${ref}" t="str">${formula}<v>${escapeXml(cached)}</v></c>`;
  if (typeof cached === 'boolean') return `<c r="${ref}" t="b">${formula}<v>${cached ? 1 : 0}</v></c>`;
  return `<c r="${ref}">${formula}<v>${cached}</v></c>`;
}

function sheetXml(sheet: OfficeSheet, options: Parameters<typeof cellXml>[2], selected: boolean): string {
  const first = sheet.firstRow ?? 1;
  const width = Math.max(1, ...sheet.rows.map((row) => row.length));
  const rows = sheet.rows
    .map((row, index) => {
      const number = first + index;
      const cells = row
        .map((cell, column) => cellXml(`${columnLetters(column + 1)}${number}`, cell, options))
        .join('');
      return cells ? `<row r="${number}" spans="1:${width}">${cells}</row>` : '';
    })
    .join('');
  const last = first + Math.max(0, sheet.rows.length - 1);
  const merges = sheet.merges?.length
    ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`
    : '';
  return `${header}<worksheet xmlns="${mainNs}" xmlns:r="${relNs}"><dimension ref="A${first}:${columnLetters(width)}${last}"/><sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="14.25"/><sheetData>${rows}</sheetData>${merges}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

/** The zip parts of a workbook, in the order the application writes them. */
export function officeXlsxParts(book: OfficeWorkbook): ZipInput[] {
  const shared = new SharedStrings();
  const styles = new Styles();
  const options = { strings: book.strings ?? 'shared', shared, styles };
  const sheets = book.sheets.map((sheet, index) => sheetXml(sheet, options, index === 0));
  const sheetEntries = book.sheets
    .map(
      (sheet, index) =>
        `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${index + 1}"/>`,
    )
    .join('');
  const workbook = `${header}<workbook xmlns="${mainNs}" xmlns:r="${relNs}"><workbookPr${book.date1904 ? ' date1904="1"' : ''}/><bookViews><workbookView windowWidth="28800" windowHeight="12300"/></bookViews><sheets>${sheetEntries}</sheets><calcPr calcId="191029"/></workbook>`;
  const count = book.sheets.length;
  const sheetRels = book.sheets
    .map(
      (_, index) =>
        `<Relationship Id="rId${index + 1}" Type="${relNs}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
    )
    .join('');
  const workbookRels = `${header}<Relationships xmlns="${packageRelNs}">${sheetRels}<Relationship Id="rId${count + 1}" Type="${relNs}/theme" Target="theme/theme1.xml"/><Relationship Id="rId${count + 2}" Type="${relNs}/styles" Target="styles.xml"/><Relationship Id="rId${count + 3}" Type="${relNs}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const contentTypes = `${header}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${book.sheets.map((_, index) => `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
  const rootRels = `${header}<Relationships xmlns="${packageRelNs}"><Relationship Id="rId3" Type="${relNs}/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="${relNs}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const appName = book.application === 'wps' ? 'WPS 表格' : 'Microsoft Excel';
  const app = `${header}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${appName}</Application></Properties>`;
  const core = `${header}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>销售部</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2026-11-20T08:00:00Z</dcterms:created></cp:coreProperties>`;
  const theme = `${header}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office 主题"><a:themeElements/></a:theme>`;
  const worksheetParts = sheets.map((data, index) => ({ name: `xl/worksheets/sheet${index + 1}.xml`, data }));
  // Excel puts the sheets before the shared strings; WPS writes docProps first and the sheets last.
  return book.application === 'excel'
    ? [
        { name: '[Content_Types].xml', data: contentTypes },
        { name: '_rels/.rels', data: rootRels },
        { name: 'xl/workbook.xml', data: workbook },
        { name: 'xl/_rels/workbook.xml.rels', data: workbookRels },
        ...worksheetParts,
        { name: 'xl/theme/theme1.xml', data: theme },
        { name: 'xl/styles.xml', data: styles.xml('excel') },
        { name: 'xl/sharedStrings.xml', data: shared.xml() },
        { name: 'docProps/core.xml', data: core },
        { name: 'docProps/app.xml', data: app },
      ]
    : [
        { name: '[Content_Types].xml', data: contentTypes },
        { name: '_rels/.rels', data: rootRels },
        { name: 'docProps/app.xml', data: app },
        { name: 'docProps/core.xml', data: core },
        { name: 'xl/theme/theme1.xml', data: theme },
        { name: 'xl/styles.xml', data: styles.xml('wps') },
        { name: 'xl/sharedStrings.xml', data: shared.xml() },
        { name: 'xl/workbook.xml', data: workbook },
        { name: 'xl/_rels/workbook.xml.rels', data: workbookRels },
        ...worksheetParts,
      ];
}

export function buildOfficeXlsx(book: OfficeWorkbook): Buffer {
  return writeZip(officeXlsxParts(book));
}

/**
 * A zip bomb that looks like a workbook: one sheet of `expandedMb` MB of rows (~1 MB of zip per
 * GB). `lie: true` declares the sheet as 1 kB in the zip's directory, so only counting the bytes
 * really inflated can stop it.
 */
export function buildBombXlsx(options: { expandedMb: number; lie?: boolean }): Buffer {
  const parts = officeXlsxParts({ application: 'excel', sheets: [{ name: 'Sheet1', rows: [['房号']] }] });
  const row = '<row><c t="inlineStr"><is><t>0301</t></is></c><c><v>89.5</v></c></row>';
  const body = row.repeat(Math.floor((1024 * 1024) / row.length));
  const sheet = deflateRepeated(
    `${header}<worksheet xmlns="${mainNs}"><sheetData>`,
    body,
    options.expandedMb,
    '</sheetData></worksheet>',
  );
  return writeZip(
    parts.map((part) =>
      part.name === 'xl/worksheets/sheet1.xml'
        ? { name: part.name, deflated: sheet, declaredSize: options.lie ? 1024 : sheet.size }
        : part,
    ),
  );
}
