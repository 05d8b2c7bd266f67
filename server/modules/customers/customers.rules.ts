import { Metadata } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
// The package's 'max/metadata' export rather than 'metadata.max.json': both resolve to the same
// JavaScript module (metadata.max.json.js), but a loader that picks the format from a '.json'
// suffix would try to read that module as JSON.
import maxMetadata from 'libphonenumber-js/max/metadata';
import type { Actor } from '../../platform/auth/actor.js';
import { hasAnyRole } from '../../platform/auth/actor.js';
import { maskPhone, type PhoneMaskStyle } from '../../platform/privacy/mask.js';
import type { PhoneKind } from './customers.tables.js';

export interface NormalisedPhone {
  e164: string;
  /** As staff write it: 13812345678, 0755-12345678. */
  national: string;
  tail4: string;
  kind: PhoneKind;
}

/**
 * Normalises a Chinese mobile or landline (any common spelling: spaces, dashes, +86, brackets);
 * null when it is not a number a customer could be called on.
 */
/**
 * libphonenumber's CN mobile pattern (metadata "max", type MOBILE), read once: the common case of
 * an 11-digit mobile is then checked without a full parse, which matters for 100,000-row imports.
 */
const mobilePattern = (() => {
  // The typings omit the numbering-plan accessors this reads; they are part of the library's API.
  const metadata = new Metadata(maxMetadata) as unknown as {
    country(code: string): void;
    numberingPlan: { type(name: string): { pattern(): string } | undefined } | undefined;
  };
  metadata.country('CN');
  const pattern = metadata.numberingPlan?.type('MOBILE')?.pattern();
  if (!pattern) throw new Error('libphonenumber metadata has no CN mobile pattern');
  return new RegExp(`^(?:${pattern})$`);
})();

export function normalisePhone(input: string): NormalisedPhone | null {
  const trimmed = input.trim();
  if (!/^[0-9+\-() \u3000]{5,30}$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '').replace(/^(?:0086|86)(?=1\d{10}$)/, '');
  if (/^1\d{10}$/.test(digits) && (!trimmed.startsWith('+') || /^\+\s*86/.test(trimmed))) {
    if (!mobilePattern.test(digits)) return null;
    return { e164: `+86${digits}`, national: digits, tail4: digits.slice(-4), kind: 'mobile' };
  }
  const parsed = parsePhoneNumberFromString(trimmed.replace(/\u3000/g, ' '), 'CN');
  if (!parsed?.isValid() || parsed.countryCallingCode !== '86') return null;
  const type = parsed.getType();
  const kind: PhoneKind | null =
    type === 'MOBILE'
      ? 'mobile'
      : type === 'FIXED_LINE' || type === 'FIXED_LINE_OR_MOBILE'
        ? 'landline'
        : null;
  if (!kind) return null;
  const nationalNumber = String(parsed.nationalNumber);
  return {
    e164: parsed.number,
    national: displayPhone(parsed.number),
    tail4: nationalNumber.slice(-4),
    kind,
  };
}

/** +8613812345678 → 13812345678; +8675512345678 → 0755-12345678. */
export function displayPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  if (parsed.getType() === 'MOBILE') return String(parsed.nationalNumber);
  return parsed.formatNational().replace(' ', '-').replace(/\s+/g, '');
}

export function maskedPhone(e164: string, style: PhoneMaskStyle): string {
  return maskPhone(displayPhone(e164).replace(/\D/g, ''), style);
}

/** Only the last four digits ever reach a log line. */
export function phoneForLog(e164: string): string {
  return `***${e164.slice(-4)}`;
}

/**
 * The project's managers may see whole numbers, reassign owners and act for a consultant. A role
 * check for actions: who may see a customer at all is the owner scope (platform/auth/scope.ts).
 * The administrator is not one of them (their job is projects, staff, desks and settings); the
 * system itself (demo seeding, jobs) acts for the company.
 */
export function isProjectManager(actor: Actor, projectId: string): boolean {
  return hasAnyRole(actor, ['manager'], projectId);
}

/**
 * PRIV: the owning consultant and the project's managers may see a customer's whole number. The
 * administrator is not a manager here: running the system gives no access to customers' data.
 */
export function maySeeWholePhone(
  actor: Actor,
  customer: { projectId: string; ownerStaffId: string | null },
): boolean {
  return customer.ownerStaffId === actor.staffId || hasAnyRole(actor, ['manager'], customer.projectId);
}

/** PRIV: who acts on a customer's PIPL rights (export, correction, withdrawal, erasure): the DPO and the project's managers. */
export function mayActOnPersonalDataRights(actor: Actor, projectId: string): boolean {
  return hasAnyRole(actor, ['dpo', 'manager'], projectId);
}

export function protectionEnd(from: Date, protectionDays: number): string {
  return new Date(from.getTime() + protectionDays * 86_400_000).toISOString();
}

/**
 * Ownership (客户保护期): the owner keeps the customer while protected. Once the period lapses
 * without a follow-up, the next consultant who registers the customer takes them over.
 */
export function isOwnershipProtected(
  customer: { ownerStaffId: string | null; protectedUntil: string | null },
  now: Date,
): boolean {
  return Boolean(
    customer.ownerStaffId && customer.protectedUntil && customer.protectedUntil > now.toISOString(),
  );
}

/** SA-3: developers, peers and media are key customers. */
export function categoryForKeyKind(keyKind: string | null | undefined): 'normal' | 'key' {
  return keyKind === 'developer' || keyKind === 'peer' || keyKind === 'media' ? 'key' : 'normal';
}

/** Asia/Shanghai has no daylight saving: a fixed +8 h gives the calendar day and hour staff see. */
const shanghaiOffsetMs = 8 * 3_600_000;

export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
}

export function shanghaiHour(at: Date): number {
  return new Date(at.getTime() + shanghaiOffsetMs).getUTCHours();
}

/** The UTC instants that bound a Shanghai calendar day: [start, end). */
export function shanghaiDayBounds(day: string): { start: string; end: string } {
  const start = new Date(Date.parse(`${day}T00:00:00.000Z`) - shanghaiOffsetMs);
  return { start: start.toISOString(), end: new Date(start.getTime() + 86_400_000).toISOString() };
}

/** What a book search term means: last four digits, pinyin initials, or a name fragment. */
export type SearchTerm =
  | { kind: 'tail4'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'initials'; value: string }
  | { kind: 'pinyin'; value: string }
  | { kind: 'name'; value: string };

export function classifySearch(raw: string): SearchTerm | null {
  const text = raw.trim();
  if (!text) return null;
  if (/^\d{4}$/.test(text)) return { kind: 'tail4', value: text };
  const phone = /^[0-9+\-() ]{7,}$/.test(text) ? normalisePhone(text) : null;
  if (phone) return { kind: 'phone', value: phone.e164 };
  // Up to four letters are initials (zs = 张三); longer ones are the spelled-out pinyin (zhangsan).
  if (/^[a-zA-Z]{1,4}$/.test(text)) return { kind: 'initials', value: text.toLowerCase() };
  if (/^[a-zA-Z]{5,30}$/.test(text)) return { kind: 'pinyin', value: text.toLowerCase() };
  return { kind: 'name', value: text };
}

/** The string just above every string starting with `prefix`, for an index-friendly range scan. */
export function prefixUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
