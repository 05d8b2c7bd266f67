import type {
  Wallboard,
  WallboardAgent,
  WallboardAnsweringOrder,
  WallboardDesk,
  WallboardDeskKind,
  WallboardOverdueMessage,
  WallboardToday,
} from '../../../contracts/calls-wallboard.js';
import { type Actor, hasAnyRole } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { escalationInstant, loadWorkingCalendar } from '../notify/index.js';
import { findDesks, getDeskById } from '../org/index.js';
import { getAnsweringBoard } from '../reception/index.js';
import { getSetting } from '../settings/index.js';
import { shanghaiDayHour, shanghaiDayRange } from './calls.rules.js';
import { loadDeskContext } from './desk-context.js';
import * as directory from './directory.queries.js';
import { ringAlertAt } from './ring-alerts.js';
import * as queries from './wallboard.queries.js';

// The supervisor's wallboard: one desk's live state in one read. It is a project's board (project
// scope) shown on a wall: no caller number, no customer, only times, counts and staff names.

const deskEntity = localized('接听席', '接聽席', 'Desk');

/** Who staffs each kind of desk; supervisors (heads, managers, administrators) watch every kind. */
const staffingRole = { service_centre: 'agent', security_post: 'guard', sales_line: 'consultant' } as const;
const supervisorRoles = ['admin', 'manager', 'dept_head'] as const;

/** A call open longer than this is a PBX that never said "ended", not a live call. */
const liveWindowMs = 12 * 3_600_000;
/** Messages older than this are the message list's business, not the live board's. */
const messageLookbackMs = 30 * 86_400_000;

export function mayWatchDesk(actor: Actor, kind: WallboardDeskKind, projectId: string): boolean {
  return hasAnyRole(actor, supervisorRoles, projectId) || hasAnyRole(actor, [staffingRole[kind]], projectId);
}

/** The desks whose wallboard the actor may open: every desk of their projects for supervisors, their own kind for staff. */
export async function findWallboardDesks(db: Db, actor: Actor): Promise<WallboardDesk[]> {
  const desks = await findDesks(db, actor, { scope: 'project' });
  return desks
    .filter((desk) => mayWatchDesk(actor, desk.kind, desk.projectId))
    .map((desk) => ({
      id: desk.id,
      name: desk.name,
      kind: desk.kind,
      projectId: desk.projectId,
      projectName: desk.projectName,
    }));
}

async function loadWatchedDesk(db: Db, actor: Actor, deskId: string): Promise<WallboardDesk> {
  let desk: Awaited<ReturnType<typeof getDeskById>>;
  try {
    desk = await getDeskById(db, actor, deskId);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(commonErrors.NOT_FOUND, { entity: deskEntity });
    throw error;
  }
  visibility(actor, 'project').assertSees(
    { companyId: actor.companyId, projectId: desk.projectId },
    deskEntity,
  );
  if (!mayWatchDesk(actor, desk.kind, desk.projectId))
    throw new AppError(commonErrors.NOT_FOUND, { entity: deskEntity });
  return {
    id: desk.id,
    name: desk.name,
    kind: desk.kind,
    projectId: desk.projectId,
    projectName: desk.projectName,
  };
}

/** The live topics the caller may hear for the board (the same rules as the `desk:` topic's authoriser). */
function liveTopicsOf(actor: Actor, desk: WallboardDesk): string[] {
  if (desk.kind === 'sales_line') return [`desk:${desk.id}`, `project:${desk.projectId}`];
  const hearsDesk = visibility(actor, 'desk').sees({
    companyId: actor.companyId,
    projectId: desk.projectId,
    deskKind: desk.kind,
  });
  return hearsDesk ? [`desk:${desk.id}`] : [];
}

async function findAgents(
  db: Db,
  actor: Actor,
  desk: WallboardDesk,
  onCall: Set<string>,
): Promise<WallboardAgent[]> {
  const staffing = await directory.findStaffWithRoles(
    db,
    actor.companyId,
    [staffingRole[desk.kind]],
    desk.projectId,
  );
  if (staffing.length === 0) return [];
  const rows = await directory.findDirectoryRows(
    db,
    { companyId: actor.companyId, ids: staffing.map((person) => person.id) },
    200,
  );
  return rows
    .map((row) => ({
      staffId: row.id,
      displayName: row.displayName,
      presence: row.presence,
      presenceChangedAt: row.presenceChangedAt,
      isOnCall: onCall.has(row.id),
    }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
}

/** CS-3: messages of the desk still not handled when their escalation time has come. */
async function findOverdueMessages(db: Db, desk: WallboardDesk, companyId: string, now: Date) {
  const minutes = await getSetting(db, 'calls.messageEscalationMinutes', {
    companyId,
    projectId: desk.projectId,
    deskId: desk.id,
  });
  const rows = await queries.findUnhandledMessages(
    db,
    desk.id,
    new Date(now.getTime() - messageLookbackMs).toISOString(),
    new Date(now.getTime() - minutes * 60_000).toISOString(),
  );
  if (rows.length === 0) return [];
  const calendar = await loadWorkingCalendar(db, { companyId, projectId: desk.projectId });
  const names = await directory.findStaffNames(
    db,
    rows.map((row) => row.recipientStaffId),
  );
  const overdue: WallboardOverdueMessage[] = [];
  for (const row of rows) {
    const dueAt = escalationInstant(new Date(Date.parse(row.createdAt) + minutes * 60_000), calendar);
    if (dueAt.getTime() > now.getTime()) continue;
    overdue.push({
      messageId: row.id,
      recipientName: names.get(row.recipientStaffId) ?? '',
      kind: row.kind,
      urgency: row.urgency,
      createdAt: row.createdAt,
      dueAt: dueAt.toISOString(),
    });
  }
  return overdue;
}

/** Sales line: reception's answering order, read-only, when the caller may see it (managers, consultants). */
async function findAnsweringOrder(
  db: Db,
  actor: Actor,
  desk: WallboardDesk,
  now: Date,
): Promise<(WallboardAnsweringOrder & { calls: number; visits: number }) | null> {
  try {
    const board = await getAnsweringBoard(db, { actor, projectId: desk.projectId, now });
    const members = board.members.map((member) => ({
      staffId: member.staffId,
      displayName: member.displayName,
      presence: member.presence,
      position: member.position,
      isNext: member.isNext,
      calls: member.calls,
      visits: member.visits,
    }));
    return {
      nextName: board.nextName,
      members,
      calls: members.reduce((sum, member) => sum + member.calls, 0),
      visits: members.reduce((sum, member) => sum + member.visits, 0),
    };
  } catch (error) {
    // Department heads and administrators are not of the sales office: the board shows no order.
    if (error instanceof AppError) return null;
    throw error;
  }
}

function answerRate(answeredWithinLimit: number, decided: number): number | null {
  return decided > 0 ? answeredWithinLimit / decided : null;
}

/** One desk's wallboard at `now`: ringing calls, calls in progress and on hold, agents, today's figures. */
export async function getWallboard(
  db: Db,
  options: { actor: Actor; deskId: string; now: Date },
): Promise<Wallboard> {
  const { actor, now } = options;
  const desk = await loadWatchedDesk(db, actor, options.deskId);
  const { day } = shanghaiDayHour(now);
  const base = { serverTime: now.toISOString(), desk, liveTopics: liveTopicsOf(actor, desk) };

  if (desk.kind === 'sales_line') {
    const [order, agents] = await Promise.all([
      findAnsweringOrder(db, actor, desk, now),
      findAgents(db, actor, desk, new Set()),
    ]);
    const today: WallboardToday = {
      day,
      calls: order?.calls ?? 0,
      answered: order?.calls ?? 0,
      answeredWithinLimit: 0,
      missed: 0,
      visits: order?.visits ?? null,
      answerRate: null,
    };
    const answeringOrder = order ? { nextName: order.nextName, members: order.members } : null;
    return {
      ...base,
      policy: null,
      ringing: [],
      active: [],
      agents,
      today,
      overdueMessages: [],
      answeringOrder,
    };
  }

  const context = await loadDeskContext(db, actor.companyId, desk.id);
  const { fromIso, toIso } = shanghaiDayRange(day, day);
  const [calls, counts, overdueMessages] = await Promise.all([
    queries.findLiveCalls(db, desk.id, new Date(now.getTime() - liveWindowMs).toISOString()),
    queries.countDeskCalls(db, desk.id, fromIso, toIso),
    findOverdueMessages(db, desk, actor.companyId, now),
  ]);
  const onCall = new Set(
    calls.map((call) => call.answeredByStaffId).filter((id): id is string => Boolean(id)),
  );
  const [agents, names] = await Promise.all([
    findAgents(db, actor, desk, onCall),
    directory.findStaffNames(db, [...onCall]),
  ]);
  const decided = counts.calls - counts.ringing;
  return {
    ...base,
    policy: context.policy,
    ringing: calls
      .filter((call) => call.status === 'ringing')
      .map((call) => ({
        callId: call.id,
        ringingAt: call.ringingAt,
        alertAt: ringAlertAt(call.ringingAt, call.maxRings, context.policy.cadenceSeconds).toISOString(),
      })),
    active: calls
      .filter((call) => call.status === 'answered' || call.status === 'on_hold')
      .map((call) => ({
        callId: call.id,
        status: call.status as 'answered' | 'on_hold',
        answeredAt: call.answeredAt,
        heldSince: call.status === 'on_hold' ? call.heldSince : null,
        holdMs: call.holdMs,
        agentName: call.answeredByStaffId ? (names.get(call.answeredByStaffId) ?? null) : null,
      })),
    agents,
    today: {
      day,
      calls: counts.calls,
      answered: counts.answered,
      answeredWithinLimit: counts.answeredWithinLimit,
      missed: counts.missed,
      visits: null,
      answerRate: answerRate(counts.answeredWithinLimit, decided),
    },
    overdueMessages,
    answeringOrder: null,
  };
}
