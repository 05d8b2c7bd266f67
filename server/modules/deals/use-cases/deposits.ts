import type { Localized } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { getCustomerById, recordCustomerEvent } from '../../customers/index.js';
import { assertHeldFor, getUnitAt, transitionUnit } from '../../inventory/index.js';
import { notify } from '../../notify/index.js';
import { getSetting } from '../../settings/index.js';
import { dealErrors } from '../deals.errors.js';
import {
  assertCollector,
  assertDealProject,
  assertDepositConfirmer,
  assertProjectRole,
  assertSeesDeal,
  dealScope,
  designatedParticipant,
  seenDeal,
} from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import { maxDepositFen } from '../deals.rules.js';
import type { CollectionMethod, DepositStatus } from '../deals.tables.js';
import { formatYuan } from '../plan.rules.js';
import { runIdempotent } from './idempotency.js';
import { getPlanRow } from './plans.js';
import { issueReceipt, receiptView } from './receipts.js';
import { staffForDuty } from './staff-lookup.js';
import { verifyWitness, type WitnessCredentials } from './witness.js';

export const depositEntity = localized('定金', '定金', 'Deposit');

// Worded in each language: the state is read out in a refusal the user sees.
const statusNames: Record<DepositStatus, Localized> = {
  requested: localized('待复核', '待複核', 'awaiting re-verification'),
  confirmed: localized('已复核待收款', '已複核待收款', 're-verified, awaiting collection'),
  collected: localized('已收款', '已收款', 'collected'),
  cancelled: localized('已取消', '已取消', 'cancelled'),
  voided: localized('已作废', '已作廢', 'voided'),
};

export function depositView(row: queries.DepositRow) {
  return { ...row, amountFen: Number(row.amountFen), priceFen: Number(row.priceFen) };
}

/**
 * A deposit the caller takes part in: its consultant, the one who confirmed it, the collector and
 * the witness, and the colleagues the manager designated to confirm or collect deposits (SA-12);
 * the project's finance, controllers and managers see every deposit. 404 for anyone else.
 */
export async function getDepositRow(db: Tx, actor: Actor, depositId: string) {
  const row = await queries.findDeposit(db, depositId);
  const designated = row
    ? await designatedParticipant(db, actor, row.projectId, ['deposit_confirm', 'collect'])
    : [];
  return seenDeal(
    actor,
    row,
    (deposit) => ({
      companyId: deposit.companyId,
      projectId: deposit.projectId,
      participantIds: [
        deposit.consultantId,
        deposit.confirmedBy,
        deposit.collectedBy,
        deposit.witnessId,
        ...designated,
      ],
    }),
    depositEntity,
  );
}

/**
 * SA-12 step 1: the consultant asks to take a 定金 for a unit held for this customer. The unit is
 * re-verified now; the amount is checked against the Civil Code art. 586 limit; the sales
 * controller and the project manager (and anyone designated) are told to re-check and confirm.
 */
export async function requestDeposit(
  db: Db,
  options: {
    actor: Actor;
    unitId: string;
    customerId: string;
    planId?: string | null;
    amountFen: number;
    note: string;
    now: Date;
  },
) {
  const { actor, now } = options;
  const id = newId();
  const unit = await getUnitAt(db, actor, options.unitId, now);
  // The one who asks is the deposit's consultant: they must take part in the project's deals.
  assertSeesDeal(
    actor,
    { companyId: actor.companyId, projectId: unit.projectId, participantIds: [actor.staffId] },
    depositEntity,
  );
  assertProjectRole(actor, unit.projectId, ['consultant', 'manager', 'controller']);
  const recipients = await staffForDuty(
    db,
    actor,
    unit.projectId,
    ['controller', 'manager'],
    'deposit_confirm',
  );
  await db.transaction().execute(async (trx) => {
    await assertHeldFor(trx, { unitId: unit.id, customerId: options.customerId, now });
    const customer = await getCustomerById(trx, actor, options.customerId);
    let priceFen = unit.listTotalFen;
    if (options.planId) {
      const plan = await getPlanRow(trx, actor, options.planId);
      if (plan.unitId !== unit.id || plan.customerId !== customer.id)
        throw new AppError(
          commonErrors.VALIDATION_FAILED,
          {},
          {
            planId: localized(
              '方案不是该客户该房号的',
              '方案不是該客戶該房號的',
              'The plan is for another unit or customer',
            ),
          },
        );
      priceFen = Number(plan.finalTotalFen);
    }
    if (priceFen === null) throw new AppError(dealErrors.UNIT_NOT_PRICED, { unit: unit.label });
    const maxPercent = await getSetting(trx, 'deals.depositMaxPercent', {
      companyId: actor.companyId,
      projectId: unit.projectId,
    });
    const max = maxDepositFen(priceFen, maxPercent);
    if (options.amountFen > max)
      throw new AppError(
        dealErrors.DEPOSIT_OVER_LIMIT,
        { percent: maxPercent, max: formatYuan(max) },
        { amountFen: dealErrors.DEPOSIT_OVER_LIMIT.message },
      );
    const at = now.toISOString();
    const row: queries.DepositRow = {
      id,
      companyId: actor.companyId,
      projectId: unit.projectId,
      unitId: unit.id,
      unitNumber: unit.label,
      customerId: customer.id,
      customerName: customer.name,
      planId: options.planId ?? null,
      consultantId: actor.staffId,
      amountFen: options.amountFen,
      priceFen,
      status: 'requested',
      note: options.note,
      requestedAt: at,
      confirmedBy: null,
      confirmedByName: null,
      confirmedAt: null,
      collectedBy: null,
      witnessId: null,
      collectedAt: null,
      receiptId: null,
      createdAt: at,
      updatedAt: at,
    };
    await queries.insertDeposit(trx, row);
    const others = recipients.filter((staffId) => staffId !== actor.staffId);
    if (others.length)
      await notify(trx, {
        event: 'deals.depositConfirmRequested',
        projectId: unit.projectId,
        recipients: others.map((staffId) => ({ kind: 'staff' as const, staffId })),
        params: {
          consultant: actor.displayName,
          unit: unit.label,
          customer: customer.name,
          amount: formatYuan(options.amountFen),
        },
        link: '/deals?tab=deposits',
        dedupeKey: `deal-deposit:${id}:confirm`,
        now,
      });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: unit.projectId,
      entityType: 'deal_deposit',
      entityId: id,
      action: 'request',
      after: row,
    });
  });
  return depositView(await getDepositRow(db, actor, id));
}

/** SA-12 step 2: the sales controller or the manager re-verifies the unit at this moment and confirms; recorded with their name. */
export async function confirmDeposit(db: Db, options: { actor: Actor; depositId: string; now: Date }) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const deposit = await getDepositRow(trx, actor, options.depositId);
    await assertDepositConfirmer(trx, actor, deposit.projectId);
    await assertHeldFor(trx, { unitId: deposit.unitId, customerId: deposit.customerId, now });
    const won = await queries.updateDepositIf(trx, deposit.id, ['requested'], {
      status: 'confirmed',
      confirmedBy: actor.staffId,
      confirmedByName: actor.displayName,
      confirmedAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    if (!won) throw new AppError(dealErrors.DEPOSIT_STATE, { status: statusNames[deposit.status] });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: deposit.projectId,
      entityType: 'deal_deposit',
      entityId: deposit.id,
      action: 'confirm',
      after: { confirmedBy: actor.staffId },
    });
  });
  return depositView(await getDepositRow(db, actor, options.depositId));
}

export async function cancelDeposit(
  db: Db,
  options: { actor: Actor; depositId: string; reason: string; now: Date },
) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const deposit = await getDepositRow(trx, actor, options.depositId);
    const won = await queries.updateDepositIf(trx, deposit.id, ['requested', 'confirmed'], {
      status: 'cancelled',
      note: options.reason,
      updatedAt: now.toISOString(),
    });
    if (!won) throw new AppError(dealErrors.DEPOSIT_STATE, { status: statusNames[deposit.status] });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: deposit.projectId,
      entityType: 'deal_deposit',
      entityId: deposit.id,
      action: 'cancel',
      after: { reason: options.reason },
    });
  });
  return depositView(await getDepositRow(db, actor, options.depositId));
}

export interface CollectDepositInput {
  actor: Actor;
  depositId: string;
  method: CollectionMethod;
  witness: WitnessCredentials;
  idempotencyKey: string;
  now: Date;
}

/**
 * SA-12 step 3: finance (or the manager, or whom the manager designated) takes the money with a
 * second authenticated member of staff present. In one transaction: the unit is re-verified as
 * held for this customer, moves to deposited, the receipt gets the next gap-free number, and the
 * deposit is marked collected. A retried request (same key) gets the first answer back.
 */
export async function collectDeposit(db: Db, input: CollectDepositInput) {
  const { actor, now } = input;
  const deposit = await getDepositRow(db, actor, input.depositId);
  let witness: { staffId: string; displayName: string } | null = null;
  const answer = await runIdempotent(
    db,
    {
      scope: 'deals.deposit.collect',
      key: input.idempotencyKey,
      actorId: actor.staffId,
      // The password is deliberately not part of the fingerprint.
      request: {
        depositId: input.depositId,
        method: input.method,
        witness: input.witness.username.trim().toLowerCase(),
      },
      now,
    },
    async (trx) => {
      const current = await queries.findDeposit(trx, deposit.id);
      if (!current || !witness) throw new AppError(commonErrors.NOT_FOUND, { entity: depositEntity });
      if (current.status === 'requested') throw new AppError(dealErrors.DEPOSIT_NOT_CONFIRMED);
      if (current.status !== 'confirmed')
        throw new AppError(dealErrors.DEPOSIT_STATE, { status: statusNames[current.status] });
      await assertHeldFor(trx, { unitId: current.unitId, customerId: current.customerId, now });
      await transitionUnit(trx, {
        actor,
        unitId: current.unitId,
        from: ['held'],
        to: 'deposited',
        customerId: current.customerId,
        reason: `定金 ${formatYuan(Number(current.amountFen))} 元`,
        now,
      });
      const receipt = await issueReceipt(trx, {
        actor,
        projectId: current.projectId,
        purpose: 'deposit',
        depositId: current.id,
        customerId: current.customerId,
        unitId: current.unitId,
        unitNumber: current.unitNumber,
        payerName: current.customerName,
        amountFen: Number(current.amountFen),
        method: input.method,
        witness,
        now,
      });
      const won = await queries.updateDepositIf(trx, current.id, ['confirmed'], {
        status: 'collected',
        collectedBy: actor.staffId,
        witnessId: witness.staffId,
        collectedAt: now.toISOString(),
        receiptId: receipt.id,
        updatedAt: now.toISOString(),
      });
      if (!won) throw new AppError(commonErrors.CONCURRENT_CHANGE);
      await recordCustomerEvent(trx, {
        actor,
        customerId: current.customerId,
        kind: 'deposit',
        refId: current.id,
        summary: `${current.unitNumber} 定金 ${formatYuan(Number(current.amountFen))} 元,收据 ${receipt.number}`,
        at: now,
      });
      await writeAudit(trx, {
        actor,
        at: now,
        projectId: current.projectId,
        entityType: 'deal_deposit',
        entityId: current.id,
        action: 'collect',
        after: {
          receiptId: receipt.id,
          collectedBy: actor.staffId,
          witnessId: witness.staffId,
          method: input.method,
        },
      });
      return { depositId: current.id, receipt: receiptView(receipt) };
    },
    async () => {
      await assertCollector(db, actor, deposit.projectId);
      witness = await verifyWitness(db, {
        actor,
        projectId: deposit.projectId,
        credentials: input.witness,
        now,
      });
    },
  );
  return { ...answer.body, isReplay: answer.isReplay };
}

export async function findDeposits(
  db: Db,
  actor: Actor,
  query: {
    projectId?: string;
    status?: DepositStatus;
    customerId?: string;
    unitId?: string;
    order: 'asc' | 'desc';
    offset: number;
    limit: number;
  },
) {
  if (query.projectId) await assertDealProject(db, actor, query.projectId);
  const { rows, total } = await queries.findDepositPage(db, dealScope(actor), query, query);
  return { rows: rows.map(depositView), total };
}
