import ExcelJS from 'exceljs';

/** Every cell's text of an .xlsx file, one per line, sheet by sheet: what the file tells its reader. */
export async function workbookText(bytes: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        cells.push(String(cell.text ?? ''));
      }),
    ),
  );
  return cells.join('\n');
}
