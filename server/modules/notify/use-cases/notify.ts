import type { Locale } from '../../../../contracts/locales.js';
import { decryptText, encryptText } from '../../../platform/crypto/index.js';
import type { Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { cancelJobs, findJobByDedupeKey, newOrderedId, scheduleJob } from '../../../platform/jobs/index.js';
import { findProjectRow } from '../../org/index.js';
import { findStaffContacts } from '../../staff/index.js';
import { type DeliverPayload, deliverJobKind, maxDeliverAttempts } from '../delivery/deliver-payload.js';
import { notifyErrors } from '../notify.errors.js';
import {
  findNotificationsByDedupePrefix,
  insertNotification,
  updateNotificationRecipients,
} from '../notify.queries.js';
import { assertParams, maskSecretParams, requireDefinition } from '../notify.render.js';
import type { NotificationsTable } from '../notify.tables.js';

export type Recipient =
  | { kind: 'staff'; staffId: string }
  | {
      kind: 'customer';
      customerId: string;
      name: string;
      phone?: string | null;
      email?: string | null;
      /** The consent the customer record holds; without it nothing is sent (logged as skipped). */
      hasContactConsent: boolean;
      locale?: Locale;
    }
  | {
      /**
       * Someone who has just asked for this very message at this number (a one-time sign-in code):
       * an SMS sent at once — asking is the consent, and quiet hours would make the code useless.
       * `key` names them in the delivery log, e.g. `opening_buyer:<id>`.
       */
      kind: 'requester';
      key: string;
      name: string;
      phone: string;
      locale?: Locale;
    };

export interface NotifyInput {
  /** A template event, e.g. 'deals.downPaymentDue' (see defineNotificationTemplates). */
  event: string;
  projectId?: string | null;
  /** Needed only when neither a project nor a staff recipient tells the company. */
  companyId?: string;
  recipients: Recipient[];
  /** Values for the template's placeholders; each declared one is required. */
  params: Record<string, string | number>;
  /** When to send (default: now). Customer SMS falling in quiet hours moves to the window's end. */
  sendAt?: Date;
  /** One notification per key: a repeat returns the first one. Cancel with cancelNotifications. */
  dedupeKey?: string;
  /** In-app link (a web path such as `/deals/123`). */
  link?: string;
  /** The use case's clock. */
  now?: Date;
}

export interface NotifyResult {
  notificationId: string;
  jobId: string;
  /** True when the dedupeKey matched an existing notification (nothing new was created). */
  deduplicated: boolean;
}

const dedupePrefix = 'notify:';

/** The company a notification belongs to: given, or its project's, or its first staff recipient's. */
export async function companyOf(trx: Tx, input: NotifyInput): Promise<string> {
  if (input.companyId) return input.companyId;
  if (input.projectId) {
    const project = await findProjectRow(trx, input.projectId);
    if (project) return project.companyId;
  }
  const staff = input.recipients.find((recipient) => recipient.kind === 'staff');
  if (staff) {
    const [row] = await findStaffContacts(trx, [staff.staffId]);
    if (row) return row.companyId;
  }
  throw new AppError(notifyErrors.COMPANY_UNKNOWN);
}

/**
 * Queues a notification inside the caller's transaction (outbox): its job exists exactly when the
 * business change commits. Throws a localised AppError for an unknown event, a missing placeholder
 * value or no recipients — the caller's transaction then rolls back and nothing is changed.
 */
export async function notify(trx: Tx, input: NotifyInput): Promise<NotifyResult> {
  const definition = requireDefinition(input.event);
  assertParams(input.event, definition, input.params);
  if (input.recipients.length === 0) throw new AppError(notifyErrors.NO_RECIPIENTS);
  const now = input.now ?? new Date();
  const sendAt = input.sendAt ?? now;
  const dedupeKey = input.dedupeKey === undefined ? undefined : `${dedupePrefix}${input.dedupeKey}`;
  if (dedupeKey) {
    const existing = await findJobByDedupeKey(trx, dedupeKey);
    if (existing)
      return {
        notificationId: (JSON.parse(existing.payloadJson) as DeliverPayload).notificationId,
        jobId: existing.id,
        deduplicated: true,
      };
  }
  const companyId = await companyOf(trx, input);
  const notificationId = newOrderedId();
  const jobId = await scheduleJob(trx, {
    kind: deliverJobKind,
    runAt: sendAt,
    payload: { notificationId } satisfies DeliverPayload,
    dedupeKey,
    maxAttempts: maxDeliverAttempts,
    now,
  });
  const row: NotificationsTable = {
    id: notificationId,
    companyId,
    projectId: input.projectId ?? null,
    event: input.event,
    paramsJson: JSON.stringify(maskSecretParams(definition, input.params)),
    sealedParams: sealSecretParams(notificationId, definition.secretParams ?? [], input.params),
    recipientsJson: JSON.stringify(input.recipients),
    link: input.link ?? null,
    sendAt: sendAt.toISOString(),
    dedupeKey: input.dedupeKey ?? null,
    jobId,
    createdAt: now.toISOString(),
  };
  await insertNotification(trx, row);
  return { notificationId, jobId, deduplicated: false };
}

/** Binds sealed secret params to their notification: copied onto another row they do not decrypt. */
export const sealedParamsContext = (notificationId: string) => `notification:${notificationId}`;

function sealSecretParams(
  notificationId: string,
  secretParams: readonly string[],
  params: Record<string, string | number>,
): string | null {
  if (secretParams.length === 0) return null;
  const secret = Object.fromEntries(secretParams.map((name) => [name, params[name]]));
  return encryptText(JSON.stringify(secret), sealedParamsContext(notificationId));
}

/** The real params, secrets decrypted — only for handing the message to a provider, never to be stored or shown. */
export function revealParams(notification: NotificationsTable): Record<string, string | number> {
  const params = JSON.parse(notification.paramsJson) as Record<string, string | number>;
  if (!notification.sealedParams) return params;
  return {
    ...params,
    ...(JSON.parse(decryptText(notification.sealedParams, sealedParamsContext(notification.id))) as Record<
      string,
      string | number
    >),
  };
}

/** Cancels notifications not sent yet whose dedupeKey starts with the prefix (e.g. a paid deal's reminders). */
export async function cancelNotifications(
  trx: Tx,
  options: { dedupeKeyPrefix: string; now?: Date },
): Promise<number> {
  return cancelJobs(trx, { dedupeKeyPrefix: `${dedupePrefix}${options.dedupeKeyPrefix}`, now: options.now });
}

/**
 * Re-addresses notifications not sent yet (their delivery job still pending) whose dedupeKey starts
 * with the prefix: the staff recipient `fromStaffId` becomes `toStaffId` (a deal handed to another
 * consultant). Deliveries are planned from the recipients when the job first runs, so a pending
 * job's notification is all there is to change; one a runner is planning at this very moment keeps
 * its first recipient. Returns how many were re-addressed.
 */
export async function readdressNotifications(
  trx: Tx,
  options: { dedupeKeyPrefix: string; fromStaffId: string; toStaffId: string },
): Promise<number> {
  if (!options.dedupeKeyPrefix)
    throw new Error('readdressNotifications: an empty prefix would re-address everything');
  let changed = 0;
  for (const row of await findNotificationsByDedupePrefix(trx, options.dedupeKeyPrefix)) {
    const recipients = JSON.parse(row.recipientsJson) as Recipient[];
    const isFrom = (to: Recipient) => to.kind === 'staff' && to.staffId === options.fromStaffId;
    if (!row.dedupeKey || !recipients.some(isFrom)) continue;
    if (!(await findJobByDedupeKey(trx, `${dedupePrefix}${row.dedupeKey}`, { pendingOnly: true }))) continue;
    const next = recipients.map((to) => (isFrom(to) ? { ...to, staffId: options.toStaffId } : to));
    await updateNotificationRecipients(trx, row.id, JSON.stringify(next));
    changed += 1;
  }
  return changed;
}
