import { deals, draftAgreement, takeDeposit } from '../../modules/deals/testing/index.js';
import { idNumberFor } from '../../modules/opening/testing/index.js';
import type { TestOrg } from '../factories.js';
import { minutes, type SiteContext } from './site.js';

/**
 * A deal of the other consultant: plan, 定金 and its receipt, the buyer's ID copy, an agreement
 * reviewed into a transaction file with a statement, a mortgage appointment and a move-in.
 */
export async function buildDeal(
  ctx: SiteContext,
  { buildingId, unitIds, customerId }: { buildingId: string; unitIds: string[]; customerId: string },
) {
  const { db, site, now, mark, add, companyId, projectId, other, controller, manager, finance } = ctx;
  const fx = {
    fx: {
      org: { companyId, salesProjectId: projectId } as TestOrg,
      consultant: other,
      controller,
      manager,
      manager2: manager,
      consultant2: other,
      buildingId,
      unitIds,
    },
    finance,
  };
  const dealAt = minutes(now, 10);
  const { planId, depositId, receiptId } = await takeDeposit(db, fx, {
    unitId: unitIds[0]!,
    customerId,
    amountFen: 2_000_000,
    note: `${mark}定金备注`,
    now: dealAt,
  });
  const participants = { participantIds: [other.staffId, controller.staffId, finance.staffId] };
  add('plan', planId, { scoped: { participantIds: [other.staffId] }, table: 'dealPlans' });
  add('deposit', depositId, { markers: [`${mark}定金备注`], scoped: participants, table: 'dealDeposits' });
  add('receipt', receiptId, { scoped: participants, table: 'dealReceipts' });
  const idNumber = idNumberFor(site.name === 'p1' ? 101 : site.name === 'p2' ? 102 : 103);
  const { agreementId, idCopyId } = await draftAgreement(db, fx, {
    planId,
    formNumber: 'RG000001',
    buyerName: `${mark}买受人`,
    idNumber,
    now: minutes(dealAt, 5),
  });
  add('file', idCopyId, { scoped: { participantIds: [other.staffId] }, table: 'dealFiles' });
  await deals.submitAgreement(db, { actor: other, agreementId, now: minutes(dealAt, 6) });
  await deals.reviewAgreement(db, {
    actor: manager,
    agreementId,
    decision: 'approve',
    comment: '',
    now: minutes(dealAt, 7),
  });
  add('agreement', agreementId, {
    markers: [`${mark}买受人`],
    secrets: [{ value: idNumber, field: 'idNumber' }],
    scoped: { participantIds: [other.staffId, manager.staffId] },
    table: 'dealAgreements',
  });
  const transactionFile = await db
    .selectFrom('dealTransactionFiles')
    .select('id')
    .where('projectId', '=', projectId)
    .executeTakeFirstOrThrow();
  add('transactionFile', transactionFile.id, {
    scoped: { participantIds: [other.staffId] },
    table: 'dealTransactionFiles',
  });
  const statementIdNumber = idNumberFor(site.name === 'p1' ? 111 : site.name === 'p2' ? 112 : 113);
  const statement = await deals.createThirdPartyStatement(db, {
    actor: other,
    fileId: transactionFile.id,
    payerName: `${mark}代付人`,
    payerIdType: 'resident_id',
    payerIdNumber: statementIdNumber,
    amountFen: 100_000,
    now: minutes(dealAt, 8),
  });
  add('statement', statement.id, {
    markers: [`${mark}代付人`],
    secrets: [{ value: statementIdNumber, field: 'idNumber' }],
    scoped: { participantIds: [other.staffId] },
    table: 'dealThirdPartyStatements',
  });
  await deals.scheduleMortgageAppointment(db, {
    actor: other,
    fileId: transactionFile.id,
    bank: `${mark}银行`,
    place: `${mark}支行`,
    appointmentAt: minutes(now, 60 * 24 * 5),
    documents: ['身份证', '收入证明'],
    now: minutes(dealAt, 9),
  });
  const mortgage = await db
    .selectFrom('dealMortgageAppointments')
    .select('id')
    .where('transactionFileId', '=', transactionFile.id)
    .executeTakeFirstOrThrow();
  add('mortgage', mortgage.id, {
    markers: [`${mark}银行`],
    scoped: { participantIds: [other.staffId] },
    table: 'dealMortgageAppointments',
  });
  await deals.scheduleMoveIn(db, {
    actor: other,
    fileId: transactionFile.id,
    appointmentAt: minutes(now, 60 * 24 * 6),
    place: `${mark}入伙地点`,
    propertyOfficeContact: '物业',
    propertyOfficePhone: '0755-1234567',
    congratulationMessage: '',
    now: minutes(dealAt, 10),
  });
  const moveIn = await db
    .selectFrom('dealMoveIns')
    .select('id')
    .where('transactionFileId', '=', transactionFile.id)
    .executeTakeFirstOrThrow();
  add('moveIn', moveIn.id, {
    markers: [`${mark}入伙地点`],
    scoped: { participantIds: [other.staffId] },
    table: 'dealMoveIns',
  });
  const task = await db
    .selectFrom('dealTasks')
    .select(['id', 'staffId'])
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  if (task) add('task', task.id, { scoped: { participantIds: [task.staffId] }, table: 'dealTasks' });
  const designation = await deals.designate(db, {
    actor: manager,
    projectId,
    staffId: controller.staffId,
    duty: 'agreement_review',
    now,
  });
  add('designation', designation.id, {
    scoped: { participantIds: [controller.staffId, manager.staffId] },
    table: 'dealDesignations',
  });
  const form = await db
    .selectFrom('dealForms')
    .select('id')
    .where('projectId', '=', projectId)
    .where('status', '=', 'in_stock')
    .executeTakeFirstOrThrow();
  add('form', form.id, { scoped: {}, table: 'dealForms' });
}
