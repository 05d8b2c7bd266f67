import { type Actor, systemActor } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { shanghaiTime } from '../../platform/excel/export.js';
import { publishLive } from '../../platform/live/index.js';
import { writeAudit } from '../audit/index.js';
import { escalationInstant, loadWorkingCalendar } from '../notify/index.js';
import { getSetting } from '../settings/index.js';
import { callsErrors } from './calls.errors.js';
import {
  cancelMessageEscalation,
  notifyStaff,
  registerCallEscalation,
  scheduleMessageEscalation,
} from './calls.notify.js';
import * as callQueries from './calls.queries.js';
import { displayPhoneNumber, nextMessageStatus, normalisePhoneNumber } from './calls.rules.js';
import type { CallMessagesTable, MessageKind, MessageStatus, MessageUrgency } from './calls.tables.js';
import { deskRecordsCondition, loadDeskContext, loadDeskForActor } from './desk-context.js';
import * as directory from './directory.queries.js';
import * as queries from './messages.queries.js';

export interface MessageInput {
  deskId: string;
  callId?: string | null;
  recipientStaffId: string;
  kind: MessageKind;
  callerName: string;
  callbackNumber: string;
  content: string;
  urgency: MessageUrgency;
}

/** CS-3: a message (留言) or pass-on (传话) for a member of staff who is not at their seat. */
export async function leaveMessage(db: Db, options: { actor: Actor; input: MessageInput; now: Date }) {
  const { actor, input, now } = options;
  return db.transaction().execute(async (trx) => {
    const context = await loadDeskForActor(trx, actor, input.deskId);
    const recipient = await directory.findDirectoryEntry(trx, actor.companyId, input.recipientStaffId);
    if (!recipient)
      throw new AppError(
        callsErrors.UNKNOWN_REFERENCE,
        { entity: localized('员工', '員工', 'Staff member') },
        { recipientStaffId: localized('员工不存在', '員工不存在', 'No such person') },
      );
    if (input.callId) {
      const call = await callQueries.findCallRow(trx, input.callId);
      if (!call || call.deskId !== input.deskId)
        throw new AppError(
          callsErrors.UNKNOWN_REFERENCE,
          { entity: localized('来电', '來電', 'Call') },
          { callId: localized('来电不存在', '來電不存在', 'No such call') },
        );
    }
    const minutes = await getSetting(trx, 'calls.messageEscalationMinutes', {
      companyId: actor.companyId,
      projectId: context.projectId,
      deskId: context.deskId,
    });
    // CS-3: the time it must be handled by, fixed now; a due time on a rest day waits for the next
    // working day (escalationInstant says why).
    const calendar = await loadWorkingCalendar(trx, {
      companyId: actor.companyId,
      projectId: context.projectId,
    });
    const dueAt = escalationInstant(new Date(now.getTime() + minutes * 60_000), calendar);
    const number = normalisePhoneNumber(input.callbackNumber);
    const row: CallMessagesTable = {
      id: newId(),
      companyId: actor.companyId,
      projectId: context.projectId,
      deskId: input.deskId,
      callId: input.callId ?? null,
      recipientStaffId: recipient.id,
      kind: input.kind,
      callerName: input.callerName,
      callbackNumber: number.number,
      isCallbackNumberValid: number.isValid ? 1 : 0,
      content: input.content,
      urgency: input.urgency,
      status: 'new',
      createdAt: now.toISOString(),
      createdBy: actor.staffId,
      readAt: null,
      handledAt: null,
      handledNote: '',
      escalatedAt: null,
      escalatedToStaffId: null,
      dueAt: dueAt.toISOString(),
      updatedAt: now.toISOString(),
    };
    await queries.insertMessage(trx, row);
    await callQueries.touchCall(trx, row.callId, now);
    const livePayload = {
      messageId: row.id,
      kind: row.kind,
      urgency: row.urgency,
      status: row.status,
      deskId: row.deskId,
    };
    await publishLive(
      trx,
      { topic: `staff:${recipient.id}`, type: 'message.created', payload: livePayload },
      now,
    );
    await publishLive(
      trx,
      { topic: `desk:${context.deskId}`, type: 'message.created', payload: livePayload },
      now,
    );
    const callbackDisplay = displayPhoneNumber(row.callbackNumber);
    await notifyStaff(trx, {
      staffIds: [recipient.id],
      event: row.kind === 'message' ? 'calls.message' : 'calls.passOn',
      params: { callerName: row.callerName, callbackNumber: callbackDisplay, content: row.content },
      projectId: context.projectId,
      link: '/calls/messages',
      dedupeKey: `calls.message:${row.id}`,
      now,
    });
    // CS-3: unhandled past the set time goes to the recipient's department head (if they have one).
    const headId = recipient.departmentHeadStaffId;
    if (headId && headId !== recipient.id) {
      await scheduleMessageEscalation(trx, {
        messageId: row.id,
        headStaffId: headId,
        projectId: context.projectId,
        dueAt,
        params: {
          recipientName: recipient.displayName,
          callerName: row.callerName,
          content: row.content,
          dueAt: shanghaiTime(dueAt.toISOString()).slice(0, 16),
        },
        now,
      });
    }
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: context.projectId,
      entityType: 'call_message',
      entityId: row.id,
      action: 'create',
      after: row,
    });
    return { ...row, recipientName: recipient.displayName };
  });
}

/**
 * A message the actor may act on: one addressed to them, or escalated to them as department head
 * (self scope). A message of a desk they staff but addressed to someone else is refused; any other
 * does not exist for them.
 */
async function getMessageForRecipient(trx: Tx, actor: Actor, messageId: string): Promise<CallMessagesTable> {
  const entity = localized('留言', '留言', 'Message');
  const row = await queries.findMessageRow(trx, messageId);
  if (!row || row.companyId !== actor.companyId) throw new AppError(commonErrors.NOT_FOUND, { entity });
  if (row.recipientStaffId === actor.staffId || row.escalatedToStaffId === actor.staffId) return row;
  const desk = await loadDeskContext(trx, row.companyId, row.deskId);
  visibility(actor, 'desk').assertSees(
    { companyId: row.companyId, projectId: row.projectId, deskKind: desk.deskKind },
    entity,
  );
  throw new AppError(callsErrors.NOT_RECIPIENT);
}

const statusNames: Record<MessageStatus, ReturnType<typeof localized>> = {
  new: localized('未读', '未讀', 'new'),
  read: localized('已读', '已讀', 'read'),
  handled: localized('已处理', '已處理', 'handled'),
};

/** new → read → handled, each step timed; a step out of order is refused. */
export async function advanceMessage(
  db: Db,
  options: { actor: Actor; messageId: string; action: 'read' | 'handle'; note?: string; now: Date },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const before = await getMessageForRecipient(trx, actor, options.messageId);
    const next = nextMessageStatus(before.status, options.action);
    if (!next)
      throw new AppError(callsErrors.STEP_NOT_ALLOWED, { status: statusNames[before.status][actor.locale] });
    const at = now.toISOString();
    const changes: Partial<CallMessagesTable> =
      next === 'read'
        ? { status: 'read', readAt: at }
        : { status: 'handled', handledAt: at, readAt: before.readAt ?? at, handledNote: options.note ?? '' };
    if (
      !(await queries.updateMessageIfStatus(trx, before.id, [before.status], { ...changes, updatedAt: at }))
    )
      throw new AppError(commonErrors.CONCURRENT_CHANGE);
    if (next === 'handled') await cancelMessageEscalation(trx, before.id, now);
    const after = { ...before, ...changes };
    const payload = { messageId: before.id, status: after.status, deskId: before.deskId };
    await publishLive(
      trx,
      { topic: `staff:${before.recipientStaffId}`, type: 'message.updated', payload },
      now,
    );
    await publishLive(trx, { topic: `desk:${before.deskId}`, type: 'message.updated', payload }, now);
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'call_message',
      entityId: before.id,
      action: options.action,
      before: { status: before.status },
      after: changes,
    });
    return after;
  });
}

/**
 * CS-3: asked by notify's escalation when a message's time is up. A message still not handled is
 * marked escalated to the recipient's department head (once) and true is returned, so notify tells
 * the head; a message handled meanwhile is left alone.
 */
export async function escalateMessage(trx: Tx, options: { messageId: string; now: Date }): Promise<boolean> {
  const row = await queries.findMessageRow(trx, options.messageId);
  if (!row || row.status === 'handled') return false;
  if (row.escalatedAt) return true;
  const recipient = await directory.findDirectoryEntry(trx, row.companyId, row.recipientStaffId);
  const headId = recipient?.departmentHeadStaffId ?? null;
  if (!headId || headId === row.recipientStaffId) return false;
  const changes = { escalatedAt: options.now.toISOString(), escalatedToStaffId: headId };
  const stored = { ...changes, updatedAt: changes.escalatedAt };
  if (!(await queries.updateMessageIfStatus(trx, row.id, ['new', 'read'], stored))) return false;
  await publishLive(
    trx,
    {
      topic: `staff:${headId}`,
      type: 'message.escalated',
      payload: { messageId: row.id, recipientStaffId: row.recipientStaffId },
    },
    options.now,
  );
  await publishLive(
    trx,
    {
      topic: `staff:${row.recipientStaffId}`,
      type: 'message.updated',
      payload: { messageId: row.id, status: row.status, deskId: row.deskId },
    },
    options.now,
  );
  await writeAudit(trx, {
    actor: systemActor(row.companyId),
    at: options.now,
    entityType: 'call_message',
    entityId: row.id,
    action: 'escalate',
    after: changes,
  });
  return true;
}

/** The actor's own inbox (self scope): messages addressed or escalated to them. */
export async function findMyMessages(
  db: Db,
  options: {
    actor: Actor;
    status?: MessageStatus;
    offset: number;
    limit: number;
    order: 'asc' | 'desc';
  },
) {
  const { actor } = options;
  const { rows, total } = await queries.findMessagePage(
    db,
    { companyId: actor.companyId, addressedTo: actor.staffId, status: options.status },
    options,
  );
  return {
    ...(await withNames(db, rows)),
    total,
    unhandled: await queries.countUnhandled(db, actor.staffId),
  };
}

/** The messages left at one desk the actor staffs (desk scope). */
export async function findDeskMessages(
  db: Db,
  options: {
    actor: Actor;
    deskId: string;
    status?: MessageStatus;
    offset: number;
    limit: number;
    order: 'asc' | 'desc';
  },
) {
  const { actor } = options;
  await loadDeskForActor(db, actor, options.deskId);
  const { rows, total } = await queries.findMessagePage(
    db,
    {
      companyId: actor.companyId,
      visible: deskRecordsCondition(actor, 'callMessages'),
      deskId: options.deskId,
      status: options.status,
    },
    options,
  );
  return { ...(await withNames(db, rows)), total };
}

async function withNames(db: Db, rows: CallMessagesTable[]) {
  const names = await directory.findStaffNames(
    db,
    rows.flatMap((row) => [row.recipientStaffId, row.createdBy, row.escalatedToStaffId ?? '']),
  );
  return {
    rows: rows.map((row) => ({
      ...row,
      recipientName: names.get(row.recipientStaffId) ?? '',
      createdByName: names.get(row.createdBy) ?? '',
      escalatedToName: row.escalatedToStaffId ? (names.get(row.escalatedToStaffId) ?? '') : null,
    })),
  };
}

// Registered once per process, at load, so demo seeding and jobs work without the HTTP app.
registerCallEscalation((db, messageId) =>
  db.transaction().execute((trx) => escalateMessage(trx, { messageId, now: new Date() })),
);
