import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBombXlsx } from '../../platform/excel/testing/office-xlsx.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { getBoard } from './board.service.js';
import { commitUnitImport, previewUnitImport } from './import.service.js';
import { getUnitAt } from './inventory.service.js';
import {
  buildInventory,
  excelPriceList,
  excelPriceListExpected,
  type InventoryFixture,
  wpsPriceList,
} from './testing/index.js';

const now = new Date('2026-12-06T02:00:00.000Z');

describe('INV price lists (一房一价表) as offices make them', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    fx = await buildInventory(database.db, { floors: 1, perFloor: 1 });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('INV previews an Excel list: every visible sheet a building, header under the titles, merged floors followed, cached formula totals, statuses mapped', async () => {
    const preview = await previewUnitImport(database.db, {
      actor: fx.controller,
      projectId: fx.org.salesProjectId,
      file: excelPriceList(),
    });
    expect(preview.sheets).toEqual(
      excelPriceListExpected.perSheet.map((sheet) => ({
        ...sheet,
        hidden: sheet.skipped === 'hidden',
        update: 0,
      })),
    );
    expect(preview.summary).toMatchObject({
      total: 48,
      create: 48,
      error: 0,
      priced: 48,
      soldBeforeSystem: 6,
    });
    expect(Object.fromEntries(preview.statusMapping.map((entry) => [entry.text, entry.status]))).toEqual(
      excelPriceListExpected.statusMapping,
    );
    expect(preview.statusMapping.find((entry) => entry.text === '已售')?.count).toBe(4);
    expect(preview.newBuildings).toEqual(['1号楼', '2号楼']);
    // Floor 1 is merged over rows 4–7: the fourth unit of the floor still reads floor 1.
    const unit0104 = preview.rows.find((row) => row.sheet === '1号楼' && row.number === '0104')!;
    expect(unit0104).toMatchObject({
      floor: 1,
      building: '1号楼',
      buildingArea: '89.47',
      status: 'for_sale',
    });
    const unit0101 = preview.rows.find((row) => row.sheet === '2号楼' && row.number === '0101')!;
    // 118.63 × 12,445 = 1,476,350.35: the sheet's ROUND(…,0) total is the same price, not an error.
    expect(unit0101).toMatchObject({
      status: 'sold',
      statusText: '已售',
      soldBeforeSystem: true,
      totalFen: 147_635_035,
      errors: [],
    });
  });

  it('INV imports sold and subscribed units as such, flagged sold before the system on the board and the unit', async () => {
    const result = await commitUnitImport(database.db, {
      actor: fx.controller,
      projectId: fx.org.salesProjectId,
      file: excelPriceList(),
      mode: 'all',
      priceListName: '一期一房一价',
      now,
    });
    expect(result).toMatchObject({
      created: 48,
      skipped: 0,
      soldBeforeSystem: 6,
      newBuildings: ['1号楼', '2号楼'],
    });
    const board = await getBoard(database.db, fx.controller, fx.org.salesProjectId, now);
    const imported = board.buildings.filter((building) => ['1号楼', '2号楼'].includes(building.name));
    const cells = imported.flatMap((building) => building.units);
    expect(cells).toHaveLength(excelPriceListExpected.units);
    const byStatus: Record<string, number> = {};
    for (const cell of cells) byStatus[cell.s] = (byStatus[cell.s] ?? 0) + 1;
    expect(byStatus).toEqual(excelPriceListExpected.byStatus);
    const flagged = cells.filter((cell) => cell.sb === 1);
    expect(flagged.map((cell) => cell.s).sort()).toEqual([
      'sold',
      'sold',
      'sold',
      'sold',
      'subscribed',
      'subscribed',
    ]);
    expect(cells.find((cell) => cell.n === '0101')?.p).toBe(1);
    const unit = await getUnitAt(database.db, fx.controller, flagged[0]!.i, now);
    expect(unit.soldBeforeSystem).toBe(true);

    // The same file again: updates only, statuses untouched, nothing flagged anew.
    const again = await previewUnitImport(database.db, {
      actor: fx.controller,
      projectId: fx.org.salesProjectId,
      file: excelPriceList(),
    });
    expect(again.summary).toMatchObject({ create: 0, update: 48, soldBeforeSystem: 0 });
  });

  it('INV reads a WPS list typed by hand: full-width digits, ㎡ / m2, ¥ and thousands, 万, 0301 kept, a formula without its result said per cell', async () => {
    const preview = await previewUnitImport(database.db, {
      actor: fx.controller,
      projectId: fx.org.salesProjectId,
      file: wpsPriceList(),
    });
    expect(preview.summary).toMatchObject({
      total: 4,
      create: 3,
      error: 1,
      soldBeforeSystem: 2,
      warnings: 1,
    });
    const [first, second, third, fourth] = preview.rows;
    expect(first).toMatchObject({
      building: '5栋',
      section: '1单元',
      floor: 3,
      number: '0301',
      buildingArea: '118.60',
      innerArea: '94.20',
      unitPriceFen: 3_600_000,
      totalFen: 426_960_000,
      status: 'contracted',
      soldBeforeSystem: true,
      errors: [],
    });
    expect(second).toMatchObject({ floor: 3, number: '0302', buildingArea: '89.50', totalFen: 322_200_000 });
    expect(second!.warnings[0]!['zh-CN']).toBe(
      '总价 I4:公式没有计算结果,请在 Excel 或 WPS 中打开并保存后再导入',
    );
    expect(third).toMatchObject({ status: 'subscribed', statusText: '已认购', soldBeforeSystem: true });
    expect(fourth!.action).toBe('error');
    expect(fourth!.errors[0]!['zh-CN']).toContain('状态 J6:无法识别“待定”');
    expect(fourth!.errors[0]!.en).toContain('Status J6');
    expect(preview.statusMapping).toEqual([
      { text: '已签约', status: 'contracted', count: 1 },
      { text: '可售', status: 'for_sale', count: 1 },
      { text: '已认购', status: 'subscribed', count: 1 },
    ]);
  });

  it('INV refuses a zip bomb (1 GB from a few MB, its directory lying) as too large (413), changing nothing', async () => {
    const before = await database.db.selectFrom('units').select('id').execute();
    const error = await previewUnitImport(database.db, {
      actor: fx.controller,
      projectId: fx.org.salesProjectId,
      file: buildBombXlsx({ expandedMb: 1024, lie: true }),
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'XLSX_TOO_LARGE', status: 413 });
    expect((error as { userMessage(locale: string): string }).userMessage('zh-CN')).toMatch(
      /^文件过大\(解压后超过 64 MB;上限 64 MB \/ 10200 行\)/,
    );
    expect(await database.db.selectFrom('units').select('id').execute()).toHaveLength(before.length);
  });
});
