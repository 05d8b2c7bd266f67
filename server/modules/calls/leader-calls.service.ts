import type { Localized } from '../../../contracts/locales.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/index.js';
import { writeAudit } from '../audit/index.js';
import { callsErrors } from './calls.errors.js';
import { notifyStaff } from './calls.notify.js';
import * as callQueries from './calls.queries.js';
import { displayPhoneNumber, normalisePhoneNumber } from './calls.rules.js';
import type { LeaderCallStatus, LeaderCallsTable } from './calls.tables.js';
import { deskRecordsCondition, loadDeskForActor } from './desk-context.js';
import * as directory from './directory.queries.js';
import * as queries from './incidents.queries.js';
import { assertCallOfDesk } from './incidents.service.js';

// Leader calls (SEC-4): someone claiming to be a manager calls; the desk records, reports, closes.

export interface LeaderCallInput {
  deskId: string;
  callId?: string | null;
  claimedName: string;
  claimedTitle: string;
  callbackNumber: string;
  request: string;
  isIdentified: boolean;
}

export async function recordLeaderCall(db: Db, options: { actor: Actor; input: LeaderCallInput; now: Date }) {
  const { actor, input, now } = options;
  return db.transaction().execute(async (trx) => {
    const context = await loadDeskForActor(trx, actor, input.deskId);
    await assertCallOfDesk(trx, input.callId, input.deskId);
    const row: LeaderCallsTable = {
      id: newId(),
      companyId: actor.companyId,
      projectId: context.projectId,
      deskId: input.deskId,
      callId: input.callId ?? null,
      claimedName: input.claimedName.trim(),
      claimedTitle: input.claimedTitle.trim(),
      callbackNumber: normalisePhoneNumber(input.callbackNumber).number,
      request: input.request.trim(),
      isIdentified: input.isIdentified ? 1 : 0,
      status: 'recorded',
      createdAt: now.toISOString(),
      createdBy: actor.staffId,
      reportedToStaffId: null,
      reportedAt: null,
      reportedBy: null,
      closedAt: null,
      closedBy: null,
      closingNote: '',
      updatedAt: now.toISOString(),
    };
    await queries.insertLeaderCall(trx, row);
    await callQueries.touchCall(trx, row.callId, now);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: context.projectId,
      entityType: 'leader_call',
      entityId: row.id,
      action: 'record',
      after: row,
    });
    return row;
  });
}

const leaderStatusNames: Record<LeaderCallStatus, Localized> = {
  recorded: localized('已记录', '已記錄', 'recorded'),
  reported: localized('已上报', '已上報', 'reported'),
  closed: localized('已办结', '已辦結', 'closed'),
};

async function getLeaderCallForActor(trx: Tx, actor: Actor, id: string) {
  const row = await queries.findLeaderCallRow(trx, id);
  const entity = localized('领导来电', '領導來電', 'Leader call');
  if (!row || row.companyId !== actor.companyId) throw new AppError(commonErrors.NOT_FOUND, { entity });
  const context = await loadDeskForActor(trx, actor, row.deskId, entity);
  return { row, context };
}

/** SEC-4: one action reports it to the department head of whoever took the call (or the reporter's). */
export async function reportLeaderCall(db: Db, options: { actor: Actor; leaderCallId: string; now: Date }) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const { row, context } = await getLeaderCallForActor(trx, actor, options.leaderCallId);
    if (row.status !== 'recorded')
      throw new AppError(callsErrors.STEP_NOT_ALLOWED, {
        status: leaderStatusNames[row.status][actor.locale],
      });
    let headId: string | null = null;
    for (const staffId of [row.createdBy, actor.staffId]) {
      const entry = await directory.findDirectoryEntry(trx, actor.companyId, staffId);
      if (entry?.departmentHeadStaffId && entry.departmentHeadStaffId !== staffId) {
        headId = entry.departmentHeadStaffId;
        break;
      }
    }
    if (!headId) throw new AppError(callsErrors.NO_DEPARTMENT_HEAD);
    const changes = {
      status: 'reported' as const,
      reportedToStaffId: headId,
      reportedAt: now.toISOString(),
      reportedBy: actor.staffId,
    };
    const stored = { ...changes, updatedAt: changes.reportedAt };
    if (!(await queries.updateLeaderCallIfStatus(trx, row.id, ['recorded'], stored)))
      throw new AppError(commonErrors.CONCURRENT_CHANGE);
    await notifyStaff(trx, {
      staffIds: [headId],
      event: 'calls.leaderCall',
      params: {
        claimed: `${row.claimedName}${row.claimedTitle}` || '—',
        identified: row.isIdentified ? '已核实' : '未核实',
        callbackNumber: displayPhoneNumber(row.callbackNumber) || '—',
        request: row.request,
      },
      projectId: context.projectId,
      link: '/calls/incidents',
      dedupeKey: `calls.leaderCall:${row.id}`,
      now,
    });
    await publishLive(
      trx,
      {
        topic: `desk:${row.deskId}`,
        type: 'leader_call.updated',
        payload: { leaderCallId: row.id, status: 'reported' },
      },
      now,
    );
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: context.projectId,
      entityType: 'leader_call',
      entityId: row.id,
      action: 'report',
      after: changes,
    });
    return { ...row, ...changes };
  });
}

export async function closeLeaderCall(
  db: Db,
  options: { actor: Actor; leaderCallId: string; note: string; now: Date },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const { row, context } = await getLeaderCallForActor(trx, actor, options.leaderCallId);
    if (row.status === 'closed')
      throw new AppError(callsErrors.STEP_NOT_ALLOWED, {
        status: leaderStatusNames[row.status][actor.locale],
      });
    const changes = {
      status: 'closed' as const,
      closedAt: now.toISOString(),
      closedBy: actor.staffId,
      closingNote: options.note,
    };
    const stored = { ...changes, updatedAt: changes.closedAt };
    if (!(await queries.updateLeaderCallIfStatus(trx, row.id, [row.status], stored)))
      throw new AppError(commonErrors.CONCURRENT_CHANGE);
    await publishLive(
      trx,
      {
        topic: `desk:${row.deskId}`,
        type: 'leader_call.updated',
        payload: { leaderCallId: row.id, status: 'closed' },
      },
      now,
    );
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: context.projectId,
      entityType: 'leader_call',
      entityId: row.id,
      action: 'close',
      before: { status: row.status },
      after: changes,
    });
    return { ...row, ...changes };
  });
}

export async function findLeaderCalls(
  db: Db,
  options: {
    actor: Actor;
    /** Desks asked for (each already checked visible); every desk the actor staffs when absent. */
    deskIds?: string[];
    status?: LeaderCallStatus;
    callId?: string;
    offset: number;
    limit: number;
  },
) {
  const { rows, total } = await queries.findLeaderCallPage(
    db,
    {
      visible: deskRecordsCondition(options.actor, 'leaderCalls'),
      deskIds: options.deskIds,
      status: options.status,
      callId: options.callId,
    },
    options,
  );
  const names = await directory.findStaffNames(
    db,
    rows.flatMap((row) => [row.createdBy, row.reportedToStaffId ?? '', row.closedBy ?? '']),
  );
  return {
    rows: rows.map((row) => ({
      ...row,
      createdByName: names.get(row.createdBy) ?? '',
      reportedToName: row.reportedToStaffId ? (names.get(row.reportedToStaffId) ?? '') : null,
      closedByName: row.closedBy ? (names.get(row.closedBy) ?? '') : null,
    })),
    total,
  };
}
