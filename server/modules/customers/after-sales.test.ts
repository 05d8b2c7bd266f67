import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { buildStaff, type TestOrg } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { getCustomerForDisplay } from './customers.service.js';
import { buildCustomerInput, buildSalesOffice, freshMobile } from './testing/index.js';
import { checkInTimes, markMovedIn } from './use-cases/after-sales.js';
import {
  createCampaign,
  findCampaignSendLog,
  previewCampaignRecipients,
  sendCampaign,
  unsubscribe,
} from './use-cases/campaigns.js';
import { registerCustomer } from './use-cases/register-customer.js';

let database: TestDatabase;
let org: TestOrg;
let consultantA: Actor;
const now = new Date('2026-11-27T02:00:00.000Z');

beforeAll(async () => {
  database = await createTestDatabase();
  ({ org, consultantA } = await buildSalesOffice(database.db, now));
});

afterAll(async () => {
  await database.drop();
});

describe('SA-18 after-sales', () => {
  it('SA-18 schedules check-ins after move-in', async () => {
    const { customer } = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '入伙业主', phones: [freshMobile()] }),
      now,
    });
    const checkIns = await markMovedIn(database.db, {
      actor: consultantA,
      customerId: customer.id,
      movedInAt: new Date('2026-12-01T02:00:00Z'),
      now,
    });
    expect(checkIns.map((item) => item.plannedAt)).toEqual(
      checkInTimes(new Date('2026-12-01T02:00:00Z'), [7, 30, 90]).map((date) => date.toISOString()),
    );
    expect(checkIns[0].plannedAt).toBe('2026-12-08T02:00:00.000Z');
  });

  it('SA-18 announces a new project only to past customers who consented, logs the sends, and honours unsubscribe', async () => {
    const { customer: willing } = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '老客户甲', phones: [freshMobile()], hasMarketingConsent: true }),
      now,
    });
    await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '老客户乙', phones: [freshMobile()], hasMarketingConsent: false }),
      now,
    });
    const estateManager = await buildStaff(database.db, org, {
      roles: [
        { role: 'manager', projectId: org.estateProjectId },
        { role: 'manager', projectId: org.salesProjectId },
      ],
    });
    const campaign = await createCampaign(database.db, {
      actor: estateManager,
      projectId: org.estateProjectId,
      title: '二期开盘',
      message: '锦绣二期本周六开放样板房',
      now,
    });
    const preview = await previewCampaignRecipients(database.db, {
      actor: estateManager,
      campaignId: campaign.id,
      offset: 0,
      limit: 100,
    });
    expect(preview.items.map((item) => item.name)).toEqual(['老客户甲']);
    expect(preview.items[0].phone).toMatch(/\*{4}/);
    const result = await sendCampaign(database.db, {
      actor: estateManager,
      campaignId: campaign.id,
      siteUrl: 'http://127.0.0.1',
      now,
    });
    expect(result).toEqual({ sent: 1, skipped: 0, skippedForOwnerConsent: 0, cancelled: false });
    await expect(
      sendCampaign(database.db, {
        actor: estateManager,
        campaignId: campaign.id,
        siteUrl: 'http://127.0.0.1',
        now,
      }),
    ).rejects.toThrow(/CAMPAIGN_SENT/);
    const log = await findCampaignSendLog(database.db, {
      actor: estateManager,
      campaignId: campaign.id,
      offset: 0,
      limit: 10,
    });
    expect(log.items).toMatchObject([{ customerName: '老客户甲', status: 'sent' }]);
    const row = await database.db
      .selectFrom('customers')
      .select('unsubscribeToken')
      .where('id', '=', willing.id)
      .executeTakeFirstOrThrow();
    await expect(unsubscribe(database.db, { token: `${willing.id}.wrong-secret`, now })).rejects.toThrow(
      /UNSUBSCRIBE_UNKNOWN/,
    );
    await unsubscribe(database.db, { token: `${willing.id}.${row.unsubscribeToken}`, now });
    expect((await getCustomerForDisplay(database.db, consultantA, willing.id)).hasMarketingConsent).toBe(
      false,
    );
  });
});
