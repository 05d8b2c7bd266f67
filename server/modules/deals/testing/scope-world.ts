import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { buildOrg, buildStaff, testPassword } from '../../../testing/factories.js';
import { holdUnit } from '../../inventory/index.js';
import { buildCustomer } from '../../inventory/testing/index.js';
import { createProject } from '../../org/index.js';
import * as deals from '../deals.service.js';
import { buildDealsFixture, submittedAgreement } from './deal-fixture.js';

type Staff = Actor & { username: string };

/**
 * Issue 13's scope world: deal A and deal B of two consultants of one project, finance of another
 * project, a manager of another company and an administrator.
 */
export async function buildScopeWorld(db: Db, now: Date) {
  /** Deal A: the first consultant's, approved, with its transaction file and ID copy. */
  const dealA = {
    customerId: '',
    agreementId: '',
    fileId: '',
    idCopyId: '',
    receiptId: '',
    depositId: '',
    planId: '',
  };
  /** Deal B: the second consultant's deposit, collected with a third consultant as witness. */
  const dealB = { depositId: '', receiptId: '', planId: '' };
  const world = await buildDealsFixture(db, {
    floors: 1,
    perFloor: 4,
    unitPriceFen: 1_500_000,
    forms: 5,
    now,
  });
  const { fx, finance } = world;
  const projectId = fx.org.salesProjectId;

  const a = await submittedAgreement(db, world, {
    unitId: fx.unitIds[0],
    formNumber: 'RG000001',
    customerName: '陈志强',
    now,
  });
  const approved = await deals.reviewAgreement(db, {
    actor: fx.manager,
    agreementId: a.agreementId,
    decision: 'approve',
    comment: '',
    now,
  });
  const agreement = await deals.getAgreementById(db, fx.manager, a.agreementId);
  const file = await deals.getTransactionFile(db, fx.manager, approved.transactionFileId as string, now);
  Object.assign(dealA, {
    customerId: a.customerId,
    agreementId: a.agreementId,
    fileId: approved.transactionFileId,
    idCopyId: agreement.buyers[0].idCopyFileId,
    receiptId: file.receipts[0].id,
    depositId: file.deposit?.id,
    planId: file.plan?.id,
  });

  const witness: Staff = await buildStaff(db, fx.org, {
    roles: [{ role: 'consultant', projectId }],
    displayName: '孙顾问',
  });
  const customerB = await buildCustomer(db, fx.org, {
    projectId,
    ownerStaffId: fx.consultant2.staffId,
    name: '林女士',
  });
  await holdUnit(db, { actor: fx.consultant2, unitId: fx.unitIds[1], customerId: customerB, now });
  const planB = await deals.createPlan(db, {
    actor: fx.consultant2,
    choices: {
      customerId: customerB,
      unitId: fx.unitIds[1],
      discounts: [],
      paymentMethod: 'lump_sum',
      homeOrder: 'first',
    },
    now,
  });
  const depositB = await deals.requestDeposit(db, {
    actor: fx.consultant2,
    unitId: fx.unitIds[1],
    customerId: customerB,
    planId: planB.id,
    amountFen: 1_000_000,
    note: '',
    now,
  });
  await deals.confirmDeposit(db, { actor: fx.controller, depositId: depositB.id, now });
  const collected = await deals.collectDeposit(db, {
    actor: finance,
    depositId: depositB.id,
    method: 'cash',
    witness: { username: witness.username, password: testPassword },
    idempotencyKey: 'scope-b-0001',
    now,
  });
  Object.assign(dealB, { depositId: depositB.id, receiptId: collected.receipt.id, planId: planB.id });

  const otherProject = await createProject(db, {
    actor: fx.org.system,
    input: { name: '另一个花园', kind: 'sales', city: '深圳', address: '' },
    now,
  });
  const otherProjectFinance: Staff = await buildStaff(db, fx.org, {
    roles: [{ role: 'finance', projectId: otherProject.id }],
  });
  const otherOrg = await buildOrg(db, now);
  // Company-wide grants of another company: they cover every project of *their* company only.
  const otherCompanyManager: Staff = await buildStaff(db, otherOrg, {
    roles: ['manager', 'finance', 'controller'],
  });
  const admin: Staff = await buildStaff(db, fx.org, { roles: ['admin'] });
  return { world, dealA, dealB, witness, otherProjectFinance, otherCompanyManager, admin };
}
