import type { Tx } from '../../platform/db/database.js';
import type { Channel, DeliveryStatus } from './notify.tables.js';

/**
 * One delivery of a notification, as a conformance check reads it: was it sent, and when; and for
 * an in-app notice, when its staff recipient read it — the one acknowledgement notify records
 * (the SMS, e-mail and WeCom providers answer "accepted", not "delivered").
 */
export interface DeliveryFact {
  dedupeKey: string;
  sendAt: string;
  channel: Channel;
  recipientKind: 'staff' | 'customer' | 'group';
  status: DeliveryStatus;
  sentAt: string | null;
  readAt: string | null;
}

// Past the last character a dedupe key holds: `key >= prefix and key < prefix + top` is "starts
// with prefix" as an index range (LIKE would not use the index on SQLite, nor on PostgreSQL outside
// the C collation).
const top = '\uffff';

/**
 * The deliveries of the notifications sent under these dedupe keys (as given to `notify`), and of
 * those whose key starts with one of the prefixes (an escalation's notice is keyed
 * `escalated:<key>:<job>`), for the conformance facts of the modules that send them (SA-14, SA-16).
 * Batched: a page of deals asks once per 500 keys.
 */
export async function findDeliveriesByDedupeKey(
  db: Tx,
  query: { keys: readonly string[]; prefixes?: readonly string[] },
): Promise<DeliveryFact[]> {
  const base = () =>
    db
      .selectFrom('notifications')
      .innerJoin('notifyDeliveries', 'notifyDeliveries.notificationId', 'notifications.id')
      .leftJoin('notifyInbox', 'notifyInbox.deliveryId', 'notifyDeliveries.id')
      .select([
        'notifications.dedupeKey',
        'notifications.sendAt',
        'notifyDeliveries.channel',
        'notifyDeliveries.recipientKind',
        'notifyDeliveries.status',
        'notifyDeliveries.sentAt',
        'notifyInbox.readAt',
      ]);
  const rows: Array<Omit<DeliveryFact, 'dedupeKey'> & { dedupeKey: string | null }> = [];
  const keys = [...new Set(query.keys)];
  for (let index = 0; index < keys.length; index += 500)
    rows.push(
      ...(await base()
        .where('notifications.dedupeKey', 'in', keys.slice(index, index + 500))
        .execute()),
    );
  const prefixes = [...new Set(query.prefixes ?? [])];
  for (let index = 0; index < prefixes.length; index += 100) {
    const chunk = prefixes.slice(index, index + 100);
    rows.push(
      ...(await base()
        .where((eb) =>
          eb.or(
            chunk.map((prefix) =>
              eb.and([
                eb('notifications.dedupeKey', '>=', prefix),
                eb('notifications.dedupeKey', '<', `${prefix}${top}`),
              ]),
            ),
          ),
        )
        .execute()),
    );
  }
  return rows.flatMap((row) => (row.dedupeKey === null ? [] : [{ ...row, dedupeKey: row.dedupeKey }]));
}
