import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { commitUnitImport, previewUnitImport } from './import.service.js';
import { buildInventory, type InventoryFixture } from './testing/index.js';

const now = new Date('2026-11-27T02:00:00.000Z');

async function sheet(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet('房源');
  for (const row of rows) worksheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const header = ['楼栋', '单元', '楼层', '房号', '户型', '建筑面积(㎡)', '套内面积', '朝向', '单价', '总价'];

describe('INV Excel import of units and prices', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;
  const unitCount = async () =>
    Number(
      (
        await database.db
          .selectFrom('units')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    fx = await buildInventory(database.db, { floors: 1, perFloor: 2 });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('INV refuses junk, non-xlsx and sheets without the required columns, with the missing columns named', async () => {
    const base = { actor: fx.controller, projectId: fx.org.salesProjectId };
    await expect(
      previewUnitImport(database.db, { ...base, file: Buffer.from('楼栋,楼层\n1栋,1') }),
    ).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
    await expect(
      previewUnitImport(database.db, { ...base, file: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) }),
    ).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
    await expect(
      previewUnitImport(database.db, {
        ...base,
        file: await sheet([
          ['名称', '价格'],
          ['a', 1],
        ]),
      }),
    ).rejects.toMatchObject({
      code: 'IMPORT_COLUMNS_MISSING',
      message: expect.stringContaining('楼栋'),
    });
    await expect(
      previewUnitImport(database.db, { ...base, file: await sheet([header]) }),
    ).rejects.toMatchObject({ code: 'IMPORT_EMPTY' });
    await expect(
      previewUnitImport(database.db, {
        actor: fx.consultant,
        projectId: fx.org.salesProjectId,
        file: await sheet([header]),
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('SA-9 lists every bad row with its reason: formula, wrong total, duplicate, bad area, inner above building area', async () => {
    const workbook = new ExcelJS.Workbook();
    const worksheet = workbook.addWorksheet('房源');
    worksheet.addRow(header);
    worksheet.addRow(['5栋', '', 1, '101', '三室两厅', 118.6, 94.2, '南', 36000, 4269600]);
    worksheet.addRow(['5栋', '', 1, '102', '两室两厅', 89.5, 71.8, '南', 36000, 3222001]);
    worksheet.addRow(['5栋', '', 1, '101', '两室两厅', 89.5, 71.8, '南', '', '']);
    worksheet.addRow(['5栋', '', 2, '201', '两室两厅', 'abc', 71.8, '南', '', '']);
    worksheet.addRow(['5栋', '', 2, '202', '两室两厅', 89.5, 99, '南', '', '']);
    worksheet.addRow([
      '5栋',
      '',
      2,
      '203',
      '两室两厅',
      { formula: 'A1*2', result: undefined },
      71.8,
      '南',
      '',
      '',
    ]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await previewUnitImport(database.db, {
      actor: fx.controller,
      projectId: fx.org.salesProjectId,
      file,
    });
    const errorsOf = (row: number) =>
      preview.rows
        .find((entry) => entry.rowNumber === row)!
        .errors.map((error) => error['zh-CN'])
        .join(';');
    expect(preview.rows[0]).toMatchObject({
      action: 'create',
      totalFen: 426_960_000,
      buildingArea: '118.60',
    });
    expect(errorsOf(3)).toContain('应为 3222000.00 元');
    expect(errorsOf(4)).toContain('与第 2 行房号重复');
    expect(errorsOf(5)).toContain('建筑面积');
    expect(errorsOf(6)).toContain('不能大于建筑面积');
    expect(errorsOf(7)).toContain('公式');
    expect(preview.summary).toMatchObject({ total: 6, create: 1, error: 5 });
    expect(preview.newBuildings).toEqual(['5栋']);

    const before = await unitCount();
    await expect(
      commitUnitImport(database.db, {
        actor: fx.controller,
        projectId: fx.org.salesProjectId,
        file,
        mode: 'all',
        priceListName: 'x',
        now,
      }),
    ).rejects.toMatchObject({
      code: 'IMPORT_HAS_ERRORS',
    });
    expect(await unitCount()).toBe(before);
    const result = await commitUnitImport(database.db, {
      actor: fx.controller,
      projectId: fx.org.salesProjectId,
      file,
      mode: 'valid_only',
      priceListName: '5栋价目表',
      now,
    });
    expect(result).toMatchObject({ created: 1, skipped: 5, newBuildings: ['5栋'] });
    expect(await unitCount()).toBe(before + 1);
    const priceList = await database.db
      .selectFrom('priceLists')
      .selectAll()
      .where('id', '=', result.priceListId!)
      .executeTakeFirstOrThrow();
    expect(priceList).toMatchObject({ status: 'draft', itemCount: 1 });
    const unit = await database.db
      .selectFrom('units')
      .selectAll()
      .where('label', '=', '5栋-101')
      .executeTakeFirstOrThrow();
    // Prices apply only once a manager approves the draft.
    expect(unit.listTotalFen).toBeNull();
  });

  it('INV re-importing the same sheet updates units instead of duplicating them', async () => {
    const file = await sheet([header, ['1栋', '', 1, '101', '三室两厅', 90.5, 72.1, '南北', '', '']]);
    const preview = await previewUnitImport(database.db, {
      actor: fx.controller,
      projectId: fx.org.salesProjectId,
      file,
    });
    expect(preview.rows[0].action).toBe('update');
    await commitUnitImport(database.db, {
      actor: fx.controller,
      projectId: fx.org.salesProjectId,
      file,
      mode: 'all',
      priceListName: 'x',
      now,
    });
    const unit = await database.db
      .selectFrom('units')
      .selectAll()
      .where('label', '=', '1栋-101')
      .executeTakeFirstOrThrow();
    expect(unit).toMatchObject({ buildingAreaDm2: 9050, orientation: '南北' });
  });
});
