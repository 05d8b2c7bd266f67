import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { PersonLookupOutcomeKind, StatsFigures } from '../../../contracts/calls.js';
import type { CallEventType, CallStatus, CallsTable, ReleasedBy, TransferKind } from './calls.tables.js';

/** How "within N rings" is read (CS-1): before ring N+1 starts, or strictly while ring N sounds. */
export type RingCounting = 'before_next_ring' | 'during_ring';

export interface RingPolicy {
  /** Seconds from the start of one ring to the start of the next (GB 3380: 1 s on + 4 s off = 5). */
  cadenceSeconds: number;
  /** How long one ring sounds (GB 3380: 1 s). Only the strict reading uses it. */
  ringOnSeconds: number;
  counting: RingCounting;
  maxRings: number;
}

/**
 * CS-1 / SEC-1: ring k starts (k − 1) × cadence after alerting begins, so a call answered after
 * `ms` milliseconds of alerting had heard ⌊ms / cadence⌋ + 1 rings.
 */
export function ringsHeard(ringMs: number, cadenceSeconds: number): number {
  return Math.floor(Math.max(0, ringMs) / (cadenceSeconds * 1000)) + 1;
}

/** The longest ring-to-answer time (ms) that still counts as "within maxRings" under the policy. */
export function answerLimitMs(policy: RingPolicy): { limitMs: number; isInclusive: boolean } {
  if (policy.counting === 'during_ring')
    return {
      limitMs: ((policy.maxRings - 1) * policy.cadenceSeconds + policy.ringOnSeconds) * 1000,
      isInclusive: true,
    };
  return { limitMs: policy.maxRings * policy.cadenceSeconds * 1000, isInclusive: false };
}

/**
 * CS-1 / SEC-1: answered "within 3 rings" means before ring 4 starts (< 15 s at the 5 s cadence),
 * or under the strict reading while ring 3 still sounds (≤ 11 s).
 */
export function isAnsweredWithinRings(ringMs: number, policy: RingPolicy): boolean {
  const { limitMs, isInclusive } = answerLimitMs(policy);
  return isInclusive ? ringMs <= limitMs : ringMs < limitMs;
}

export interface NormalisedNumber {
  /** E.164 when valid (+8613812345678), otherwise the digits and signs as typed. */
  number: string;
  isValid: boolean;
  raw: string;
}

/** Caller numbers are read as Chinese numbers unless they carry a country code. */
export function normalisePhoneNumber(raw: string): NormalisedNumber {
  const typed = raw.trim();
  const parsed = typed ? parsePhoneNumberFromString(typed, 'CN') : undefined;
  if (parsed?.isValid()) return { number: parsed.number, isValid: true, raw: typed };
  return { number: typed, isValid: false, raw: typed };
}

/** Keys to compare numbers by: the national number without the trunk 0, so 0755-8888 0000 = +86 755 8888 0000. */
export function phoneMatchKey(raw: string): string {
  const normalised = normalisePhoneNumber(raw);
  if (normalised.isValid) return normalised.number;
  return raw.replace(/\D/g, '');
}

/** How a number is shown to staff: national format for Chinese numbers, as typed otherwise. */
export function displayPhoneNumber(number: string): string {
  const parsed = number ? parsePhoneNumberFromString(number, 'CN') : undefined;
  if (parsed?.isValid())
    return parsed.countryCallingCode === '86' ? parsed.formatNational() : parsed.formatInternational();
  return number;
}

/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991. */
const shanghaiOffsetMs = 8 * 3_600_000;

export function shanghaiDayHour(at: Date): { day: string; hour: number } {
  const local = new Date(at.getTime() + shanghaiOffsetMs);
  return { day: local.toISOString().slice(0, 10), hour: local.getUTCHours() };
}

/** UTC bounds [from, to) of Shanghai calendar days `firstDay` … `lastDay` inclusive. */
export function shanghaiDayRange(firstDay: string, lastDay: string): { fromIso: string; toIso: string } {
  const from = new Date(Date.parse(`${firstDay}T00:00:00.000Z`) - shanghaiOffsetMs);
  const to = new Date(Date.parse(`${lastDay}T00:00:00.000Z`) - shanghaiOffsetMs + 86_400_000);
  return { fromIso: from.toISOString(), toIso: to.toISOString() };
}

// --- deriving a call from its events -------------------------------------------------------

export interface CallEventFact {
  type: CallEventType;
  occurredAt: string;
  callerNumber?: string | null;
  agentRef?: string | null;
  agentStaffId?: string | null;
  targetStaffId?: string | null;
  transferKind?: TransferKind | null;
  releasedBy?: ReleasedBy | null;
}

/** What a call's events say about it; the call row stores it (the within-limit verdict as 0/1). */
export type DerivedCall = Pick<
  CallsTable,
  | 'status'
  | 'ringingAt'
  | 'answeredAt'
  | 'endedAt'
  | 'heldSince'
  | 'answeredByStaffId'
  | 'answeredByRef'
  | 'releasedBy'
  | 'transferredToStaffId'
  | 'transferKind'
  | 'transferredAt'
  | 'ringMs'
  | 'rings'
  | 'holdMs'
  | 'holdCount'
  | 'talkMs'
> & { callerNumberRaw: string | null; isAnsweredWithinLimit: boolean };

// Events with the same timestamp are applied in the order a call lives them.
const lifeOrder: Record<CallEventType, number> = {
  ringing: 0,
  answered: 1,
  held: 2,
  resumed: 3,
  transferred: 4,
  ended: 5,
};

function byLife(a: CallEventFact, b: CallEventFact): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? -1 : 1;
  return lifeOrder[a.type] - lifeOrder[b.type];
}

const ms = (iso: string) => Date.parse(iso);

/**
 * A call's state is a pure function of all its events, whatever order they arrived in: an
 * "ended" that overtakes its "answered" is simply re-read once the "answered" comes. Duplicates
 * (same type at the same instant) change nothing. `now` closes an open hold for display only.
 */
export function deriveCall(events: readonly CallEventFact[], policy: RingPolicy, now: Date): DerivedCall {
  if (events.length === 0) throw new Error('deriveCall needs at least one event');
  const sorted = [...events].sort(byLife);
  const ringing = sorted.find((event) => event.type === 'ringing');
  const answered = sorted.find((event) => event.type === 'answered');
  const ended = sorted.find((event) => event.type === 'ended');
  const endedAt = ended?.occurredAt ?? null;
  // Without a "ringing" event (lost, or not yet arrived) alerting is taken to start at the first event.
  const ringingAt = ringing?.occurredAt ?? sorted[0].occurredAt;

  let holdMs = 0;
  let holdCount = 0;
  let heldSince: string | null = null;
  for (const event of sorted) {
    if (endedAt && event.occurredAt > endedAt) break;
    if (event.type === 'held' && heldSince === null) {
      heldSince = event.occurredAt;
      holdCount += 1;
    } else if ((event.type === 'resumed' || event.type === 'ended') && heldSince !== null) {
      holdMs += ms(event.occurredAt) - ms(heldSince);
      heldSince = null;
    }
  }
  const openHoldMs = heldSince !== null ? Math.max(0, now.getTime() - ms(heldSince)) : 0;

  const transfer = [...sorted].reverse().find((event) => event.type === 'transferred');
  const answeredAt = answered?.occurredAt ?? null;
  const ringMs = answeredAt
    ? Math.max(0, ms(answeredAt) - ms(ringingAt))
    : endedAt
      ? Math.max(0, ms(endedAt) - ms(ringingAt))
      : null;

  let status: CallStatus;
  if (endedAt) status = answeredAt ? 'ended' : 'missed';
  else if (heldSince !== null) status = 'on_hold';
  else if (answeredAt) status = 'answered';
  else status = 'ringing';

  const callerNumberRaw = sorted.find((event) => event.callerNumber)?.callerNumber ?? null;
  return {
    status,
    ringingAt,
    answeredAt,
    endedAt,
    heldSince: endedAt ? null : heldSince,
    answeredByStaffId: answered?.agentStaffId ?? null,
    answeredByRef: answered?.agentRef ?? '',
    releasedBy: ended?.releasedBy ?? null,
    transferredToStaffId: transfer?.targetStaffId ?? null,
    transferKind: transfer?.transferKind ?? null,
    transferredAt: transfer?.occurredAt ?? null,
    callerNumberRaw,
    ringMs,
    rings: ringMs === null ? null : ringsHeard(ringMs, policy.cadenceSeconds),
    isAnsweredWithinLimit: answeredAt !== null && ringMs !== null && isAnsweredWithinRings(ringMs, policy),
    holdMs: holdMs + (endedAt ? 0 : openHoldMs),
    holdCount,
    talkMs: answeredAt && endedAt ? Math.max(0, ms(endedAt) - ms(answeredAt)) : null,
  };
}

/** Which manual actions make sense in a status (the buttons the agent sees). */
export function allowedActions(status: CallStatus): CallEventType[] {
  switch (status) {
    case 'ringing':
      return ['answered', 'ended'];
    case 'answered':
      return ['held', 'transferred', 'ended'];
    case 'on_hold':
      return ['resumed', 'transferred', 'ended'];
    case 'ended':
    case 'missed':
      return [];
    default:
      return [];
  }
}

// --- scripts -------------------------------------------------------------------------------

export interface ScriptValues {
  company: string;
  desk: string;
  project: string;
  /** The person sought; the phrase keeps the document's 他(她) until one is chosen. */
  person?: string | null;
}

/** Fills {company}, {desk}, {project} and {person}; unknown placeholders stay visible. */
export function fillScript(template: string, values: ScriptValues, personFallback: string): string {
  return template.replace(/\{(company|desk|project|person)\}/g, (_whole, name: keyof ScriptValues) => {
    if (name === 'person') return values.person?.trim() || personFallback;
    return values[name] ?? '';
  });
}

// --- emergencies (SEC-5) -------------------------------------------------------------------

export interface EmergencyFields {
  callerName: string;
  callerIdentity: string | null;
  buildingId: string | null;
  unitLabel: string;
  phone: string;
  account: string;
}

export type EmergencyField = 'callerName' | 'callerIdentity' | 'address' | 'phone' | 'account';

/** SEC-5: all five facts — name, identity, address, phone and a brief account — or no emergency record. */
export function missingEmergencyFields(input: EmergencyFields): EmergencyField[] {
  const missing: EmergencyField[] = [];
  if (!input.callerName.trim()) missing.push('callerName');
  if (!input.callerIdentity) missing.push('callerIdentity');
  if (!input.buildingId && !input.unitLabel.trim()) missing.push('address');
  if (!input.phone.trim()) missing.push('phone');
  if (!input.account.trim()) missing.push('account');
  return missing;
}

// --- statistics ----------------------------------------------------------------------------

/** Nearest-rank percentile of already-sorted numbers; null for none. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

export interface StatsRow {
  status: CallStatus;
  rings: number | null;
  ringMs: number | null;
  isAnsweredWithinLimit: number;
  holdMs: number;
  releasedBy: ReleasedBy | null;
}

export type { StatsFigures };

const round1 = (value: number) => Math.round(value * 10) / 10;

/** CS-1, SEC-1, SEC-6 figures for a set of calls. A missed call counts against the limit. */
export function summariseCalls(rows: readonly StatsRow[]): StatsFigures {
  let answered = 0;
  let missed = 0;
  let within = 0;
  let holdMs = 0;
  let released = 0;
  let callerFirst = 0;
  let ringMsSum = 0;
  const rings: number[] = [];
  for (const row of rows) {
    const isAnswered = row.status === 'answered' || row.status === 'on_hold' || row.status === 'ended';
    if (isAnswered) {
      answered += 1;
      if (row.rings !== null) rings.push(row.rings);
      if (row.ringMs !== null) ringMsSum += row.ringMs;
    }
    if (row.status === 'missed') missed += 1;
    if (row.isAnsweredWithinLimit) within += 1;
    holdMs += row.holdMs;
    if (row.status === 'ended' && row.releasedBy) {
      released += 1;
      if (row.releasedBy === 'caller') callerFirst += 1;
    }
  }
  rings.sort((a, b) => a - b);
  const judged = answered + missed;
  return {
    calls: rows.length,
    answered,
    missed,
    answeredWithinLimit: within,
    withinLimitPercent: judged ? round1((within / judged) * 100) : null,
    ringsAverage: rings.length ? round1(rings.reduce((sum, value) => sum + value, 0) / rings.length) : null,
    ringsP90: percentile(rings, 0.9),
    ringSecondsAverage: answered ? round1(ringMsSum / answered / 1000) : null,
    holdSecondsTotal: Math.round(holdMs / 1000),
    holdSecondsAverage: answered ? round1(holdMs / answered / 1000) : null,
    callerHungUpFirst: callerFirst,
    callerHungUpFirstPercent: released ? round1((callerFirst / released) * 100) : null,
  };
}

// --- message and incident life cycles ------------------------------------------------------

export function nextMessageStatus(
  current: 'new' | 'read' | 'handled',
  action: 'read' | 'handle',
): 'read' | 'handled' | null {
  if (action === 'read') return current === 'new' ? 'read' : null;
  return current === 'handled' ? null : 'handled';
}

export function nextIncidentStatus(
  current: 'reported' | 'dispatched' | 'resolved',
  action: 'dispatch' | 'resolve',
) {
  if (action === 'dispatch') return current === 'reported' ? 'dispatched' : null;
  return current === 'resolved' ? null : 'resolved';
}

/**
 * CS-4: what came of a lookup opened at `openedAt` — the first, after it, of a transfer or fetch, a
 * message or pass-on taken during the call, or "not found, caller told". Each is recorded where it
 * happened (the call's transfer, call_messages, the call's not-found time), so nobody ticks a box
 * to say the rule was kept.
 */
export function personLookupOutcome(
  openedAt: string,
  call: Pick<CallsTable, 'transferredAt' | 'transferredToStaffId' | 'transferKind' | 'personNotFoundAt'>,
  messages: ReadonlyArray<{ createdAt: string; recipientStaffId: string }>,
): { kind: PersonLookupOutcomeKind; at: string; staffId: string | null } | null {
  const candidates: Array<{ kind: PersonLookupOutcomeKind; at: string; staffId: string | null }> = [];
  if (call.transferredToStaffId && call.transferredAt && call.transferredAt >= openedAt)
    candidates.push({
      kind: call.transferKind === 'fetch' ? 'fetched' : 'transferred',
      at: call.transferredAt,
      staffId: call.transferredToStaffId,
    });
  for (const message of messages)
    if (message.createdAt >= openedAt)
      candidates.push({ kind: 'message', at: message.createdAt, staffId: message.recipientStaffId });
  if (call.personNotFoundAt) candidates.push({ kind: 'not_found', at: call.personNotFoundAt, staffId: null });
  // Fixed-width ISO text sorts as time.
  return candidates.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))[0] ?? null;
}
