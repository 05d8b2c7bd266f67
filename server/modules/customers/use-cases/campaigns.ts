import type { CampaignSendResult } from '../../../../contracts/customers.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { constantTimeEqual } from '../../../platform/http/security.js';
import { writeAudit } from '../../audit/index.js';
import { getProjectById } from '../../org/index.js';
import { customerErrors } from '../customers.errors.js';
import { sendCampaignMessage } from '../customers.notify.js';
import { findOwnerConsents } from '../customers.owner-consent.js';
import * as queries from '../customers.queries.js';
import { maskedPhone } from '../customers.rules.js';
import { customerColumns, customerVisibility } from '../customers.scope.js';
import { phoneMaskStyle, recordCustomerEvent } from '../customers.service.js';
import type { CampaignRecipientsTable, CampaignsTable } from '../customers.tables.js';
import { assertManagerOf } from './after-sales.js';

function toView(row: CampaignsTable, projectName: string) {
  return { ...row, isCancelRequested: row.isCancelRequested === 1, projectName };
}

/** SA-18: announce a new project to past customers; drafted first, sent once after a preview. */
export async function createCampaign(
  db: Db,
  options: { actor: Actor; projectId: string; title: string; message: string; now: Date },
) {
  const { actor, projectId, now } = options;
  customerVisibility(actor).assertProject(projectId, campaignEntity);
  await assertManagerOf(db, actor, projectId);
  const project = await getProjectById(db, actor, projectId);
  const row: CampaignsTable = {
    id: newId(),
    companyId: actor.companyId,
    projectId,
    title: options.title,
    message: options.message,
    status: 'draft',
    recipientCount: 0,
    audienceCount: 0,
    processedCount: 0,
    isCancelRequested: 0,
    createdBy: actor.staffId,
    createdAt: now.toISOString(),
    sentAt: null,
  };
  await db.transaction().execute(async (trx) => {
    await queries.insertCampaign(trx, row);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId,
      entityType: 'campaign',
      entityId: row.id,
      action: 'create',
      after: row,
    });
  });
  return toView(row, project.name);
}

const campaignEntity = localized('活动', '活動', 'Campaign');

/**
 * A campaign is its project's (owner scope, no owner: the project's managers, controllers,
 * finance and DPO see it); only a manager of the project acts on it.
 */
async function getCampaignRow(db: Db, actor: Actor, campaignId: string) {
  const row = await queries.findCampaignRow(db, campaignId);
  if (!row) throw new AppError(commonErrors.NOT_FOUND, { entity: campaignEntity });
  customerVisibility(actor).assertSees(
    { companyId: row.companyId, projectId: row.projectId },
    campaignEntity,
  );
  await assertManagerOf(db, actor, row.projectId);
  return row;
}

export async function findCampaigns(
  db: Db,
  options: { actor: Actor; projectId: string; offset: number; limit: number },
) {
  const { actor, projectId } = options;
  const visibility = customerVisibility(actor);
  visibility.assertProject(projectId, campaignEntity);
  await assertManagerOf(db, actor, projectId);
  const { rows, total } = await queries.findCampaigns(
    db,
    {
      projectId,
      visible: visibility.condition({ companyId: 'campaigns.companyId', projectId: 'campaigns.projectId' }),
    },
    options,
  );
  const items = [];
  for (const row of rows) items.push(toView(row, (await getProjectById(db, actor, row.projectId)).name));
  return { items, total };
}

/**
 * Who would receive it: consenting, not erased customers of the company's other projects (numbers
 * masked) — as many of them as the manager may see (owner scope, in SQL). The send itself reaches
 * every consenting customer: the system sends, the manager is not shown the others.
 */
export async function previewCampaignRecipients(
  db: Db,
  options: { actor: Actor; campaignId: string; offset: number; limit: number },
) {
  const { actor } = options;
  const campaign = await getCampaignRow(db, actor, options.campaignId);
  const { rows, total } = await queries.findCampaignAudience(db, {
    companyId: actor.companyId,
    excludeProjectId: campaign.projectId,
    visible: customerVisibility(actor).condition(customerColumns),
    offset: options.offset,
    limit: options.limit,
  });
  const phones = await queries.findPhonesOfCustomers(
    db,
    rows.map((row) => row.id),
  );
  const owners = await findOwnerConsents(db, {
    companyId: actor.companyId,
    customerIds: rows.map((row) => row.id),
  });
  const items = [];
  for (const row of rows) {
    const mobile = (phones.get(row.id) ?? []).find((phone) => phone.kind === 'mobile');
    const style = await phoneMaskStyle(db, actor, row.projectId);
    items.push({
      customerId: row.id,
      name: row.name,
      projectId: row.projectId,
      projectName: (await getProjectById(db, actor, row.projectId)).name,
      phone: mobile ? maskedPhone(mobile.phoneE164, style) : '',
      marketingConsentAt: row.marketingConsentAt,
      willSend:
        Boolean(mobile) && row.hasMarketingConsent === 1 && owners.get(row.id)?.announcements !== false,
    });
  }
  return { items, total };
}

/** One campaign with its send progress (the screen polls it while the campaign is being sent). */
export async function getCampaign(db: Db, options: { actor: Actor; campaignId: string }) {
  const row = await getCampaignRow(db, options.actor, options.campaignId);
  return toView(row, (await getProjectById(db, options.actor, row.projectId)).name);
}

/** Customers a send goes through per transaction; between two, it looks for a cancel. */
export const campaignSendBatch = 200;

/**
 * Sends once, in batches: every audience member gets a line in the send log (sent, or skipped
 * with why), and each batch is its own transaction that also counts the progress. The manager may
 * stop it (cancelCampaignSend): it stops before its next batch, keeps what was sent (a message
 * cannot be unsent) and says how many went; the rest get nothing and no log line.
 */
export async function sendCampaign(
  db: Db,
  options: {
    actor: Actor;
    campaignId: string;
    siteUrl: string;
    now: Date;
    batchSize?: number;
    /** Called after each committed batch (tests stop a send part-way here). */
    afterBatch?: (processed: number) => Promise<void> | void;
  },
): Promise<CampaignSendResult> {
  const { actor, campaignId, now } = options;
  const batchSize = options.batchSize ?? campaignSendBatch;
  const campaign = await getCampaignRow(db, actor, campaignId);
  if (campaign.status !== 'draft') throw new AppError(customerErrors.CAMPAIGN_SENT);
  const project = await getProjectById(db, actor, campaign.projectId);
  const at = now.toISOString();
  const audience = {
    companyId: actor.companyId,
    excludeProjectId: campaign.projectId,
  };
  const { total } = await queries.findCampaignAudience(db, { ...audience, offset: 0, limit: 1 });
  await db.transaction().execute(async (trx) => {
    const claimed = await queries.markCampaignSent(trx, campaignId, {
      status: 'sending',
      sentAt: at,
      audienceCount: total,
      processedCount: 0,
      recipientCount: 0,
      isCancelRequested: 0,
    });
    if (claimed === 0) throw new AppError(customerErrors.CAMPAIGN_SENT);
  });
  let sent = 0;
  let skipped = 0;
  let skippedForOwnerConsent = 0;
  let processed = 0;
  let cancelled = false;
  for (let offset = 0; ; offset += batchSize) {
    const current = await queries.findCampaignRow(db, campaignId);
    if (current?.isCancelRequested) {
      cancelled = true;
      break;
    }
    const { rows } = await queries.findCampaignAudience(db, { ...audience, offset, limit: batchSize });
    if (rows.length === 0) break;
    await db.transaction().execute(async (trx) => {
      const phones = await queries.findPhonesOfCustomers(
        trx,
        rows.map((row) => row.id),
      );
      // SA-18: an owner (the property desk's register) hears of a new project only with consent.
      const owners = await findOwnerConsents(trx, {
        companyId: actor.companyId,
        customerIds: rows.map((row) => row.id),
      });
      const recipients: CampaignRecipientsTable[] = [];
      for (const row of rows) {
        if (row.hasMarketingConsent === 1 && owners.get(row.id)?.announcements === false) {
          recipients.push({
            id: newId(),
            campaignId,
            customerId: row.id,
            status: 'skipped',
            reason: 'owner_not_consented',
            at,
          });
          skippedForOwnerConsent += 1;
          continue;
        }
        // PRIV: consent withdrawn stops marketing at once; the log names them, with why.
        if (row.hasMarketingConsent !== 1) {
          recipients.push({
            id: newId(),
            campaignId,
            customerId: row.id,
            status: 'skipped',
            reason: 'consent_withdrawn',
            at,
          });
          continue;
        }
        const mobile = (phones.get(row.id) ?? []).find((phone) => phone.kind === 'mobile');
        if (!mobile) {
          recipients.push({
            id: newId(),
            campaignId,
            customerId: row.id,
            status: 'skipped',
            reason: 'no_mobile',
            at,
          });
          continue;
        }
        await sendCampaignMessage(trx, {
          actor,
          campaign,
          projectName: project.name,
          customer: row,
          phoneE164: mobile.phoneE164,
          siteUrl: options.siteUrl,
          now,
        });
        await recordCustomerEvent(trx, {
          actor,
          customerId: row.id,
          kind: 'campaign',
          refId: campaignId,
          summary: `新项目推介:${campaign.title}`,
          at: now,
        });
        recipients.push({ id: newId(), campaignId, customerId: row.id, status: 'sent', reason: '', at });
      }
      await queries.insertRecipients(trx, recipients);
      const sentNow = recipients.filter((recipient) => recipient.status === 'sent').length;
      sent += sentNow;
      skipped += recipients.length - sentNow;
      processed += rows.length;
      await queries.updateCampaignRow(trx, campaignId, { processedCount: processed, recipientCount: sent });
    });
    await options.afterBatch?.(processed);
    if (rows.length < batchSize) break;
  }
  await db.transaction().execute(async (trx) => {
    await queries.updateCampaignRow(trx, campaignId, {
      status: cancelled ? 'cancelled' : 'sent',
      recipientCount: sent,
      processedCount: processed,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: campaign.projectId,
      entityType: 'campaign',
      entityId: campaignId,
      action: cancelled ? 'send_cancelled' : 'send',
      after: {
        sent,
        skipped,
        skippedForOwnerConsent,
        ...(cancelled ? { notReached: Math.max(0, total - processed) } : {}),
      },
    });
  });
  return { sent, skipped, skippedForOwnerConsent, cancelled };
}

/** Stops a campaign being sent before its next batch; what went already stays sent and logged. */
export async function cancelCampaignSend(db: Db, options: { actor: Actor; campaignId: string; now: Date }) {
  const { actor, campaignId, now } = options;
  const campaign = await getCampaignRow(db, actor, campaignId);
  if (campaign.status !== 'sending') throw new AppError(customerErrors.CAMPAIGN_NOT_SENDING);
  await db.transaction().execute(async (trx) => {
    await queries.updateCampaignRow(trx, campaignId, { isCancelRequested: 1 });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: campaign.projectId,
      entityType: 'campaign',
      entityId: campaignId,
      action: 'cancel_send',
    });
  });
  return getCampaign(db, { actor, campaignId });
}

export async function findCampaignSendLog(
  db: Db,
  options: { actor: Actor; campaignId: string; offset: number; limit: number },
) {
  await getCampaignRow(db, options.actor, options.campaignId);
  const { rows, total } = await queries.findRecipients(
    db,
    options.campaignId,
    customerVisibility(options.actor).condition(customerColumns),
    options,
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      customerId: row.customerId,
      customerName: row.customerName,
      status: row.status,
      reason: row.reason,
      at: row.at,
    })),
    total,
  };
}

/** The unsubscribe link in every campaign message: marketing consent is withdrawn, and that is recorded. */
export async function unsubscribe(db: Db, options: { token: string; now: Date }) {
  const { token, now } = options;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const separator = token.lastIndexOf('.');
    const customer =
      separator > 0 ? await queries.findCustomerRow(trx, token.slice(0, separator)) : undefined;
    if (
      !customer ||
      customer.isErased ||
      !constantTimeEqual(customer.unsubscribeToken, token.slice(separator + 1))
    )
      throw new AppError(customerErrors.UNSUBSCRIBE_UNKNOWN);
    if (customer.hasMarketingConsent === 1) {
      await queries.updateCustomerRow(trx, customer.id, {
        hasMarketingConsent: 0,
        marketingConsentAt: at,
        marketingConsentVia: 'sms',
        marketingWithdrawnAt: at,
        updatedAt: at,
      });
      const system = {
        staffId: 'system',
        companyId: customer.companyId,
        displayName: 'system',
        locale: 'zh-CN' as const,
        grants: [],
      };
      await recordCustomerEvent(trx, {
        actor: system,
        customerId: customer.id,
        kind: 'consent',
        summary: '客户通过退订链接撤回营销授权',
        at: now,
      });
      await writeAudit(trx, {
        actor: system,
        at: now,
        projectId: customer.projectId,
        entityType: 'customer',
        entityId: customer.id,
        action: 'unsubscribe',
        before: { hasMarketingConsent: 1 },
        after: { hasMarketingConsent: 0 },
      });
    }
    return { isUnsubscribed: true };
  });
}
