/** The inbox: the self scope — every query filters on the caller's own staff id. */
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { pagedQuery } from '../../../platform/db/paged.js';
import { publishLive } from '../../../platform/live/index.js';

export async function listInbox(
  db: Db,
  actor: Actor,
  options: { unreadOnly: boolean; offset: number; limit: number },
) {
  const base = db
    .selectFrom('notifyInbox')
    .where('staffId', '=', actor.staffId)
    .$if(options.unreadOnly, (query) => query.where('readAt', 'is', null));
  const [{ rows, total }, unread] = await Promise.all([
    pagedQuery(base, (query) => query.selectAll().orderBy('createdAt', 'desc').orderBy('id'), options),
    unreadCount(db, actor),
  ]);
  return { rows, total, unread };
}

export async function unreadCount(db: Db, actor: Actor): Promise<number> {
  const row = await db
    .selectFrom('notifyInbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('staffId', '=', actor.staffId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks the actor's own inbox items read (all, or the ids given); other tabs hear it live. */
export async function markInboxRead(
  db: Db,
  options: { actor: Actor; ids?: string[]; all?: boolean; now: Date },
): Promise<number> {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    let query = trx
      .updateTable('notifyInbox')
      .set({ readAt: now.toISOString() })
      .where('staffId', '=', actor.staffId)
      .where('readAt', 'is', null);
    if (!options.all) query = query.where('id', 'in', options.ids?.length ? options.ids : ['']);
    const result = await query.executeTakeFirst();
    const count = Number(result.numUpdatedRows);
    if (count > 0)
      await publishLive(
        trx,
        { topic: `staff:${actor.staffId}`, type: 'notify.read', payload: { count } },
        now,
      );
    return count;
  });
}
