import type { Locale } from '../../../contracts/locales.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { writeAudit } from '../audit/index.js';
import { callsErrors } from './calls.errors.js';
import * as queries from './calls.queries.js';
import { allowedActions } from './calls.rules.js';
import type { CallEventType, CallsTable, ReleasedBy, TransferKind } from './calls.tables.js';
import { type ConductStep, conductSteps } from './calls.tables.js';
import { type DeskContext, loadDeskContext, loadDeskForActor } from './desk-context.js';
import * as directory from './directory.queries.js';
import * as scriptQueries from './scripts.queries.js';
import { getPurposeOfCompany } from './scripts.service.js';

import { applyCallEvent } from './use-cases/apply-call-event.js';

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

/** A call's status in words, for the error that refuses an action in it. */
export const callStatusNames = {
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
        status: callStatusNames[call.status][actor.locale],
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

/**
 * CS-1 / SEC-2: the desk screen reports that it shows the call's greeting (while it rings or once
 * answered). The first report is kept — when, to whom, and which version of the desk's greeting in
 * the screen's language (0: the built-in one) — for the greeting check; later ones change nothing.
 */
export async function recordGreetingShown(
  db: Db,
  options: { actor: Actor; callId: string; locale: Locale; now: Date },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const { call } = await getCallForActor(trx, actor, options.callId);
    const isLive = call.status === 'ringing' || call.status === 'answered' || call.status === 'on_hold';
    if (call.greetingShownAt || !isLive) return call;
    const changes = {
      greetingShownAt: now.toISOString(),
      greetingVersion: await scriptQueries.findLatestScriptVersion(
        trx,
        call.deskId,
        'greeting',
        options.locale,
      ),
      greetingShownBy: actor.staffId,
    };
    return recordOnCall(trx, { actor, call, changes, action: 'greeting_shown', now });
  });
}

/**
 * What the desk screen records on a call beside its events (the greeting shown, CS-4's lookup):
 * the columns changed, the call marked changed for scoring, the audit row last.
 */
export async function recordOnCall<T extends CallsTable, C extends Partial<CallsTable>>(
  trx: Tx,
  options: { actor: Actor; call: T; changes: C; action: string; now: Date },
): Promise<T & C> {
  const { actor, call, changes, now } = options;
  await queries.updateCallRow(trx, call.id, { ...changes, updatedAt: now.toISOString() });
  await writeAudit(trx, {
    actor,
    at: now,
    projectId: call.projectId,
    entityType: 'call',
    entityId: call.id,
    action: options.action,
    after: changes,
  });
  return { ...call, ...changes };
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
