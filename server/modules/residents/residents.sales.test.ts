import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { buildStaff } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import {
  buildCustomerInput,
  createCampaign,
  findCampaignSendLog,
  freshMobile,
  markMovedIn,
  registerCustomer,
  sendCampaign,
} from '../customers/testing/index.js';
import {
  buildDealsFixture,
  type DealsFixture,
  deals,
  draftAgreement,
  forgetDataKeys,
  takeDeposit,
} from '../deals/testing/index.js';
import { idNumberFor } from '../opening/testing/index.js';
import { setResidentConsent } from './residents.changes.js';
import { findCallerResidents } from './residents.desk.js';
import './index.js';
import { type ListFilters, listResidentsAt } from './testing/index.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

const now = new Date('2026-11-28T02:00:00.000Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
let database: TestDatabase;
let world: DealsFixture;
let buyerId = '';
const buyerPhone = freshMobile();

const listResidents = (actor: Actor, filters: ListFilters = {}) =>
  listResidentsAt(database.db, actor, now, filters);

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  world = await buildDealsFixture(db, { floors: 1, perFloor: 2, unitPriceFen: 1_500_000, forms: 5, now });
  const { fx } = world;
  const { customer } = await registerCustomer(db, {
    actor: fx.consultant,
    projectId: fx.org.salesProjectId,
    input: buildCustomerInput({ name: '林买家', phones: [buyerPhone], hasMarketingConsent: true }),
    now,
  });
  buyerId = customer.id;
  const { planId } = await takeDeposit(db, world, {
    unitId: fx.unitIds[0]!,
    customerId: buyerId,
    amountFen: 2_000_000,
    now,
  });
  const idCopy = await deals.uploadDealFile(db, {
    actor: fx.consultant,
    projectId: fx.org.salesProjectId,
    kind: 'id_copy',
    fileName: '身份证.png',
    bytes: Buffer.from('89504e470d0a1a0a', 'hex'),
    now,
  });
  const { agreementId } = await draftAgreement(db, world, {
    planId,
    formNumber: 'RG000001',
    buyerName: '林买家',
    idNumber: idNumberFor(1),
    input: {
      buyers: [
        {
          name: '林买家',
          idType: 'resident_id',
          idNumber: idNumberFor(1),
          idCopyFileId: idCopy.id,
          hasIdCopyConsent: true,
        },
        {
          name: '林太太',
          idType: 'resident_id',
          idNumber: idNumberFor(2),
          idCopyFileId: idCopy.id,
          hasIdCopyConsent: true,
        },
      ],
    },
    now,
  });
  await deals.submitAgreement(db, { actor: fx.consultant, agreementId, now });
  const approved = await deals.reviewAgreement(db, {
    actor: fx.manager,
    agreementId,
    decision: 'approve',
    comment: '',
    now,
  });
  const moveIn = await deals.scheduleMoveIn(db, {
    actor: fx.consultant,
    fileId: approved.transactionFileId!,
    appointmentAt: later(30),
    place: '物业服务中心',
    propertyOfficeContact: '物业前台',
    propertyOfficePhone: '0755-88880000',
    congratulationMessage: '恭喜乔迁新居',
    now,
  });
  await deals.completeMoveIn(db, { actor: fx.consultant, moveInId: moveIn!.id, now: later(30) });
});

afterAll(async () => {
  await database.drop();
});

describe('sales → property', () => {
  it('SA-17 move-in makes the buyer and co-buyer owners of the unit, and the desk pop knows the buyer', async () => {
    const { fx } = world;
    const owners = await listResidents(fx.manager, {
      projectId: fx.org.salesProjectId,
      sort: 'name',
      limit: 20,
      now: later(31),
    });
    expect(owners.items.map((row) => [row.name, row.role, row.place, row.source, row.moveInOn])).toEqual(
      expect.arrayContaining([
        ['林买家', 'owner', '1栋 · 101', 'move_in', '2026-12-28'],
        ['林太太', 'owner', '1栋 · 101', 'move_in', '2026-12-28'],
      ]),
    );
    expect(owners.items.find((row) => row.name === '林买家')!.isLinkedToUnit).toBe(true);
    const pop = await findCallerResidents(database.db, {
      companyId: fx.org.companyId,
      callerNumber: buyerPhone,
      now: later(31),
    });
    expect(pop.map((row) => [row.name, row.role, row.place, row.moveInOn, row.consultantName])).toEqual([
      ['林买家', 'owner', '1栋 · 101', '2026-12-28', '张顾问'],
    ]);
    // After the first year the owner is no longer new: the consultant is not shown.
    const yearOn = await findCallerResidents(database.db, {
      companyId: fx.org.companyId,
      callerNumber: buyerPhone,
      now: later(30 + 400),
    });
    expect(yearOn[0]!.consultantName).toBeNull();
  });

  it('SA-18 after-move-in care is planned only for an owner who consented', async () => {
    const { fx } = world;
    const refused = await markMovedIn(database.db, {
      actor: fx.consultant,
      customerId: buyerId,
      movedInAt: later(30),
      now: later(30),
    });
    expect(refused).toEqual([]);
    const owner = (
      await listResidents(fx.manager, {
        projectId: fx.org.salesProjectId,
        search: '林买家',
        sort: 'name',
        limit: 5,
        now: later(31),
      })
    ).items[0]!;
    await setResidentConsent(database.db, {
      actor: fx.manager,
      residentId: owner.id,
      afterSalesCare: true,
      announcements: false,
      now: later(31),
    });
    const planned = await markMovedIn(database.db, {
      actor: fx.consultant,
      customerId: buyerId,
      movedInAt: later(31),
      now: later(31),
    });
    expect(planned.length).toBeGreaterThan(0);
  });

  it('SA-18 a new project is announced only to owners who consented; the others are skipped and counted', async () => {
    const { db } = database;
    const { fx } = world;
    const estateManager = await buildStaff(db, fx.org, {
      roles: [{ role: 'manager', projectId: fx.org.estateProjectId }],
      displayName: '新盘经理',
    });
    const announce = async (title: string, at: Date) => {
      const campaign = await createCampaign(db, {
        actor: estateManager,
        projectId: fx.org.estateProjectId,
        title,
        message: '新项目开盘',
        now: at,
      });
      const result = await sendCampaign(db, {
        actor: estateManager,
        campaignId: campaign.id,
        siteUrl: 'http://x',
        now: at,
      });
      const log = await findCampaignSendLog(db, {
        actor: estateManager,
        campaignId: campaign.id,
        offset: 0,
        limit: 50,
      });
      return { result, log };
    };
    const first = await announce('新盘推介一', later(32));
    expect(first.result.skippedForOwnerConsent).toBe(1);
    expect(first.result.sent).toBe(0);
    // The sender sees the count; the log's lines are of customers the sender may see (owner scope).
    expect(first.log.total).toBe(0);
    const owner = (
      await listResidents(fx.manager, {
        projectId: fx.org.salesProjectId,
        search: '林买家',
        sort: 'name',
        limit: 5,
        now: later(33),
      })
    ).items[0]!;
    await setResidentConsent(db, {
      actor: fx.manager,
      residentId: owner.id,
      afterSalesCare: true,
      announcements: true,
      now: later(33),
    });
    const second = await announce('新盘推介二', later(34));
    expect(second.result).toMatchObject({ sent: 1, skippedForOwnerConsent: 0 });
  });
});
