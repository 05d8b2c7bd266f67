import type { CallRegisterInput } from '../../../../contracts/reception.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors } from '../../../platform/errors.js';
import { publishLive } from '../../../platform/live/index.js';
import { maskPhone } from '../../../platform/privacy/mask.js';
import { writeAudit } from '../../audit/index.js';
import {
  assertSalesProject,
  type CustomerInput,
  normalisePhone,
  normalisePhones,
  phoneMaskStyle,
  type RegistrationOutcome,
  recordCustomerEvent,
  registerCustomerInTransaction,
  rethrowPhoneRace,
  StaffNames,
  shanghaiDay,
  shanghaiHour,
} from '../../customers/index.js';
import { assertSeesReceptionRow, callEntity } from '../reception.access.js';
import { receptionErrors } from '../reception.errors.js';
import * as queries from '../reception.queries.js';
import { type OutOfTurn, salesGreeting } from '../reception.rules.js';
import type { BookOutcome, SalesCallsTable } from '../reception.tables.js';
import { currentOrder, decideMyTurn, takeTurn } from './answering-order.js';

// --- sales calls (SA-1) ---

export async function callView(db: Tx, actor: Actor, row: SalesCallsTable, names: StaffNames) {
  const style = await phoneMaskStyle(db, actor, row.projectId);
  const phone = row.callerPhoneE164 ? normalisePhone(row.callerPhoneE164) : null;
  return {
    id: row.id,
    projectId: row.projectId,
    staffId: row.staffId,
    staffName: (await names.get(row.staffId)) ?? '',
    customerId: row.customerId,
    answeredAt: row.answeredAt,
    endedAt: row.endedAt,
    isOpen: row.endedAt === null,
    // PRIV: the register always shows numbers masked; the whole number is revealed (and audited)
    // on the customer's page by their owner or a manager.
    callerPhone: phone ? maskPhone(phone.national.replace(/\D/g, ''), style) : '',
    callerName: row.callerName,
    sourceChannelId: row.sourceChannelId,
    questions: row.questions,
    intentLayout: row.intentLayout,
    intentAreaMin: row.intentAreaMin,
    intentAreaMax: row.intentAreaMax,
    intentBudgetFen: row.intentBudgetFen === null ? null : Number(row.intentBudgetFen),
    intentPurpose: row.intentPurpose,
    result: row.result,
    appointmentAt: row.appointmentAt,
    hour: row.hour,
    day: row.day,
  };
}

/** A call the actor sees and answered: only the answering consultant records, greets or discards it. */
async function getAnswerersCall(trx: Tx, actor: Actor, callId: string) {
  const call = await queries.findCallRow(trx, callId);
  if (!call) throw new AppError(commonErrors.NOT_FOUND, { entity: callEntity });
  await assertSeesReceptionRow(trx, actor, call, callEntity);
  if (call.staffId !== actor.staffId) throw new AppError(receptionErrors.NOT_YOURS);
  return call;
}

/**
 * SA-1(1): the next consultant in the order answers; the register entry opens with the greeting.
 * Answering neither counts the call nor passes the turn: that happens when the entry is saved
 * (saveCallRegister). Until then the consultant is on the phone and the rotation skips them; a
 * consultant who answers again while their entry is still open gets that entry back, and one who
 * discards it (discardCall) is next again, as if the phone had not rung.
 */
export async function answerCall(
  db: Db,
  options: { actor: Actor; projectId: string; outOfTurn?: OutOfTurn | null; now: Date },
) {
  const { actor, projectId, now } = options;
  // The call is the answering consultant's from the first ring (owner scope).
  visibility(actor, 'owner').assertProject(projectId, callEntity);
  const project = await assertSalesProject(db, actor, projectId, ['consultant']);
  const at = now.toISOString();
  const row = await db.transaction().execute(async (trx) => {
    const order = await currentOrder(trx, actor, projectId, now);
    const open = (await queries.findOpenCalls(trx, projectId, order.openSince)).find(
      (call) => call.staffId === actor.staffId,
    );
    const reopened = open ? await queries.findCallRow(trx, open.id) : undefined;
    if (reopened) return reopened;
    const turn = decideMyTurn(order, actor, options.outOfTurn ?? null);
    const created: SalesCallsTable = {
      id: newId(),
      projectId,
      staffId: actor.staffId,
      customerId: null,
      answeredAt: at,
      endedAt: null,
      callerPhoneE164: null,
      callerPhoneTail4: null,
      callerName: '',
      sourceChannelId: null,
      questions: '',
      intentLayout: '',
      intentAreaMin: null,
      intentAreaMax: null,
      intentBudgetFen: null,
      intentPurpose: '',
      result: 'other',
      appointmentAt: null,
      hour: shanghaiHour(now),
      day: shanghaiDay(now),
      createdAt: at,
      isInTurn: turn.isInTurn ? 1 : 0,
      skippedStaffId: turn.skippedStaffId,
      skipReason: turn.skipReason,
      skipNote: turn.skipNote,
      bookOutcome: null,
      greeting: salesGreeting(project.name),
      greetingShownAt: null,
      greetingShownBy: null,
      updatedAt: at,
    };
    await queries.insertCall(trx, created);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId,
      entityType: 'sales_call',
      entityId: created.id,
      action: 'answer',
      after: turn.isInTurn ? undefined : { outOfTurn: turn },
    });
    // The board shows the consultant on the phone and the next one up.
    await publishLive(
      trx,
      { topic: `project:${projectId}`, type: 'reception.answer', payload: { staffId: actor.staffId } },
      now,
    );
    return created;
  });
  return {
    call: await callView(db, actor, row, new StaffNames(db, actor)),
    // A reopened entry keeps the greeting it was answered with.
    greeting: row.greeting ?? salesGreeting(project.name),
  };
}

/**
 * SA-1(1): the answering screen reports that it shows the call's greeting. The first report is
 * kept — when and to whom — for the greeting check; later ones, and reports on a saved entry,
 * change nothing (the screen shows the greeting only while the call is open).
 */
export async function recordSalesGreetingShown(db: Db, options: { actor: Actor; callId: string; now: Date }) {
  const { actor, callId, now } = options;
  return db.transaction().execute(async (trx) => {
    const call = await getAnswerersCall(trx, actor, callId);
    if (call.greetingShownAt || call.endedAt) return { greetingShownAt: call.greetingShownAt };
    const at = now.toISOString();
    // Conditional on "not yet shown": two tabs reporting at once keep the first.
    if ((await queries.markGreetingShown(trx, callId, { at, staffId: actor.staffId })) === 0)
      return { greetingShownAt: (await queries.findCallRow(trx, callId))?.greetingShownAt ?? null };
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: call.projectId,
      entityType: 'sales_call',
      entityId: callId,
      action: 'greeting_shown',
      after: { greetingShownAt: at, greetingShownBy: actor.staffId },
    });
    return { greetingShownAt: at };
  });
}

/**
 * An answered call left without a record (the caller hung up at once, a button pressed by mistake):
 * the entry goes, nothing is counted, and the consultant's turn is theirs again. A wrong number the
 * consultant wants on record is saved with that result instead.
 */
export async function discardCall(db: Db, options: { actor: Actor; callId: string; now: Date }) {
  const { actor, callId, now } = options;
  await db.transaction().execute(async (trx) => {
    const call = await getAnswerersCall(trx, actor, callId);
    if ((await queries.deleteOpenCall(trx, callId)) === 0) throw new AppError(receptionErrors.ALREADY_CLOSED);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: call.projectId,
      entityType: 'sales_call',
      entityId: callId,
      action: 'discard',
      before: { answeredAt: call.answeredAt },
    });
    await publishLive(
      trx,
      { topic: `project:${call.projectId}`, type: 'reception.answer', payload: { staffId: actor.staffId } },
      now,
    );
  });
}

export type { CallRegisterInput };

export type OwnershipNote = { status: RegistrationOutcome['status'] | 'none'; ownerName?: string | null };

/**
 * SA-1(2)(4): the incoming-call register entry, in detail. A caller who leaves name and number
 * goes at once into the consultant's customer book — unless another consultant's protection
 * holds them, which the consultant is told (by name, never by number) and which is logged.
 */
export async function saveCallRegister(
  db: Db,
  options: { actor: Actor; callId: string; input: CallRegisterInput; now: Date },
) {
  const { actor, callId, input, now } = options;
  const phones = input.callerPhone ? normalisePhones([input.callerPhone], 'callerPhone') : [];
  const at = now.toISOString();
  let ownership: OwnershipNote = { status: 'none' };
  try {
    await db.transaction().execute(async (trx) => {
      const call = await getAnswerersCall(trx, actor, callId);
      await assertSalesProject(trx, actor, call.projectId, ['consultant', 'manager']);
      let customerId: string | null = null;
      let bookOutcome: BookOutcome | null = null;
      if (input.callerName && phones.length) {
        const customerInput: CustomerInput = {
          name: input.callerName,
          gender: input.gender,
          phones: phones.map((phone) => phone.e164),
          isPhoneRefused: false,
          sourceChannelId: input.sourceChannelId,
          keyKind: null,
          intentLayout: input.intentLayout,
          intentAreaMin: input.intentAreaMin,
          intentAreaMax: input.intentAreaMax,
          intentBudgetFen: input.intentBudgetFen,
          intentPurpose: input.intentPurpose,
          notes: input.questions.slice(0, 500),
          hasContactConsent: input.hasContactConsent,
          hasMarketingConsent: input.hasMarketingConsent,
          consentVia: 'verbal',
          locale: 'zh-CN',
        };
        const outcome = await registerCustomerInTransaction(trx, {
          actor,
          projectId: call.projectId,
          input: customerInput,
          now,
          firstContact: 'call',
          phones,
        });
        customerId = outcome.customerId;
        bookOutcome = outcome.status;
        ownership =
          outcome.status === 'taken'
            ? { status: 'taken', ownerName: outcome.ownerName }
            : outcome.status === 'taken_over'
              ? { status: 'taken_over', ownerName: outcome.previousOwnerName }
              : { status: outcome.status };
        await recordCustomerEvent(trx, {
          actor,
          customerId,
          kind: 'call',
          refId: callId,
          summary: `来电咨询:${input.questions.slice(0, 80) || '—'}`,
          at: now,
        });
      }
      const closed = await queries.closeCall(trx, callId, {
        customerId,
        endedAt: at,
        callerName: input.callerName,
        callerPhoneE164: phones[0]?.e164 ?? null,
        callerPhoneTail4: phones[0]?.tail4 ?? null,
        sourceChannelId: input.sourceChannelId,
        questions: input.questions,
        intentLayout: input.intentLayout,
        intentAreaMin: input.intentAreaMin,
        intentAreaMax: input.intentAreaMax,
        intentBudgetFen: input.intentBudgetFen,
        intentPurpose: input.intentPurpose,
        result: customerId && input.result === 'no_contact' ? 'left_contact' : input.result,
        appointmentAt: input.appointmentAt,
        bookOutcome,
        updatedAt: at,
      });
      if (closed === 0) throw new AppError(receptionErrors.ALREADY_CLOSED);
      // SA-1(1)(3): the call counts, and the turn passes, now that it is on record.
      await takeTurn(trx, {
        actor,
        projectId: call.projectId,
        kind: 'call',
        refId: callId,
        turn: {
          isInTurn: call.isInTurn === 1,
          skippedStaffId: call.skippedStaffId,
          skipReason: call.skipReason,
          skipNote: call.skipNote,
        },
        at: new Date(call.answeredAt),
        now,
      });
      await writeAudit(trx, {
        actor,
        at: now,
        projectId: call.projectId,
        entityType: 'sales_call',
        entityId: callId,
        action: 'register',
        after: {
          customerId,
          result: input.result,
          callerPhone: phones[0] ? `***${phones[0].tail4}` : null,
          sourceChannelId: input.sourceChannelId,
        },
      });
    });
  } catch (error) {
    rethrowPhoneRace(error);
  }
  const row = await queries.findCallRow(db, callId);
  if (!row) throw new AppError(commonErrors.NOT_FOUND, { entity: callEntity });
  return { call: await callView(db, actor, row, new StaffNames(db, actor)), ownership };
}
