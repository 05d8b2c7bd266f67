import { createResident, previewResidentImport } from '../../modules/residents/index.js';
import { buildResidentSheet } from '../../modules/residents/testing/index.js';
import type { SiteContext } from './site.js';

/** A resident of the site's sales project (a unit's owner) and a staged import of the resident sheet. */
export async function buildResidents(ctx: SiteContext) {
  const { db, mark, manager, projectId, now, add } = ctx;
  const resident = await createResident(db, {
    actor: manager,
    input: {
      projectId,
      buildingName: '1栋',
      doorName: '1单元',
      room: '0101',
      locationText: '',
      name: `${mark}住户`,
      role: 'owner',
      phones: [],
      moveInOn: '2025-01-01',
      notes: `${mark}住户备注`,
    },
    now,
  });
  add('resident', resident.id, { markers: [`${mark}住户`], table: 'residents' });
  const staged = await previewResidentImport(db, {
    actor: manager,
    projectId,
    fileName: `${mark}住户表.xlsx`,
    file: buildResidentSheet([
      {
        sheet: '1栋',
        rows: [
          { building: '1栋', door: '1单元', room: '0102', name: `${mark}导入住户`, role: '业主', phone: '' },
        ],
      },
    ]),
    now,
  });
  add('residentImport', staged.id, { markers: [`${mark}住户表`], table: 'residentImports' });
}
