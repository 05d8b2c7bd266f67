import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { findCallerResidents } from './residents.desk.js';
import {
  cancelResidentImport,
  commitResidentImport,
  findResidentImportProblems,
  getResidentImport,
  previewResidentImport,
} from './residents.import.js';
import { runResidentImport } from './residents.import-run.js';
import { buildPropertyDesk, type ListFilters, listResidentsAt } from './testing/index.js';
import { buildResidentSheet, type SheetResident } from './testing/resident-sheet.js';

const now = new Date('2026-12-09T02:00:00.000Z');
let database: TestDatabase;
let desk: Awaited<ReturnType<typeof buildPropertyDesk>>;

const listResidents = (actor: Actor, filters: ListFilters = {}) =>
  listResidentsAt(database.db, actor, now, filters);

beforeAll(async () => {
  database = await createTestDatabase();
  desk = await buildPropertyDesk(database.db, now);
});

afterAll(async () => {
  await database.drop();
});

const building1: SheetResident[] = [
  {
    building: '1栋',
    door: '1单元',
    room: 101,
    name: '赵一',
    role: '业主',
    phone: 13811110001,
    moveIn: '2024-05-01',
    afterSales: '是',
    announcements: '否',
  },
  { building: '1栋', door: '1单元', room: 101, name: '钱二', role: '家属', phone: '１３８１１１１０００２' },
  {
    building: '1栋',
    door: '2单元',
    room: '0202',
    name: '孙三',
    role: '租户',
    phone: '13811110003、0755-83214567',
    moveIn: '2025-09-15',
  },
  { building: '1栋', door: '2单元', room: '0203', name: '李四', role: '业主', phone: '1381111' },
];
const building2: SheetResident[] = [
  {
    building: '2栋',
    door: '1单元',
    room: '1101',
    name: '周五',
    role: '業主',
    phone: 13811110005,
    moveIn: '2023-01-20',
    afterSales: '√',
    announcements: '√',
  },
  { building: '2栋', door: '1单元', room: '1101', name: '周五', role: '业主', phone: 13811110005 },
  { building: '2栋', door: '1单元', room: '1102', name: '吴六', role: '朋友', phone: 13811110006 },
];

async function importSheet(file: Buffer, options: { batchSize?: number; cancelAfter?: number } = {}) {
  const preview = await previewResidentImport(database.db, {
    actor: desk.agent,
    projectId: desk.org.estateProjectId,
    fileName: '住户登记表.xlsx',
    file,
    now,
  });
  await commitResidentImport(database.db, { actor: desk.agent, importId: preview.id, now });
  await runResidentImport(database.db, {
    actor: desk.agent,
    importId: preview.id,
    now: () => now,
    batchSize: options.batchSize,
    afterBatch: async (processed) => {
      if (options.cancelAfter && processed >= options.cancelAfter)
        await cancelResidentImport(database.db, { actor: desk.agent, importId: preview.id, now }).catch(
          () => undefined,
        );
    },
  });
  return {
    preview,
    result: await getResidentImport(database.db, { actor: desk.agent, importId: preview.id }),
  };
}

async function register() {
  const page = await listResidents(desk.agent, {
    projectId: desk.org.estateProjectId,
    includeMovedOut: true,
  });
  return page.items;
}

describe('resident sheet import', () => {
  it('reads the office sheet: title rows, merged building and door cells, full-width digits, several sheets, problem rows', async () => {
    const { preview, result } = await importSheet(
      buildResidentSheet([
        { sheet: '1栋', rows: building1 },
        { sheet: '2栋', rows: building2 },
      ]),
    );
    expect(preview).toMatchObject({ status: 'previewed', totalRows: 7, validRows: 4, problemCount: 3 });
    expect(preview.skippedSheets).toEqual([
      { name: '选项', reason: 'hidden' },
      { name: '填表说明', reason: 'no_header' },
    ]);
    const problems = await findResidentImportProblems(database.db, {
      actor: desk.agent,
      importId: preview.id,
      locale: 'zh-CN',
    });
    expect(problems.map((row) => [row.sheetName, row.rowNumber, row.name])).toEqual([
      ['1栋', 6, '李四'],
      ['2栋', 5, '吴六'],
      ['2栋', 4, '周五'],
    ]);
    expect(problems[0]!.errors.join()).toContain('1381111');
    expect(problems[2]!.errors.join()).toContain('2栋 第 3 行');
    expect(result).toMatchObject({ status: 'done', processedRows: 4, createdRows: 4, updatedRows: 0 });

    const rows = await register();
    expect(rows.map((row) => [row.place, row.name, row.role, row.phones.join('、'), row.moveInOn])).toEqual([
      ['1栋 · 1单元 · 101', '钱二', 'member', '13811110002', null],
      ['1栋 · 1单元 · 101', '赵一', 'owner', '13811110001', '2024-05-01'],
      ['1栋 · 2单元 · 0202', '孙三', 'tenant', '13811110003、0755-83214567', '2025-09-15'],
      ['2栋 · 1单元 · 1101', '周五', 'owner', '13811110005', '2023-01-20'],
    ]);
    const zhao = rows.find((row) => row.name === '赵一')!;
    expect(zhao.consent).toMatchObject({
      afterSalesCare: true,
      announcements: false,
      changedByName: '陈客服',
    });
    expect(rows.find((row) => row.name === '周五')!.consent).toMatchObject({
      afterSalesCare: true,
      announcements: true,
    });
  });

  it('re-importing keeps the register current: the same people are updated, never entered twice', async () => {
    const changed = building1.map((row) =>
      row.name === '钱二'
        ? { ...row, phone: 13911110002 }
        : row.name === '李四'
          ? { ...row, phone: 13811110004 }
          : row,
    );
    const { result } = await importSheet(
      buildResidentSheet([{ sheet: '1栋', rows: changed }], { application: 'wps' }),
    );
    expect(result).toMatchObject({ status: 'done', createdRows: 1, updatedRows: 3 });
    const rows = await register();
    expect(rows.filter((row) => row.name === '钱二').map((row) => row.phones)).toEqual([['13911110002']]);
    expect(rows.filter((row) => row.name === '赵一')).toHaveLength(1);
    expect(rows.map((row) => row.name).sort()).toEqual(['周五', '孙三', '李四', '赵一', '钱二'].sort());
    expect(
      (
        await findCallerResidents(database.db, {
          companyId: desk.org.companyId,
          callerNumber: '13911110002',
          now,
        })
      ).map((row) => row.name),
    ).toEqual(['钱二']);
  });

  it('a cancelled import stops before its next batch; what it wrote stays, counted', async () => {
    const many: SheetResident[] = Array.from({ length: 6 }, (_, index) => ({
      building: '2栋',
      door: '2单元',
      room: `20${index + 1}`,
      name: `批量${'甲乙丙丁戊己'[index]}`,
      role: '租户',
      phone: 13700000000 + index,
    }));
    const { result } = await importSheet(buildResidentSheet([{ sheet: '2栋', rows: many }]), {
      batchSize: 2,
      cancelAfter: 2,
    });
    expect(result).toMatchObject({ status: 'cancelled', processedRows: 2, createdRows: 2 });
    expect((await register()).filter((row) => row.name.startsWith('批量'))).toHaveLength(2);
  });

  it('refuses a workbook without a name and room header, and one that is not a workbook', async () => {
    const noHeader = buildResidentSheet([]);
    await expect(
      previewResidentImport(database.db, {
        actor: desk.agent,
        projectId: desk.org.estateProjectId,
        fileName: 'x.xlsx',
        file: noHeader,
        now,
      }),
    ).rejects.toMatchObject({ code: 'RESIDENT_IMPORT_NO_HEADER' });
    await expect(
      previewResidentImport(database.db, {
        actor: desk.agent,
        projectId: desk.org.estateProjectId,
        fileName: 'x.xlsx',
        file: Buffer.from('not a zip'),
        now,
      }),
    ).rejects.toMatchObject({ code: 'XLSX_UNREADABLE' });
  });

  it('keeps imports to the register readers of the project', async () => {
    await expect(
      previewResidentImport(database.db, {
        actor: desk.consultant,
        projectId: desk.org.estateProjectId,
        fileName: 'x.xlsx',
        file: buildResidentSheet([{ sheet: '1栋', rows: building1 }]),
        now,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
