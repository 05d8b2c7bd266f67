import { randomBytes } from 'node:crypto';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { buildStaff, testPassword } from '../../../testing/factories.js';
import { createPriceListDraft, decidePriceList, holdUnit } from '../../inventory/index.js';
import { buildCustomer, buildInventory, type InventoryFixture } from '../../inventory/testing/index.js';
import * as deals from '../deals.service.js';
import type { AgreementInput } from '../use-cases/agreements.js';
import type { PlanChoices } from '../use-cases/plans.js';

/** Bytes that pass the upload's PNG signature check. */
export const testPng = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(64),
]);

export interface DealsFixture {
  fx: InventoryFixture;
  finance: Actor & { username: string };
}

/**
 * An inventory with a cashier, every unit priced by an approved price list and, when `forms` is
 * given, a batch of numbered agreement forms RG000001…
 */
export async function buildDealsFixture(
  db: Db,
  options: { floors: number; perFloor: number; unitPriceFen: number; forms?: number; now: Date },
): Promise<DealsFixture> {
  const { now } = options;
  const fx = await buildInventory(db, { floors: options.floors, perFloor: options.perFloor, now });
  const projectId = fx.org.salesProjectId;
  const finance = await buildStaff(db, fx.org, {
    roles: [{ role: 'finance', projectId }],
    displayName: '周出纳',
  });
  await approvePrices(db, fx, { name: '首开价目表', unitPriceFen: options.unitPriceFen, now });
  if (options.forms)
    await deals.issueFormBatch(db, {
      actor: fx.manager,
      projectId,
      prefix: 'RG',
      firstSerial: 1,
      lastSerial: options.forms,
      width: 6,
      note: '',
      now,
    });
  return { fx, finance };
}

/** Every unit of the inventory priced at `unitPriceFen` by a price list the manager approved. */
async function approvePrices(
  db: Db,
  fx: InventoryFixture,
  options: { name: string; unitPriceFen: number; now: Date },
) {
  const { now } = options;
  const draft = await createPriceListDraft(db, {
    actor: fx.controller,
    projectId: fx.org.salesProjectId,
    name: options.name,
    note: '',
    prices: fx.unitIds.map((unitId) => ({ unitId, unitPriceFen: options.unitPriceFen })),
    now,
  });
  await decidePriceList(db, { actor: fx.manager, priceListId: draft.id, decision: 'approve', note: '', now });
}

/**
 * The set-up of the HTTP-edge tests: one floor of two priced units, a customer 陈先生 of the
 * project's consultant, and the first unit held for them.
 */
export async function buildHeldUnit(db: Db, options: { unitPriceFen: number; now: Date }) {
  const { now } = options;
  const fx = await buildInventory(db, { floors: 1, perFloor: 2, now });
  const customerId = await buildCustomer(db, fx.org, {
    projectId: fx.org.salesProjectId,
    ownerStaffId: fx.consultant.staffId,
    name: '陈先生',
  });
  await approvePrices(db, fx, { name: 'v1', unitPriceFen: options.unitPriceFen, now });
  await holdUnit(db, { actor: fx.consultant, unitId: fx.unitIds[0], customerId, now });
  return { fx, customerId };
}

const minutesAfter = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000);

/**
 * SA-9 / SA-12 in order: the consultant holds the unit and makes a plan, asks for a 定金, the
 * controller re-verifies a minute later and finance collects it with the controller present.
 */
export async function takeDeposit(
  db: Db,
  { fx, finance }: DealsFixture,
  options: {
    unitId: string;
    customerId: string;
    amountFen: number;
    plan?: Partial<PlanChoices>;
    note?: string;
    now: Date;
  },
) {
  const { unitId, customerId, now } = options;
  await holdUnit(db, { actor: fx.consultant, unitId, customerId, now });
  const plan = await deals.createPlan(db, {
    actor: fx.consultant,
    choices: {
      customerId,
      unitId,
      discounts: [],
      paymentMethod: 'lump_sum',
      homeOrder: 'first',
      ...options.plan,
    },
    now,
  });
  const deposit = await deals.requestDeposit(db, {
    actor: fx.consultant,
    unitId,
    customerId,
    planId: plan.id,
    amountFen: options.amountFen,
    note: options.note ?? '',
    now,
  });
  await deals.confirmDeposit(db, { actor: fx.controller, depositId: deposit.id, now: minutesAfter(now, 1) });
  const collected = await deals.collectDeposit(db, {
    actor: finance,
    depositId: deposit.id,
    method: 'transfer',
    witness: { username: fx.controller.username, password: testPassword },
    idempotencyKey: randomBytes(8).toString('hex'),
    now: minutesAfter(now, 2),
  });
  return { planId: plan.id, depositId: deposit.id, receiptId: collected.receipt.id };
}

/** An agreement's content: one buyer signing in person, with the ID copy and its consent. */
export function agreementInput(buyer: {
  buyerName: string;
  idNumber: string;
  idCopyFileId: string;
}): AgreementInput {
  return {
    buyers: [
      {
        name: buyer.buyerName,
        idType: 'resident_id',
        idNumber: buyer.idNumber,
        idCopyFileId: buyer.idCopyFileId,
        hasIdCopyConsent: true,
      },
    ],
    signerKind: 'buyer',
    signerBuyerIndex: 0,
    agent: null,
    signedOn: '2026-11-28',
    downPaymentDueOn: '2026-12-20',
    contractDueOn: '2027-01-10',
  };
}

/** SA-13: the consultant uploads the buyer's ID copy and fills in a draft agreement on a form. */
export async function draftAgreement(
  db: Db,
  { fx }: DealsFixture,
  options: {
    planId: string;
    formNumber: string;
    buyerName: string;
    idNumber: string;
    /** Fields that differ from the usual form (dates, say). */
    input?: Partial<AgreementInput>;
    now: Date;
  },
) {
  const { now } = options;
  const idCopy = await deals.uploadDealFile(db, {
    actor: fx.consultant,
    projectId: fx.org.salesProjectId,
    kind: 'id_copy',
    fileName: '身份证.png',
    bytes: testPng,
    now,
  });
  const agreement = await deals.createAgreement(db, {
    actor: fx.consultant,
    planId: options.planId,
    formNumber: options.formNumber,
    input: {
      ...agreementInput({
        buyerName: options.buyerName,
        idNumber: options.idNumber,
        idCopyFileId: idCopy.id,
      }),
      ...options.input,
    },
    now,
  });
  return { agreementId: agreement.id, idCopyId: idCopy.id };
}

/**
 * A new customer of the first consultant, through 定金 to an agreement submitted for review on
 * `formNumber` (the fixture's forms must include it).
 */
export async function submittedAgreement(
  db: Db,
  world: DealsFixture,
  options: {
    unitId: string;
    formNumber: string;
    customerName: string;
    plan?: Partial<PlanChoices>;
    input?: Partial<AgreementInput>;
    now: Date;
  },
) {
  const { fx } = world;
  const { now } = options;
  const customerId = await buildCustomer(db, fx.org, {
    projectId: fx.org.salesProjectId,
    ownerStaffId: fx.consultant.staffId,
    name: options.customerName,
  });
  const { planId } = await takeDeposit(db, world, {
    unitId: options.unitId,
    customerId,
    amountFen: 2_000_000,
    plan: options.plan,
    now,
  });
  const { agreementId } = await draftAgreement(db, world, {
    planId,
    formNumber: options.formNumber,
    buyerName: options.customerName,
    idNumber: '11010519491231002X',
    input: options.input,
    now,
  });
  await deals.submitAgreement(db, { actor: fx.consultant, agreementId, now });
  return { customerId, agreementId };
}

/** A submitted agreement approved by the manager: its open transaction file (sealed that day). */
export async function openTransactionFile(
  db: Db,
  world: DealsFixture,
  options: Parameters<typeof submittedAgreement>[2],
) {
  const { agreementId } = await submittedAgreement(db, world, options);
  const approved = await deals.reviewAgreement(db, {
    actor: world.fx.manager,
    agreementId,
    decision: 'approve',
    comment: '',
    now: options.now,
  });
  return { fileId: approved.transactionFileId!, depositId: approved.depositId! };
}

/** Finance records a file's whole down payment from the buyer, witnessed by the controller. */
export async function payDownPayment(
  db: Db,
  world: DealsFixture,
  options: { fileId: string; idempotencyKey?: string; now: Date },
) {
  const view = await deals.getTransactionFile(db, world.finance, options.fileId, options.now);
  const item = view.paymentItems.find((row) => row.kind === 'down_payment')!;
  await deals.recordPayment(db, {
    actor: world.finance,
    fileId: options.fileId,
    paymentItemId: item.id,
    amountFen: item.amountFen,
    method: 'transfer',
    payerKind: 'buyer',
    payerName: view.file.customerName,
    statementId: null,
    witness: { username: world.fx.controller.username, password: testPassword },
    idempotencyKey: options.idempotencyKey ?? randomBytes(8).toString('hex'),
    now: options.now,
  });
}
