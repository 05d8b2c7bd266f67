import type { Actor } from '../../platform/auth/actor.js';
import { hasAnyRole } from '../../platform/auth/actor.js';
import { type ScopeColumns, visibility } from '../../platform/auth/scope.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/index.js';
import { maskPhone } from '../../platform/privacy/mask.js';
import { writeAudit } from '../audit/index.js';
import {
  assertSalesProject,
  type CustomerInput,
  findProjectConsultants,
  findSourceChannels,
  getCustomerById,
  getCustomerForDisplay,
  normalisePhone,
  normalisePhones,
  notifyManagersOfKeyCustomer,
  phoneMaskStyle,
  type RegistrationOutcome,
  recordCustomerEvent,
  registerCustomerInTransaction,
  rethrowPhoneRace,
  StaffNames,
  shanghaiDay,
  shanghaiHour,
} from '../customers/index.js';
import { getProjectById } from '../org/index.js';
import { receptionErrors } from './reception.errors.js';
import * as queries from './reception.queries.js';
import {
  mergeOrder,
  nextInOrder,
  nextStep,
  phraseFor,
  salesGreeting,
  visitSteps,
} from './reception.rules.js';
import type {
  CallResult,
  SalesCallsTable,
  TurnKind,
  VisitorKind,
  VisitStep,
  VisitsTable,
} from './reception.tables.js';
import { findSellingPoints } from './selling-points.queries.js';

/** A role check for actions (reordering the day's answering order); what a manager sees is the scope's. */
function isManager(actor: Actor, projectId: string): boolean {
  return hasAnyRole(actor, ['manager'], projectId);
}

const callEntity = localized('来电', '來電', 'Call');
const visitEntity = localized('来访', '來訪', 'Visit');

/**
 * Sales calls and visits are the answering consultant's (owner scope, owner = the consultant who
 * answered or received); the project's managers see them all. The board and the answering order
 * are the project's (project scope). Who reaches what is only in platform/auth/scope.ts.
 */
function receptionColumns(table: 'salesCalls' | 'visits'): ScopeColumns {
  return { projectId: `${table}.projectId`, ownerId: `${table}.staffId` };
}

/** Throws NOT_FOUND unless the caller sees the call or visit (the tables carry only the project). */
async function assertSeesReceptionRow(
  db: Tx,
  actor: Actor,
  row: { projectId: string; staffId: string },
  entity: typeof callEntity,
) {
  // Another company's project reads as not found: then so does the row.
  const project = await getProjectById(db, actor, row.projectId).catch((error: unknown) => {
    if (error instanceof AppError && error.definition === commonErrors.NOT_FOUND) return undefined;
    throw error;
  });
  visibility(actor, 'owner').assertSees(
    { companyId: project?.companyId ?? '', projectId: row.projectId, ownerId: row.staffId },
    entity,
  );
}

// --- answering order (轮接, SA-1(1)) ---

/**
 * A consultant who answered a call and has not saved it yet is on the phone: the rotation skips
 * them like a busy one. An entry left unsaved longer than this no longer holds them (a closed
 * browser); they answer again to reopen it, or it stays out of the register and the counts.
 */
const openCallHoldsMinutes = 30;

async function currentOrder(db: Tx, actor: Actor, projectId: string, now: Date) {
  const day = shanghaiDay(now);
  const consultants = await findProjectConsultants(db, actor, projectId);
  const saved = await queries.findAnsweringOrder(db, projectId, day);
  const staffIds = mergeOrder(
    saved ? (JSON.parse(saved.staffIdsJson) as string[]) : [],
    consultants.map((person) => person.id),
  );
  const openSince = new Date(now.getTime() - openCallHoldsMinutes * 60_000).toISOString();
  const onThePhone = new Set(
    (await queries.findOpenCalls(db, projectId, openSince)).map((call) => call.staffId),
  );
  const byId = new Map(consultants.map((person) => [person.id, person]));
  const members = staffIds.map((staffId) => ({
    staffId,
    presence: byId.get(staffId)?.presence ?? 'off',
    displayName: byId.get(staffId)?.displayName ?? '',
  }));
  const rotation = members.map((member) =>
    onThePhone.has(member.staffId) && member.presence === 'at_desk'
      ? { ...member, presence: 'busy' as const }
      : member,
  );
  return {
    saved,
    members,
    onThePhone,
    openSince,
    nextStaffId: nextInOrder(rotation, saved?.lastStaffId ?? null),
  };
}

/** Who answers next, today's counts per consultant, and the greeting to read out. */
export async function getAnsweringBoard(db: Db, options: { actor: Actor; projectId: string; now: Date }) {
  const { actor, projectId, now } = options;
  visibility(actor, 'project').assertProject(projectId);
  const project = await assertSalesProject(db, actor, projectId, ['manager', 'consultant']);
  const day = shanghaiDay(now);
  const { members, nextStaffId, saved } = await currentOrder(db, actor, projectId, now);
  const counts = await queries.countTurns(db, projectId, day);
  const countOf = (staffId: string, kind: TurnKind) =>
    Number(counts.find((row) => row.staffId === staffId && row.kind === kind)?.count ?? 0);
  return {
    day,
    projectId,
    projectName: project.name,
    greeting: salesGreeting(project.name),
    nextStaffId,
    nextName: members.find((member) => member.staffId === nextStaffId)?.displayName ?? null,
    lastStaffId: saved?.lastStaffId ?? null,
    isMyTurn: nextStaffId === actor.staffId,
    canReorder: isManager(actor, projectId),
    members: members.map((member, index) => ({
      ...member,
      position: index + 1,
      calls: countOf(member.staffId, 'call'),
      visits: countOf(member.staffId, 'visit'),
      isNext: member.staffId === nextStaffId,
    })),
  };
}

/** The manager sets the day's order; it must name exactly the project's consultants. */
export async function setAnsweringOrder(
  db: Db,
  options: { actor: Actor; projectId: string; staffIds: string[]; now: Date },
) {
  const { actor, projectId, staffIds, now } = options;
  visibility(actor, 'project').assertProject(projectId);
  await assertSalesProject(db, actor, projectId, ['manager']);
  const consultants = (await findProjectConsultants(db, actor, projectId)).map((person) => person.id);
  if (
    new Set(staffIds).size !== staffIds.length ||
    staffIds.length !== consultants.length ||
    staffIds.some((id) => !consultants.includes(id))
  )
    throw new AppError(
      receptionErrors.ORDER_INVALID,
      {},
      { staffIds: receptionErrors.ORDER_INVALID.message },
    );
  const day = shanghaiDay(now);
  await db.transaction().execute(async (trx) => {
    const saved = await ensureOrderRow(trx, projectId, day, consultants, now);
    const changed = await queries.advanceOrder(trx, saved.id, saved.version, {
      staffIdsJson: JSON.stringify(staffIds),
      updatedAt: now.toISOString(),
    });
    if (changed === 0) throw new AppError(commonErrors.CONCURRENT_CHANGE);
    await publishLive(trx, { topic: `project:${projectId}`, type: 'reception.order', payload: {} }, now);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId,
      entityType: 'answering_order',
      entityId: saved.id,
      action: 'reorder',
      before: JSON.parse(saved.staffIdsJson),
      after: staffIds,
    });
  });
  return getAnsweringBoard(db, { actor, projectId, now });
}

async function ensureOrderRow(trx: Tx, projectId: string, day: string, staffIds: string[], now: Date) {
  const existing = await queries.findAnsweringOrder(trx, projectId, day);
  if (existing) return existing;
  await queries.insertAnsweringOrder(trx, {
    id: newId(),
    projectId,
    day,
    staffIdsJson: JSON.stringify(staffIds),
    lastStaffId: null,
    version: 0,
    updatedAt: now.toISOString(),
  });
  const created = await queries.findAnsweringOrder(trx, projectId, day);
  if (!created) throw new AppError(commonErrors.CONCURRENT_CHANGE);
  return created;
}

/** Only the consultant the order names may answer or receive; whoever else tries is told who is next. */
function assertMyTurn(order: Awaited<ReturnType<typeof currentOrder>>, actor: Actor) {
  if (!order.nextStaffId) throw new AppError(receptionErrors.NOBODY_AT_DESK);
  if (order.nextStaffId !== actor.staffId)
    throw new AppError(receptionErrors.NOT_YOUR_TURN, {
      next: order.members.find((member) => member.staffId === order.nextStaffId)?.displayName ?? '',
    });
}

/**
 * Counts the actor's turn and passes the order on. The turn is placed at the moment it began
 * (`at`: a visit when received, a call when answered, though it counts only once saved), and the
 * order's last turn is the one that began last — so two calls answered one after the other and
 * saved in the other order still leave the rotation where it should be. The order row's version
 * check means two turns taken at once never both pass.
 */
async function takeTurn(
  trx: Tx,
  options: { actor: Actor; projectId: string; kind: TurnKind; refId: string; at: Date; now: Date },
) {
  const { actor, projectId, kind, refId, at, now } = options;
  const day = shanghaiDay(at);
  const { members } = await currentOrder(trx, actor, projectId, now);
  const saved = await ensureOrderRow(
    trx,
    projectId,
    day,
    members.map((member) => member.staffId),
    now,
  );
  await queries.insertTurn(trx, {
    id: newId(),
    projectId,
    day,
    staffId: actor.staffId,
    kind,
    refId,
    isInTurn: 1,
    at: at.toISOString(),
  });
  const changed = await queries.advanceOrder(trx, saved.id, saved.version, {
    lastStaffId: await queries.findLatestTurnStaffId(trx, projectId, day),
    staffIdsJson: JSON.stringify(members.map((member) => member.staffId)),
    updatedAt: now.toISOString(),
  });
  if (changed === 0) throw new AppError(commonErrors.CONCURRENT_CHANGE);
  // Every desk of the project shows who is next: they refresh when a turn is taken.
  await publishLive(
    trx,
    { topic: `project:${projectId}`, type: 'reception.turn', payload: { staffId: actor.staffId, kind } },
    now,
  );
}

// --- sales calls (SA-1) ---

async function callView(db: Tx, actor: Actor, row: SalesCallsTable, names: StaffNames) {
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

/**
 * SA-1(1): the next consultant in the order answers; the register entry opens with the greeting.
 * Answering neither counts the call nor passes the turn: that happens when the entry is saved
 * (saveCallRegister). Until then the consultant is on the phone and the rotation skips them; a
 * consultant who answers again while their entry is still open gets that entry back, and one who
 * discards it (discardCall) is next again, as if the phone had not rung.
 */
export async function answerCall(db: Db, options: { actor: Actor; projectId: string; now: Date }) {
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
    assertMyTurn(order, actor);
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
    };
    await queries.insertCall(trx, created);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId,
      entityType: 'sales_call',
      entityId: created.id,
      action: 'answer',
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
    greeting: salesGreeting(project.name),
  };
}

/**
 * An answered call left without a record (the caller hung up at once, a wrong number, a button
 * pressed by mistake): the entry goes, nothing is counted, and the consultant's turn is theirs again.
 */
export async function discardCall(db: Db, options: { actor: Actor; callId: string; now: Date }) {
  const { actor, callId, now } = options;
  await db.transaction().execute(async (trx) => {
    const call = await queries.findCallRow(trx, callId);
    if (!call) throw new AppError(commonErrors.NOT_FOUND, { entity: callEntity });
    await assertSeesReceptionRow(trx, actor, call, callEntity);
    if (call.staffId !== actor.staffId) throw new AppError(receptionErrors.NOT_YOURS);
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

export interface CallRegisterInput {
  callerName: string;
  callerPhone: string;
  gender: 'male' | 'female' | 'unknown';
  sourceChannelId: string | null;
  questions: string;
  intentLayout: string;
  intentAreaMin: number | null;
  intentAreaMax: number | null;
  intentBudgetFen: number | null;
  intentPurpose: 'self_use' | 'investment' | 'upgrade' | 'other' | '';
  result: CallResult;
  appointmentAt: string | null;
  hasContactConsent: boolean;
  hasMarketingConsent: boolean;
}

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
      const call = await queries.findCallRow(trx, callId);
      if (!call) throw new AppError(commonErrors.NOT_FOUND, { entity: callEntity });
      await assertSeesReceptionRow(trx, actor, call, callEntity);
      await assertSalesProject(trx, actor, call.projectId, ['consultant', 'manager']);
      if (call.staffId !== actor.staffId) throw new AppError(receptionErrors.NOT_YOURS);
      let customerId: string | null = null;
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
      });
      if (closed === 0) throw new AppError(receptionErrors.ALREADY_CLOSED);
      // SA-1(1)(3): the call counts, and the turn passes, now that it is on record.
      await takeTurn(trx, {
        actor,
        projectId: call.projectId,
        kind: 'call',
        refId: callId,
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

export interface CallListQuery {
  projectId: string;
  staffId?: string;
  dayFrom?: string;
  dayTo?: string;
  sourceChannelId?: string;
  result?: string;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** SA-1(2) the incoming-call register: a consultant sees their own calls, managers all (owner scope, in SQL). */
export async function findCalls(db: Db, actor: Actor, query: CallListQuery) {
  const scope = visibility(actor, 'owner');
  scope.assertProject(query.projectId, callEntity);
  await assertSalesProject(db, actor, query.projectId, ['manager', 'consultant']);
  const visible = scope.condition(receptionColumns('salesCalls'));
  const { rows, total } = await queries.findCallPage(db, { ...query, visible }, query);
  const names = new StaffNames(db, actor);
  const items = [];
  for (const row of rows) items.push(await callView(db, actor, row, names));
  return { items, total };
}

/**
 * SA-1(3): incoming sales calls counted every day, by source, consultant and hour — of the calls
 * the caller sees (owner scope, in SQL): a consultant counts their own, a manager the project's.
 */
export async function getCallStatistics(
  db: Db,
  options: { actor: Actor; projectId: string; dayFrom: string; dayTo: string; now: Date },
) {
  const { actor, projectId, dayFrom, dayTo, now } = options;
  const scope = visibility(actor, 'owner');
  scope.assertProject(projectId, callEntity);
  await assertSalesProject(db, actor, projectId, ['manager', 'consultant']);
  const filter = { projectId, dayFrom, dayTo, visible: scope.condition(receptionColumns('salesCalls')) };
  const [bySource, byStaff, byHour, byDay] = await Promise.all([
    queries.countCallsBy(db, filter, 'sourceChannelId'),
    queries.countCallsBy(db, filter, 'staffId'),
    queries.countCallsBy(db, filter, 'hour'),
    queries.countCallsBy(db, filter, 'day'),
  ]);
  const channels = new Map(
    (await findSourceChannels(db, { actor, projectId, includeArchived: true, now })).map((channel) => [
      channel.id,
      channel.name,
    ]),
  );
  const names = new StaffNames(db, actor);
  const staffRows = [];
  for (const row of byStaff)
    staffRows.push({
      staffId: String(row.staffId),
      name: (await names.get(String(row.staffId))) ?? '',
      count: Number(row.count),
    });
  const hours = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    count: Number(byHour.find((row) => Number(row.hour) === hour)?.count ?? 0),
  }));
  return {
    dayFrom,
    dayTo,
    total: byDay.reduce((sum, row) => sum + Number(row.count), 0),
    bySource: bySource
      .map((row) => ({
        sourceChannelId: (row.sourceChannelId as string | null) ?? null,
        name: row.sourceChannelId ? (channels.get(String(row.sourceChannelId)) ?? '') : '',
        count: Number(row.count),
      }))
      .sort((a, b) => b.count - a.count),
    byStaff: staffRows.sort((a, b) => b.count - a.count),
    byHour: hours,
    byDay: byDay
      .map((row) => ({ day: String(row.day), count: Number(row.count) }))
      .sort((a, b) => a.day.localeCompare(b.day)),
  };
}

// --- visits (SA-3 … SA-11) ---

export interface VisitorInput {
  name: string;
  gender: 'male' | 'female' | 'unknown';
  phones: string[];
  isPhoneRefused: boolean;
  partySize: number;
  visitorKind: VisitorKind;
  sourceChannelId: string | null;
  intentLayout: string;
  intentAreaMin: number | null;
  intentAreaMax: number | null;
  intentBudgetFen: number | null;
  intentPurpose: 'self_use' | 'investment' | 'upgrade' | 'other' | '';
  notes: string;
  hasContactConsent: boolean;
  hasMarketingConsent: boolean;
}

async function visitView(db: Tx, actor: Actor, visit: VisitsTable) {
  const steps = await queries.findStepsOfVisit(db, visit.id);
  const names = new StaffNames(db, actor);
  const consultantName = (await names.get(visit.staffId)) ?? '';
  let customer: {
    id: string;
    name: string;
    phones: string[];
    isPhoneRefused: boolean;
    category: string;
    ownerName: string | null;
  } | null = null;
  try {
    // A visit's page shows the visitor's numbers masked; whole ones only through the logged reveal (PRIV).
    const view = await getCustomerForDisplay(db, actor, visit.customerId);
    customer = {
      id: view.id,
      name: view.name,
      phones: view.phones,
      isPhoneRefused: view.isPhoneRefused,
      category: view.category,
      ownerName: view.ownerName,
    };
  } catch {
    customer = null;
  }
  const current = steps.find((step) => step.completedAt === null) ?? null;
  return {
    id: visit.id,
    projectId: visit.projectId,
    staffId: visit.staffId,
    staffName: consultantName,
    customerId: visit.customerId,
    customer,
    arrivedAt: visit.arrivedAt,
    leftAt: visit.leftAt,
    partySize: visit.partySize,
    visitorKind: visit.visitorKind,
    isPhoneRefused: visit.isPhoneRefused === 1,
    notes: visit.notes,
    status: visit.status,
    currentStep: current?.step ?? null,
    planLink: `/deals/plans/new?customerId=${encodeURIComponent(visit.customerId)}`,
    sellingPoints: (await findSellingPoints(db, visit.projectId)).map(({ id, title, body, layout }) => ({
      id,
      title,
      body,
      layout,
    })),
    steps: visitSteps.map((definition) => {
      const row = steps.find((step) => step.step === definition.step);
      return {
        step: definition.step,
        rule: definition.rule,
        phrase: phraseFor(definition, consultantName),
        startedAt: row?.startedAt ?? null,
        completedAt: row?.completedAt ?? null,
        isSkipped: row?.isSkipped === 1,
        note: row?.note ?? '',
        durationSeconds: row?.completedAt
          ? Math.round((Date.parse(row.completedAt) - Date.parse(row.startedAt)) / 1000)
          : null,
      };
    }),
  };
}

/**
 * SA-3/SA-4/SA-10: the next consultant in the order receives the visitor; the visitor is registered
 * (a refused phone recorded as refused), key visitors flagged and the manager told; the guided
 * checklist starts with the greeting (SA-5).
 */
export async function receiveVisitor(
  db: Db,
  options: { actor: Actor; projectId: string; input: VisitorInput; now: Date },
) {
  const { actor, projectId, input, now } = options;
  // The visit is the receiving consultant's (owner scope); the visitor becomes a customer of the project.
  visibility(actor, 'owner').assertProject(projectId, visitEntity);
  await assertSalesProject(db, actor, projectId, ['consultant']);
  const phones = normalisePhones(input.phones);
  const at = now.toISOString();
  const visitId = newId();
  let ownership: OwnershipNote = { status: 'none' };
  const keyKind = input.visitorKind === 'buyer' ? null : input.visitorKind;
  try {
    await db.transaction().execute(async (trx) => {
      const outcome = await registerCustomerInTransaction(trx, {
        actor,
        projectId,
        now,
        firstContact: 'visit',
        phones,
        input: {
          ...input,
          phones: phones.map((phone) => phone.e164),
          isPhoneRefused: input.isPhoneRefused && phones.length === 0,
          keyKind,
          consentVia: 'form',
          locale: 'zh-CN',
        },
      });
      ownership =
        outcome.status === 'taken'
          ? { status: 'taken', ownerName: outcome.ownerName }
          : outcome.status === 'taken_over'
            ? { status: 'taken_over', ownerName: outcome.previousOwnerName }
            : { status: outcome.status };
      await queries.insertVisit(trx, {
        id: visitId,
        projectId,
        staffId: actor.staffId,
        customerId: outcome.customerId,
        arrivedAt: at,
        leftAt: null,
        partySize: input.partySize,
        visitorKind: input.visitorKind,
        isPhoneRefused: input.isPhoneRefused && phones.length === 0 ? 1 : 0,
        notes: input.notes,
        status: 'in_progress',
        day: shanghaiDay(now),
        createdAt: at,
      });
      assertMyTurn(await currentOrder(trx, actor, projectId, now), actor);
      await takeTurn(trx, { actor, projectId, kind: 'visit', refId: visitId, at: now, now });
      await queries.insertStep(trx, {
        id: newId(),
        visitId,
        step: 'greet',
        startedAt: at,
        completedAt: null,
        isSkipped: 0,
        note: '',
      });
      await recordCustomerEvent(trx, {
        actor,
        customerId: outcome.customerId,
        kind: 'visit',
        refId: visitId,
        summary: `到访(${input.partySize} 人)`,
        at: now,
      });
      if (keyKind)
        await notifyManagersOfKeyCustomer(trx, {
          actor,
          customer: { id: outcome.customerId, projectId, name: input.name, keyKind },
          now,
        });
      await writeAudit(trx, {
        actor,
        at: now,
        projectId,
        entityType: 'visit',
        entityId: visitId,
        action: 'receive',
        after: {
          customerId: outcome.customerId,
          partySize: input.partySize,
          visitorKind: input.visitorKind,
          isPhoneRefused: input.isPhoneRefused && phones.length === 0,
        },
      });
    });
  } catch (error) {
    rethrowPhoneRace(error);
  }
  const visit = await queries.findVisitRow(db, visitId);
  if (!visit) throw new AppError(commonErrors.NOT_FOUND, { entity: visitEntity });
  return { visit: await visitView(db, actor, visit), ownership };
}

async function getVisibleVisit(db: Tx, actor: Actor, visitId: string) {
  const visit = await queries.findVisitRow(db, visitId);
  if (!visit) throw new AppError(commonErrors.NOT_FOUND, { entity: visitEntity });
  await assertSeesReceptionRow(db, actor, visit, visitEntity);
  await assertSalesProject(db, actor, visit.projectId, ['consultant', 'manager']);
  return visit;
}

export async function getVisit(db: Db, options: { actor: Actor; visitId: string }) {
  return visitView(db, options.actor, await getVisibleVisit(db, options.actor, options.visitId));
}

/** Steps a consultant may pass over when the visit does not call for them (the rest are always done). */
const skippable = new Set<VisitStep>(['boards', 'show_flat', 'seated', 'plan']);

/**
 * Completes the current step of the guided visit and starts the next, each timed. Registration
 * (SA-10) needs a number or a recorded refusal; the see-off (SA-11) ends the visit.
 */
export async function completeVisitStep(
  db: Db,
  options: { actor: Actor; visitId: string; step: VisitStep; note: string; isSkipped: boolean; now: Date },
) {
  const { actor, visitId, step, note, isSkipped, now } = options;
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const visit = await getVisibleVisit(trx, actor, visitId);
    if (visit.staffId !== actor.staffId) throw new AppError(receptionErrors.NOT_YOURS);
    if (visit.status === 'done') throw new AppError(receptionErrors.ALREADY_CLOSED);
    const open = (await queries.findStepsOfVisit(trx, visitId)).find((row) => row.completedAt === null);
    if (!open || open.step !== step) throw new AppError(receptionErrors.STEP_OUT_OF_ORDER);
    if (isSkipped && !skippable.has(step)) throw new AppError(receptionErrors.STEP_OUT_OF_ORDER);
    if (step === 'registration') {
      const customer = await getCustomerById(trx, actor, visit.customerId).catch(() => null);
      if (customer && customer.phones.length === 0 && !customer.isPhoneRefused)
        throw new AppError(receptionErrors.PHONE_OR_REFUSAL);
    }
    if (
      (await queries.completeStepRow(trx, open.id, {
        completedAt: at,
        isSkipped: isSkipped ? 1 : 0,
        note,
      })) === 0
    )
      throw new AppError(receptionErrors.ALREADY_CLOSED);
    const following = nextStep(step);
    if (following)
      await queries.insertStep(trx, {
        id: newId(),
        visitId,
        step: following,
        startedAt: at,
        completedAt: null,
        isSkipped: 0,
        note: '',
      });
    else {
      await queries.updateVisitRow(trx, visitId, { status: 'done', leftAt: at });
      const minutes = Math.round((now.getTime() - Date.parse(visit.arrivedAt)) / 60_000);
      await recordCustomerEvent(trx, {
        actor,
        customerId: visit.customerId,
        kind: 'visit_done',
        refId: visitId,
        summary: `接待完成,历时 ${minutes} 分钟`,
        at: now,
      });
    }
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: visit.projectId,
      entityType: 'visit',
      entityId: visitId,
      action: isSkipped ? 'skip_step' : 'complete_step',
      after: { step, note },
    });
  });
  return getVisit(db, { actor, visitId });
}

export async function findVisits(
  db: Db,
  actor: Actor,
  query: {
    projectId: string;
    staffId?: string;
    dayFrom?: string;
    dayTo?: string;
    status?: 'in_progress' | 'done';
    offset: number;
    limit: number;
  },
) {
  const scope = visibility(actor, 'owner');
  scope.assertProject(query.projectId, visitEntity);
  await assertSalesProject(db, actor, query.projectId, ['manager', 'consultant']);
  const visible = scope.condition(receptionColumns('visits'));
  const { rows, total } = await queries.findVisitPage(db, { ...query, visible }, query);
  const names = new StaffNames(db, actor);
  const items = [];
  for (const row of rows) {
    let customerName = '';
    try {
      customerName = (await getCustomerById(db, actor, row.customerId)).name;
    } catch {
      customerName = '—';
    }
    items.push({
      id: row.id,
      staffId: row.staffId,
      staffName: (await names.get(row.staffId)) ?? '',
      customerId: row.customerId,
      customerName,
      arrivedAt: row.arrivedAt,
      leftAt: row.leftAt,
      partySize: row.partySize,
      visitorKind: row.visitorKind,
      isPhoneRefused: row.isPhoneRefused === 1,
      status: row.status,
      day: row.day,
    });
  }
  return { items, total };
}
