import type {
  Resident,
  ResidentInput,
  ResidentMatch,
  ResidentRole,
  ResidentSource,
} from '../../../contracts/residents.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, localized } from '../../platform/errors.js';
import { namePinyin } from '../../platform/text/pinyin.js';
import { writeAudit } from '../audit/index.js';
import { displayPhone, normalisePhone } from '../customers/index.js';
import { findProjectsOfCompany, getProjectById } from '../org/index.js';
import { findStaffNames } from '../staff/index.js';
import { residentErrors } from './residents.errors.js';
import { loadPlaceBook, type ResolvedPlace } from './residents.place.js';
import * as queries from './residents.queries.js';
import { isMovedOut, placeLabel } from './residents.rules.js';
import { assertRegisterProject, assertSeesResident, residentCondition } from './residents.scope.js';
import type { ResidentsTable } from './residents.tables.js';

/** Today in Beijing, as a calendar day. */
export function beijingToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Phones as typed → E.164 (one number once), or the field error naming the first bad one. */
export function normaliseResidentPhones(phones: string[]): Array<{ e164: string; tail4: string }> {
  const result: Array<{ e164: string; tail4: string }> = [];
  for (const [index, typed] of phones.entries()) {
    if (!typed.trim()) continue;
    const phone = normalisePhone(typed.normalize('NFKC'));
    if (!phone)
      throw new AppError(
        residentErrors.RESIDENT_PHONE_INVALID,
        { phone: typed.slice(0, 30) },
        {
          [`phones.${index}`]: localized('号码无效', '號碼無效', 'Invalid number'),
        },
      );
    if (!result.some((known) => known.e164 === phone.e164))
      result.push({ e164: phone.e164, tail4: phone.tail4 });
  }
  return result;
}

export function assertPlaceGiven(place: { room: string; locationText: string; buildingName: string }) {
  if ((place.room.trim() && place.buildingName.trim()) || place.locationText.trim()) return;
  throw new AppError(
    residentErrors.RESIDENT_PLACE_REQUIRED,
    {},
    {
      room: localized('请填写房号', '請填寫房號', 'Enter the room'),
    },
  );
}

/** The company's project names by id (a page of residents names their projects). */
export async function projectNamesOf(db: Tx, companyId: string): Promise<Map<string, string>> {
  const projects = await findProjectsOfCompany(db, companyId);
  return new Map(projects.map((project) => [project.id, project.name]));
}

/** A resident as the desk names them: who, in which role, where. */
export function residentMatch(row: ResidentsTable, projectNames: Map<string, string>): ResidentMatch {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    projectName: projectNames.get(row.projectId) ?? '',
    place: placeLabel(row),
  };
}

/** What the register shows of rows: phones, project and consultant names looked up once for the page. */
export async function toResidentViews(
  db: Tx,
  actor: Actor,
  rows: ResidentsTable[],
  now: Date,
): Promise<Resident[]> {
  const today = beijingToday(now);
  const [phones, projectNames, names] = await Promise.all([
    queries.findPhonesOf(
      db,
      rows.map((row) => row.id),
    ),
    projectNamesOf(db, actor.companyId),
    findStaffNames(db, [
      ...rows.map((row) => row.consultantStaffId ?? ''),
      ...rows.map((row) => row.consentChangedBy ?? ''),
    ]),
  ]);
  return rows.map((row) => ({
    id: row.id,
    projectId: row.projectId,
    projectName: projectNames.get(row.projectId) ?? '',
    buildingName: row.buildingName,
    doorName: row.doorName,
    room: row.room,
    place: placeLabel(row),
    isLinkedToUnit: row.unitId !== null,
    name: row.name,
    role: row.role,
    phones: (phones.get(row.id) ?? []).map(displayPhone),
    moveInOn: row.moveInOn,
    moveOutOn: row.moveOutOn,
    isMovedOut: isMovedOut(row.moveOutOn, today),
    consultantName: row.consultantStaffId ? (names.get(row.consultantStaffId) ?? null) : null,
    source: row.source,
    notes: row.notes,
    consent: {
      afterSalesCare: row.consentsAfterSales === 1,
      announcements: row.consentsAnnouncements === 1,
      changedByName: row.consentChangedBy ? (names.get(row.consentChangedBy) ?? null) : null,
      changedAt: row.consentChangedAt,
    },
    updatedAt: row.updatedAt,
  }));
}

export async function getVisibleRow(db: Tx, actor: Actor, residentId: string) {
  const row = await queries.findResidentRow(db, residentId);
  assertSeesResident(actor, row);
  return row as ResidentsTable;
}

export async function getResident(db: Db, options: { actor: Actor; residentId: string; now: Date }) {
  const row = await getVisibleRow(db, options.actor, options.residentId);
  return (await toResidentViews(db, options.actor, [row], options.now))[0]!;
}

export async function findResidents(
  db: Db,
  options: {
    actor: Actor;
    projectId?: string;
    role?: ResidentRole;
    search?: string;
    buildingName?: string;
    includeMovedOut: boolean;
    sort: queries.ResidentSort;
    order: 'asc' | 'desc';
    offset: number;
    limit: number;
    now: Date;
  },
) {
  const { actor } = options;
  if (options.projectId) {
    const project = await getProjectById(db, actor, options.projectId);
    assertRegisterProject(actor, project.companyId, project.id);
  }
  const { rows, total } = await queries.findResidentPage(
    db,
    {
      visible: residentCondition(actor, 'residents'),
      projectId: options.projectId,
      role: options.role,
      search: options.search,
      buildingName: options.buildingName,
      includeMovedOut: options.includeMovedOut,
      today: beijingToday(options.now),
    },
    options,
  );
  return { items: await toResidentViews(db, actor, rows, options.now), total };
}

/** What an audit row keeps of a resident: the place and role, phones by their last four digits. */
function auditShape(row: ResidentsTable, phones: Array<{ tail4: string }>) {
  return {
    name: row.name,
    role: row.role,
    place: placeLabel(row),
    unitId: row.unitId,
    moveInOn: row.moveInOn,
    moveOutOn: row.moveOutOn,
    phones: phones.map((phone) => `****${phone.tail4}`),
  };
}

export interface ResidentWrite {
  place: ResolvedPlace;
  name: string;
  role: ResidentRole;
  phones: Array<{ e164: string; tail4: string }>;
  moveInOn: string | null;
  notes: string;
  source: ResidentSource;
  consultantStaffId?: string | null;
  customerId?: string | null;
  importId?: string | null;
}

/** The columns a write sets alike on a new resident and an updated one: the place and the person. */
function whoAndWhere(write: ResidentWrite) {
  const pinyin = namePinyin(write.name);
  return {
    buildingId: write.place.buildingId,
    buildingName: write.place.buildingName,
    doorId: write.place.doorId,
    doorName: write.place.doorName,
    room: write.place.room,
    unitId: write.place.unitId,
    locationText: write.place.locationText,
    placeKey: write.place.placeKey,
    name: write.name,
    namePinyin: pinyin.full,
    nameInitials: pinyin.initials,
    role: write.role,
  };
}

/** Inserts a resident with phones and its audit row, inside the caller's transaction. */
export async function insertResidentInTransaction(
  trx: Tx,
  options: { actor: Actor; projectId: string; write: ResidentWrite; now: Date; audit?: boolean },
) {
  const { actor, write, now } = options;
  const at = now.toISOString();
  const row: ResidentsTable = {
    id: newId(),
    companyId: actor.companyId,
    projectId: options.projectId,
    ...whoAndWhere(write),
    moveInOn: write.moveInOn,
    moveOutOn: null,
    consultantStaffId: write.consultantStaffId ?? null,
    customerId: write.customerId ?? null,
    source: write.source,
    importId: write.importId ?? null,
    notes: write.notes,
    consentsAfterSales: 0,
    consentsAnnouncements: 0,
    consentChangedBy: null,
    consentChangedAt: null,
    createdAt: at,
    updatedAt: at,
  };
  await queries.insertResident(trx, row);
  await queries.replacePhones(trx, row, write.phones);
  if (options.audit !== false)
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: row.projectId,
      entityType: 'resident',
      entityId: row.id,
      action: 'create',
      after: auditShape(row, write.phones),
    });
  return row;
}

/** Updates a resident's place, name, role, phones and move-in day (and audits before → after). */
export async function updateResidentInTransaction(
  trx: Tx,
  options: { actor: Actor; row: ResidentsTable; write: ResidentWrite; now: Date; audit?: boolean },
) {
  const { actor, row, write, now } = options;
  const before = auditShape(
    row,
    (await queries.findPhonesOf(trx, [row.id])).get(row.id)?.map((e164) => ({ tail4: e164.slice(-4) })) ?? [],
  );
  const changes: Partial<ResidentsTable> = {
    ...whoAndWhere(write),
    moveInOn: write.moveInOn ?? row.moveInOn,
    notes: write.notes || row.notes,
    ...(write.consultantStaffId ? { consultantStaffId: write.consultantStaffId } : {}),
    ...(write.customerId ? { customerId: write.customerId } : {}),
    ...(write.importId ? { importId: write.importId } : {}),
    updatedAt: now.toISOString(),
  };
  await queries.updateResident(trx, row.id, changes);
  const updated = { ...row, ...changes };
  if (write.phones.length) await queries.replacePhones(trx, updated, write.phones);
  if (options.audit !== false)
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: row.projectId,
      entityType: 'resident',
      entityId: row.id,
      action: 'update',
      before,
      after: auditShape(updated, write.phones),
    });
  return updated;
}

async function writeOf(trx: Tx, actor: Actor, input: ResidentInput): Promise<ResidentWrite> {
  assertPlaceGiven(input);
  const phones = normaliseResidentPhones(input.phones);
  const book = await loadPlaceBook(trx, actor, input.projectId);
  return {
    place: await book.resolve(input),
    name: input.name.trim(),
    role: input.role,
    phones,
    moveInOn: input.moveInOn,
    notes: input.notes,
    source: 'manual',
  };
}

export async function createResident(db: Db, options: { actor: Actor; input: ResidentInput; now: Date }) {
  const { actor, input, now } = options;
  const project = await getProjectById(db, actor, input.projectId);
  assertRegisterProject(actor, project.companyId, project.id);
  const row = await db.transaction().execute(async (trx) =>
    insertResidentInTransaction(trx, {
      actor,
      projectId: project.id,
      write: await writeOf(trx, actor, input),
      now,
    }),
  );
  return (await toResidentViews(db, actor, [row], now))[0]!;
}

export async function updateResident(
  db: Db,
  options: { actor: Actor; residentId: string; input: Omit<ResidentInput, 'projectId'>; now: Date },
) {
  const { actor, now } = options;
  const row = await db.transaction().execute(async (trx) => {
    const current = await getVisibleRow(trx, actor, options.residentId);
    const write = await writeOf(trx, actor, { ...options.input, projectId: current.projectId });
    if (current.moveOutOn && write.moveInOn && current.moveOutOn < write.moveInOn)
      throw new AppError(residentErrors.RESIDENT_MOVE_OUT_BEFORE_MOVE_IN);
    // An edit that empties every phone keeps none: the form sends the whole list.
    const updated = await updateResidentInTransaction(trx, { actor, row: current, write, now });
    if (write.phones.length === 0) await queries.replacePhones(trx, updated, []);
    if (!options.input.notes) await queries.updateResident(trx, current.id, { notes: '' });
    return { ...updated, notes: options.input.notes };
  });
  return (await toResidentViews(db, actor, [row], now))[0]!;
}
