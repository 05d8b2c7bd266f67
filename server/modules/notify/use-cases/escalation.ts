/** "If not handled by T, notify X": a job at the due time asks a registered check, then notifies. */
import { type Actor, systemActor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import {
  cancelJobs,
  findJobByDedupeKey,
  registerJobHandler,
  scheduleJob,
} from '../../../platform/jobs/index.js';
import { writeAudit } from '../../audit/index.js';
import { notifyErrors } from '../notify.errors.js';
import { assertParams, requireDefinition } from '../notify.render.js';
import { companyOf, notify } from './notify.js';

export const escalateJobKind = 'notify.escalate';

/** Answers true while the thing named by `key` is still unhandled (then the escalation fires). */
export type EscalationCheck = (db: Db, key: string) => Promise<boolean>;
const escalationChecks = new Map<string, EscalationCheck>();

/** Registers a check by name at module load, e.g. `registerEscalationCheck('calls.message', …)`. */
export function registerEscalationCheck(name: string, check: EscalationCheck): void {
  escalationChecks.set(name, check);
}

export interface EscalationInput {
  /** Identifies the watched thing, e.g. `message:<id>`; one escalation per key. */
  key: string;
  dueAt: Date;
  /** Name of a check registered with registerEscalationCheck. */
  check: string;
  notifyStaffIds: string[];
  /** Template event to send (e.g. 'notify.escalation' with {subject, dueAt}, or your own). */
  event: string;
  params: Record<string, string | number>;
  projectId?: string | null;
  companyId?: string;
  link?: string;
  /** Who opened it, for the audit log (default: the system). */
  actor?: Actor;
  now?: Date;
}

interface EscalatePayload extends Omit<EscalationInput, 'dueAt' | 'now' | 'actor'> {
  dueAt: string;
}

// An escalation's life is audited on its own entity (`escalation`, id = its key), whatever the
// watched thing is: opened (scheduled), escalated (fired: the people were notified) and closed
// (withdrawn because handled, or found handled at the due time). The watching module audits its
// own record as usual.
async function auditEscalation(
  trx: Tx,
  payload: Pick<EscalatePayload, 'key' | 'projectId' | 'companyId' | 'notifyStaffIds' | 'event' | 'params'>,
  entry: { action: 'open' | 'escalate' | 'close'; actor?: Actor; at: Date; after: Record<string, unknown> },
): Promise<void> {
  const companyId =
    payload.companyId ??
    (await companyOf(trx, {
      event: payload.event,
      params: payload.params,
      projectId: payload.projectId,
      recipients: payload.notifyStaffIds.map((staffId) => ({ kind: 'staff', staffId })),
    }));
  await writeAudit(trx, {
    actor: entry.actor ?? systemActor(companyId),
    entityType: 'escalation',
    entityId: payload.key,
    action: entry.action,
    projectId: payload.projectId ?? null,
    after: entry.after,
    at: entry.at,
  });
}

/**
 * Schedules "if `check` still says unhandled at `dueAt`, notify these people" in the caller's
 * transaction, and audits the opening. Scheduling an open key again changes nothing.
 */
export async function scheduleEscalation(trx: Tx, input: EscalationInput): Promise<string> {
  if (!escalationChecks.has(input.check))
    throw new AppError(notifyErrors.UNKNOWN_ESCALATION_CHECK, { check: input.check });
  const definition = requireDefinition(input.event);
  assertParams(input.event, definition, input.params);
  // The params wait in the job's payload until the due time: no place for a secret.
  if (definition.secretParams?.length)
    throw new Error(`Notification ${input.event} has secret params and cannot be an escalation`);
  if (input.notifyStaffIds.length === 0) throw new AppError(notifyErrors.NO_RECIPIENTS);
  const { dueAt, now, actor, ...rest } = input;
  const dedupeKey = `escalation:${input.key}`;
  const open = await findJobByDedupeKey(trx, dedupeKey);
  if (open) return open.id;
  const payload = { ...rest, dueAt: dueAt.toISOString() } satisfies EscalatePayload;
  const jobId = await scheduleJob(trx, { kind: escalateJobKind, runAt: dueAt, payload, dedupeKey, now });
  await auditEscalation(trx, payload, {
    action: 'open',
    actor,
    at: now ?? new Date(),
    after: {
      dueAt: payload.dueAt,
      check: input.check,
      notifyStaffIds: input.notifyStaffIds,
      event: input.event,
    },
  });
  return jobId;
}

/** Withdraws an escalation not fired yet (the thing was handled) and audits the closing; returns 1 if one was open. */
export async function cancelEscalation(trx: Tx, key: string, now?: Date, actor?: Actor): Promise<number> {
  const dedupeKey = `escalation:${key}`;
  const open = await findJobByDedupeKey(trx, dedupeKey, { pendingOnly: true });
  const cancelled = await cancelJobs(trx, { dedupeKey, now });
  if (open && cancelled > 0)
    await auditEscalation(trx, JSON.parse(open.payloadJson) as EscalatePayload, {
      action: 'close',
      actor,
      at: now ?? new Date(),
      after: { reason: 'handled' },
    });
  return cancelled;
}

registerJobHandler<EscalatePayload>(escalateJobKind, async (ctx) => {
  const check = escalationChecks.get(ctx.payload.check);
  if (!check) throw new Error(`no escalation check named ${ctx.payload.check} is registered`);
  const stillOpen = await check(ctx.db, ctx.payload.key);
  if (!stillOpen) {
    await ctx.complete((trx) =>
      auditEscalation(trx, ctx.payload, {
        action: 'close',
        at: ctx.now,
        after: { reason: 'handled_by_due_time' },
      }),
    );
    return;
  }
  await ctx.complete(async (trx) => {
    const sent = await notify(trx, {
      event: ctx.payload.event,
      projectId: ctx.payload.projectId ?? null,
      companyId: ctx.payload.companyId,
      recipients: ctx.payload.notifyStaffIds.map((staffId) => ({ kind: 'staff', staffId })),
      params: ctx.payload.params,
      link: ctx.payload.link,
      dedupeKey: `escalated:${ctx.payload.key}:${ctx.jobId}`,
      now: ctx.now,
    });
    await auditEscalation(trx, ctx.payload, {
      action: 'escalate',
      at: ctx.now,
      after: {
        notifiedStaffIds: ctx.payload.notifyStaffIds,
        event: ctx.payload.event,
        notificationId: sent.notificationId,
      },
    });
  });
});
