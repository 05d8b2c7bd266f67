import type { Actor } from '../../platform/auth/actor.js';
import { createCache } from '../../platform/cache.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { findStaff, getStaffById } from '../staff/index.js';

// Names change rarely and every customer list shows them: a short process-wide cache saves two
// queries per owner per list. A renamed colleague shows the new name within the TTL.
const nameCache = createCache<string>({ name: 'customers-staff-names', max: 10_000, ttlMs: 60_000 });

/** Display names of staff, read through the staff module. */
export class StaffNames {
  constructor(
    private readonly db: Tx,
    private readonly actor: Pick<Actor, 'companyId'>,
  ) {}
  async get(staffId: string | null): Promise<string | null> {
    if (!staffId) return null;
    const key = `${this.actor.companyId}:${staffId}`;
    return nameCache.getOrLoad(this.db, key, async () => {
      try {
        return (await getStaffById(this.db, this.actor, staffId)).displayName;
      } catch {
        return '';
      }
    });
  }
}

/** The active consultants of a project (those who can own customers and answer in turn). */
export async function findProjectConsultants(db: Db, actor: Actor, projectId: string) {
  const { rows } = await findStaff(db, actor, {
    role: 'consultant',
    projectId,
    status: 'active',
    sort: 'displayName',
    order: 'asc',
    offset: 0,
    limit: 200,
  });
  return rows.map((row) => ({
    id: row.id,
    displayName: row.displayName,
    presence: row.presence,
    namePinyin: row.namePinyin,
  }));
}

export async function findProjectManagers(db: Db, actor: Actor, projectId: string) {
  const { rows } = await findStaff(db, actor, {
    role: 'manager',
    projectId,
    status: 'active',
    sort: 'displayName',
    order: 'asc',
    offset: 0,
    limit: 50,
  });
  return rows.map((row) => ({ id: row.id, displayName: row.displayName }));
}
