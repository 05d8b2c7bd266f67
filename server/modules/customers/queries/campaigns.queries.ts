import type { Tx } from '../../../platform/db/database.js';
import { pagedQuery } from '../../../platform/db/paged.js';
import type { CampaignRecipientsTable, CampaignsTable } from '../customers.tables.js';
import type { Visible } from './customers.queries.js';

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

export async function updateCampaignRow(db: Tx, id: string, changes: Partial<CampaignsTable>): Promise<void> {
  await db.updateTable('campaigns').set(changes).where('id', '=', id).execute();
}
