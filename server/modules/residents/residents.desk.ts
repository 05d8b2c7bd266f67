import type { CallerResident, ResidentMatch } from '../../../contracts/residents.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/database.js';
import { normalisePhone } from '../customers/index.js';
import { findStaffNames } from '../staff/index.js';
import * as queries from './residents.queries.js';
import { isNewOwner } from './residents.rules.js';
import { residentCondition } from './residents.scope.js';
import { beijingToday, projectNamesOf, residentMatch } from './residents.service.js';

/**
 * Who is probably calling the desk: residents (not moved out) of any of the company's projects
 * who gave this number — a property desk answers every building of its company. Only what the
 * agent needs to greet and route the call: name, role, unit, owner since, and a new owner's
 * consultant. A number that cannot be a Chinese phone number finds nobody.
 */
export async function findCallerResidents(
  db: Tx,
  options: { companyId: string; callerNumber: string; now: Date; limit?: number },
): Promise<CallerResident[]> {
  const phone = normalisePhone(options.callerNumber);
  if (!phone) return [];
  const today = beijingToday(options.now);
  const rows = await queries.findResidentsByPhone(db, {
    companyId: options.companyId,
    phoneE164: phone.e164,
    today,
    limit: options.limit ?? 3,
  });
  if (rows.length === 0) return [];
  const [projectNames, names] = await Promise.all([
    projectNamesOf(db, options.companyId),
    findStaffNames(
      db,
      rows.map((row) => row.consultantStaffId ?? ''),
    ),
  ]);
  return rows.map((row) => ({
    ...residentMatch(row, projectNames),
    moveInOn: row.moveInOn,
    consultantName:
      isNewOwner(row, today) && row.consultantStaffId ? (names.get(row.consultantStaffId) ?? null) : null,
  }));
}

/**
 * CS-4 "您能说出他(她)是哪个樓門的嗎?": residents of the registers the agent reads, found by building and door
 * (the project's own, as the directory search names them) and by name, pinyin, initials or room.
 */
export async function findResidentsForCaller(
  db: Tx,
  options: {
    actor: Actor;
    q: string;
    buildingId?: string;
    doorId?: string;
    now: Date;
    limit: number;
  },
): Promise<ResidentMatch[]> {
  const rows = await queries.findResidentsForLookup(db, {
    visible: residentCondition(options.actor, 'residents'),
    q: options.q,
    buildingId: options.buildingId,
    doorId: options.doorId,
    today: beijingToday(options.now),
    limit: options.limit,
  });
  const projectNames = await projectNamesOf(db, options.actor.companyId);
  return rows.map((row) => residentMatch(row, projectNames));
}

/**
 * SA-18 for the customers module: the owners among these customers and their consent. An owner
 * registered at several units consents when every record of theirs does (the stricter wins).
 */
export async function findConsentsOfCustomers(db: Tx, options: { companyId: string; customerIds: string[] }) {
  const rows = await queries.findOwnersOfCustomers(db, options.companyId, options.customerIds);
  const result = new Map<string, { afterSalesCare: boolean; announcements: boolean }>();
  for (const row of rows) {
    if (!row.customerId) continue;
    const known = result.get(row.customerId) ?? { afterSalesCare: true, announcements: true };
    result.set(row.customerId, {
      afterSalesCare: known.afterSalesCare && row.consentsAfterSales === 1,
      announcements: known.announcements && row.consentsAnnouncements === 1,
    });
  }
  return result;
}
