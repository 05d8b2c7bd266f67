import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBombXlsx } from '../../platform/excel/testing/office-xlsx.js';
import { buildOrg, buildStaff } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import {
  nameCore,
  normaliseTyped,
  parseMonthDay,
  recogniseNotes,
  resolveMonthDay,
  sheetNameMonth,
  suggestConsultants,
} from './customers.import-office.js';
import { type CellText, parseImportRow } from './customers.import-rules.js';
import {
  buildMonthlyRegister,
  buildVisitorRegister,
  monthlyRegisterCounts,
  type RegisterStyle,
  registerCounts,
} from './testing/visitor-register.js';
import {
  commitImport,
  findImportProblems,
  getImport,
  previewImport,
  runImport,
} from './use-cases/import-customers.js';

let database: TestDatabase;
const typed = (value: string): CellText => ({ kind: 'text', value });
/** The day of the import: the register runs through November 2026. */
const now = new Date('2026-12-06T02:00:00.000Z');

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

describe('office text (pure rules)', () => {
  it('folds full-width digits, letters and ideographic spaces (NFKC) wherever a number is read', () => {
    expect(normaliseTyped('１３９\u3000００００\u3000１２３４')).toBe('139 0000 1234');
    expect(normaliseTyped('ＡＢ１２３')).toBe('AB123');
    const row = parseImportRow(
      {
        name: typed('李四'),
        phone: typed('１３９００００１２３４'),
        area: typed('８９－１１０'),
        budget: typed('３５０万'),
      },
      { now, sheetDate: null },
    );
    expect(row.errors).toEqual([]);
    expect(row.data.phones[0].e164).toBe('+8613900001234');
    expect(row.data).toMatchObject({ intentAreaMin: 89, intentAreaMax: 110, intentBudgetFen: 350_000_000 });
  });

  it('gives a month-day its year from the row, the sheet, or the import date (a later month-day is last year)', () => {
    expect(parseMonthDay('3月5日')).toMatchObject({ month: 3, day: 5 });
    expect(parseMonthDay('3/5')).toMatchObject({ month: 3, day: 5 });
    expect(parseMonthDay('03-05')).toMatchObject({ month: 3, day: 5 });
    expect(parseMonthDay('13/5')).toBeNull();
    const march = parseMonthDay('3月5日');
    const december = parseMonthDay('12月20日');
    const january = parseMonthDay('1月3日');
    if (!march || !december || !january) throw new Error('month-days should parse');
    expect(resolveMonthDay(march, { at: now, source: 'import' })?.date.toISOString()).toBe(
      '2026-03-04T16:00:00.000Z',
    );
    expect(resolveMonthDay(december, { at: now, source: 'import' })?.year).toBe(2025);
    // A register running from December into January: the nearest year to the date above it.
    expect(resolveMonthDay(january, { at: new Date('2025-12-28T04:00:00Z'), source: 'sheet' })?.year).toBe(
      2026,
    );
    const leap = parseMonthDay('2月29日');
    if (!leap) throw new Error('2月29日 should parse');
    expect(resolveMonthDay(leap, { at: now, source: 'import' })).toBeNull();

    const fromRow = parseImportRow(
      { name: typed('王五'), date: typed('1月3日'), visitDate: typed('2025/12/30') },
      { now, sheetDate: null },
    );
    expect(fromRow.data.registeredAt).toBe('2026-01-02T16:00:00.000Z');
    expect(fromRow.data.warnings[0]['zh-CN']).toContain('按本行来访日期取 2026 年');
    const fromSheet = parseImportRow(
      { name: typed('王五'), visitDate: typed('11/11') },
      { now, sheetDate: new Date('2024-11-01T00:00:00Z') },
    );
    expect(fromSheet.data.registeredAt).toBe('2024-11-10T16:00:00.000Z');
    expect(fromSheet.data.warnings[0].en).toContain('2024 taken from the dates above it');
    const impossible = parseImportRow(
      { name: typed('王五'), visitDate: typed('2月30日') },
      { now, sheetDate: null },
    );
    expect(impossible.errors[0]['zh-CN']).toContain('日期“2月30日”无法识别');
  });

  it('reads the month a sheet is named for, with its year or the import date', () => {
    const month = (name: string) => sheetNameMonth(name, now)?.toISOString() ?? null;
    expect(month('2026年3月')).toBe('2026-03-15T04:00:00.000Z');
    expect(month('来访登记 2025年12月')).toBe('2025-12-15T04:00:00.000Z');
    expect(month('2025-11')).toBe('2025-11-15T04:00:00.000Z');
    expect(month('2025.4')).toBe('2025-04-15T04:00:00.000Z');
    expect(month('３月')).toBe('2026-03-15T04:00:00.000Z');
    // December 15th is still to come on 2026-12-06: a sheet named 12月 is last year's.
    expect(month('12月')).toBe('2025-12-15T04:00:00.000Z');
    expect(month('三月')).toBe('2026-03-15T04:00:00.000Z');
    expect(month('2025年十一月')).toBe('2025-11-15T04:00:00.000Z');
    expect(month('十二月')).toBe('2025-12-15T04:00:00.000Z');
    expect(month('腊月')).toBeNull();
    expect(month('Sheet1')).toBeNull();
    expect(month('13月')).toBeNull();
    expect(month('说明')).toBeNull();
  });

  it('SA-3 reads peers, journalists and developers in the notes as key customers, not company on a visit', () => {
    expect(recogniseNotes('同行,XX地产置业顾问').keyKind).toBe('peer');
    expect(recogniseNotes('晚报记者').keyKind).toBe('media');
    expect(recogniseNotes('媒体朋友来踩盘').keyKind).toBe('media');
    expect(recogniseNotes('发展商领导').keyKind).toBe('developer');
    expect(recogniseNotes('开发商领导陪同').keyKind).toBe('developer');
    expect(recogniseNotes('与家人同行,看三房').keyKind).toBeNull();
    expect(recogniseNotes('在媒体广告上看到').keyKind).toBeNull();
    expect(recogniseNotes('').keyKind).toBeNull();
  });

  it('SA-10 reads a refused phone in the notes; the row is valid without a phone and flagged', () => {
    for (const note of ['不留电话', '客户拒留', '拒绝留电话,只看不买', '不肯留电话'])
      expect(recogniseNotes(note).isPhoneRefused).toBe(true);
    expect(recogniseNotes('留了电话').isPhoneRefused).toBe(false);
    const refused = parseImportRow(
      { name: typed('赵六'), notes: typed('不留电话') },
      { now, sheetDate: null },
    );
    expect(refused.errors).toEqual([]);
    expect(refused.data).toMatchObject({ isPhoneRefused: true, phones: [] });
    const withPhone = parseImportRow(
      { name: typed('赵六'), phone: typed('13900001111'), notes: typed('拒留') },
      { now, sheetDate: null },
    );
    expect(withPhone.data.isPhoneRefused).toBe(false);
    expect(withPhone.data.warnings).toHaveLength(1);
  });

  it('suggests staff for office names by surname, given name and pinyin', () => {
    const staff = [
      { id: 'zw', displayName: '张伟' },
      { id: 'ly', displayName: '刘洋' },
      { id: 'wf', displayName: '王芳' },
      { id: 'zm', displayName: '张敏' },
    ];
    expect(nameCore('张经理')).toBe('张');
    expect(nameCore('小刘')).toBe('刘');
    expect(nameCore('王姐')).toBe('王');
    expect(suggestConsultants('张经理', staff)).toEqual(['zm', 'zw']);
    expect(suggestConsultants('伟哥', staff)).toEqual(['zw']);
    expect(suggestConsultants('小刘', staff)).toEqual(['ly']);
    expect(suggestConsultants('ZW', staff)).toEqual(['zw']);
    expect(suggestConsultants('liuyang', staff)).toEqual(['ly']);
    expect(suggestConsultants('Lily', staff)).toEqual([]);
  });
});

describe('a visitor register as offices keep it', () => {
  async function setUp() {
    const org = await buildOrg(database.db, now);
    const sales = (role: 'consultant' | 'manager') => [{ role, projectId: org.salesProjectId }];
    const zhang = await buildStaff(database.db, org, { roles: sales('consultant'), displayName: '张伟' });
    const liu = await buildStaff(database.db, org, { roles: sales('consultant'), displayName: '刘洋' });
    const wang = await buildStaff(database.db, org, { roles: sales('consultant'), displayName: '王芳' });
    const importer = await buildStaff(database.db, org, { roles: sales('consultant'), displayName: '陈静' });
    const manager = await buildStaff(database.db, org, { roles: sales('manager'), displayName: '周经理' });
    return { org, zhang, liu, wang, importer, manager };
  }

  for (const style of ['excel', 'wps'] as RegisterStyle[]) {
    it(`SA-3 SA-10 imports all 60 rows of the ${style === 'excel' ? 'Excel' : 'WPS'}-made register with the mapped consultants`, async () => {
      const { org, zhang, liu, wang, importer, manager } = await setUp();
      const preview = await previewImport(database.db, {
        actor: importer,
        projectId: org.salesProjectId,
        fileName: `来访登记-${style}.xlsx`,
        file: buildVisitorRegister(style),
        now,
      });
      expect(preview).toMatchObject({
        totalRows: registerCounts.rows,
        validRows: 60,
        errorRows: 0,
        duplicateRows: 0,
        keyCustomerRows: registerCounts.keyCustomers,
        phoneRefusedRows: registerCounts.phoneRefused,
        warningRows: registerCounts.yearless,
        importerIsConsultant: true,
      });
      expect(preview.ignoredColumns).toEqual(['序号']);
      expect(
        preview.consultantNames.map((entry) => [
          entry.name,
          entry.rows,
          entry.suggestions.map((suggestion) => suggestion.displayName),
        ]),
      ).toEqual([
        ['王姐', 8, ['王芳']],
        ['小刘', 8, ['刘洋']],
        ['张经理', 8, ['张伟']],
        ['Lily', 7, []],
      ]);
      expect(preview.notices.filter((notice) => notice.warnings.length)).toHaveLength(
        registerCounts.yearless,
      );
      expect(preview.notices.find((notice) => notice.rowNumber === 54)).toMatchObject({
        keyKind: 'media',
        isPhoneRefused: true,
      });
      expect(preview.notices.find((notice) => notice.rowNumber === 10)).toBeUndefined();

      // Every name needs a choice before the import starts; nothing is imported meanwhile.
      await expect(
        commitImport(database.db, {
          actor: importer,
          importId: preview.id,
          mode: 'all_or_nothing',
          consultants: [{ name: '张经理', staffId: zhang.staffId }],
          now,
          schedule: false,
        }),
      ).rejects.toThrow(/IMPORT_CONSULTANT_UNMAPPED/);
      await expect(
        commitImport(database.db, {
          actor: importer,
          importId: preview.id,
          mode: 'all_or_nothing',
          consultants: [
            { name: '张经理', staffId: manager.staffId },
            { name: '小刘', staffId: liu.staffId },
            { name: '王姐', staffId: null },
            { name: 'Lily', staffId: null },
          ],
          now,
          schedule: false,
        }),
      ).rejects.toThrow(/IMPORT_CONSULTANT_INVALID/);
      await commitImport(database.db, {
        actor: importer,
        importId: preview.id,
        mode: 'all_or_nothing',
        consultants: [
          { name: '张经理', staffId: zhang.staffId },
          { name: '小刘', staffId: liu.staffId },
          { name: '王姐', staffId: importer.staffId },
          { name: 'Lily', staffId: null },
        ],
        now,
        schedule: false,
      });
      await runImport(database.db, { actor: importer, importId: preview.id, now: () => now });
      expect(await getImport(database.db, { actor: importer, importId: preview.id })).toMatchObject({
        status: 'done',
        importedRows: 60,
      });

      const customers = await database.db
        .selectFrom('customers')
        .select(['name', 'ownerStaffId', 'category', 'keyKind', 'isPhoneRefused', 'ownedSince', 'createdAt'])
        .where('projectId', '=', org.salesProjectId)
        .execute();
      expect(customers).toHaveLength(60);
      const owners = new Map<string | null, number>();
      for (const customer of customers)
        owners.set(customer.ownerStaffId, (owners.get(customer.ownerStaffId) ?? 0) + 1);
      // 张伟 7 exact + 8 张经理; 刘洋 8 exact + 8 小刘; 陈静 7 exact + 8 王姐 + 7 with no name (the importer).
      expect(owners.get(zhang.staffId)).toBe(15);
      expect(owners.get(liu.staffId)).toBe(16);
      expect(owners.get(importer.staffId)).toBe(22);
      expect(owners.get(null)).toBe(7);
      expect(owners.get(wang.staffId)).toBeUndefined();
      expect(customers.filter((customer) => customer.category === 'key')).toHaveLength(
        registerCounts.keyCustomers,
      );
      expect(customers.filter((customer) => customer.keyKind === 'peer')).toHaveLength(registerCounts.peers);
      expect(customers.filter((customer) => customer.keyKind === 'media')).toHaveLength(registerCounts.media);
      expect(customers.filter((customer) => customer.keyKind === 'developer')).toHaveLength(
        registerCounts.developers,
      );
      expect(customers.filter((customer) => customer.isPhoneRefused === 1)).toHaveLength(
        registerCounts.phoneRefused,
      );
      // Row 33 of the sheet (data row 31) was "11/11" without a year, seen under November 2026 serials.
      const yearless = customers.find((customer) => customer.name === '褚敏31');
      expect(yearless?.ownedSince).toBe('2026-11-10T16:00:00.000Z');
      const phones = await database.db
        .selectFrom('customerPhones')
        .innerJoin('customers', 'customers.id', 'customerPhones.customerId')
        .select(['customerPhones.phoneE164'])
        .where('customers.projectId', '=', org.salesProjectId)
        .execute();
      expect(phones).toHaveLength(60 - registerCounts.phoneRefused);
      expect(phones.map((phone) => phone.phoneE164)).toContain('+8613900000060');
    });
  }

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
