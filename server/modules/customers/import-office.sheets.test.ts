import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBombXlsx } from '../../platform/excel/testing/office-xlsx.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { buildImportOffice } from './testing/import-office.js';
import { buildMonthlyRegister, buildVisitorRegister, monthlyRegisterCounts } from './testing/index.js';
import {
  commitImport,
  findImportProblems,
  getImport,
  previewImport,
  runImport,
} from './use-cases/import-customers.js';

let database: TestDatabase;
/** The day of the import: the register runs through November 2026. */
const now = new Date('2026-12-06T02:00:00.000Z');

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

describe('a register kept one sheet per month, and its problem rows', () => {
  const setUp = () => buildImportOffice(database.db, now);

  it('SA-3 SA-10 reads every visible month sheet of a register, names skipped sheets, and takes formulas at their cached values', async () => {
    const { org, importer } = await setUp();
    const preview = await previewImport(database.db, {
      actor: importer,
      projectId: org.salesProjectId,
      fileName: '来访登记-按月.xlsx',
      file: buildMonthlyRegister(),
      now,
    });
    expect(preview).toMatchObject({
      totalRows: monthlyRegisterCounts.rows,
      sheetsRead: monthlyRegisterCounts.sheetsRead,
      validRows: monthlyRegisterCounts.valid,
      errorRows: monthlyRegisterCounts.errors,
      duplicateRows: monthlyRegisterCounts.duplicates,
      warningRows: monthlyRegisterCounts.warnings,
      keyCustomerRows: monthlyRegisterCounts.keyCustomers,
      phoneRefusedRows: monthlyRegisterCounts.phoneRefused,
      ignoredColumns: ['序号'],
      skippedSheets: [
        { name: '下拉选项', reason: 'hidden' },
        { name: '说明', reason: 'no_header' },
      ],
    });
    // The 来源渠道 formulas of 2月 read as their cached value.
    expect(
      preview.sample.filter((row) => row.sheetName === '2月').map((row) => [row.rowNumber, row.sourceName]),
    ).toEqual([
      [3, '自然来访'],
      [4, '自然来访'],
      [5, '自然来访'],
      [6, '自然来访'],
      [7, ''],
      [8, '自然来访'],
    ]);
    // Yearless dates: the sheet's own dates first, then the month the sheet is named for.
    const notice = (sheetName: string, rowNumber: number) =>
      preview.notices.find((entry) => entry.sheetName === sheetName && entry.rowNumber === rowNumber);
    expect(notice('2025年12月', 3)?.warnings[0]['zh-CN']).toContain('按工作表名“2025年12月”取 2025 年');
    expect(notice('2025年12月', 5)).toMatchObject({ keyKind: 'peer' });
    expect(notice('1月', 2)?.warnings[0].en).toContain('2026 taken from the sheet name "1月"');
    expect(notice('1月', 4)?.warnings[0]['zh-CN']).toContain('按表中上方日期取 2026 年');
    expect(notice('1月', 3)).toBeUndefined();
    expect(notice('1月', 8)).toMatchObject({ isPhoneRefused: true });

    const problems = await findImportProblems(database.db, {
      actor: importer,
      importId: preview.id,
      afterRow: 0,
      limit: 100,
    });
    expect(
      problems.map((row) => [
        row.sheetName,
        row.rowNumber,
        row.duplicateOf,
        row.duplicateSheet,
        row.duplicateRow,
      ]),
    ).toEqual([
      ['1月', 6, 'row', '2025年12月', 3],
      ['2月', 7, null, null, null],
      ['2月', 9, 'row', '2月', 4],
    ]);
    expect(problems[1].errors[0]['zh-CN']).toContain('“来源”是公式,但文件保存时没有计算结果');
    expect(problems[1].errors[0].en).toContain('open and save it in Excel or WPS');
    // Pages continue after the position of the last row seen.
    const secondPage = await findImportProblems(database.db, {
      actor: importer,
      importId: preview.id,
      afterRow: problems[0].position,
      limit: 1,
    });
    expect(secondPage.map((row) => [row.sheetName, row.rowNumber])).toEqual([['2月', 7]]);

    await commitImport(database.db, {
      actor: importer,
      importId: preview.id,
      mode: 'valid_only',
      now,
      schedule: false,
    });
    await runImport(database.db, { actor: importer, importId: preview.id, now: () => now });
    expect(await getImport(database.db, { actor: importer, importId: preview.id })).toMatchObject({
      status: 'done',
      importedRows: monthlyRegisterCounts.valid,
    });
    const customers = await database.db
      .selectFrom('customers')
      .select(['name', 'ownedSince', 'keyKind', 'isPhoneRefused', 'sourceChannelId'])
      .where('projectId', '=', org.salesProjectId)
      .execute();
    expect(customers).toHaveLength(monthlyRegisterCounts.valid);
    const byName = new Map(customers.map((customer) => [customer.name, customer]));
    expect(byName.get('十二赵1')?.ownedSince).toBe('2025-11-30T16:00:00.000Z');
    expect(byName.get('一月赵2')?.ownedSince).toBe('2026-01-03T16:00:00.000Z');
    expect(byName.get('一月孙4')?.ownedSince).toBe('2026-01-05T16:00:00.000Z');
    expect(byName.get('十二孙3')?.keyKind).toBe('peer');
    expect(byName.get('一月郑8')?.isPhoneRefused).toBe(1);
    expect(byName.has('示例')).toBe(false);
    const channels = await database.db
      .selectFrom('sourceChannels')
      .select(['id', 'name'])
      .where('projectId', '=', org.salesProjectId)
      .execute();
    const natural = channels.find((channel) => channel.name === '自然来访')?.id;
    expect(natural).toBeDefined();
    expect(byName.get('二月赵3')?.sourceChannelId).toBe(natural);
  });

  it('answers the shared "file too large" error for a workbook that expands past the limit, and keeps nothing', async () => {
    const { org, importer } = await setUp();
    await expect(
      previewImport(database.db, {
        actor: importer,
        projectId: org.salesProjectId,
        fileName: 'bomb.xlsx',
        file: buildBombXlsx({ expandedMb: 200, lie: true }),
        now,
      }),
    ).rejects.toThrow(/XLSX_TOO_LARGE/);
    const imports = await database.db
      .selectFrom('customerImports')
      .select('id')
      .where('projectId', '=', org.salesProjectId)
      .execute();
    expect(imports).toEqual([]);
  });

  it("answers the preview in the caller's language and names the consultants field when a name is left unmapped", async () => {
    const { buildTestApp, signIn } = await import('../../testing/test-app.js');
    const { org, zhang, importer } = await setUp();
    const app = await buildTestApp(database);
    try {
      const session = await signIn(app, importer.username);
      const uploaded = await session.upload(
        `/api/customer-imports?projectId=${org.salesProjectId}`,
        buildVisitorRegister('excel'),
        { fileName: 'register.xlsx', headers: { 'accept-language': 'en' } },
      );
      expect(uploaded.statusCode).toBe(201);
      const preview = uploaded.json() as {
        id: string;
        notices: Array<{ rowNumber: number; warnings: string[] }>;
        consultantNames: Array<{ name: string }>;
      };
      // Sheet row 33 (data row 31) is "11/11": its year comes from the November serials above it.
      expect(preview.notices.find((notice) => notice.rowNumber === 33)?.warnings).toEqual([
        '日期“11/11”未写年份,按表中上方日期取 2026 年',
      ]);
      const refused = await session.request('POST', `/api/customer-imports/${preview.id}/commit`, {
        mode: 'all_or_nothing',
        consultants: [{ name: '张经理', staffId: zhang.staffId }],
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('IMPORT_CONSULTANT_UNMAPPED');
      expect(refused.json().error.fields.consultants).toContain('小刘');
      const job = await session.request('GET', `/api/customer-imports/${preview.id}`);
      expect(job.json().status).toBe('previewed');
    } finally {
      await app.close();
    }
  });
  it('names "sheet · row N" in the error report of a register kept one sheet per month', async () => {
    const { buildTestApp, signIn } = await import('../../testing/test-app.js');
    const { openXlsx } = await import('../../platform/excel/xlsx-reader.js');
    const { org, importer } = await setUp();
    const app = await buildTestApp(database);
    try {
      const session = await signIn(app, importer.username);
      const uploaded = await session.upload(
        `/api/customer-imports?projectId=${org.salesProjectId}`,
        buildMonthlyRegister(),
        { fileName: 'monthly.xlsx' },
      );
      expect(uploaded.statusCode).toBe(201);
      const { id } = uploaded.json() as { id: string };
      const report = await session.request('GET', `/api/customer-imports/${id}/problems/export`);
      expect(report.statusCode).toBe(200);
      const workbook = await openXlsx(report.rawPayload);
      const rows: string[][] = [];
      for await (const row of workbook.sheets[0].rows())
        rows.push(row.cells.map((cell) => (cell?.kind === 'text' ? cell.text : '')));
      expect(rows.map((row) => [row[0], row[3] ?? ''])).toEqual([
        ['工作表 · 行号', '重复'],
        ['1月 · 第 6 行', '与 2025年12月 · 第 3 行 重复'],
        ['2月 · 第 7 行', ''],
        ['2月 · 第 9 行', '与 2月 · 第 4 行 重复'],
      ]);
      expect(rows[2][2]).toContain('是公式,但文件保存时没有计算结果');
      // A reader who works in English gets the report in English (headers, rows, duplicates).
      expect((await session.request('PUT', '/api/auth/me/preferences', { locale: 'en' })).statusCode).toBe(
        200,
      );
      const english = await session.request('GET', `/api/customer-imports/${id}/problems/export`);
      expect(english.headers['content-disposition']).toContain('import-problem-rows.xlsx');
      const englishRows: string[][] = [];
      for await (const row of (await openXlsx(english.rawPayload)).sheets[0].rows())
        englishRows.push(row.cells.map((cell) => (cell?.kind === 'text' ? cell.text : '')));
      expect(englishRows.slice(0, 2).map((row) => [row[0], row[3] ?? ''])).toEqual([
        ['Sheet · row', 'Duplicate'],
        ['1月 · row 6', 'Same as 2025年12月 · row 3'],
      ]);
    } finally {
      await app.close();
    }
  });
});
