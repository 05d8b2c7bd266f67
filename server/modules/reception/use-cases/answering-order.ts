import type { Actor } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors } from '../../../platform/errors.js';
import { publishLive } from '../../../platform/live/index.js';
import { writeAudit } from '../../audit/index.js';
import { assertSalesProject, findProjectConsultants, shanghaiDay } from '../../customers/index.js';
import { isManager } from '../reception.access.js';
import { receptionErrors } from '../reception.errors.js';
import * as queries from '../reception.queries.js';
import {
  decideTurn,
  mergeOrder,
  nextInOrder,
  type OutOfTurn,
  salesGreeting,
  type TurnRecord,
} from '../reception.rules.js';
import type { TurnKind } from '../reception.tables.js';

// --- answering order (轮接, SA-1(1)) ---

/**
 * A consultant who answered a call and has not saved it yet is on the phone: the rotation skips
 * them like a busy one. An entry left unsaved longer than this no longer holds them (a closed
 * browser); they answer again to reopen it, or it stays out of the register and the counts.
 */
export const openCallHoldsMinutes = 30;

export async function currentOrder(db: Tx, actor: Actor, projectId: string, now: Date) {
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
    rotation,
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

export async function ensureOrderRow(trx: Tx, projectId: string, day: string, staffIds: string[], now: Date) {
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

/**
 * The consultant the order names takes the turn; anyone else only by saying why (SA-1(1): the
 * out-of-turn answer is recorded with whose turn it was and the reason, and scored as a miss).
 * Without a reason they are told who is next.
 */
export function decideMyTurn(
  order: Awaited<ReturnType<typeof currentOrder>>,
  actor: Actor,
  outOfTurn: OutOfTurn | null,
): TurnRecord {
  if (!order.nextStaffId) throw new AppError(receptionErrors.NOBODY_AT_DESK);
  if (outOfTurn && outOfTurn.reason === 'other' && !outOfTurn.note.trim())
    throw new AppError(
      receptionErrors.SKIP_NOTE_REQUIRED,
      {},
      { 'outOfTurn.note': receptionErrors.SKIP_NOTE_REQUIRED.message },
    );
  const turn = decideTurn(
    order.rotation,
    order.saved?.lastStaffId ?? null,
    order.nextStaffId,
    actor.staffId,
    outOfTurn,
  );
  if (!turn)
    throw new AppError(receptionErrors.NOT_YOUR_TURN, {
      next: order.members.find((member) => member.staffId === order.nextStaffId)?.displayName ?? '',
    });
  return turn;
}

/**
 * Counts the actor's turn and passes the order on. The turn is placed at the moment it began
 * (`at`: a visit when received, a call when answered, though it counts only once saved), and the
 * order's last turn is the one that began last — so two calls answered one after the other and
 * saved in the other order still leave the rotation where it should be. The order row's version
 * check means two turns taken at once never both pass.
 */
export async function takeTurn(
  trx: Tx,
  options: {
    actor: Actor;
    projectId: string;
    kind: TurnKind;
    refId: string;
    turn: TurnRecord;
    at: Date;
    now: Date;
  },
) {
  const { actor, projectId, kind, refId, turn, at, now } = options;
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
    isInTurn: turn.isInTurn ? 1 : 0,
    skippedStaffId: turn.skippedStaffId,
    skipReason: turn.skipReason,
    skipNote: turn.skipNote,
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
