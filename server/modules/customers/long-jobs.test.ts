import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { buildCustomerInput, buildCustomerWorkbook } from './testing/index.js';
import {
  cancelCampaignSend,
  createCampaign,
  findCampaignSendLog,
  getCampaign,
  sendCampaign,
} from './use-cases/campaigns.js';
import {
  cancelImport,
  commitImport,
  getImport,
  previewImport,
  runImport,
} from './use-cases/import-customers.js';
import { registerCustomer } from './use-cases/register-customer.js';

// Long jobs stop when asked, between two batches, and leave nothing half-done.

let database: TestDatabase;
let org: TestOrg;
let consultant: Actor;
let manager: Actor;
const now = new Date('2026-11-27T02:00:00.000Z');

beforeAll(async () => {
  database = await createTestDatabase();
  org = await buildOrg(database.db, now);
  consultant = await buildStaff(database.db, org, {
    roles: [{ role: 'consultant', projectId: org.salesProjectId }],
  });
  manager = await buildStaff(database.db, org, {
    roles: [
      { role: 'manager', projectId: org.salesProjectId },
      { role: 'manager', projectId: org.estateProjectId },
    ],
  });
});

afterAll(async () => {
  await database.drop();
});

describe('customer import cancelled part-way', () => {
  it('removes every customer its earlier batches wrote: a cancelled import changes nothing', async () => {
    const rows = Array.from({ length: 30 }, (_, index) => [
      `中途取消${index}`,
      `1360000${String(index).padStart(4, '0')}`,
    ]);
    const preview = await previewImport(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      fileName: 'cancel.xlsx',
      file: await buildCustomerWorkbook([['姓名', '电话'], ...rows]),
      now,
    });
    expect(preview.validRows).toBe(30);
    await commitImport(database.db, {
      actor: manager,
      importId: preview.id,
      mode: 'all_or_nothing',
      now,
      schedule: false,
    });
    const written = () =>
      database.db.selectFrom('customers').select('id').where('importId', '=', preview.id).execute();
    const seen: Array<{ processed: number; customers: number; shown: number }> = [];
    await runImport(database.db, {
      actor: manager,
      importId: preview.id,
      now: () => now,
      batchSize: 10,
      afterBatch: async (processed) => {
        const job = await getImport(database.db, { actor: manager, importId: preview.id });
        seen.push({ processed, customers: (await written()).length, shown: job.processedRows });
        // The user presses 取消导入 after the first batch went in.
        if (processed === 10) await cancelImport(database.db, { actor: manager, importId: preview.id, now });
      },
    });
    // The first batch was really written (and its progress shown) before the cancel…
    expect(seen).toEqual([{ processed: 10, customers: 10, shown: 10 }]);
    // …and is gone after it: no customer, no phone of the file is left.
    expect(await written()).toEqual([]);
    const phones = await database.db
      .selectFrom('customerPhones')
      .select('id')
      .where('phoneE164', 'like', '+861360000%')
      .execute();
    expect(phones).toEqual([]);
    const job = await getImport(database.db, { actor: manager, importId: preview.id });
    expect(job).toMatchObject({ status: 'cancelled', importedRows: 0 });
  });
});

describe('bulk send cancelled part-way', () => {
  it('SA-18 a campaign send stopped part-way sends no more, keeps the log of what went and says how many', async () => {
    for (let index = 0; index < 7; index += 1)
      await registerCustomer(database.db, {
        actor: consultant,
        projectId: org.salesProjectId,
        input: buildCustomerInput({
          name: `推介客户${index}`,
          phones: [`1371111${String(index).padStart(4, '0')}`],
          hasMarketingConsent: true,
        }),
        now,
      });
    const campaign = await createCampaign(database.db, {
      actor: manager,
      projectId: org.estateProjectId,
      title: '三期推介',
      message: '三期样板房本周开放',
      now,
    });
    await expect(
      cancelCampaignSend(database.db, { actor: manager, campaignId: campaign.id, now }),
    ).rejects.toThrow(/CAMPAIGN_NOT_SENDING/);
    const progress: Array<{ status: string; processed: number; audience: number; sent: number }> = [];
    const result = await sendCampaign(database.db, {
      actor: manager,
      campaignId: campaign.id,
      siteUrl: 'http://127.0.0.1',
      now,
      batchSize: 3,
      afterBatch: async () => {
        const view = await getCampaign(database.db, { actor: manager, campaignId: campaign.id });
        progress.push({
          status: view.status,
          processed: view.processedCount,
          audience: view.audienceCount,
          sent: view.recipientCount,
        });
        if (view.processedCount === 3)
          await cancelCampaignSend(database.db, { actor: manager, campaignId: campaign.id, now });
      },
    });
    // One batch of three went, then the send stopped: the other four got nothing.
    expect(progress).toEqual([{ status: 'sending', processed: 3, audience: 7, sent: 3 }]);
    expect(result).toEqual({ sent: 3, skipped: 0, skippedForOwnerConsent: 0, cancelled: true });
    const queued = await database.db
      .selectFrom('jobs')
      .select('id')
      .where('dedupeKey', 'like', `%customers:campaign:${campaign.id}:%`)
      .execute();
    expect(queued).toHaveLength(3);
    const log = await findCampaignSendLog(database.db, {
      actor: manager,
      campaignId: campaign.id,
      offset: 0,
      limit: 20,
    });
    expect(log.items.map((item) => item.status)).toEqual(['sent', 'sent', 'sent']);
    expect(await getCampaign(database.db, { actor: manager, campaignId: campaign.id })).toMatchObject({
      status: 'cancelled',
      recipientCount: 3,
      processedCount: 3,
      audienceCount: 7,
    });
    // A stopped campaign is not sent again.
    await expect(
      sendCampaign(database.db, {
        actor: manager,
        campaignId: campaign.id,
        siteUrl: 'http://127.0.0.1',
        now,
      }),
    ).rejects.toThrow(/CAMPAIGN_SENT/);
    const audit = await database.db
      .selectFrom('auditLog')
      .select(['action'])
      .where('entityId', '=', campaign.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['create', 'cancel_send', 'send_cancelled']);
  });
});
