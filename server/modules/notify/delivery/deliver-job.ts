/**
 * The delivery job: plans a notification's deliveries on its first run, writes in-app ones in the
 * job's own transaction and sends the others through the providers, retrying what failed.
 */
import type { Tx } from '../../../platform/db/database.js';
import {
  findJobMaxAttempts,
  type JobContext,
  JobDeferred,
  registerJobHandler,
  scheduleJob,
} from '../../../platform/jobs/index.js';
import { getSetting } from '../../settings/index.js';
import { findDeliveriesOfJob, findNotificationById, insertDeliveries } from '../notify.queries.js';
import { afterQuietHours, isInQuietHours, type QuietHours } from '../notify.time.js';
import { revealParams } from '../use-cases/notify.js';
import { deliverBatch } from './deliver-batch.js';
import { type DeliverPayload, deliverJobKind, maxDeliverAttempts } from './deliver-payload.js';
import { type PlanResult, planDeliveries } from './plan-deliveries.js';
import { elapsedClock, sendExternal } from './send-external.js';
import { writeInapp } from './write-inapp.js';

/** Customer SMS may not go out in quiet hours: they move to a follow-up job at the window's end. */
export async function scheduleDeferred(
  trx: Tx,
  ctx: JobContext<DeliverPayload>,
  deferred: NonNullable<PlanResult['deferred']>,
): Promise<void> {
  const jobId = await scheduleJob(trx, {
    kind: deliverJobKind,
    runAt: deferred.runAt,
    payload: { notificationId: ctx.payload.notificationId, planned: true } satisfies DeliverPayload,
    dedupeKey: `${ctx.jobId}:quiet`,
    maxAttempts: maxDeliverAttempts,
    now: ctx.now,
  });
  await insertDeliveries(
    trx,
    deferred.rows.map((row) => ({ ...row, jobId })),
  );
}

registerJobHandler<DeliverPayload>(
  deliverJobKind,
  async (ctx) => {
    const { db } = ctx;
    const notification = await findNotificationById(db, ctx.payload.notificationId);
    if (!notification) throw new Error(`notification ${ctx.payload.notificationId} not found`);
    // Secrets decrypted for the providers only; deliveries are planned from the masked paramsJson.
    const params = revealParams(notification);
    // A first run of a job planned here cannot have deliveries yet; any later run reads what exists.
    let rows = ctx.attempt === 1 && !ctx.payload.planned ? [] : await findDeliveriesOfJob(db, ctx.jobId);

    if (rows.length === 0 && !ctx.payload.planned) {
      const plan = await planDeliveries(ctx, notification);
      // The common case — only in-app deliveries: plan, deliver and complete in one transaction.
      if (!plan.deferred && plan.rows.every((row) => row.channel === 'inapp' || row.status === 'skipped')) {
        const at = ctx.now.toISOString();
        const pending = plan.rows.filter((row) => row.status === 'pending');
        const written = plan.rows.map((row) =>
          row.status === 'pending'
            ? { ...row, status: 'sent' as const, attempts: 1, sentAt: at, providerAnswer: 'inbox' }
            : row,
        );
        await ctx.complete(async (trx) => {
          await insertDeliveries(trx, written);
          await writeInapp(trx, pending, notification, ctx.now, ctx.instanceId, {
            deliveryRowsWritten: true,
          });
        });
        return;
      }
      await db.transaction().execute(async (trx) => {
        await insertDeliveries(trx, plan.rows);
        if (plan.deferred) await scheduleDeferred(trx, ctx, plan.deferred);
      });
      rows = await findDeliveriesOfJob(db, ctx.jobId);
    }

    const open = rows.filter(
      (row) => row.status === 'pending' || row.status === 'sending' || row.status === 'failed',
    );
    const inapp = open.filter((row) => row.channel === 'inapp');
    const external = open.filter((row) => row.channel !== 'inapp');
    const quiet = (await getSetting(db, 'notify.quietHours', {
      companyId: notification.companyId,
      projectId: notification.projectId,
    })) as QuietHours;
    const clock = elapsedClock(ctx);
    const failures: string[] = [];
    let retry = false;
    let deferUntil: Date | null = null;
    const isLastAttempt = ctx.attempt >= ((await findJobMaxAttempts(db, ctx.jobId)) ?? maxDeliverAttempts);
    for (const row of external) {
      if (row.channel === 'sms' && row.recipientKind === 'customer' && isInQuietHours(clock(), quiet)) {
        deferUntil = afterQuietHours(clock(), quiet);
        continue;
      }
      const result = await sendExternal(ctx, row, notification, params, clock, isLastAttempt);
      if (!result.ok) {
        failures.push(result.message);
        retry ||= result.retry;
      }
    }
    if (failures.length === 0 && !deferUntil) {
      await ctx.complete((trx) => writeInapp(trx, inapp, notification, clock(), ctx.instanceId));
      return;
    }
    if (inapp.length)
      await db.transaction().execute((trx) => writeInapp(trx, inapp, notification, clock(), ctx.instanceId));
    if (retry) throw new Error(`delivery failed (will retry): ${failures.join('; ')}`);
    if (deferUntil) throw new JobDeferred(deferUntil, 'customer SMS waits for the end of quiet hours');
    // Only permanent refusals are left: they are dead in the delivery log, the job itself is finished.
  },
  { maxAttempts: maxDeliverAttempts, batch: deliverBatch as never },
);
