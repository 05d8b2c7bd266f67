import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { TestOrg } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { buildSalesOffice, buildCustomerWorkbook as workbook } from './testing/index.js';
import { findCustomers } from './use-cases/find-customers.js';
import {
  cancelImport,
  commitImport,
  findImportProblems,
  getImport,
  previewImport,
  runImport,
} from './use-cases/import-customers.js';

let database: TestDatabase;
let org: TestOrg;
let manager: Actor;
const now = new Date('2026-11-27T02:00:00.000Z');

beforeAll(async () => {
  database = await createTestDatabase();
  ({ org, manager } = await buildSalesOffice(database.db, now));
});

afterAll(async () => {
  await database.drop();
});

describe('Excel import', () => {
  const header = [
    '序号',
    '客户姓名',
    '手机号码',
    '性别',
    '来源渠道',
    '意向面积',
    '预算(万元)',
    '登记日期',
    '置业顾问',
  ];

  it('reads an office list with a merged title row, text and serial dates, and imports it', async () => {
    const file = await workbook(
      [
        header,
        [1, '孙悟空', '13500001111', '男', '朋友介绍', '89-110', 280, '2026/11/1', '张伟'],
        [2, '猪八戒', '135 0000 2222', '男', '新渠道', '120', '350.5', 46330, ''],
        [3, '', '', '', '', '', '', '', ''],
      ],
      { title: '翠湖花园来访客户登记表' },
    );
    const preview = await previewImport(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      fileName: '客户.xlsx',
      file,
      now,
    });
    expect(preview).toMatchObject({
      totalRows: 2,
      validRows: 2,
      errorRows: 0,
      duplicateRows: 0,
      ignoredColumns: ['序号'],
      newSourceChannels: ['新渠道'],
    });
    await commitImport(database.db, {
      actor: manager,
      importId: preview.id,
      mode: 'all_or_nothing',
      now,
      schedule: false,
    });
    await runImport(database.db, { actor: manager, importId: preview.id, now: () => now });
    expect(await getImport(database.db, { actor: manager, importId: preview.id })).toMatchObject({
      status: 'done',
      importedRows: 2,
    });
    const list = await findCustomers(database.db, manager, {
      projectId: org.salesProjectId,
      scope: 'all',
      q: 'swk',
      sort: 'createdAt',
      order: 'desc',
      offset: 0,
      limit: 5,
    });
    expect(list.items[0]).toMatchObject({
      name: '孙悟空',
      ownerName: '张伟',
      intentAreaMin: 89,
      intentAreaMax: 110,
      intentBudgetFen: 280_000_000,
    });
    expect(list.items[0].ownedSince).toBe('2026-10-31T16:00:00.000Z');
    const pig = await findCustomers(database.db, manager, {
      projectId: org.salesProjectId,
      scope: 'all',
      q: '猪八戒',
      sort: 'createdAt',
      order: 'desc',
      offset: 0,
      limit: 5,
    });
    expect(pig.items[0].intentBudgetFen).toBe(350_500_000);
  });

  it('reports per-row errors and duplicates, imports nothing all-or-nothing, and only the valid rows when asked', async () => {
    const before = await database.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    const file = await workbook([
      header,
      [1, '唐僧', '13500001111', '男', '', '', '', '', ''],
      [2, '沙僧', '1234', '男', '', '', '', '', ''],
      [3, '白龙马', '13500003333', '', '', '', '', '2026-02-30', ''],
      [4, '=HYPERLINK("http://x")', '13500004444', '', '', '', '', '', ''],
      [5, '观音', '13500005555', '', '', '', '', '', ''],
      [6, '如来', '13500005555', '', '', '', '', '', ''],
    ]);
    const preview = await previewImport(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      fileName: 'bad.xlsx',
      file,
      now,
    });
    expect(preview).toMatchObject({ totalRows: 6, validRows: 1, errorRows: 3, duplicateRows: 2 });
    const problems = await findImportProblems(database.db, {
      actor: manager,
      importId: preview.id,
      afterRow: 0,
      limit: 50,
    });
    expect(problems.map((row) => row.rowNumber)).toEqual([2, 3, 4, 5, 7]);
    expect(problems.find((row) => row.rowNumber === 2)?.duplicateOf).toBe('database');
    expect(problems.find((row) => row.rowNumber === 7)).toMatchObject({
      duplicateOf: 'row',
      duplicateRow: 6,
    });
    await expect(
      commitImport(database.db, {
        actor: manager,
        importId: preview.id,
        mode: 'all_or_nothing',
        now,
        schedule: false,
      }),
    ).rejects.toThrow(/IMPORT_HAS_ERRORS/);
    const unchanged = await database.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(unchanged.count)).toBe(Number(before.count));
    await commitImport(database.db, {
      actor: manager,
      importId: preview.id,
      mode: 'valid_only',
      now,
      schedule: false,
    });
    await runImport(database.db, { actor: manager, importId: preview.id, now: () => now });
    expect(await getImport(database.db, { actor: manager, importId: preview.id })).toMatchObject({
      status: 'done',
      importedRows: 1,
    });
  });

  it('refuses hostile files — junk, wrong columns, formulas saved without a value — and changes nothing', async () => {
    const junk = Buffer.alloc(10 * 1024 * 1024, 0x41);
    await expect(
      previewImport(database.db, {
        actor: manager,
        projectId: org.salesProjectId,
        fileName: 'junk.xlsx',
        file: junk,
        now,
      }),
    ).rejects.toThrow(/XLSX_UNREADABLE/);
    const fakeZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(4096, 7)]);
    await expect(
      previewImport(database.db, {
        actor: manager,
        projectId: org.salesProjectId,
        fileName: 'fake.xlsx',
        file: fakeZip,
        now,
      }),
    ).rejects.toThrow(/XLSX_UNREADABLE/);
    const wrongColumns = await workbook([
      ['房号', '面积', '单价'],
      ['1-101', 89, 30000],
    ]);
    await expect(
      previewImport(database.db, {
        actor: manager,
        projectId: org.salesProjectId,
        fileName: 'units.xlsx',
        file: wrongColumns,
        now,
      }),
    ).rejects.toThrow(/IMPORT_NO_HEADER/);
    // A formula reads as its cached value; only one saved without a value is refused, naming the fix.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('s');
    sheet.addRow(['姓名', '电话']);
    sheet.addRow([{ formula: 'A1&"x"', result: '公式客户' }, '13500009999']);
    sheet.addRow([{ formula: 'A1&"y"' }, '13500009998']);
    const formulas = Buffer.from(await book.xlsx.writeBuffer());
    const preview = await previewImport(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      fileName: 'f.xlsx',
      file: formulas,
      now,
    });
    expect(preview).toMatchObject({ totalRows: 2, validRows: 1, errorRows: 1 });
    expect(preview.sample[0].name).toBe('公式客户');
    const problems = await findImportProblems(database.db, {
      actor: manager,
      importId: preview.id,
      afterRow: 0,
      limit: 5,
    });
    expect(problems.map((row) => row.rowNumber)).toEqual([3]);
    expect(problems[0].errors[0]['zh-CN']).toContain('是公式,但文件保存时没有计算结果');
    await cancelImport(database.db, { actor: manager, importId: preview.id, now });
    expect((await getImport(database.db, { actor: manager, importId: preview.id })).status).toBe('cancelled');
  });

  it('undoes everything when a running import is cancelled', async () => {
    const rows = [
      header,
      ...Array.from({ length: 30 }, (_, index) => [
        index,
        `批量${index}`,
        `1370000${String(index).padStart(4, '0')}`,
        '',
        '',
        '',
        '',
        '',
        '',
      ]),
    ];
    const preview = await previewImport(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      fileName: 'many.xlsx',
      file: await workbook(rows),
      now,
    });
    await commitImport(database.db, {
      actor: manager,
      importId: preview.id,
      mode: 'all_or_nothing',
      now,
      schedule: false,
    });
    await cancelImport(database.db, { actor: manager, importId: preview.id, now });
    await runImport(database.db, { actor: manager, importId: preview.id, now: () => now });
    expect((await getImport(database.db, { actor: manager, importId: preview.id })).status).toBe('cancelled');
    const left = await database.db
      .selectFrom('customers')
      .select('id')
      .where('importId', '=', preview.id)
      .execute();
    expect(left).toEqual([]);
  });
});

describe('HTTP edge', () => {
  it('previews an uploaded .xlsx, refuses junk with a clear error, and exports the list', async () => {
    const { buildTestApp, signIn } = await import('../../testing/test-app.js');
    const app = await buildTestApp(database);
    const session = await signIn(app, (manager as Actor & { username: string }).username);
    const upload = (file: Buffer, name: string) =>
      session.upload(`/api/customer-imports?projectId=${org.salesProjectId}`, file, { fileName: name });
    const good = await upload(
      await workbook([
        ['姓名', '电话'],
        ['上传客户', '13611112222'],
      ]),
      '客户.xlsx',
    );
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({
      totalRows: 1,
      validRows: 1,
      sample: [{ name: '上传客户', phones: ['136****2222'] }],
    });
    const commit = await session.request('POST', `/api/customer-imports/${good.json().id}/commit`, {
      mode: 'all_or_nothing',
    });
    expect(commit.statusCode).toBe(202);
    expect(commit.json().status).toBe('running');
    const job = await database.db
      .selectFrom('jobs')
      .select(['kind', 'status'])
      .where('kind', '=', 'customers.import')
      .executeTakeFirst();
    expect(job?.status).toBe('pending');
    const junk = await upload(Buffer.from('not a workbook at all'), 'junk.xlsx');
    expect(junk.statusCode).toBe(422);
    expect(junk.json().error.code).toBe('XLSX_UNREADABLE');
    const exported = await session.request(
      'GET',
      `/api/customers/export?projectId=${org.salesProjectId}&scope=all`,
    );
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    await app.close();
  });
});
