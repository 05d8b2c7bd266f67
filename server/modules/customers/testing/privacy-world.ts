import type { Actor } from '../../../platform/auth/actor.js';
import { startJobRunner } from '../../../platform/jobs/index.js';
import { buildStaff } from '../../../testing/factories.js';
import type { TestDatabase } from '../../../testing/test-database.js';
import { buildDealsFixture, deals, draftAgreement, takeDeposit } from '../../deals/testing/index.js';
import { registerCustomer } from '../use-cases/register-customer.js';

export type PrivacyWorld = Awaited<ReturnType<typeof buildPrivacyWorld>>;

/**
 * A sales office with deals, a DPO, an administrator and a manager of both projects, a job runner
 * on a clock the test moves (`clock.current`), and builders of customers and open deals: the
 * world the personal-data-rights tests (PRIV) act in.
 */
export async function buildPrivacyWorld(database: TestDatabase, now: Date) {
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  const clock = { current: now };
  let phoneCounter = 0;
  const mobile = () => `139${String(20_000_000 + ++phoneCounter * 7919).slice(-8)}`;
  const world = await buildDealsFixture(database.db, {
    floors: 2,
    perFloor: 2,
    unitPriceFen: 2_000_000,
    forms: 5,
    now,
  });
  const { fx } = world;
  const dpo = await buildStaff(database.db, fx.org, { roles: ['dpo'], displayName: '林静' });
  const admin = await buildStaff(database.db, fx.org, { roles: ['admin'] });
  // Manages the project a campaign announces and the one whose customers it reaches (the send
  // log lists only customers its reader may see).
  const estateManager = await buildStaff(database.db, fx.org, {
    roles: [
      { role: 'manager', projectId: fx.org.estateProjectId },
      { role: 'manager', projectId: fx.org.salesProjectId },
    ],
  });
  const runner = startJobRunner({
    database,
    now: () => new Date(clock.current),
    instanceId: 'privacy-test',
    autoStart: false,
    leaseMs: 60_000,
  });

  async function customer(name: string, options: { marketing?: boolean; owner?: Actor; at?: Date } = {}) {
    const { customer: view } = await registerCustomer(database.db, {
      actor: options.owner ?? fx.consultant,
      projectId: fx.org.salesProjectId,
      input: {
        name,
        gender: 'male',
        phones: [mobile()],
        isPhoneRefused: false,
        sourceChannelId: null,
        keyKind: null,
        intentLayout: '三房',
        intentAreaMin: null,
        intentAreaMax: null,
        intentBudgetFen: null,
        intentPurpose: 'self_use',
        notes: '想要南向',
        hasContactConsent: true,
        hasMarketingConsent: options.marketing ?? false,
        consentVia: 'written',
        locale: 'zh-CN',
      },
      now: options.at ?? now,
    });
    return view;
  }

  /** plan → deposit with its receipt → agreement → manager approves: an open transaction file. */
  async function openDeal(customerId: string, unitId: string, formNumber: string, buyerName: string) {
    const { planId } = await takeDeposit(database.db, world, {
      unitId,
      customerId,
      amountFen: 5_000_000,
      now: later(1),
    });
    const { agreementId } = await draftAgreement(database.db, world, {
      planId,
      formNumber,
      buyerName,
      idNumber: '11010519491231002X',
      now: later(2),
    });
    await deals.submitAgreement(database.db, { actor: fx.consultant, agreementId, now: later(3) });
    const approved = await deals.reviewAgreement(database.db, {
      actor: fx.manager,
      agreementId,
      decision: 'approve',
      comment: '',
      now: later(4),
    });
    return approved.transactionFileId ?? '';
  }
  return { world, fx, dpo, admin, estateManager, runner, clock, customer, openDeal };
}
