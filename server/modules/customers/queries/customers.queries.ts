import { type Expression, type SqlBool, sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { pagedQuery } from '../../../platform/db/paged.js';
import { escapeLike } from '../../../platform/text/pinyin.js';
import { prefixUpperBound, type SearchTerm } from '../customers.rules.js';
import type { CustomerEventsTable, CustomerPhonesTable, CustomersTable } from '../customers.tables.js';

export type CustomerRow = CustomersTable;
export type PhoneRow = CustomerPhonesTable;

// --- customers and phones ---

export async function insertCustomer(db: Tx, row: CustomerRow): Promise<void> {
  await db.insertInto('customers').values(row).execute();
}

export async function insertCustomers(db: Tx, rows: CustomerRow[]): Promise<void> {
  if (rows.length) await db.insertInto('customers').values(rows).execute();
}

export async function updateCustomerRow(db: Tx, id: string, changes: Partial<CustomerRow>): Promise<void> {
  await db.updateTable('customers').set(changes).where('id', '=', id).execute();
}

export async function findCustomerRow(db: Tx, id: string): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPhones(db: Tx, rows: PhoneRow[]): Promise<void> {
  if (rows.length) await db.insertInto('customerPhones').values(rows).execute();
}

export async function deletePhonesOfCustomer(db: Tx, customerId: string): Promise<void> {
  await db.deleteFrom('customerPhones').where('customerId', '=', customerId).execute();
}

export async function findPhonesOfCustomers(db: Tx, customerIds: string[]): Promise<Map<string, PhoneRow[]>> {
  const result = new Map<string, PhoneRow[]>();
  if (customerIds.length === 0) return result;
  const rows = await db
    .selectFrom('customerPhones')
    .selectAll()
    .where('customerId', 'in', customerIds)
    .orderBy('customerId')
    .orderBy('sortOrder')
    .execute();
  for (const row of rows) {
    const list = result.get(row.customerId) ?? [];
    list.push(row);
    result.set(row.customerId, list);
  }
  return result;
}

/** The customer holding a number in a project, in one round trip (the unique phone index, then the key). */
export async function findCustomerRowByPhone(
  db: Tx,
  projectId: string,
  e164: string,
): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customerPhones')
    .innerJoin('customers', 'customers.id', 'customerPhones.customerId')
    .selectAll('customers')
    .where('customerPhones.projectId', '=', projectId)
    .where('customerPhones.phoneE164', '=', e164)
    .executeTakeFirst();
}

/** The customer of a project holding a number (uses the unique index). */
export async function findCustomerIdByPhone(
  db: Tx,
  projectId: string,
  e164: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('customerPhones')
    .select('customerId')
    .where('projectId', '=', projectId)
    .where('phoneE164', '=', e164)
    .executeTakeFirst();
  return row?.customerId;
}

export async function findTakenPhones(
  db: Tx,
  projectId: string,
  e164s: string[],
): Promise<Map<string, string>> {
  const taken = new Map<string, string>();
  for (let index = 0; index < e164s.length; index += 500) {
    const chunk = e164s.slice(index, index + 500);
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('customerPhones')
      .select(['phoneE164', 'customerId'])
      .where('projectId', '=', projectId)
      .where('phoneE164', 'in', chunk)
      .execute();
    for (const row of rows) taken.set(row.phoneE164, row.customerId);
  }
  return taken;
}

/** A scope's condition (platform/auth/scope.ts `Visibility.condition`): the rows the caller may see. */
export type Visible = Expression<SqlBool>;

export interface CustomerFilter {
  projectId: string;
  /** The caller's owner scope over the customers table; every list, export and count carries it. */
  visible: Visible;
  ownerStaffId?: string;
  category?: 'normal' | 'key';
  sourceChannelId?: string;
  search?: SearchTerm | null;
  createdFrom?: string;
  createdTo?: string;
  /** Only customers who consented to marketing, not erased (SA-18 campaigns). */
  marketingOnly?: boolean;
  movedInOnly?: boolean;
  includeErased?: boolean;
}

export type CustomerSortKey = 'createdAt' | 'name' | 'protectedUntil';

function filteredCustomers(db: Tx, filter: CustomerFilter) {
  let query = db
    .selectFrom('customers')
    .where('customers.projectId', '=', filter.projectId)
    .where(filter.visible);
  if (!filter.includeErased) query = query.where('customers.isErased', '=', 0);
  if (filter.ownerStaffId) query = query.where('customers.ownerStaffId', '=', filter.ownerStaffId);
  if (filter.category) query = query.where('customers.category', '=', filter.category);
  if (filter.sourceChannelId) query = query.where('customers.sourceChannelId', '=', filter.sourceChannelId);
  if (filter.createdFrom) query = query.where('customers.createdAt', '>=', filter.createdFrom);
  if (filter.createdTo) query = query.where('customers.createdAt', '<', filter.createdTo);
  if (filter.marketingOnly) query = query.where('customers.hasMarketingConsent', '=', 1);
  if (filter.movedInOnly) query = query.where('customers.movedInAt', 'is not', null);
  const search = filter.search;
  if (search) {
    const { projectId } = filter;
    switch (search.kind) {
      case 'tail4':
        query = query.where('customers.id', 'in', (eb) =>
          eb
            .selectFrom('customerPhones')
            .select('customerId')
            .where('projectId', '=', projectId)
            .where('phoneTail4', '=', search.value),
        );
        break;
      case 'phone':
        query = query.where('customers.id', 'in', (eb) =>
          eb
            .selectFrom('customerPhones')
            .select('customerId')
            .where('projectId', '=', projectId)
            .where('phoneE164', '=', search.value),
        );
        break;
      case 'initials':
        // A range rather than LIKE, so both databases walk the (project, initials, id) index.
        query = query
          .where('customers.nameInitials', '>=', search.value)
          .where('customers.nameInitials', '<', prefixUpperBound(search.value));
        break;
      case 'pinyin':
        query = query
          .where('customers.namePinyin', '>=', search.value)
          .where('customers.namePinyin', '<', prefixUpperBound(search.value));
        break;
      case 'name':
        query = query.where(
          'customers.name',
          'like',
          sql<string>`${`%${escapeLike(search.value)}%`} ESCAPE '\\'`,
        );
        break;
    }
  }
  return query;
}

export async function findCustomerPage(
  db: Tx,
  filter: CustomerFilter,
  page: { offset: number; limit: number; sort: CustomerSortKey; order: 'asc' | 'desc'; withTotal?: boolean },
) {
  const sortColumn = {
    createdAt: 'customers.createdAt',
    name: 'customers.namePinyin',
    protectedUntil: 'customers.protectedUntil',
  } as const;
  const kind = filter.search?.kind;
  // Pinyin searches page in index order, so a million customers still answer from the index.
  const shape = (query: ReturnType<typeof filteredCustomers>) =>
    kind === 'initials'
      ? query.selectAll('customers').orderBy('customers.nameInitials').orderBy('customers.id')
      : kind === 'pinyin'
        ? query.selectAll('customers').orderBy('customers.namePinyin').orderBy('customers.id')
        : query.selectAll('customers').orderBy(sortColumn[page.sort], page.order).orderBy('customers.id');
  const base = filteredCustomers(db, filter);
  if (page.withTotal === false) {
    const rows = await shape(base).offset(page.offset).limit(page.limit).execute();
    return { rows, total: rows.length };
  }
  return pagedQuery(base, shape, page);
}

/**
 * A register search by a whole number, answered by one statement: a number belongs to at most one
 * customer of a project (the unique phone index), so there is no page to count, and the
 * customer's phones come back joined to the row.
 */
export async function findCustomerWithPhonesByPhone(db: Tx, filter: CustomerFilter, e164: string) {
  // Plain joins (number → customer → all their numbers) rather than the list's IN subquery: on
  // PostgreSQL the planner settles a three-way join of unique keys faster than a semi-join.
  const rows = await filteredCustomers(db, { ...filter, search: null })
    .innerJoin('customerPhones as hit', (join) =>
      join
        .onRef('hit.customerId', '=', 'customers.id')
        .on('hit.projectId', '=', filter.projectId)
        .on('hit.phoneE164', '=', e164),
    )
    .innerJoin('customerPhones as phone', 'phone.customerId', 'customers.id')
    .selectAll('customers')
    .select([
      'phone.id as phoneId',
      'phone.projectId as phoneProjectId',
      'phone.phoneE164 as phoneE164',
      'phone.phoneTail4 as phoneTail4',
      'phone.kind as phoneKind',
      'phone.sortOrder as phoneSortOrder',
      'phone.createdAt as phoneCreatedAt',
    ])
    .orderBy('phone.sortOrder')
    .execute();
  if (rows.length === 0) return undefined;
  const {
    phoneId: _id,
    phoneProjectId: _project,
    phoneE164: _e164,
    phoneTail4: _tail4,
    phoneKind: _kind,
    phoneSortOrder: _sort,
    phoneCreatedAt: _created,
    ...row
  } = rows[0];
  const phones: PhoneRow[] = rows.map((phone) => ({
    id: phone.phoneId,
    customerId: phone.id,
    projectId: phone.phoneProjectId,
    phoneE164: phone.phoneE164,
    phoneTail4: phone.phoneTail4,
    kind: phone.phoneKind,
    sortOrder: phone.phoneSortOrder,
    createdAt: phone.phoneCreatedAt,
  }));
  return { row: row as CustomerRow, phones };
}

export async function findCustomerIdsForCampaign(db: Tx, filter: CustomerFilter, limit: number) {
  return filteredCustomers(db, filter)
    .select(['customers.id'])
    .orderBy('customers.createdAt')
    .limit(limit)
    .execute();
}

/** Customers by id, only those the caller sees and not erased (the book's callers and visitors). */
export async function findVisibleCustomerRows(db: Tx, ids: string[], visible: Visible) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('customers')
    .selectAll()
    .where('id', 'in', ids)
    .where('isErased', '=', 0)
    .where(visible)
    .execute();
}

// --- timeline ---

export async function insertEvent(db: Tx, row: CustomerEventsTable): Promise<void> {
  await db.insertInto('customerEvents').values(row).execute();
}

export async function findEventsOfCustomer(db: Tx, customerId: string, limit = 500) {
  return db
    .selectFrom('customerEvents')
    .selectAll()
    .where('customerId', '=', customerId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Returns how many lines it anonymised (the erasure result counts them). */
export async function anonymiseEvents(db: Tx, customerId: string, summary: string): Promise<number> {
  const result = await db
    .updateTable('customerEvents')
    .set({ summary })
    .where('customerId', '=', customerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Customers an actor served (call or visit) within a time window: the book's "today". */
export async function findServedCustomerIds(
  db: Tx,
  options: { actorId: string; projectId: string; kinds: string[]; from: string; to: string },
) {
  return db
    .selectFrom('customerEvents')
    .select(['customerId', 'kind', 'at'])
    .where('actorId', '=', options.actorId)
    .where('at', '>=', options.from)
    .where('at', '<', options.to)
    .where('projectId', '=', options.projectId)
    .where('kind', 'in', options.kinds)
    .orderBy('at', 'desc')
    .execute();
}
