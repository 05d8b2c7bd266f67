import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/database.js';
import { normalisePhone } from '../customers/index.js';
import { findUnitPlace } from '../inventory/index.js';
import { findPlaceNamesById } from '../org/index.js';
import { loadPlaceBook } from './residents.place.js';
import * as queries from './residents.queries.js';
import { placeKey } from './residents.rules.js';
import {
  beijingToday,
  insertResidentInTransaction,
  type ResidentWrite,
  updateResidentInTransaction,
} from './residents.service.js';

export interface MovingInOwner {
  /** The buyer's customer record (the deal's customer); null for a co-buyer. */
  customerId: string | null;
  name: string;
  /** As the customer book keeps them; numbers that are not valid phones are left out. */
  phones: string[];
}

/**
 * SA-17: a unit handed over makes its buyer and co-buyers owners in the property desk's register,
 * inside the deal's own transaction — with their phones (so the desk's pop knows them), the
 * consultant who sold the unit and the handover day. An owner already registered at the unit
 * (by customer, name or a shared phone) is updated, never entered twice. Consent (SA-18) is
 * recorded on its own (`consent`, when the owner gave it at the handover) and audited.
 */
export async function recordOwnersAtMoveIn(
  trx: Tx,
  options: {
    actor: Actor;
    unitId: string;
    owners: MovingInOwner[];
    consultantStaffId: string;
    movedInAt: Date;
    consent?: { afterSalesCare: boolean; announcements: boolean };
    now: Date;
  },
): Promise<string[]> {
  const { actor, now } = options;
  const unit = await findUnitPlace(trx, options.unitId);
  if (!unit) return [];
  const names = await findPlaceNamesById(trx, {
    departmentIds: [],
    buildingIds: [unit.buildingId],
    doorIds: [],
  });
  const book = await loadPlaceBook(trx, actor, unit.projectId);
  const place = await book.resolve({
    buildingName: names.buildings.get(unit.buildingId) ?? '',
    doorName: unit.section,
    room: unit.number,
    locationText: '',
  });
  const known = await queries.findResidentsAtPlace(trx, unit.projectId, place.placeKey);
  const ids: string[] = [];
  for (const owner of options.owners) {
    const phones = validPhones(owner.phones);
    const phoneSet = new Set(phones.map((phone) => phone.e164));
    const existing = known.find(
      (row) =>
        (owner.customerId !== null && row.customerId === owner.customerId) ||
        placeKey(row.name) === placeKey(owner.name),
    );
    const write: ResidentWrite = {
      place,
      name: owner.name,
      role: 'owner',
      phones,
      moveInOn: beijingToday(options.movedInAt),
      notes: '',
      source: 'move_in',
      consultantStaffId: options.consultantStaffId,
      customerId: owner.customerId,
    };
    const sharesPhone = existing
      ? undefined
      : await findResidentSharingPhone(
          trx,
          known.map((row) => row.id),
          phoneSet,
        );
    const match = existing ?? known.find((row) => row.id === sharesPhone);
    const row = match
      ? await updateResidentInTransaction(trx, { actor, row: match, write, now })
      : await insertResidentInTransaction(trx, { actor, projectId: unit.projectId, write, now });
    ids.push(row.id);
    if (options.consent && (owner.customerId !== null || options.owners.length === 1)) {
      await queries.updateResident(trx, row.id, {
        consentsAfterSales: options.consent.afterSalesCare ? 1 : 0,
        consentsAnnouncements: options.consent.announcements ? 1 : 0,
        consentChangedBy: actor.staffId,
        consentChangedAt: now.toISOString(),
      });
    }
  }
  return ids;
}

/** The customer book's numbers that are phones (a masked or foreign one is left out, not refused). */
function validPhones(typed: string[]) {
  const phones: Array<{ e164: string; tail4: string }> = [];
  for (const text of typed) {
    const phone = normalisePhone(text);
    if (phone && !phones.some((known) => known.e164 === phone.e164))
      phones.push({ e164: phone.e164, tail4: phone.tail4 });
  }
  return phones;
}

async function findResidentSharingPhone(trx: Tx, residentIds: string[], phones: Set<string>) {
  if (phones.size === 0 || residentIds.length === 0) return undefined;
  const known = await queries.findPhonesOf(trx, residentIds);
  for (const [id, numbers] of known) if (numbers.some((number) => phones.has(number))) return id;
  return undefined;
}
