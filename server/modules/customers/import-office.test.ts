import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { buildImportOffice } from './testing/import-office.js';
import { buildVisitorRegister, type RegisterStyle, registerCounts } from './testing/index.js';
import { commitImport, getImport, previewImport, runImport } from './use-cases/import-customers.js';

let database: TestDatabase;
/** The day of the import: the register runs through November 2026. */
const now = new Date('2026-12-06T02:00:00.000Z');

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

describe('a visitor register as offices keep it', () => {
  const setUp = () => buildImportOffice(database.db, now);

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
});
