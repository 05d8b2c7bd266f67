import { type Actor, systemActor } from '../../../platform/auth/actor.js';
import { createCache } from '../../../platform/cache.js';
import type { Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { publishLive } from '../../../platform/live/index.js';
import { maskPhone } from '../../../platform/privacy/mask.js';
import { writeAudit } from '../../audit/index.js';
import { callsErrors } from '../calls.errors.js';
import { deriveCall, normalisePhoneNumber, phoneMatchKey, shanghaiDayHour } from '../calls.rules.js';
import { type CallStore, kyselyStore } from '../calls.store.js';
import type {
  CallEventsTable,
  CallEventType,
  CallSource,
  CallsTable,
  ReleasedBy,
  TransferKind,
} from '../calls.tables.js';
import type { DeskContext } from '../desk-context.js';
import * as directory from '../directory.queries.js';
import { scheduleRingAlert } from '../ring-alerts.js';
export interface CallEventInput {
  source: CallSource;
  eventId: string;
  type: CallEventType;
  occurredAt: Date;
  /** The PBX's call id (CTI) … */
  externalCallId?: string;
  /** … or our own call (manual actions on a known call). */
  callId?: string;
  callerNumber?: string | null;
  agentRef?: string | null;
  agentStaffId?: string | null;
  targetStaffId?: string | null;
  transferKind?: TransferKind | null;
  releasedBy?: ReleasedBy | null;
  actorStaffId?: string | null;
  signatureHash?: string | null;
  payloadHash: string;
}

export interface RecordedEvent {
  call: CallsTable;
  isDuplicate: boolean;
}

export type CallLivePayload = ReturnType<typeof livePayload>;

/** What a desk's screens hear about a call: ids and display facts only, the number masked. */
export function livePayload(
  call: CallsTable,
  eventId: string,
  eventType: CallEventType,
  context: Pick<DeskContext, 'policy'>,
) {
  return {
    callId: call.id,
    externalCallId: call.externalCallId,
    eventId,
    eventType,
    status: call.status,
    ringingAt: call.ringingAt,
    answeredAt: call.answeredAt,
    heldSince: call.heldSince,
    answeredByStaffId: call.answeredByStaffId,
    callerNumberMasked: call.callerNumber ? maskPhone(call.callerNumber.replace(/^\+86/, '')) : '',
    cadenceSeconds: context.policy.cadenceSeconds,
    maxRings: call.maxRings,
  };
}

// Staff numbers change rarely and every ringing call asks: keep each company's map for a minute.
const staffPhoneCache = createCache<Map<string, string>>({
  name: 'calls-staff-phones',
  max: 100,
  ttlMs: 60_000,
});

async function matchStaffByNumber(trx: Tx, companyId: string, number: string): Promise<string | null> {
  const key = phoneMatchKey(number);
  if (!key) return null;
  // The cache is kept per database; the transaction shares its database's.
  const byKey = await staffPhoneCache.getOrLoad(trx, companyId, async () => {
    const phones = new Map<string, string>();
    for (const row of await directory.findStaffPhones(trx, companyId))
      for (const phone of [row.mobile, row.officePhone]) if (phone) phones.set(phoneMatchKey(phone), row.id);
    return phones;
  });
  return byKey.get(key) ?? null;
}

function newCallRow(context: DeskContext, input: CallEventInput, now: Date): CallsTable {
  const at = input.occurredAt.toISOString();
  const { day, hour } = shanghaiDayHour(input.occurredAt);
  return {
    id: newId(),
    companyId: context.companyId,
    projectId: context.projectId,
    deskId: context.deskId,
    source: input.source,
    externalCallId: input.externalCallId ?? null,
    status: 'ringing',
    callerNumberRaw: '',
    callerNumber: '',
    isCallerNumberValid: 0,
    callerName: '',
    callerStaffId: null,
    ringingAt: at,
    answeredAt: null,
    endedAt: null,
    heldSince: null,
    answeredByStaffId: null,
    answeredByRef: '',
    releasedBy: null,
    transferredToStaffId: null,
    transferKind: null,
    transferredAt: null,
    ringMs: null,
    rings: null,
    maxRings: context.policy.maxRings,
    isAnsweredWithinLimit: 0,
    holdMs: 0,
    holdCount: 0,
    talkMs: null,
    localDay: day,
    localHour: hour,
    purposeId: null,
    notes: '',
    conductSteps: '[]',
    eventCount: 0,
    greetingShownAt: null,
    greetingVersion: null,
    greetingShownBy: null,
    personLookupAt: null,
    personLookupVersion: null,
    personLookupBy: null,
    personNotFoundAt: null,
    personNotFoundBy: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

async function findCall(store: CallStore, context: DeskContext, input: CallEventInput) {
  if (input.callId) {
    const call = await store.findCallRow(input.callId);
    if (!call || call.deskId !== context.deskId)
      throw new AppError(commonErrors.NOT_FOUND, { entity: localized('来电', '來電', 'Call') });
    return call;
  }
  return store.findCallByExternalId(context.deskId, input.externalCallId ?? '');
}

export interface ApplyOptions {
  /** Where the statements go; the module's Kysely queries on `trx` unless given. */
  store?: CallStore;
  /**
   * Collects what the desk's screens are told instead of publishing it at once, so the events of a
   * batch go out together (the caller publishes them, as `calls.updated`, before its commit).
   */
  live?: CallLivePayload[];
}

/**
 * Applies one call event (from the CTI webhook or a button) inside the caller's transaction:
 * the event is stored, and the call re-derived from all of its events, so duplicates change
 * nothing and late events are placed where they belong. Publishes the new state to `desk:<id>`.
 *
 * Audit: an agent's button is a human action and goes into the audit chain. A PBX's signal does
 * not: it is recorded, append-only, in call_events (unique by event id and by signature, with
 * when it was received and the hash of what was signed), which is the call's own audit trail.
 * Chaining every PBX signal through the one audit head would serialise 200 events/s on it for no
 * extra evidence (DOMAIN AUD covers money, units, agreements and customers).
 */
export async function applyCallEvent(
  trx: Tx,
  context: DeskContext,
  actor: Actor,
  input: CallEventInput,
  now: Date,
  options: ApplyOptions = {},
): Promise<RecordedEvent> {
  const store = options.store ?? kyselyStore(trx);
  const seenRows = await store.findSeenEvents(context.deskId, input.eventId, input.signatureHash ?? null);
  if (input.signatureHash && seenRows.some((row) => row.signatureHash === input.signatureHash))
    throw new AppError(callsErrors.CTI_REPLAYED);
  const seen = seenRows.find((row) => row.eventId === input.eventId);
  if (seen) {
    if (seen.payloadHash !== input.payloadHash)
      throw new AppError(callsErrors.CTI_EVENT_ID_CONFLICT, { eventId: input.eventId });
    const call = await store.findCallRow(seen.callId);
    if (!call) throw new AppError(commonErrors.NOT_FOUND, { entity: localized('来电', '來電', 'Call') });
    return { call, isDuplicate: true };
  }

  const existing = await findCall(store, context, input);
  const call = existing ?? newCallRow(context, input, now);
  if (existing) await store.lockCall(existing);
  const event: CallEventsTable = {
    id: newId(),
    callId: call.id,
    deskId: context.deskId,
    source: input.source,
    eventId: input.eventId,
    type: input.type,
    occurredAt: input.occurredAt.toISOString(),
    receivedAt: now.toISOString(),
    signatureHash: input.signatureHash ?? null,
    payloadHash: input.payloadHash,
    callerNumber: input.callerNumber?.trim() || null,
    agentRef: input.agentRef ?? null,
    agentStaffId: input.agentStaffId ?? null,
    targetStaffId: input.targetStaffId ?? null,
    transferKind: input.transferKind ?? null,
    releasedBy: input.releasedBy ?? null,
    actorStaffId: input.actorStaffId ?? null,
  };
  // The stored events in their order (occurred, then received), and this one placed among them:
  // it was received last, so it goes after every stored event of the same moment.
  const events = existing ? await store.findEventsOfCall(call.id) : [];
  let position = events.length;
  while (position > 0 && events[position - 1].occurredAt > event.occurredAt) position -= 1;
  events.splice(position, 0, event);
  const derived = deriveCall(events, context.policy, now);
  const ringingAt = new Date(derived.ringingAt);
  const { day, hour } = shanghaiDayHour(ringingAt);
  const changes: Partial<CallsTable> = {
    status: derived.status,
    ringingAt: derived.ringingAt,
    answeredAt: derived.answeredAt,
    endedAt: derived.endedAt,
    heldSince: derived.heldSince,
    answeredByStaffId: derived.answeredByStaffId,
    answeredByRef: derived.answeredByRef,
    releasedBy: derived.releasedBy,
    transferredToStaffId: derived.transferredToStaffId,
    transferKind: derived.transferKind,
    transferredAt: derived.transferredAt,
    ringMs: derived.ringMs,
    rings: derived.rings,
    isAnsweredWithinLimit: derived.isAnsweredWithinLimit ? 1 : 0,
    holdMs: derived.holdMs,
    holdCount: derived.holdCount,
    talkMs: derived.talkMs,
    localDay: day,
    localHour: hour,
    eventCount: events.length,
    updatedAt: now.toISOString(),
  };
  if (!call.callerNumberRaw && derived.callerNumberRaw) {
    const number = normalisePhoneNumber(derived.callerNumberRaw);
    changes.callerNumberRaw = number.raw;
    changes.callerNumber = number.number;
    changes.isCallerNumberValid = number.isValid ? 1 : 0;
    changes.callerStaffId = await matchStaffByNumber(trx, context.companyId, number.number);
  }
  const updated = { ...call, ...changes } as CallsTable;
  // One write for the call (an insert when it is new), then its event, which refers to it.
  if (existing) await store.updateDerived(updated);
  else await store.insertCall(updated);
  await store.insertEvent(event);
  // A new call ringing: the supervisors' alert at the ring limit waits as a job (ring-alerts.ts).
  if (!existing && updated.status === 'ringing') await scheduleRingAlert(trx, context, updated, now);
  const payload = livePayload(updated, input.eventId, input.type, context);
  if (options.live) options.live.push(payload);
  else await publishLive(trx, { topic: `desk:${context.deskId}`, type: 'call.updated', payload }, now);
  if (input.source !== 'cti')
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: context.projectId,
      entityType: 'call',
      entityId: call.id,
      action: `event.${input.type}`,
      after: {
        eventId: input.eventId,
        source: input.source,
        occurredAt: event.occurredAt,
        status: updated.status,
        rings: updated.rings,
      },
    });
  return { call: updated, isDuplicate: false };
}

/** The actor CTI events are audited under: the desk's telephone system. */
export function ctiActor(context: DeskContext, requestId?: string): Actor {
  return { ...systemActor(context.companyId), displayName: `CTI · ${context.deskName}`, requestId };
}
