import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { findStaffContacts } from '../../staff/index.js';
import { notifyErrors } from '../notify.errors.js';
import { findPreferenceRows } from '../notify.queries.js';
import type { Channel } from '../notify.tables.js';
import { audited } from './audited.js';

export type ChannelPreferences = Record<Channel, boolean>;
export const defaultPreferences: ChannelPreferences = { inapp: true, email: false, sms: false, wecom: false };

/** Stored choices over the defaults: in-app only for those who never chose. */
export function channelsOf(channelsJson: string | null | undefined): ChannelPreferences {
  return {
    ...defaultPreferences,
    ...(channelsJson ? (JSON.parse(channelsJson) as Partial<ChannelPreferences>) : {}),
  };
}

export async function readPreferences(
  db: Tx,
  staffId: string,
): Promise<{ channels: ChannelPreferences; email: string }> {
  const [row] = await findPreferenceRows(db, [staffId]);
  return { channels: channelsOf(row?.channelsJson), email: row?.email ?? '' };
}

export async function getPreferences(db: Db, actor: Actor) {
  const preferences = await readPreferences(db, actor.staffId);
  const [staff] = await findStaffContacts(db, [actor.staffId]);
  return { ...preferences, mobile: staff?.mobile ?? '' };
}

export async function updatePreferences(
  db: Db,
  options: { actor: Actor; channels: ChannelPreferences; email: string; now: Date },
) {
  const { actor, channels, email, now } = options;
  if (!Object.values(channels).some(Boolean))
    throw new AppError(
      notifyErrors.NO_CHANNEL_SELECTED,
      {},
      { channels: notifyErrors.NO_CHANNEL_SELECTED.message },
    );
  if (channels.email && !email)
    throw new AppError(
      notifyErrors.EMAIL_REQUIRED_FOR_CHANNEL,
      {},
      { email: notifyErrors.EMAIL_REQUIRED_FOR_CHANNEL.message },
    );
  return audited(db, async (trx) => {
    const before = await readPreferences(trx, actor.staffId);
    const row = {
      staffId: actor.staffId,
      channelsJson: JSON.stringify(channels),
      email,
      updatedAt: now.toISOString(),
    };
    await trx
      .insertInto('notifyPreferences')
      .values(row)
      .onConflict((conflict) =>
        conflict
          .column('staffId')
          .doUpdateSet({ channelsJson: row.channelsJson, email: row.email, updatedAt: row.updatedAt }),
      )
      .execute();
    return {
      result: { channels, email },
      audit: {
        actor,
        entityType: 'notify_preferences',
        entityId: actor.staffId,
        action: 'update',
        before,
        after: { channels, email },
        at: now,
      },
    };
  });
}
