import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { getCustomerById, recordCustomerEvent } from '../../customers/index.js';
import { notify } from '../../notify/index.js';
import { recordOwnersAtMoveIn } from '../../residents/index.js';
import { dealErrors } from '../deals.errors.js';
import { assertProjectRole, dealScope, seenDeal } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import { shanghaiMinute, type TaskKind, taskView } from '../deals.rules.js';
import { customerRecipient, insertTask, recordReminder } from './reminders.js';
import { getFileRow } from './transaction-file.js';

/**
 * SA-17 move-in (入伙): the handover appointment, the consultant's task to accompany the owner to
 * the property office, and a notice to the owner with the property office's contact.
 */
export async function scheduleMoveIn(
  db: Db,
  options: {
    actor: Actor;
    fileId: string;
    appointmentAt: Date;
    place: string;
    propertyOfficeContact: string;
    propertyOfficePhone: string;
    congratulationMessage: string;
    now: Date;
  },
) {
  const { actor, now } = options;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const file = await getFileRow(trx, actor, options.fileId);
    assertProjectRole(actor, file.projectId, ['consultant', 'manager']);
    if (file.status === 'cancelled') throw new AppError(dealErrors.FILE_STATE);
    const customer = await getCustomerById(trx, actor, file.customerId);
    const at = now.toISOString();
    await queries.insertMoveIn(trx, {
      id,
      transactionFileId: file.id,
      projectId: file.projectId,
      appointmentAt: options.appointmentAt.toISOString(),
      place: options.place,
      propertyOfficeContact: options.propertyOfficeContact,
      propertyOfficePhone: options.propertyOfficePhone,
      accompanyStaffId: file.consultantId,
      congratulationMessage: options.congratulationMessage,
      status: 'scheduled',
      completedAt: null,
      createdAt: at,
      updatedAt: at,
    });
    const params = {
      customerName: customer.name,
      unit: file.unitNumber,
      time: shanghaiMinute(options.appointmentAt),
      place: options.place,
      propertyContact: `${options.propertyOfficeContact} ${options.propertyOfficePhone}`.trim(),
    };
    const dayBefore = new Date(options.appointmentAt.getTime() - 86_400_000);
    const sendAt = dayBefore.getTime() > now.getTime() ? dayBefore : now;
    const taskKey = `deal:${file.id}:move-in:${id}:consultant`;
    await notify(trx, {
      event: 'deals.moveInTask',
      projectId: file.projectId,
      recipients: [{ kind: 'staff', staffId: file.consultantId }],
      params,
      sendAt,
      dedupeKey: taskKey,
      link: `/deals/files/${file.id}`,
      now,
    });
    await insertTask(trx, {
      file,
      subject: {
        kind: 'move_in_accompany',
        params: {
          customerName: customer.name,
          appointmentAt: options.appointmentAt.toISOString(),
          place: options.place,
        },
      },
      checklist: [],
      dueAt: options.appointmentAt,
      now,
    });
    await recordReminder(trx, {
      file,
      kind: 'move_in_consultant',
      recipientKind: 'staff',
      recipientId: file.consultantId,
      recipientName: '置业顾问',
      sendAt,
      title: '陪同入伙任务',
      body: `${params.time} ${options.place}`,
      dedupeKey: taskKey,
      now,
    });
    const noticeKey = `deal:${file.id}:move-in:${id}:customer`;
    await notify(trx, {
      event: 'deals.moveInNotice',
      projectId: file.projectId,
      recipients: [customerRecipient(customer)],
      params,
      sendAt,
      dedupeKey: noticeKey,
      now,
    });
    await recordReminder(trx, {
      file,
      kind: 'move_in_customer',
      recipientKind: 'customer',
      recipientId: customer.id,
      recipientName: customer.name,
      sendAt,
      title: '入伙通知',
      body: `${params.time} ${options.place},物业 ${params.propertyContact}`,
      dedupeKey: noticeKey,
      now,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: file.projectId,
      entityType: 'deal_move_in',
      entityId: id,
      action: 'schedule',
      after: { appointmentAt: options.appointmentAt.toISOString(), place: options.place },
    });
  });
  // Written by the transaction above, so it is there.
  return (await queries.findMoveIn(db, id))!;
}

/**
 * Handover done: the congratulation goes to the owner, the unit is sold (if still contracted), the
 * file completes, and the buyers become the unit's owners in the residents register (SA-17).
 */
export async function completeMoveIn(
  db: Db,
  options: {
    actor: Actor;
    moveInId: string;
    /** SA-18: the consent the owner gave at the handover, if asked there; else the register's desk records it. */
    consent?: { afterSalesCare: boolean; announcements: boolean };
    now: Date;
  },
) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const moveIn = await queries.findMoveIn(trx, options.moveInId);
    if (!moveIn) throw new AppError(commonErrors.NOT_FOUND, { entity: localized('入伙', '入夥', 'Move-in') });
    const file = await getFileRow(trx, actor, moveIn.transactionFileId);
    assertProjectRole(actor, file.projectId, ['consultant', 'manager']);
    const at = now.toISOString();
    if (
      !(await queries.updateMoveInIf(trx, moveIn.id, 'scheduled', {
        status: 'completed',
        completedAt: at,
        updatedAt: at,
      }))
    )
      throw new AppError(dealErrors.FILE_STATE);
    const customer = await getCustomerById(trx, actor, file.customerId);
    const key = `deal:${file.id}:move-in:${moveIn.id}:congratulation`;
    await notify(trx, {
      event: 'deals.congratulation',
      projectId: file.projectId,
      recipients: [customerRecipient(customer)],
      params: { customerName: customer.name, message: moveIn.congratulationMessage },
      dedupeKey: key,
      now,
    });
    await recordReminder(trx, {
      file,
      kind: 'congratulation',
      recipientKind: 'customer',
      recipientId: customer.id,
      recipientName: customer.name,
      sendAt: now,
      title: '入伙祝贺',
      body: moveIn.congratulationMessage,
      dedupeKey: key,
      now,
    });
    await queries.updateTransactionFile(trx, file.id, {
      status: 'completed',
      handedOverAt: at,
      updatedAt: at,
    });
    // SA-17: the buyer and co-buyers become the unit's owners in the property desk's register.
    const coBuyers = (await queries.findBuyers(trx, file.agreementId)).filter(
      (buyer) => buyer.name.trim() && buyer.name.trim() !== customer.name.trim(),
    );
    await recordOwnersAtMoveIn(trx, {
      actor,
      unitId: file.unitId,
      owners: [
        { customerId: customer.id, name: customer.name, phones: customer.phones },
        ...coBuyers.map((buyer) => ({ customerId: null, name: buyer.name.trim(), phones: [] })),
      ],
      consultantStaffId: file.consultantId,
      movedInAt: now,
      consent: options.consent,
      now,
    });
    await recordCustomerEvent(trx, {
      actor,
      customerId: file.customerId,
      kind: 'move_in',
      refId: moveIn.id,
      summary: `${file.unitNumber} 已入伙`,
      at: now,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: file.projectId,
      entityType: 'deal_move_in',
      entityId: moveIn.id,
      action: 'complete',
    });
  });
  // Written by the transaction above, so it is there.
  return (await queries.findMoveIn(db, options.moveInId))!;
}

export async function completeTask(db: Db, options: { actor: Actor; taskId: string; now: Date }) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    // A task is its holder's own, in a deal they still take part in.
    const found = await queries.findTaskInDeal(trx, options.taskId);
    const task = seenDeal(
      actor,
      found?.staffId === actor.staffId ? found : undefined,
      (row) => ({
        companyId: row.companyId,
        projectId: row.projectId,
        participantIds: [row.consultantId, row.staffId],
      }),
      localized('任务', '任務', 'Task'),
    );
    if (!(await queries.updateTaskIf(trx, task.id, 'open', { status: 'done', doneAt: now.toISOString() })))
      throw new AppError(dealErrors.FILE_STATE);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: task.projectId,
      entityType: 'deal_transaction_file',
      entityId: task.transactionFileId,
      action: 'task_done',
      after: { taskId: task.id, title: task.title },
    });
  });
}

/** The actor's own tasks across all their deals (SA-14 follow-ups, SA-17 accompaniments), a page at a time. */
export async function findMyTasks(
  db: Db,
  actor: Actor,
  query: {
    status?: 'open' | 'done';
    kind?: TaskKind;
    search?: string;
    sort: 'dueAt' | 'unitNumber' | 'customerName';
    order: 'asc' | 'desc';
    offset: number;
    limit: number;
  },
) {
  const { rows, total } = await queries.findTaskPage(
    db,
    dealScope(actor),
    { staffId: actor.staffId, status: query.status, kind: query.kind, search: query.search },
    query,
  );
  return {
    rows: rows.map(taskView),
    total,
  };
}
