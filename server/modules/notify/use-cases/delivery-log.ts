import type { Actor } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { pagedQuery } from '../../../platform/db/paged.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { scheduleJob } from '../../../platform/jobs/index.js';
import { maskPhone } from '../../../platform/privacy/mask.js';
import { escapeLike } from '../../../platform/text/pinyin.js';
import { deliverJobKind } from '../delivery/deliver-payload.js';
import { notifyErrors } from '../notify.errors.js';
import type { Channel, DeliveryStatus, NotifyDeliveriesTable } from '../notify.tables.js';
import { audited } from './audited.js';

export interface DeliveryFilter {
  status?: DeliveryStatus;
  channel?: Channel;
  event?: string;
  search?: string;
  from?: string;
  to?: string;
  possibleDuplicate?: boolean;
}

const deliverySorts = {
  createdAt: 'createdAt',
  dueAt: 'dueAt',
  sentAt: 'sentAt',
  status: 'status',
  attempts: 'attempts',
} as const;
export type DeliverySort = keyof typeof deliverySorts;

function deliveryQuery(db: Db, actor: Actor, filter: DeliveryFilter) {
  let query = db.selectFrom('notifyDeliveries').where(
    visibility(actor, 'company').condition({
      companyId: 'notifyDeliveries.companyId',
      projectId: 'notifyDeliveries.projectId',
    }),
  );
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  if (filter.event) query = query.where('event', '=', filter.event);
  if (filter.from) query = query.where('createdAt', '>=', filter.from);
  if (filter.to) query = query.where('createdAt', '<', filter.to);
  if (filter.possibleDuplicate) query = query.where('isPossibleDuplicate', '=', 1);
  if (filter.search) {
    // By staff recipient only: a customer's name or number (and what the messages say) is not the
    // log reader's to look up (PRIV), so it must not work as an oracle either.
    const like = `%${escapeLike(filter.search)}%`;
    query = query.where((eb) =>
      eb.and([
        eb('recipientKind', '!=', 'customer'),
        eb.or([eb('recipientName', 'like', like), eb('address', 'like', like)]),
      ]),
    );
  }
  return query;
}

export function maskAddress(
  row: Pick<NotifyDeliveriesTable, 'channel' | 'address' | 'recipientKind'>,
): string {
  if (row.channel === 'inapp') return '';
  if (row.channel === 'email') return row.address.replace(/^(.).*(@.*)$/, '$1***$2');
  return maskPhone(row.address);
}

/** 王先生 → 王**: enough to tell two recipients apart, not to name the person. */
function maskRecipientName(name: string): string {
  return name.length <= 1 ? name : `${name[0]}**`;
}

/**
 * A delivery as the log shows it (PRIV): the log is for seeing that messages go out, not what they
 * say. Titles and bodies carry customers' names, units, amounts and callers' numbers, so they are
 * never in it (each recipient reads their own in the inbox); a customer recipient's name and
 * address are always masked, a member of staff's address only in lists and exports.
 */
export function toLoggedDelivery<T extends NotifyDeliveriesTable>(
  row: T,
  options: { maskStaffAddress: boolean },
) {
  const { title: _title, body: _body, ...rest } = row;
  const isCustomer = row.recipientKind === 'customer';
  return {
    ...rest,
    recipientName: isCustomer ? maskRecipientName(row.recipientName) : row.recipientName,
    address: isCustomer || options.maskStaffAddress ? maskAddress(row) : row.address,
  };
}

export async function findDeliveries(
  db: Db,
  actor: Actor,
  filter: DeliveryFilter,
  page: { sort: DeliverySort; order: 'asc' | 'desc'; offset: number; limit: number },
) {
  return pagedQuery(
    deliveryQuery(db, actor, filter),
    (query) => query.selectAll().orderBy(deliverySorts[page.sort], page.order).orderBy('id'),
    page,
  );
}

export async function getDelivery(db: Db, actor: Actor, id: string) {
  const row = await db.selectFrom('notifyDeliveries').selectAll().where('id', '=', id).executeTakeFirst();
  const entity = localized('发送记录', '發送記錄', 'Delivery');
  if (!row) throw new AppError(commonErrors.NOT_FOUND, { entity });
  visibility(actor, 'company').assertSees(row, entity);
  const attempts = await db
    .selectFrom('notifyAttempts')
    .selectAll()
    .where('deliveryId', '=', id)
    .orderBy('attemptNo')
    .execute();
  return { ...row, attemptLog: attempts };
}

/** Sends a delivery again as a new delivery (its own job and idempotency key), linked to the original. */
export async function resendDelivery(db: Db, options: { actor: Actor; deliveryId: string; now: Date }) {
  const { actor, now } = options;
  const original = await getDelivery(db, actor, options.deliveryId);
  if (original.status === 'pending' || original.status === 'sending')
    throw new AppError(notifyErrors.DELIVERY_NOT_RESENDABLE);
  return audited(db, async (trx) => {
    const jobId = await scheduleJob(trx, {
      kind: deliverJobKind,
      runAt: now,
      payload: { notificationId: original.notificationId, planned: true },
      now,
    });
    const at = now.toISOString();
    const { attemptLog: _attemptLog, ...copy } = original;
    const row: NotifyDeliveriesTable = {
      ...copy,
      id: newId(),
      jobId,
      status: 'pending',
      attempts: 0,
      dueAt: at,
      sentAt: null,
      providerMessageId: null,
      providerAnswer: null,
      errorCode: null,
      errorMessage: null,
      isPossibleDuplicate: 0,
      resendOf: original.id,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('notifyDeliveries').values(row).execute();
    return {
      result: { id: row.id, jobId },
      audit: {
        actor,
        entityType: 'notify_delivery',
        entityId: original.id,
        action: 'resend',
        projectId: original.projectId,
        after: { newDeliveryId: row.id, jobId },
        at: now,
      },
    };
  });
}
