import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { buildBombXlsx, buildOfficeXlsx, dateSerial, officeXlsxParts } from './testing/office-xlsx.js';
import { writeZip } from './testing/zip-writer.js';
import {
  cellDate,
  cellText,
  openXlsx,
  parseDateText,
  serialToDateText,
  type XlsxLimits,
  type XlsxRow,
  type XlsxSheet,
} from './xlsx-reader.js';

async function readAll(sheet: XlsxSheet, followMerges = false): Promise<XlsxRow[]> {
  const rows: XlsxRow[] = [];
  for await (const row of sheet.rows({ followMerges })) rows.push(row);
  return rows;
}

async function refusal(file: Buffer, limits?: Partial<XlsxLimits>): Promise<AppError> {
  try {
    const book = await openXlsx(file, limits);
    for (const sheet of book.sheets) await readAll(sheet);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the file was read');
}

const officeBook = (application: 'excel' | 'wps', strings: 'shared' | 'inline' = 'shared') =>
  buildOfficeXlsx({
    application,
    strings,
    sheets: [
      {
        name: '1号楼',
        merges: ['A1:E1', 'A3:A4'],
        rows: [
          ['某某花园一房一价表'],
          ['楼层', '房号', '面积', '总价', '日期'],
          [
            3,
            '0301',
            89.5,
            { formula: 'C3*36000', cached: 3222000 },
            { date: { serial: dateSerial('2026-03-05'), format: 14 } },
          ],
          [null, '0302', '１２３．４', { formula: 'C4*36000' }, '2026年3月6日'],
          [
            true,
            { error: '#N/A' },
            { formula: 'IF(A5,"已售","可售")', cached: '已售' },
            { date: { serial: dateSerial('2026-03-07'), format: 'yyyy"年"m"月"d"日"' } },
            { date: { serial: dateSerial('2026-03-08T14:30:00'), format: 58 } },
          ],
        ],
      },
      { name: '作废', state: 'hidden', rows: [['旧表']] },
      { name: '2号楼', rows: [['房号'], ['0101']] },
    ],
  });

describe('platform/excel openXlsx, the one streaming .xlsx reader', () => {
  for (const [application, strings] of [
    ['excel', 'shared'],
    ['wps', 'shared'],
    ['excel', 'inline'],
  ] as const)
    it(`reads every sheet with its name and state, typed cells, formulas and dates (${application}, ${strings} strings)`, async () => {
      const book = await openXlsx(officeBook(application, strings));
      expect(book.sheets.map((sheet) => [sheet.name, sheet.state, sheet.index])).toEqual([
        ['1号楼', 'visible', 0],
        ['作废', 'hidden', 1],
        ['2号楼', 'visible', 2],
      ]);
      const [first, hidden, second] = book.sheets;
      expect(first!.merges.map((merge) => merge.ref)).toEqual(['A1:E1', 'A3:A4']);
      expect(first!.merges[1]).toMatchObject({ top: 3, left: 1, bottom: 4, right: 1 });
      const rows = await readAll(first!);
      expect(rows.map((row) => row.rowNumber)).toEqual([1, 2, 3, 4, 5]);
      expect(rows[0]!.cells).toEqual([{ kind: 'text', text: '某某花园一房一价表' }]);
      const [floor, number, area, total, date] = rows[2]!.cells;
      expect(floor).toEqual({ kind: 'number', value: 3 });
      expect(number).toEqual({ kind: 'text', text: '0301' });
      expect(area).toEqual({ kind: 'number', value: 89.5 });
      expect(total).toEqual({
        kind: 'formula',
        formula: 'C3*36000',
        result: { kind: 'number', value: 3222000 },
      });
      expect(date).toMatchObject({ kind: 'date', text: '2026-03-05' });
      const fourth = rows[3]!.cells;
      expect(fourth[0]).toBeNull();
      expect(fourth[2]).toEqual({ kind: 'text', text: '１２３．４' });
      expect(fourth[3]).toEqual({ kind: 'formula', formula: 'C4*36000', result: null });
      expect(cellText(fourth[3])).toBe('');
      expect(cellDate(fourth[4])).toBe('2026-03-06');
      const fifth = rows[4]!.cells;
      expect(fifth[0]).toEqual({ kind: 'boolean', value: true });
      expect(fifth[1]).toEqual({ kind: 'error', error: '#N/A' });
      expect(fifth[2]).toEqual({
        kind: 'formula',
        formula: 'IF(A5,"已售","可售")',
        result: { kind: 'text', text: '已售' },
      });
      expect(cellDate(fifth[3])).toBe('2026-03-07');
      expect(fifth[4]).toMatchObject({ kind: 'date', text: '2026-03-08 14:30:00' });
      expect((await readAll(hidden!)).map((row) => cellText(row.cells[0]))).toEqual(['旧表']);
      expect((await readAll(second!)).map((row) => cellText(row.cells[0]))).toEqual(['房号', '0101']);
    });

  it('follows merged cells on request: the top-left value fills the range, marked with where it came from', async () => {
    const book = await openXlsx(officeBook('excel'));
    const rows = await readAll(book.sheets[0]!, true);
    expect(rows[0]!.cells).toHaveLength(5);
    expect(rows[0]!.cells[4]).toEqual({ kind: 'text', text: '某某花园一房一价表', mergedFrom: 'A1' });
    expect(rows[3]!.cells[0]).toEqual({ kind: 'number', value: 3, mergedFrom: 'A3' });
    expect(rows[2]!.cells[0]).toEqual({ kind: 'number', value: 3 });
  });

  it('reads built-in Chinese date formats 27–36 and 50–58, and the 1904 date system', async () => {
    const serial = dateSerial('2026-12-06');
    const formats = [14, 22, 27, 31, 36, 50, 57, 58, 'yyyy/mm/dd;@', '[$-804]yyyy"年"m"月"d"日" dddd'];
    const file = buildOfficeXlsx({
      application: 'wps',
      sheets: [
        {
          name: 'S',
          rows: [
            formats.map((format) => ({ date: { serial, format } })),
            [serial, { date: { serial, format: '0.00"㎡"' } }],
          ],
        },
      ],
    });
    const [dates, numbers] = await readAll((await openXlsx(file)).sheets[0]!);
    expect(dates!.cells.map(cellDate)).toEqual(formats.map(() => '2026-12-06'));
    expect(numbers!.cells.map((cell) => cell?.kind)).toEqual(['number', 'number']);
    const book1904 = buildOfficeXlsx({
      application: 'excel',
      date1904: true,
      sheets: [{ name: 'S', rows: [[{ date: { serial: serial - 1462, format: 14 } }]] }],
    });
    const [row] = await readAll((await openXlsx(book1904)).sheets[0]!);
    expect(cellDate(row!.cells[0])).toBe('2026-12-06');
  });

  it('reads rich text, phonetic runs, _x000D_ escapes, prefixed tags and cells without references', async () => {
    const parts = officeXlsxParts({ application: 'excel', sheets: [{ name: '表', rows: [['x']] }] }).map(
      (part) => {
        if (part.name === 'xl/sharedStrings.xml')
          return {
            name: part.name,
            data: '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><rPr><b/></rPr><t>一房</t></r><r><t>一价</t></r><rPh sb="0" eb="1"><t>いち</t></rPh></si><si><t>第一行_x000D_第二行</t></si></sst>',
          };
        if (part.name === 'xl/worksheets/sheet1.xml')
          return {
            name: part.name,
            data: '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>甲</x:t></x:r><x:r><x:t xml:space="preserve"> 乙</x:t></x:r></x:is></x:c></x:row><x:row><x:c t="d"><x:v>2026-12-06T00:00:00</x:v></x:c><x:c><x:v>4269599.9999999995</x:v></x:c></x:row></x:sheetData></x:worksheet>',
          };
        return part;
      },
    );
    const rows = await readAll((await openXlsx(writeZip(parts))).sheets[0]!);
    expect(rows.map((row) => row.rowNumber)).toEqual([1, 2]);
    expect(rows[0]!.cells.map(cellText)).toEqual(['一房一价', '第一行\r第二行', '甲 乙']);
    expect(rows[1]!.cells).toEqual([
      { kind: 'date', text: '2026-12-06', serial: null },
      { kind: 'number', value: 4269600 },
    ]);
  });

  it('reads what exceljs writes (the export and the import templates)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('房源');
    sheet.addRow(['楼栋', '日期', '总价']);
    sheet.addRow(['5栋', new Date(Date.UTC(2026, 2, 5)), { formula: '1+1', result: 2 }]);
    sheet.mergeCells('A2:A3');
    const book = await openXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    const rows = await readAll(book.sheets[0]!, true);
    expect(rows.map((row) => row.cells.map(cellText))).toEqual([
      ['楼栋', '日期', '总价'],
      ['5栋', '2026-03-05', '2'],
      ['5栋'],
    ]);
  });

  it('refuses junk, damaged zips and malformed XML as unreadable (422), in three languages', async () => {
    for (const file of [
      Buffer.from('楼栋,楼层\n1栋,1'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
      officeBook('excel').subarray(0, 2000),
    ]) {
      const error = await refusal(file);
      expect(error.code).toBe('XLSX_UNREADABLE');
      expect(error.status).toBe(422);
      expect(error.userMessage('zh-CN')).toContain('.xlsx');
    }
    const broken = officeXlsxParts({ application: 'excel', sheets: [{ name: 'S', rows: [['x']] }] }).map(
      (part) =>
        part.name === 'xl/worksheets/sheet1.xml'
          ? { name: part.name, data: '<worksheet><sheetData><row>' }
          : part,
    );
    expect((await refusal(writeZip(broken))).code).toBe('XLSX_UNREADABLE');
    // A single 8 MB cell (Excel stops at 32,767 characters) is refused before the parser holds it.
    const hostile = officeXlsxParts({ application: 'excel', sheets: [{ name: 'S', rows: [['x']] }] }).map(
      (part) =>
        part.name === 'xl/worksheets/sheet1.xml'
          ? {
              name: part.name,
              data: `<worksheet><sheetData><row><c t="str"><v>${'9'.repeat(8 * 1024 * 1024)}</v></c></row></sheetData></worksheet>`,
            }
          : part,
    );
    expect((await refusal(writeZip(hostile))).code).toBe('XLSX_UNREADABLE');
  });

  it('refuses a bomb whose directory is honest before inflating it, with the expanded size named (413)', async () => {
    const file = buildBombXlsx({ expandedMb: 1024 });
    const started = performance.now();
    const error = await refusal(file);
    expect(error.code).toBe('XLSX_TOO_LARGE');
    expect(error.status).toBe(413);
    expect(error.userMessage('zh-CN')).toMatch(/^文件过大\(解压后约 10\d\d MB;上限 128 MB \/ 100000 行\)/);
    expect(error.userMessage('zh-TW')).toContain('檔案過大');
    expect(error.userMessage('en')).toContain('too large');
    // Nothing was inflated: inflating 1 GB takes seconds here.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('stops a bomb whose directory lies at the limit, counting the bytes really inflated', async () => {
    const file = buildBombXlsx({ expandedMb: 1024, lie: true });
    expect(file.length).toBeLessThan(5 * 1024 * 1024); // under the upload limit: only inflating reveals it
    const error = await refusal(file, { maxExpandedBytes: 32 * 1024 * 1024 });
    expect(error.code).toBe('XLSX_TOO_LARGE');
    expect(error.userMessage('zh-CN')).toMatch(/^文件过大\(解压后超过 32 MB;上限 32 MB/);
    expect(error.userMessage('en')).toContain('over 32 MB');
    expect(error.params.mb).toBeGreaterThan(32);
    expect(error.params.mb).toBeLessThan(34);
  });

  it('refuses more data rows than the limit, counted over the sheets read, naming the count', async () => {
    const rows = Array.from({ length: 30 }, (_, index) => [`${index}`]);
    const file = buildOfficeXlsx({
      application: 'excel',
      sheets: [
        { name: 'A', rows },
        { name: 'B', rows },
      ],
    });
    const error = await refusal(file, { maxRows: 50 });
    expect(error.code).toBe('XLSX_TOO_LARGE');
    expect(error.userMessage('en')).toContain('51 rows');
    await expect(refusal(file, { maxRows: 60 })).rejects.toThrow('the file was read');
  });
});

describe('platform/excel date helpers', () => {
  it('turns serials into dates in both date systems', () => {
    expect(serialToDateText(45000, false)).toBe('2023-03-15');
    expect(serialToDateText(1, false)).toBe('1900-01-01');
    expect(serialToDateText(61, false)).toBe('1900-03-01');
    expect(serialToDateText(45000.5, false)).toBe('2023-03-15 12:00:00');
    expect(serialToDateText(0, true)).toBe('1904-01-01');
  });

  it('reads dates typed as text, full-width included, and refuses impossible ones', () => {
    expect(parseDateText('2026-3-5')).toBe('2026-03-05');
    expect(parseDateText('2026/03/05')).toBe('2026-03-05');
    expect(parseDateText('2026.3.5')).toBe('2026-03-05');
    expect(parseDateText('2026年3月5日')).toBe('2026-03-05');
    expect(parseDateText('２０２６年３月５日')).toBe('2026-03-05');
    expect(parseDateText('2026-03-05 14:30')).toBe('2026-03-05 14:30:00');
    expect(parseDateText('2026-02-30')).toBeNull();
    expect(parseDateText('0301')).toBeNull();
  });
});
