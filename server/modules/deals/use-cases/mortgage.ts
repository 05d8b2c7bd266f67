import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { cancelNotifications } from '../../notify/index.js';
import { dealErrors } from '../deals.errors.js';
import { assertProjectRole } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import { documentInChinese } from '../deals.rules.js';
import { scheduleMortgageNotices } from './reminders.js';
import { getFileRow } from './transaction-file.js';

/** SA-16: a bank appointment (bank, place, time, documents to bring) with notices 7, 3 and 1 day before. */
export async function scheduleMortgageAppointment(
  db: Db,
  options: {
    actor: Actor;
    fileId: string;
    bank: string;
    place: string;
    appointmentAt: Date;
    documents: string[];
    now: Date;
  },
) {
  const { actor, now } = options;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const file = await getFileRow(trx, actor, options.fileId);
    assertProjectRole(actor, file.projectId, ['consultant', 'manager']);
    if (file.status === 'cancelled') throw new AppError(dealErrors.FILE_STATE);
    if (options.appointmentAt.getTime() <= now.getTime())
      throw new AppError(
        commonErrors.VALIDATION_FAILED,
        {},
        {
          appointmentAt: {
            'zh-CN': '预约时间须在将来',
            'zh-TW': '預約時間須在將來',
            en: 'Must be in the future',
          },
        },
      );
    const at = now.toISOString();
    const row: queries.MortgageRow = {
      id,
      transactionFileId: file.id,
      projectId: file.projectId,
      bank: options.bank,
      place: options.place,
      appointmentAt: options.appointmentAt.toISOString(),
      documentsJson: JSON.stringify(options.documents),
      status: 'scheduled',
      outcomeNote: '',
      approvedAmountFen: null,
      createdBy: actor.staffId,
      createdAt: at,
      updatedAt: at,
    };
    await queries.insertMortgage(trx, row);
    await scheduleMortgageNotices(trx, {
      actor,
      file,
      appointment: row,
      documents: options.documents.map(documentInChinese).join('、'),
      now,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: file.projectId,
      entityType: 'deal_mortgage',
      entityId: id,
      action: 'schedule',
      after: row,
    });
  });
  // Written by the transaction above, so it is there.
  return (await queries.findMortgage(db, id))!;
}

/** The outcome: completed (documents handed in, amount approved) or failed / cancelled (notices withdrawn). */
export async function recordMortgageOutcome(
  db: Db,
  options: {
    actor: Actor;
    appointmentId: string;
    status: 'completed' | 'failed' | 'cancelled';
    note: string;
    approvedAmountFen: number | null;
    now: Date;
  },
) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const appointment = await queries.findMortgage(trx, options.appointmentId);
    if (!appointment)
      throw new AppError(commonErrors.NOT_FOUND, {
        entity: localized('按揭预约', '按揭預約', 'Mortgage appointment'),
      });
    const file = await getFileRow(trx, actor, appointment.transactionFileId);
    assertProjectRole(actor, file.projectId, ['consultant', 'manager']);
    const won = await queries.updateMortgageIf(trx, appointment.id, 'scheduled', {
      status: options.status,
      outcomeNote: options.note,
      approvedAmountFen: options.approvedAmountFen,
      updatedAt: now.toISOString(),
    });
    if (!won) throw new AppError(dealErrors.FILE_STATE);
    const prefix = `deal:${file.id}:mortgage:${appointment.id}:`;
    await cancelNotifications(trx, { dedupeKeyPrefix: prefix, now });
    await queries.cancelReminders(trx, file.id, prefix);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: file.projectId,
      entityType: 'deal_mortgage',
      entityId: appointment.id,
      action: options.status,
      after: { note: options.note, approvedAmountFen: options.approvedAmountFen },
    });
  });
  // Written by the transaction above, so it is there.
  return (await queries.findMortgage(db, options.appointmentId))!;
}
