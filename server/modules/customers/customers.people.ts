import type { Actor } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { findStaff, getStaffById } from '../staff/index.js';

/** Display names of staff, read through the staff module and cached for one request. */
export class StaffNames {
  private readonly names = new Map<string, string>();
  constructor(
    private readonly db: Tx,
    private readonly actor: Pick<Actor, 'companyId'>,
  ) {}
  async get(staffId: string | null): Promise<string | null> {
    if (!staffId) return null;
    const known = this.names.get(staffId);
    if (known !== undefined) return known;
    let name = '';
    try {
      name = (await getStaffById(this.db, this.actor, staffId)).displayName;
    } catch {
      name = '';
    }
    this.names.set(staffId, name);
    return name;
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
