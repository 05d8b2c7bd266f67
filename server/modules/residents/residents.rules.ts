import type { ResidentRole } from '../../../contracts/residents.js';

/**
 * Pure rules of the register: how an office writes a building, a door (樓門 / 单元), a room and a
 * resident's role, and what the caller pop shows. No I/O, no clock (`now` is passed in).
 */

/** How two spellings of one place compare: NFKC (full-width digits), no spaces, lower case. */
export function placeKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * The door as a key: "2单元", "2 單元", "２門", "2" are one door; a name without digits
 * ("東門") is kept whole.
 */
export function doorKey(text: string): string {
  const key = placeKey(text).replace(/(?:单元|單元|樓門|楼门|门|門|座)$/, '');
  return /^\d+$/.test(key) ? String(Number(key)) : key;
}

/** The building as a key: "1栋", "1幢", "1号楼", "1棟", "１" are one building. */
export function buildingKey(text: string): string {
  const key = placeKey(text).replace(/(?:号楼|號樓|栋|棟|幢|座|楼|樓)$/, '');
  return /^\d+$/.test(key) ? String(Number(key)) : key;
}

/** The room as a key: "1201", "1201室", "１２０１" are one room. */
export function roomKey(text: string): string {
  const key = placeKey(text).replace(/(?:室|号|號|房)$/, '');
  return /^\d+$/.test(key) ? String(Number(key)) : key;
}

/** The register's key of a place; '' when no room is known (a free location text). */
export function placeKeyOf(place: { buildingName: string; doorName: string; room: string }): string {
  const room = roomKey(place.room);
  return room ? `${buildingKey(place.buildingName)}|${doorKey(place.doorName)}|${room}` : '';
}

/** "1栋 · 2单元 · 1201", parts left out when empty; the free text when no room is known. */
export function placeLabel(place: {
  buildingName: string;
  doorName: string;
  room: string;
  locationText: string;
}): string {
  const parts = [place.buildingName, place.doorName, place.room].filter((part) => part.trim());
  return parts.length ? parts.join(' · ') : place.locationText;
}

const roleWords: Array<[ResidentRole, RegExp]> = [
  ['owner', /^(?:业主|業主|房主|产权人|產權人|owner)$/i],
  ['tenant', /^(?:租户|租戶|租客|承租人|tenant)$/i],
  ['member', /^(?:家属|家屬|家庭成员|家庭成員|同住人|同住|成员|成員|住户|住戶|member)$/i],
];

/** The role as an office writes it (业主, 租户, 家属 …); null when the word is not one of them. */
export function parseResidentRole(text: string): ResidentRole | null {
  const word = placeKey(text);
  if (!word) return 'owner';
  return roleWords.find(([, pattern]) => pattern.test(word))?.[0] ?? null;
}

const yesWords = /^(?:是|同意|已同意|yes|y|1|√|✓|true)$/i;
const noWords = /^(?:否|不同意|拒绝|拒絕|no|n|0|×|false|)$/i;

/** A consent cell: 是 / 同意 / √ → true; 否 / 不同意 / empty → false; anything else null (a problem). */
export function parseConsent(text: string): boolean | null {
  const word = placeKey(text);
  if (yesWords.test(word)) return true;
  if (noWords.test(word)) return false;
  return null;
}

/**
 * A new owner is shown with the consultant who sold them the unit: the property desk can tell
 * them apart from long-standing owners and involve the consultant (SA-17, SA-18). "New" is the
 * first year after moving in.
 */
export const newOwnerDays = 365;

export function isNewOwner(
  resident: { role: ResidentRole; moveInOn: string | null; consultantStaffId: string | null },
  today: string,
): boolean {
  if (resident.role !== 'owner' || !resident.consultantStaffId || !resident.moveInOn) return false;
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${resident.moveInOn}T00:00:00Z`)) / 86_400_000;
  return days >= 0 && days <= newOwnerDays;
}

/** Whether a resident has moved out by a day (the move-out day itself counts as out). */
export function isMovedOut(moveOutOn: string | null, today: string): boolean {
  return moveOutOn !== null && moveOutOn <= today;
}
