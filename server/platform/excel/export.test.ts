import { describe, expect, it } from 'vitest';
import { buildWorkbookSheets, exportBatchRows } from './export.js';

describe('Excel export cancelled', () => {
  it('stops reading rows once the download is cancelled, and makes no file', async () => {
    const controller = new AbortController();
    let read = 0;
    function* rows() {
      for (let index = 0; index < exportBatchRows * 20; index += 1) {
        read += 1;
        // The user presses 取消 while the third batch is being written.
        if (read === exportBatchRows * 2 + 10) controller.abort();
        yield { index };
      }
    }
    const building = buildWorkbookSheets(
      [
        {
          name: 'rows',
          columns: [{ header: 'n', value: (row: { index: number }) => row.index }],
          rows: rows(),
        },
      ],
      controller.signal,
    );
    await expect(building).rejects.toMatchObject({ name: 'AbortError' });
    expect(read).toBe(exportBatchRows * 3);
  });

  it('builds the whole file when nobody cancels', async () => {
    const controller = new AbortController();
    const rows = Array.from({ length: exportBatchRows * 2 + 1 }, (_, index) => ({ index }));
    const file = await buildWorkbookSheets(
      [{ name: 'rows', columns: [{ header: 'n', value: (row: { index: number }) => row.index }], rows }],
      controller.signal,
    );
    const { default: Excel } = await import('exceljs');
    const book = new Excel.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    expect(book.worksheets[0].rowCount).toBe(rows.length + 1);
  });
});
