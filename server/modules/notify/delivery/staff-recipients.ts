import type { Tx } from '../../../platform/db/database.js';
import { findStaffContacts } from '../../staff/index.js';
import { findPreferenceRows } from '../notify.queries.js';
import { type ChannelPreferences, channelsOf } from '../use-cases/preferences.js';

export interface StaffRecipient {
  id: string;
  companyId: string;
  displayName: string;
  mobile: string;
  locale: string;
  isDisabled: number;
  channels: ChannelPreferences;
  /** The address chosen for email notices ('' when none). */
  email: string;
}

/** Members of staff with their channel choices, by id (those not found are absent). */
export async function loadStaffRecipients(
  db: Tx,
  staffIds: readonly string[],
): Promise<Map<string, StaffRecipient>> {
  const ids = [...new Set(staffIds)];
  if (ids.length === 0) return new Map();
  const [staff, preferences] = await Promise.all([findStaffContacts(db, ids), findPreferenceRows(db, ids)]);
  const preferencesOf = new Map(preferences.map((row) => [row.staffId, row]));
  return new Map(
    staff.map((row) => {
      const chosen = preferencesOf.get(row.id);
      return [row.id, { ...row, channels: channelsOf(chosen?.channelsJson), email: chosen?.email ?? '' }];
    }),
  );
}
