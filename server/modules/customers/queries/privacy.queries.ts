import type { Tx } from '../../../platform/db/database.js';
import { pagedQuery } from '../../../platform/db/paged.js';
import type { PersonalDataAccessLogTable } from '../customers.tables.js';

// --- personal data (PRIV) ---

export async function insertAccessLog(db: Tx, row: PersonalDataAccessLogTable): Promise<void> {
  await db.insertInto('personalDataAccessLog').values(row).execute();
}

export interface AccessLogFilter {
  companyId: string;
  /** null: every project of the company. */
  projectIds: string[] | null;
  staffId?: string;
  customerId?: string;
  from?: string;
  to?: string;
}

export async function findAccessLogPage(
  db: Tx,
  filter: AccessLogFilter,
  page: { offset: number; limit: number },
) {
  const log = 'personalDataAccessLog' as const;
  let base = db.selectFrom(log).where(`${log}.companyId`, '=', filter.companyId);
  if (filter.projectIds)
    base = base.where(`${log}.projectId`, 'in', filter.projectIds.length ? filter.projectIds : ['']);
  if (filter.staffId) base = base.where(`${log}.staffId`, '=', filter.staffId);
  if (filter.customerId) base = base.where(`${log}.customerId`, '=', filter.customerId);
  if (filter.from) base = base.where(`${log}.at`, '>=', filter.from);
  if (filter.to) base = base.where(`${log}.at`, '<', filter.to);
  return pagedQuery(
    base,
    (query) =>
      query
        .leftJoin('customers', 'customers.id', 'personalDataAccessLog.customerId')
        .selectAll('personalDataAccessLog')
        .select(['customers.name as customerName', 'customers.isErased as isCustomerErased'])
        .orderBy('personalDataAccessLog.at', 'desc')
        .orderBy('personalDataAccessLog.id'),
    page,
  );
}

/**
 * Customers idle since `before` (no change and no timeline line at or after it), not erased: the
 * retention job's candidates. Whether they hold a deal is asked of the deals module afterwards.
 */
export async function findIdleCustomers(
  db: Tx,
  options: { companyId: string; before: string; afterId: string; limit: number },
) {
  return db
    .selectFrom('customers')
    .select(['id', 'projectId'])
    .where('companyId', '=', options.companyId)
    .where('isErased', '=', 0)
    .where('updatedAt', '<', options.before)
    .where('id', '>', options.afterId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('customerEvents')
            .select('customerEvents.id')
            .whereRef('customerEvents.customerId', '=', 'customers.id')
            .where('customerEvents.at', '>=', options.before),
        ),
      ),
    )
    .orderBy('id')
    .limit(options.limit)
    .execute();
}

export async function findCompaniesWithCustomers(db: Tx): Promise<string[]> {
  const rows = await db.selectFrom('customers').select('companyId').distinct().execute();
  return rows.map((row) => row.companyId);
}
