import type { Db, Tx } from '../../platform/db/database.js';
import { findCompaniesOfProjects } from '../org/index.js';
import { shanghaiDay, shanghaiDayBounds } from './customers.rules.js';
import type {
  FollowUpChannel,
  FollowUpKind,
  FollowUpStatus,
  FollowUpsTable,
  KeyKind,
} from './customers.tables.js';
import * as queries from './queries/conformance.queries.js';

// CONF: what the customer book recorded about a follow-up (SA-2), as conformance scores it. The
// shape carries conformance's SubjectFacts fields; `conformance/sources.ts` holds it to that type.

export interface FollowUpConformanceFacts {
  kind: 'follow_up';
  id: string;
  companyId: string;
  projectId: string;
  deskId: null;
  staffId: string;
  /** The chosen time: the follow-up is filed on its day. */
  occurredAt: string;
  followUpKind: FollowUpKind;
  plannedAt: string;
  /** The end of the planned Asia/Shanghai day: a follow-up done that day was done on time. */
  dueBy: string;
  theme: string;
  channel: FollowUpChannel;
  status: FollowUpStatus;
  /** Whether a record was written after the call (SA-2: "a detailed record"), and how long. */
  recordLength: number;
  /** Why it was cancelled (the cancel's reason is kept in the same column as the record). */
  cancelReason: string;
  doneAt: string | null;
  customerId: string;
}

async function followUpFacts(db: Tx, rows: FollowUpsTable[]): Promise<FollowUpConformanceFacts[]> {
  const companies = await findCompaniesOfProjects(
    db,
    rows.map((row) => row.projectId),
  );
  return rows.map((row) => ({
    kind: 'follow_up',
    id: row.id,
    companyId: companies.get(row.projectId) ?? '',
    projectId: row.projectId,
    deskId: null,
    staffId: row.staffId,
    occurredAt: row.plannedAt,
    followUpKind: row.kind,
    plannedAt: row.plannedAt,
    dueBy: shanghaiDayBounds(shanghaiDay(new Date(row.plannedAt))).end,
    theme: row.theme,
    channel: row.channel,
    status: row.status,
    recordLength: row.status === 'done' ? row.outcome.trim().length : 0,
    cancelReason: row.status === 'cancelled' ? row.outcome : '',
    doneAt: row.doneAt,
    customerId: row.customerId,
  }));
}

/** SA-2: the follow-ups planned in the customer book. */
export const followUpFactSource = {
  kind: 'follow_up' as const,
  async changed(db: Db, page: { since: string | null; afterId: string | null; limit: number }) {
    return followUpFacts(db, await queries.findFollowUpsChanged(db, page));
  },
  async byIds(db: Db, ids: string[]) {
    return followUpFacts(db, await queries.findFollowUpsByIds(db, ids));
  },
};

/** SA-3: a customer's key-customer mark as it stands (erased customers: PIPL deletion on request). */
export interface CustomerKeyMark {
  keyKind: KeyKind | null;
  isErased: boolean;
}

/** SA-3: the key-customer marks of these customers, by id (missing ids are left out). */
export async function findCustomerKeyMarks(db: Tx, ids: string[]): Promise<Map<string, CustomerKeyMark>> {
  const rows = await queries.findKeyMarksOfCustomers(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, { keyKind: row.keyKind, isErased: row.isErased === 1 }]));
}
