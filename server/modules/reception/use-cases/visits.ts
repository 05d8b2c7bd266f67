import type { Actor } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import {
  assertSalesProject,
  getCustomerById,
  getCustomerForDisplay,
  normalisePhones,
  notifyManagersOfKeyCustomer,
  recordCustomerEvent,
  registerCustomerInTransaction,
  rethrowPhoneRace,
  StaffNames,
  shanghaiDay,
} from '../../customers/index.js';
import { assertSeesReceptionRow, receptionColumns, visitEntity } from '../reception.access.js';
import { receptionErrors } from '../reception.errors.js';
import * as queries from '../reception.queries.js';
import { nextStep, type OutOfTurn, phraseFor, visitSteps } from '../reception.rules.js';
import type { VisitorKind, VisitStep, VisitsTable } from '../reception.tables.js';
import { findSellingPoints } from '../selling-points.queries.js';
import { currentOrder, decideMyTurn, takeTurn } from './answering-order.js';
import type { OwnershipNote } from './calls.js';

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
  /** Given when the consultant receives a visitor whose turn it is not (SA-1(1)). */
  outOfTurn?: OutOfTurn | null;
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
    leftEarlyReason: visit.leftEarlyReason,
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
  const { outOfTurn, ...customerFields } = input;
  try {
    await db.transaction().execute(async (trx) => {
      const turn = decideMyTurn(await currentOrder(trx, actor, projectId, now), actor, outOfTurn ?? null);
      const outcome = await registerCustomerInTransaction(trx, {
        actor,
        projectId,
        now,
        firstContact: 'visit',
        phones,
        input: {
          ...customerFields,
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
        bookOutcome: outcome.status,
        leftEarlyReason: '',
        updatedAt: at,
      });
      await takeTurn(trx, { actor, projectId, kind: 'visit', refId: visitId, turn, at: now, now });
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
          ...(turn.isInTurn ? {} : { outOfTurn: turn }),
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

export async function getVisibleVisit(db: Tx, actor: Actor, visitId: string) {
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
    await queries.updateVisitRow(trx, visitId, { updatedAt: at });
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
