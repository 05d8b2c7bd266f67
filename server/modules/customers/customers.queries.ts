import { type Expression, type SqlBool, sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { pagedQuery } from '../../platform/db/paged.js';
import { escapeLike } from '../../platform/text/pinyin.js';
import { prefixUpperBound, type SearchTerm } from './customers.rules.js';
import type {
  CampaignRecipientsTable,
  CampaignsTable,
  CustomerEventsTable,
  CustomerImportRowsTable,
  CustomerImportsTable,
  CustomerPhonesTable,
  CustomersTable,
  FollowUpsTable,
  OwnershipConflictsTable,
  PersonalDataAccessLogTable,
  SourceChannelsTable,
} from './customers.tables.js';

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

// --- source channels ---

export async function findSourceChannels(db: Tx, projectId: string, includeArchived = false) {
  let query = db.selectFrom('sourceChannels').selectAll().where('projectId', '=', projectId);
  if (!includeArchived) query = query.where('isArchived', '=', 0);
  return query.orderBy('sortOrder').orderBy('name').execute();
}

export async function findSourceChannelRow(db: Tx, id: string) {
  return db.selectFrom('sourceChannels').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSourceChannel(db: Tx, row: SourceChannelsTable): Promise<void> {
  await db.insertInto('sourceChannels').values(row).execute();
}

export async function updateSourceChannelRow(
  db: Tx,
  id: string,
  changes: Partial<SourceChannelsTable>,
): Promise<void> {
  await db.updateTable('sourceChannels').set(changes).where('id', '=', id).execute();
}

// --- ownership conflicts ---

export async function insertConflict(db: Tx, row: OwnershipConflictsTable): Promise<void> {
  await db.insertInto('ownershipConflicts').values(row).execute();
}

export async function findConflictRow(db: Tx, id: string) {
  return db.selectFrom('ownershipConflicts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function resolveConflictRow(
  db: Tx,
  id: string,
  changes: Partial<OwnershipConflictsTable>,
): Promise<number> {
  const result = await db
    .updateTable('ownershipConflicts')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findConflicts(
  db: Tx,
  filter: { projectId: string; status?: string; requestedBy?: string; visible: Visible },
  page: { offset: number; limit: number },
) {
  let query = db
    .selectFrom('ownershipConflicts')
    .innerJoin('customers', 'customers.id', 'ownershipConflicts.customerId')
    .where('ownershipConflicts.projectId', '=', filter.projectId)
    .where(filter.visible);
  if (filter.status)
    query = query.where('ownershipConflicts.status', '=', filter.status as OwnershipConflictsTable['status']);
  if (filter.requestedBy) query = query.where('ownershipConflicts.requestedBy', '=', filter.requestedBy);
  return pagedQuery(
    query,
    (query) =>
      query
        .selectAll('ownershipConflicts')
        .select([
          'customers.name as customerName',
          'customers.companyId as customerCompanyId',
          'customers.ownerStaffId as customerOwnerStaffId',
        ])
        .orderBy('ownershipConflicts.at', 'desc')
        .orderBy('ownershipConflicts.id'),
    page,
  );
}

// --- follow-ups ---

export async function insertFollowUp(db: Tx, row: FollowUpsTable): Promise<void> {
  await db.insertInto('followUps').values(row).execute();
}

export async function findFollowUpRow(db: Tx, id: string) {
  return db.selectFrom('followUps').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Closes a follow-up only while it is still planned; 0 rows means someone closed it first. */
export async function closeFollowUpRow(
  db: Tx,
  id: string,
  changes: Partial<FollowUpsTable>,
): Promise<number> {
  const result = await db
    .updateTable('followUps')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'planned')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updateFollowUpRow(db: Tx, id: string, changes: Partial<FollowUpsTable>): Promise<void> {
  await db.updateTable('followUps').set(changes).where('id', '=', id).execute();
}

export interface FollowUpFilter {
  projectId: string;
  /**
   * The caller's owner scope, over the joined customers table. Every list carries it; only a
   * use case that already checked the one customer it reads (the personal-data export) omits it.
   */
  visible?: Visible;
  staffId?: string;
  customerId?: string;
  status?: 'planned' | 'done' | 'cancelled';
  kind?: 'sales' | 'after_sales';
  plannedFrom?: string;
  plannedTo?: string;
}

export async function findFollowUpPage(
  db: Tx,
  filter: FollowUpFilter,
  page: { offset: number; limit: number; order: 'asc' | 'desc' },
) {
  let query = db
    .selectFrom('followUps')
    .innerJoin('customers', 'customers.id', 'followUps.customerId')
    .where('followUps.projectId', '=', filter.projectId);
  if (filter.visible) query = query.where(filter.visible);
  if (filter.staffId) query = query.where('followUps.staffId', '=', filter.staffId);
  if (filter.customerId) query = query.where('followUps.customerId', '=', filter.customerId);
  if (filter.status) query = query.where('followUps.status', '=', filter.status);
  if (filter.kind) query = query.where('followUps.kind', '=', filter.kind);
  if (filter.plannedFrom) query = query.where('followUps.plannedAt', '>=', filter.plannedFrom);
  if (filter.plannedTo) query = query.where('followUps.plannedAt', '<', filter.plannedTo);
  return pagedQuery(
    query,
    (query) =>
      query
        .selectAll('followUps')
        .select(['customers.name as customerName', 'customers.category as customerCategory'])
        .orderBy('followUps.plannedAt', page.order)
        .orderBy('followUps.id'),
    page,
  );
}

export async function cancelPlannedFollowUpsOfCustomer(
  db: Tx,
  customerId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('followUps')
    .set({ status: 'cancelled', updatedAt: at })
    .where('customerId', '=', customerId)
    .where('status', '=', 'planned')
    .execute();
}

export async function reassignPlannedFollowUps(
  db: Tx,
  customerId: string,
  staffId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('followUps')
    .set({ staffId, updatedAt: at })
    .where('customerId', '=', customerId)
    .where('status', '=', 'planned')
    .where('kind', '=', 'sales')
    .execute();
}

export async function anonymiseFollowUps(db: Tx, customerId: string): Promise<number> {
  const result = await db
    .updateTable('followUps')
    .set({ outcome: '', theme: '—' })
    .where('customerId', '=', customerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// --- campaigns ---

export async function insertCampaign(db: Tx, row: CampaignsTable): Promise<void> {
  await db.insertInto('campaigns').values(row).execute();
}

export async function findCampaignRow(db: Tx, id: string) {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markCampaignSent(
  db: Tx,
  id: string,
  changes: Partial<CampaignsTable>,
): Promise<number> {
  const result = await db
    .updateTable('campaigns')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findCampaigns(
  db: Tx,
  filter: { projectId: string; visible: Visible },
  page: { offset: number; limit: number },
) {
  const base = db
    .selectFrom('campaigns')
    .where('campaigns.projectId', '=', filter.projectId)
    .where(filter.visible);
  return pagedQuery(
    base,
    (filtered) => filtered.selectAll().orderBy('createdAt', 'desc').orderBy('id'),
    page,
  );
}

export async function insertRecipients(db: Tx, rows: CampaignRecipientsTable[]): Promise<void> {
  for (let index = 0; index < rows.length; index += 500)
    await db
      .insertInto('campaignRecipients')
      .values(rows.slice(index, index + 500))
      .execute();
}

/** The send log of a campaign, of the customers the caller sees (`visible` over the customers table). */
export async function findRecipients(
  db: Tx,
  campaignId: string,
  visible: Visible,
  page: { offset: number; limit: number },
) {
  const base = db
    .selectFrom('campaignRecipients')
    .innerJoin('customers', 'customers.id', 'campaignRecipients.customerId')
    .where('campaignRecipients.campaignId', '=', campaignId)
    .where(visible);
  return pagedQuery(
    base,
    (query) =>
      query
        .selectAll('campaignRecipients')
        .select(['customers.name as customerName', 'customers.projectId as customerProjectId'])
        .orderBy('campaignRecipients.at')
        .orderBy('campaignRecipients.id'),
    page,
  );
}

/** Past customers of the company's other projects who agreed to hear about new ones (SA-18). */
export async function findCampaignAudience(
  db: Tx,
  options: {
    companyId: string;
    excludeProjectId: string;
    /** Who the caller may see (a preview); absent when the system sends to every consenting customer. */
    visible?: Visible;
    offset: number;
    limit: number;
  },
) {
  let base = db
    .selectFrom('customers')
    .where('customers.companyId', '=', options.companyId)
    .where('customers.projectId', '!=', options.excludeProjectId)
    .where('customers.isErased', '=', 0)
    // Those who withdrew stay in the audience, to be logged as skipped (PRIV): a send log that
    // names them proves the withdrawal was honoured.
    .where((eb) =>
      eb.or([
        eb('customers.hasMarketingConsent', '=', 1),
        eb('customers.marketingWithdrawnAt', 'is not', null),
      ]),
    );
  if (options.visible) base = base.where(options.visible);
  return pagedQuery(base, (filtered) => filtered.selectAll().orderBy('createdAt').orderBy('id'), options);
}

// --- imports ---

export async function insertImport(db: Tx, row: CustomerImportsTable): Promise<void> {
  await db.insertInto('customerImports').values(row).execute();
}

export async function findImportRow(db: Tx, id: string) {
  return db.selectFrom('customerImports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateImportRow(
  db: Tx,
  id: string,
  changes: Partial<CustomerImportsTable>,
): Promise<void> {
  await db.updateTable('customerImports').set(changes).where('id', '=', id).execute();
}

/** Starts an import only from preview; 0 rows means it already ran or was cancelled. */
export async function claimImport(
  db: Tx,
  id: string,
  changes: Partial<CustomerImportsTable>,
): Promise<number> {
  const result = await db
    .updateTable('customerImports')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'previewed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertImportRows(db: Tx, rows: CustomerImportRowsTable[]): Promise<void> {
  // 8 columns a row: 2,000 rows stay below the bound-parameter limits of both databases.
  for (let index = 0; index < rows.length; index += 2000)
    await db
      .insertInto('customerImportRows')
      .values(rows.slice(index, index + 2000))
      .execute();
}

export async function findImportRows(
  db: Tx,
  importId: string,
  options: { afterPosition: number; limit: number; onlyProblems?: boolean },
) {
  let query = db
    .selectFrom('customerImportRows')
    .selectAll()
    .where('importId', '=', importId)
    .where('position', '>', options.afterPosition);
  if (options.onlyProblems)
    query = query.where((eb) => eb.or([eb('errorsJson', '!=', '[]'), eb('duplicateOf', 'is not', null)]));
  return query.orderBy('position').limit(options.limit).execute();
}

export async function countImportProblems(db: Tx, importId: string) {
  const row = await db
    .selectFrom('customerImportRows')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('importId', '=', importId)
    .where((eb) => eb.or([eb('errorsJson', '!=', '[]'), eb('duplicateOf', 'is not', null)]))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function deleteImportRows(db: Tx, importId: string): Promise<void> {
  await db.deleteFrom('customerImportRows').where('importId', '=', importId).execute();
}

/** Undo of a cancelled or failed import: everything it inserted goes, in one transaction. */
export async function deleteCustomersOfImport(db: Tx, importId: string): Promise<void> {
  const ids = db.selectFrom('customers').select('id').where('importId', '=', importId);
  await db.deleteFrom('customerEvents').where('customerId', 'in', ids).execute();
  await db.deleteFrom('customerPhones').where('customerId', 'in', ids).execute();
  await db.deleteFrom('customers').where('importId', '=', importId).execute();
}

export async function findImports(
  db: Tx,
  filter: { projectId: string; visible: Visible },
  page: { offset: number; limit: number },
) {
  const base = db
    .selectFrom('customerImports')
    .where('customerImports.projectId', '=', filter.projectId)
    .where(filter.visible);
  return pagedQuery(
    base,
    (filtered) => filtered.selectAll().orderBy('createdAt', 'desc').orderBy('id'),
    page,
  );
}

export async function updateCampaignRow(db: Tx, id: string, changes: Partial<CampaignsTable>): Promise<void> {
  await db.updateTable('campaigns').set(changes).where('id', '=', id).execute();
}

export async function findPlannedFollowUpsOfCustomer(db: Tx, customerId: string) {
  return db
    .selectFrom('followUps')
    .selectAll()
    .where('customerId', '=', customerId)
    .where('status', '=', 'planned')
    .execute();
}

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
