import { type Actor, systemActor } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/index.js';
import { maskPhone } from '../../platform/privacy/mask.js';
import { writeAudit } from '../audit/index.js';
import { callsErrors } from './calls.errors.js';
import * as queries from './calls.queries.js';
import {
  allowedActions,
  deriveCall,
  normalisePhoneNumber,
  phoneMatchKey,
  shanghaiDayHour,
} from './calls.rules.js';
import { type CallStore, kyselyStore } from './calls.store.js';
import type {
  CallEventsTable,
  CallEventType,
  CallSource,
  CallsTable,
  ReleasedBy,
  TransferKind,
} from './calls.tables.js';
import { type ConductStep, conductSteps } from './calls.tables.js';
import { type DeskContext, loadDeskContext, loadDeskForActor } from './desk-context.js';
import * as directory from './directory.queries.js';
import { getPurposeOfCompany } from './scripts.service.js';

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
const staffPhoneTtlMs = 60_000;
const staffPhoneCache = new Map<string, { at: number; byKey: Map<string, string> }>();

async function matchStaffByNumber(db: Tx, companyId: string, number: string): Promise<string | null> {
  const key = phoneMatchKey(number);
  if (!key) return null;
  let cached = staffPhoneCache.get(companyId);
  if (!cached || Date.now() - cached.at > staffPhoneTtlMs) {
    const byKey = new Map<string, string>();
    for (const row of await directory.findStaffPhones(db, companyId))
      for (const phone of [row.mobile, row.officePhone]) if (phone) byKey.set(phoneMatchKey(phone), row.id);
    cached = { at: Date.now(), byKey };
    staffPhoneCache.set(companyId, cached);
  }
  return cached.byKey.get(key) ?? null;
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

// --- manual mode (desks without CTI, and the agent's buttons on any desk) -------------------

export async function startManualCall(
  db: Db,
  options: { actor: Actor; deskId: string; callerNumber: string; now: Date },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const context = await loadDeskForActor(trx, actor, options.deskId);
    const eventId = `manual:${newId()}`;
    const { call } = await applyCallEvent(
      trx,
      context,
      actor,
      {
        source: 'manual',
        eventId,
        type: 'ringing',
        occurredAt: now,
        externalCallId: eventId,
        callerNumber: options.callerNumber,
        actorStaffId: actor.staffId,
        payloadHash: eventId,
      },
      now,
    );
    return call;
  });
}

export type CallAction = 'answer' | 'hold' | 'resume' | 'transfer' | 'end';
const actionEvent: Record<CallAction, CallEventType> = {
  answer: 'answered',
  hold: 'held',
  resume: 'resumed',
  transfer: 'transferred',
  end: 'ended',
};

export interface CallActionInput {
  action: CallAction;
  releasedBy?: ReleasedBy;
  targetStaffId?: string;
  transferKind?: TransferKind;
}

const statusNames = {
  ringing: localized('振铃中', '振鈴中', 'ringing'),
  answered: localized('通话中', '通話中', 'in progress'),
  on_hold: localized('保持中', '保留中', 'on hold'),
  ended: localized('已结束', '已結束', 'ended'),
  missed: localized('未接', '未接', 'missed'),
};

/** Answer, hold, resume, transfer (CS-2) or end (SEC-6) a call from the agent's screen. */
export async function actOnCall(
  db: Db,
  options: { actor: Actor; callId: string; input: CallActionInput; now: Date },
) {
  const { actor, input, now } = options;
  return db.transaction().execute(async (trx) => {
    const { call, context } = await getCallForActor(trx, actor, options.callId);
    const type = actionEvent[input.action];
    if (!allowedActions(call.status).includes(type))
      throw new AppError(callsErrors.CALL_ACTION_NOT_ALLOWED, {
        status: statusNames[call.status][actor.locale],
      });
    if (type === 'transferred') {
      if (!input.targetStaffId)
        throw new AppError(
          commonErrors.VALIDATION_FAILED,
          {},
          { targetStaffId: localized('必填', '必填', 'Required') },
        );
      const target = await directory.findDirectoryEntry(trx, actor.companyId, input.targetStaffId);
      if (!target)
        throw new AppError(
          callsErrors.UNKNOWN_REFERENCE,
          { entity: localized('员工', '員工', 'Staff member') },
          { targetStaffId: localized('员工不存在', '員工不存在', 'No such person') },
        );
    }
    const eventId = `manual:${newId()}`;
    // Time never runs backwards within a call, even when the server clock and the PBX's disagree.
    const occurredAt = new Date(Math.max(now.getTime(), Date.parse(call.ringingAt)));
    const { call: updated } = await applyCallEvent(
      trx,
      context,
      actor,
      {
        source: 'manual',
        eventId,
        type,
        occurredAt,
        callId: call.id,
        agentStaffId: type === 'answered' ? actor.staffId : null,
        agentRef: type === 'answered' ? actor.displayName : null,
        targetStaffId: input.targetStaffId ?? null,
        transferKind: type === 'transferred' ? (input.transferKind ?? 'transfer') : null,
        releasedBy: type === 'ended' ? (input.releasedBy ?? 'caller') : null,
        actorStaffId: actor.staffId,
        payloadHash: eventId,
      },
      now,
    );
    return updated;
  });
}

// --- reading and annotating calls ---------------------------------------------------------

const callEntity = localized('来电', '來電', 'Call');

/** A call of a desk the actor staffs (desk scope), with that desk; any other call does not exist for them. */
export async function getCallForActor(
  db: Tx,
  actor: Actor,
  callId: string,
): Promise<{ call: CallsTable; context: DeskContext }> {
  const call = await queries.findCallRow(db, callId);
  if (!call || call.companyId !== actor.companyId)
    throw new AppError(commonErrors.NOT_FOUND, { entity: callEntity });
  return { call, context: await loadDeskForActor(db, actor, call.deskId, callEntity) };
}

export interface CallDetailsInput {
  purposeId?: string | null;
  notes?: string;
  callerName?: string;
  conductSteps?: ConductStep[];
}

/** SEC-3: the key points of the call, its purpose and who called; SEC-8: the conduct steps confirmed. */
export async function updateCallDetails(
  db: Db,
  options: { actor: Actor; callId: string; input: CallDetailsInput; now: Date },
) {
  const { actor, input, now } = options;
  return db.transaction().execute(async (trx) => {
    const { call: before } = await getCallForActor(trx, actor, options.callId);
    if (input.purposeId) await getPurposeOfCompany(trx, actor, input.purposeId);
    const changes: Partial<CallsTable> = { updatedAt: now.toISOString() };
    if (input.purposeId !== undefined) changes.purposeId = input.purposeId;
    if (input.notes !== undefined) changes.notes = input.notes;
    if (input.callerName !== undefined) changes.callerName = input.callerName;
    if (input.conductSteps !== undefined)
      changes.conductSteps = JSON.stringify(
        conductSteps.filter((step) => input.conductSteps?.includes(step)),
      );
    await queries.updateCallRow(trx, before.id, changes);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: before.projectId,
      entityType: 'call',
      entityId: before.id,
      action: 'update_details',
      before: {
        purposeId: before.purposeId,
        notes: before.notes,
        callerName: before.callerName,
        conductSteps: JSON.parse(before.conductSteps),
      },
      after: {
        purposeId: changes.purposeId ?? before.purposeId,
        notes: changes.notes ?? before.notes,
        callerName: changes.callerName ?? before.callerName,
        conductSteps: JSON.parse(changes.conductSteps ?? before.conductSteps),
      },
    });
    return { ...before, ...changes } as CallsTable;
  });
}

/** The desk's queue (SEC-7): ringing, talking and held calls of the last day. */
export async function findDeskQueue(db: Db, options: { actor: Actor; deskId: string; now: Date }) {
  const context = await loadDeskForActor(db, options.actor, options.deskId);
  const since = new Date(options.now.getTime() - 86_400_000).toISOString();
  return { context, calls: await queries.findOpenCalls(db, options.deskId, since) };
}

export async function getCallEvents(db: Tx, callId: string) {
  return queries.findEventsOfCall(db, callId);
}

export async function loadContextOfCall(db: Tx, actor: Actor, call: CallsTable): Promise<DeskContext> {
  return loadDeskContext(db, actor.companyId, call.deskId);
}
