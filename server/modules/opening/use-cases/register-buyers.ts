import {
  checkResidentId,
  normaliseResidentId,
  residentIdProblemText,
  shanghaiToday,
} from '../../../../contracts/resident-id.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { isUniqueViolation } from '../../../platform/db/constraints.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { maskIdNumber, maskPhone } from '../../../platform/privacy/mask.js';
import { writeAudit } from '../../audit/index.js';
import { openingErrors } from '../opening.errors.js';
import * as queries from '../opening.queries.js';
import { normaliseMobile, sha256 } from '../opening.rules.js';
import type { OpeningBuyersTable } from '../opening.tables.js';
import { buyerEntity, getEventForStaff } from './staff-access.js';

// --- staff: eligible buyers (认筹客户) ---

export interface BuyerInput {
  name: string;
  phone: string;
  idNumber: string;
  pledgeNumber: string;
  customerId?: string | null;
  /** The registering staff member checked the ID document against the person. */
  idVerified: boolean;
}

function buyerFieldErrors(input: BuyerInput, prefix: string, today: string) {
  const fields: Record<string, ReturnType<typeof localized>> = {};
  if (!normaliseMobile(input.phone))
    fields[`${prefix}phone`] = localized(
      '请输入 11 位手机号',
      '請輸入 11 位手機號',
      'Enter an 11-digit mainland mobile number',
    );
  const idProblem = checkResidentId(input.idNumber, today);
  if (idProblem) fields[`${prefix}idNumber`] = residentIdProblemText[idProblem];
  return fields;
}

/** Registers eligible buyers (one or many); PRIV: the ID number is kept only masked and hashed. */
export async function registerBuyers(
  db: Db,
  options: { actor: Actor; eventId: string; buyers: BuyerInput[]; now: Date },
) {
  const { actor, now } = options;
  const event = await getEventForStaff(db, actor, options.eventId, { manage: true });
  const fields = Object.assign(
    {},
    ...options.buyers.map((buyer, index) =>
      buyerFieldErrors(buyer, options.buyers.length === 1 ? '' : `buyers.${index}.`, shanghaiToday(now)),
    ),
  );
  if (Object.keys(fields).length) throw new AppError(commonErrors.VALIDATION_FAILED, {}, fields);
  const rows: OpeningBuyersTable[] = options.buyers.map((buyer) => {
    const idNumber = normaliseResidentId(buyer.idNumber);
    return {
      id: newId(),
      eventId: event.id,
      name: buyer.name,
      phone: normaliseMobile(buyer.phone)!,
      idNumberMasked: maskIdNumber(idNumber),
      idNumberHash: sha256(`${event.id}:${idNumber}`),
      idVerifiedBy: buyer.idVerified ? actor.staffId : null,
      idVerifiedAt: buyer.idVerified ? now.toISOString() : null,
      pledgeNumber: buyer.pledgeNumber,
      customerId: buyer.customerId ?? null,
      pickCount: 0,
      codeHash: null,
      codeExpiresAt: null,
      codeAttempts: 0,
      codeSentAt: null,
      demoCode: null,
      sessionHash: null,
      sessionExpiresAt: null,
      createdAt: now.toISOString(),
    };
  });
  try {
    await db.transaction().execute(async (trx) => {
      await queries.insertBuyers(trx, rows);
      await writeAudit(trx, {
        actor,
        at: now,
        entityType: 'opening_buyers',
        entityId: event.id,
        projectId: event.projectId,
        action: 'register',
        after: rows.map((row) => ({
          id: row.id,
          name: row.name,
          phone: maskPhone(row.phone),
          pledgeNumber: row.pledgeNumber,
          idVerified: row.idVerifiedAt !== null,
        })),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(openingErrors.BUYER_DUPLICATE);
    throw error;
  }
  return rows;
}

/** Marks a buyer's ID document as checked by this member of staff. */
export async function verifyBuyerId(db: Db, options: { actor: Actor; buyerId: string; now: Date }) {
  const buyer = await queries.findBuyerRow(db, options.buyerId);
  if (!buyer) throw new AppError(commonErrors.NOT_FOUND, { entity: buyerEntity });
  const event = await getEventForStaff(db, options.actor, buyer.eventId, {
    manage: true,
    entity: buyerEntity,
  });
  await db.transaction().execute(async (trx) => {
    await queries.updateBuyerRow(trx, buyer.id, {
      idVerifiedBy: options.actor.staffId,
      idVerifiedAt: options.now.toISOString(),
    });
    await writeAudit(trx, {
      actor: options.actor,
      at: options.now,
      entityType: 'opening_buyer',
      entityId: buyer.id,
      projectId: event.projectId,
      action: 'verify_id',
      after: { idVerified: true },
    });
  });
}
