import type { SlaClock } from '../../../../contracts/workorders.js';
import { systemActor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { shanghaiTime } from '../../../platform/excel/export.js';
import { registerJobHandler, scheduleJob } from '../../../platform/jobs/index.js';
import { publishLive } from '../../../platform/live/index.js';
import { notify } from '../../notify/index.js';
import { findStaffWithRolesOnProject } from '../../staff/index.js';
import { breachEvents } from '../workorders.notify.js';
import * as queries from '../workorders.queries.js';
import { recordChange } from './record-change.js';

export const slaSweepJobKind = 'workorders.slaSweep';
/** How often the sweep runs: a breach reaches the heads within this of its deadline. */
export const slaSweepIntervalMs = 60_000;
const batchSize = 200;

/** Every breach not yet escalated at `now`, both clocks (what a bench times on a million orders). */
export async function findSlaBreaches(db: Tx, now: Date, limit = 100_000) {
  const at = now.toISOString();
  const [respond, finish] = await Promise.all([
    queries.findBreachCandidates(db, 'respond', at, limit),
    queries.findBreachCandidates(db, 'finish', at, limit),
  ]);
  return [
    ...respond.map((row) => ({ ...row, clock: 'respond' as const })),
    ...finish.map((row) => ({ ...row, clock: 'finish' as const })),
  ];
}

async function escalateBatch(
  trx: Tx,
  clock: SlaClock,
  rows: queries.BreachCandidate[],
  heads: Map<string, string[]>,
  now: Date,
): Promise<number> {
  let escalated = 0;
  const at = now.toISOString();
  for (const row of rows) {
    // The conditional mark is what makes it once per breach, however many sweeps overlap.
    if (!(await queries.markBreached(trx, row.id, clock, at))) continue;
    escalated++;
    const key = `${row.projectId}`;
    if (!heads.has(key))
      heads.set(key, [
        ...new Set(
          (await findStaffWithRolesOnProject(trx, row.companyId, ['dept_head'], row.projectId)).map(
            (head) => head.id,
          ),
        ),
      ]);
    const recipients = heads.get(key) ?? [];
    const order = await queries.findWorkOrderRow(trx, row.id);
    if (!order) continue;
    await recordChange(trx, {
      actor: systemActor(row.companyId),
      order,
      action: 'escalate',
      fromStatus: order.status,
      toStatus: order.status,
      note: clock,
      after: { clock, dueAt: row.dueAt, notifiedStaffIds: recipients },
      now,
    });
    if (recipients.length === 0) continue;
    await notify(trx, {
      event: breachEvents[clock],
      projectId: row.projectId,
      companyId: row.companyId,
      recipients: recipients.map((staffId) => ({ kind: 'staff' as const, staffId })),
      params: {
        number: row.number,
        location: [row.buildingText, row.doorText, row.unitText].filter(Boolean).join(' ') || '—',
        dueAt: shanghaiTime(row.dueAt),
      },
      link: `/workorders?open=${row.id}`,
      dedupeKey: `workorders.breach:${clock}:${row.id}:${row.dueAt}`,
      now,
    });
    // The head's screen shows it at once, before the notice's delivery job runs.
    for (const staffId of recipients)
      await publishLive(
        trx,
        { topic: `staff:${staffId}`, type: 'workorder.breached', payload: { workOrderId: row.id, clock } },
        now,
      );
  }
  return escalated;
}

/**
 * Finds every order whose respond or finish deadline has passed unescalated, marks each breach
 * found and tells the project's department heads (in-app notice and live event), in batches of
 * 200 a transaction. Returns how many breaches were escalated.
 */
export async function sweepSlaBreaches(db: Db, options: { now: Date }): Promise<{ escalated: number }> {
  const heads = new Map<string, string[]>();
  let escalated = 0;
  for (const clock of ['respond', 'finish'] as const) {
    for (;;) {
      const rows = await queries.findBreachCandidates(db, clock, options.now.toISOString(), batchSize);
      if (rows.length === 0) break;
      const count = await db
        .transaction()
        .execute((trx) => escalateBatch(trx, clock, rows, heads, options.now));
      escalated += count;
      if (rows.length < batchSize) break;
    }
  }
  return { escalated };
}

/** Queues the next sweep (at start-up and after each run); one pending sweep at a time. */
export async function scheduleSlaSweep(trx: Tx, now: Date): Promise<void> {
  const runAt = new Date(now.getTime() + slaSweepIntervalMs);
  // Keyed by the interval the run falls in: chains started by several instances or restarts merge.
  await scheduleJob(trx, {
    kind: slaSweepJobKind,
    runAt,
    payload: {},
    dedupeKey: `${slaSweepJobKind}:${Math.floor(runAt.getTime() / slaSweepIntervalMs)}`,
    maxAttempts: 3,
    now,
  });
}

registerJobHandler(slaSweepJobKind, async (ctx) => {
  await sweepSlaBreaches(ctx.db, { now: ctx.now });
  await ctx.complete((trx) => scheduleSlaSweep(trx, ctx.now));
});
