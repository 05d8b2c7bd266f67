import type { Db, Tx } from '../../platform/db/database.js';
import { shanghaiTime } from '../../platform/excel/export.js';
import { type BatchHandler, registerJobHandler, scheduleJob } from '../../platform/jobs/index.js';
import { publishLive } from '../../platform/live/index.js';
import { defineNotificationTemplates, notify } from '../notify/index.js';
import type { CallsTable } from './calls.tables.js';
import { type DeskContext, loadDeskContext } from './desk-context.js';
import * as directory from './directory.queries.js';
import { findRingAlertCall, findRingAlertCallStatuses } from './wallboard.queries.js';

// CS-1 / SEC-1 outside the wallboard: when a call reaches the desk's ring limit unanswered (limit
// 3: when ring 3 starts), the desk's supervisors get an in-app notification. The CTI webhook only
// stores a job due at that moment (one insert in the batch's transaction); the job runner asks
// then whether the call still rings, and works out who to tell, off the webhook's path.

export const ringAlertJobKind = 'calls.ringAlert';

export const ringAlertTemplates = defineNotificationTemplates({
  'calls.ringLimit': {
    label: {
      'zh-CN': '来电响铃超限未接',
      'zh-TW': '來電響鈴超限未接',
      en: 'Call unanswered at the ring limit',
    },
    params: ['deskName', 'rings', 'ringingAt'],
    rule: 'CS-1',
    example: { deskName: '客户服务中心', rings: 3, ringingAt: '2026-12-07 09:30:05' },
    text: {
      'zh-CN': {
        title: '{deskName}:来电已响 {rings} 声无人接听',
        body: '{ringingAt} 开始响铃的来电已到第 {rings} 声仍未接听,请督促接听。',
      },
      'zh-TW': {
        title: '{deskName}:來電已響 {rings} 聲無人接聽',
        body: '{ringingAt} 開始響鈴的來電已到第 {rings} 聲仍未接聽,請督促接聽。',
      },
      en: {
        title: '{deskName}: a call has rung {rings} times unanswered',
        body: 'A call ringing since {ringingAt} reached ring {rings} with nobody answering.',
      },
    },
  },
});

interface RingAlertPayload {
  callId: string;
}

/** When ring `maxRings` starts: ring k starts (k − 1) × cadence after alerting begins. */
export function ringAlertAt(ringingAt: string, maxRings: number, cadenceSeconds: number): Date {
  return new Date(Date.parse(ringingAt) + Math.max(0, maxRings - 1) * cadenceSeconds * 1000);
}

/**
 * Called by the use case that records a call's events, in its transaction, when a call is first
 * seen ringing: the alert job exists exactly when the call does. It runs once per new call in the
 * CTI webhook's batch, so it is a plain insert (no dedupe key: the call's own insert in the same
 * transaction is what cannot happen twice, and the notification carries its own key).
 */
export async function scheduleRingAlert(
  trx: Tx,
  context: Pick<DeskContext, 'policy'>,
  call: Pick<CallsTable, 'id' | 'ringingAt' | 'maxRings'>,
  now: Date,
): Promise<void> {
  await scheduleJob(trx, {
    kind: ringAlertJobKind,
    runAt: ringAlertAt(call.ringingAt, call.maxRings, context.policy.cadenceSeconds),
    payload: { callId: call.id } satisfies RingAlertPayload,
    maxAttempts: 3,
    now,
  });
}

const supervisorRoles = { service_centre: 'agent', security_post: 'guard' } as const;

/**
 * Who supervises a desk: the heads of the departments its agents (or guards) belong to, and the
 * project's managers. Heads are named on the department (org), managers by their role grant.
 */
export async function findDeskSupervisors(db: Db, context: DeskContext): Promise<string[]> {
  const [staffing, managers] = await Promise.all([
    directory.findStaffWithRoles(
      db,
      context.companyId,
      [supervisorRoles[context.deskKind]],
      context.projectId,
    ),
    directory.findStaffWithRoles(db, context.companyId, ['manager'], context.projectId),
  ]);
  const rows = await directory.findDirectoryRows(
    db,
    { companyId: context.companyId, ids: staffing.map((person) => person.id) },
    500,
  );
  const heads = rows.map((row) => row.departmentHeadStaffId).filter((id): id is string => Boolean(id));
  return [...new Set([...heads, ...managers.map((person) => person.id)])];
}

// Nearly every call is answered or ended before its limit: the due alerts of a moment are read in
// one query and those with nothing to say are closed in one transaction (a webhook at 200 events/s
// makes some 50 such jobs a second, and one commit each would queue behind the webhook's own on
// SQLite's one writer). Calls still ringing, and retries, go to the one-by-one handler below.
const closeQuietAlerts: BatchHandler<RingAlertPayload> = async (ctx) => {
  const first = ctx.jobs.filter((job) => job.attempt <= 1);
  const statuses = await findRingAlertCallStatuses(
    ctx.db,
    first.map((job) => job.payload.callId),
  );
  const ringing = new Set(statuses.filter((call) => call.status === 'ringing').map((call) => call.id));
  const quiet = first.filter((job) => !ringing.has(job.payload.callId)).map((job) => job.jobId);
  if (quiet.length) await ctx.complete(quiet, async () => undefined);
  const quietIds = new Set(quiet);
  return ctx.jobs.filter((job) => !quietIds.has(job.jobId)).map((job) => job.jobId);
};

registerJobHandler<RingAlertPayload>(
  ringAlertJobKind,
  async (ctx) => {
    const call = await findRingAlertCall(ctx.db, ctx.payload.callId);
    // Answered, ended or gone before the limit: nobody needs telling.
    if (call?.status !== 'ringing') return;
    const context = await loadDeskContext(ctx.db, call.companyId, call.deskId);
    const supervisors = await findDeskSupervisors(ctx.db, context);
    await ctx.complete(async (trx) => {
      // The desk's screens mark the call as escalated at once.
      await publishLive(
        trx,
        {
          topic: `desk:${call.deskId}`,
          type: 'call.ringAlert',
          payload: { callId: call.id, notified: supervisors.length },
        },
        ctx.now,
      );
      if (supervisors.length === 0) return;
      await notify(trx, {
        event: 'calls.ringLimit',
        projectId: call.projectId,
        companyId: call.companyId,
        recipients: supervisors.map((staffId) => ({ kind: 'staff' as const, staffId })),
        params: {
          deskName: context.deskName,
          rings: call.maxRings,
          ringingAt: shanghaiTime(call.ringingAt),
        },
        link: `/calls/wallboard?desk=${call.deskId}`,
        dedupeKey: `${ringAlertJobKind}:${call.id}`,
        now: ctx.now,
      });
    });
  },
  { maxAttempts: 3, batch: closeQuietAlerts as BatchHandler<never> },
);
