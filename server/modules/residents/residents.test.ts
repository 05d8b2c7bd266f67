import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResidentInput } from '../../../contracts/residents.js';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import { buildCompany, buildStaff } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { findAuditEntries } from '../audit/index.js';
import { moveOutResident, setResidentConsent } from './residents.changes.js';
import { findCallerResidents, findResidentsForCaller } from './residents.desk.js';
import { createResident, getResident, updateResident } from './residents.service.js';
import { buildPropertyDesk, type ListFilters, listResidentsAt } from './testing/index.js';

const now = new Date('2026-12-09T02:00:00.000Z');
let database: TestDatabase;
let desk: Awaited<ReturnType<typeof buildPropertyDesk>>;

const input = (overrides: Partial<ResidentInput> = {}): ResidentInput => ({
  projectId: desk.org.estateProjectId,
  buildingName: '1栋',
  doorName: '2单元',
  room: '1201',
  locationText: '',
  name: '张三丰',
  role: 'owner',
  phones: ['138 0013 8001'],
  moveInOn: '2025-03-01',
  notes: '',
  ...overrides,
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const listResidents = (actor: Actor, filters: ListFilters = {}) =>
  listResidentsAt(database.db, actor, now, filters);

beforeAll(async () => {
  database = await createTestDatabase();
  desk = await buildPropertyDesk(database.db, now);
});

afterAll(async () => {
  await database.drop();
});

describe('residents register', () => {
  it('registers a resident by building, door and room, linked to the estate building and door', async () => {
    const resident = await createResident(database.db, {
      actor: desk.agent,
      input: input({
        buildingName: '1幢',
        doorName: '２',
        room: '１２０１室',
        phones: ['１３８００１３８００１'],
      }),
      now,
    });
    expect(resident.place).toBe('1栋 · 2单元 · 1201室');
    expect(resident.phones).toEqual(['13800138001']);
    expect(resident.consent).toMatchObject({ afterSalesCare: false, announcements: false, changedAt: null });
    const audit = await findAuditEntries(
      database.db,
      { entityType: 'resident', entityId: resident.id },
      { offset: 0, limit: 5, order: 'asc' },
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['create']);
    // Phones are audited by their last four digits only.
    expect(audit.rows[0]!.afterJson).toContain('****8001');
    expect(audit.rows[0]!.afterJson).not.toContain('13800138001');
  });

  it('finds residents by pinyin initials, full pinyin, room and the last digits of a phone', async () => {
    await createResident(database.db, {
      actor: desk.agent,
      input: input({ name: '李小龙', room: '0803', phones: ['13900139002', '0755-83214567'] }),
      now,
    });
    const search = async (text: string) =>
      (
        await listResidents(desk.guard, { projectId: desk.org.estateProjectId, search: text, limit: 20 })
      ).items.map((row) => row.name);
    expect(await search('lxl')).toEqual(['李小龙']);
    expect(await search('lixiao')).toEqual(['李小龙']);
    expect(await search('0803')).toEqual(['李小龙']);
    expect(await search('4567')).toEqual(['李小龙']);
    expect(await search('zsf')).toEqual(['张三丰']);
  });

  it('refuses a bad phone or a missing place with the field named, and writes nothing', async () => {
    const before = await listResidents(desk.agent, { includeMovedOut: true });
    const badPhone = await refusal(
      createResident(database.db, {
        actor: desk.agent,
        input: input({ name: '王五', phones: ['1380013'] }),
        now,
      }),
    );
    expect(badPhone.code).toBe('RESIDENT_PHONE_INVALID');
    expect(Object.keys(badPhone.fields ?? {})).toEqual(['phones.0']);
    const noPlace = await refusal(
      createResident(database.db, {
        actor: desk.agent,
        input: input({ name: '王五', buildingName: '', room: '', locationText: '' }),
        now,
      }),
    );
    expect(noPlace.code).toBe('RESIDENT_PLACE_REQUIRED');
    const after = await listResidents(desk.agent, { includeMovedOut: true });
    expect(after.total).toBe(before.total);
  });

  it("SA-18 records the owner's consent with who changed it and when, audited before → after", async () => {
    const owner = await createResident(database.db, {
      actor: desk.agent,
      input: input({ name: '周业主', room: '0501', phones: ['13500135006'] }),
      now,
    });
    const later = new Date(now.getTime() + 60_000);
    const changed = await setResidentConsent(database.db, {
      actor: desk.guard,
      residentId: owner.id,
      afterSalesCare: true,
      announcements: false,
      now: later,
    });
    expect(changed.consent).toEqual({
      afterSalesCare: true,
      announcements: false,
      changedByName: '吴保安',
      changedAt: later.toISOString(),
    });
    const audit = await findAuditEntries(
      database.db,
      { entityType: 'resident', entityId: owner.id, action: 'consent' },
      { offset: 0, limit: 5, order: 'asc' },
    );
    expect(JSON.parse(audit.rows[0]!.beforeJson ?? '{}')).toEqual({
      afterSalesCare: false,
      announcements: false,
    });
    expect(JSON.parse(audit.rows[0]!.afterJson ?? '{}')).toEqual({
      afterSalesCare: true,
      announcements: false,
    });
  });

  it('moves a resident out (not before moving in); moved-out residents leave the list and the caller pop', async () => {
    const tenant = await createResident(database.db, {
      actor: desk.agent,
      input: input({
        name: '租客甲',
        role: 'tenant',
        room: '0302',
        phones: ['13700137003'],
        moveInOn: '2026-01-10',
      }),
      now,
    });
    const early = await refusal(
      moveOutResident(database.db, {
        actor: desk.agent,
        residentId: tenant.id,
        moveOutOn: '2026-01-01',
        now,
      }),
    );
    expect(early.code).toBe('RESIDENT_MOVE_OUT_BEFORE_MOVE_IN');
    expect(
      await findCallerResidents(database.db, {
        companyId: desk.org.companyId,
        callerNumber: '13700137003',
        now,
      }),
    ).toHaveLength(1);
    const out = await moveOutResident(database.db, {
      actor: desk.agent,
      residentId: tenant.id,
      moveOutOn: '2026-12-01',
      now,
    });
    expect(out.isMovedOut).toBe(true);
    expect(
      await findCallerResidents(database.db, {
        companyId: desk.org.companyId,
        callerNumber: '13700137003',
        now,
      }),
    ).toEqual([]);
    const list = await listResidents(desk.agent, {
      projectId: desk.org.estateProjectId,
      search: '租客甲',
      limit: 20,
    });
    expect(list.total).toBe(0);
    const again = await refusal(
      moveOutResident(database.db, {
        actor: desk.agent,
        residentId: tenant.id,
        moveOutOn: '2026-12-02',
        now,
      }),
    );
    expect(again.code).toBe('RESIDENT_ALREADY_MOVED_OUT');
  });

  it('edits a resident: new room and phones replace the old', async () => {
    const member = await createResident(database.db, {
      actor: desk.agent,
      input: input({ name: '家属乙', role: 'member', room: '0601', phones: ['13600136004'] }),
      now,
    });
    const { projectId: _projectId, ...rest } = input({
      name: '家属乙',
      role: 'member',
      room: '0602',
      phones: ['13600136005'],
    });
    const edited = await updateResident(database.db, {
      actor: desk.agent,
      residentId: member.id,
      input: rest,
      now,
    });
    expect(edited.room).toBe('0602');
    expect(edited.phones).toEqual(['13600136005']);
    expect(
      await findCallerResidents(database.db, {
        companyId: desk.org.companyId,
        callerNumber: '13600136004',
        now,
      }),
    ).toEqual([]);
  });

  it('shows the register to the property desk only: consultants, other projects and other companies get 404', async () => {
    const resident = await createResident(database.db, {
      actor: desk.agent,
      input: input({ name: '保密住户', room: '0901', phones: ['13500135007'] }),
      now,
    });
    for (const actor of [desk.consultant, desk.salesAgent]) {
      const error = await refusal(getResident(database.db, { actor, residentId: resident.id, now }));
      expect(error.code).toBe('NOT_FOUND');
      const list = await listResidents(actor, { includeMovedOut: true });
      expect(list.items.map((row) => row.name)).not.toContain('保密住户');
    }
    const other = await buildCompany(database.db);
    const stranger = await buildStaff(database.db, other, { roles: ['agent'] });
    expect(
      (await refusal(getResident(database.db, { actor: stranger, residentId: resident.id, now }))).code,
    ).toBe('NOT_FOUND');
    expect(
      await findCallerResidents(database.db, {
        companyId: other.companyId,
        callerNumber: '13800138001',
        now,
      }),
    ).toEqual([]);
  });

  it('CS-4 finds the person sought by building and door and by name or initials', async () => {
    const [building] = desk.buildings;
    const door = building!.doors.find((row) => row.name === '2单元')!;
    const byDoor = await findResidentsForCaller(database.db, {
      actor: desk.agent,
      q: 'zsf',
      buildingId: building!.id,
      doorId: door.id,
      now,
      limit: 10,
    });
    expect(byDoor.map((row) => row.name)).toEqual(['张三丰']);
    const otherDoor = await findResidentsForCaller(database.db, {
      actor: desk.agent,
      q: '张三丰',
      buildingId: building!.id,
      doorId: building!.doors.find((row) => row.name === '1单元')!.id,
      now,
      limit: 10,
    });
    expect(otherDoor).toEqual([]);
    expect(
      await findResidentsForCaller(database.db, { actor: desk.consultant, q: '张三丰', now, limit: 10 }),
    ).toEqual([]);
  });

  it('the caller pop recognises a resident by the number however the PBX writes it', async () => {
    const found = await findCallerResidents(database.db, {
      companyId: desk.org.companyId,
      callerNumber: '+86 138-0013-8001',
      now,
    });
    expect(found.map((row) => [row.name, row.role, row.place, row.moveInOn])).toEqual([
      ['张三丰', 'owner', '1栋 · 2单元 · 1201室', '2025-03-01'],
    ]);
    // An owner registered by hand has no consultant to show.
    expect(found[0]!.consultantName).toBeNull();
  });
});
