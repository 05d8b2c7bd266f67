import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { maskIdNumber } from '../../../platform/privacy/mask.js';
import { writeAudit } from '../../audit/index.js';
import { recordCustomerEvent } from '../../customers/index.js';
import { cancelEscalation, cancelNotifications } from '../../notify/index.js';
import { encryptText } from '../deals.crypto.js';
import { dealErrors } from '../deals.errors.js';
import { assertCollector } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import {
  checkIdNumber,
  idNumberProblemText,
  loanTypeOf,
  normaliseIdNumber,
  responsibilityEndsAt,
  shanghaiDate,
  thirdPartyStatementText,
} from '../deals.rules.js';
import type { CollectionMethod, IdType } from '../deals.tables.js';
import { formatYuan } from '../plan.rules.js';
import { assertFileUsable } from './files.js';
import { runIdempotent } from './idempotency.js';
import { issueReceipt, receiptView } from './receipts.js';
import { getFileRow } from './transaction-file.js';
import { verifyWitness, type WitnessCredentials } from './witness.js';

/**
 * SA-15: someone other than the buyer pays. The statement “本人自愿替**交款,金额为**元” is
 * generated with the names and amount for the payer to sign; its signed copy is uploaded before
 * the money can be taken.
 */
export async function createThirdPartyStatement(
  db: Db,
  options: {
    actor: Actor;
    fileId: string;
    payerName: string;
    payerIdType: IdType;
    payerIdNumber: string;
    amountFen: number;
    now: Date;
  },
) {
  const { actor, now } = options;
  const problem = checkIdNumber(options.payerIdType, options.payerIdNumber, shanghaiDate(now));
  if (problem)
    throw new AppError(dealErrors.ID_NUMBER_INVALID, {}, { payerIdNumber: idNumberProblemText[problem] });
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const file = await getFileRow(trx, actor, options.fileId);
    const buyers = (await queries.findBuyers(trx, file.agreementId)).map((buyer) => buyer.name);
    const idNumber = normaliseIdNumber(options.payerIdNumber);
    const row: queries.StatementRow = {
      id,
      transactionFileId: file.id,
      projectId: file.projectId,
      payerName: options.payerName,
      payerIdNumberEnc: encryptText(idNumber),
      payerIdNumberMasked: maskIdNumber(idNumber),
      buyerNames: buyers.join('、'),
      amountFen: options.amountFen,
      statementText: thirdPartyStatementText(options.payerName, buyers, options.amountFen),
      signedFileId: null,
      paymentId: null,
      createdBy: actor.staffId,
      createdAt: now.toISOString(),
    };
    await queries.insertStatement(trx, row);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: file.projectId,
      entityType: 'deal_transaction_file',
      entityId: file.id,
      action: 'third_party_statement',
      after: { statementId: id, payerName: row.payerName, amountFen: row.amountFen, text: row.statementText },
    });
  });
  const statement = await queries.findStatement(db, id);
  const { payerIdNumberEnc: _secret, ...rest } = statement!;
  return { ...rest, amountFen: Number(rest.amountFen) };
}

export async function attachSignedStatement(
  db: Db,
  options: { actor: Actor; statementId: string; fileId: string; now: Date },
) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const statement = await queries.findStatement(trx, options.statementId);
    if (!statement)
      throw new AppError(commonErrors.NOT_FOUND, { entity: localized('缴款通知', '繳款通知', 'Statement') });
    const file = await getFileRow(trx, actor, statement.transactionFileId);
    await assertFileUsable(trx, actor, {
      fileId: options.fileId,
      projectId: file.projectId,
      kinds: ['signed_statement'],
      field: 'signedFileId',
    });
    await queries.updateStatement(trx, statement.id, { signedFileId: options.fileId });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: file.projectId,
      entityType: 'deal_transaction_file',
      entityId: file.id,
      action: 'statement_signed',
      after: { statementId: statement.id, fileId: options.fileId },
    });
  });
}

export interface RecordPaymentInput {
  actor: Actor;
  fileId: string;
  paymentItemId: string;
  amountFen: number;
  method: CollectionMethod;
  payerKind: 'buyer' | 'third_party';
  payerName: string;
  statementId: string | null;
  witness: WitnessCredentials;
  idempotencyKey: string;
  now: Date;
}

/**
 * SA-14 payments, under the rules of the deposit (SA-12): collector's role, a second person
 * present, an idempotency key, a gap-free receipt. A payment by a third party needs its signed
 * statement for exactly this payer and amount (SA-15). Paying the down payment in full cancels
 * its pending reminders and escalation.
 */
export async function recordPayment(db: Db, input: RecordPaymentInput) {
  const { actor, now } = input;
  const file = await getFileRow(db, actor, input.fileId);
  let witness: { staffId: string; displayName: string } | null = null;
  const answer = await runIdempotent(
    db,
    {
      scope: 'deals.payment.record',
      key: input.idempotencyKey,
      actorId: actor.staffId,
      request: {
        fileId: input.fileId,
        itemId: input.paymentItemId,
        amountFen: input.amountFen,
        method: input.method,
        payerKind: input.payerKind,
        payerName: input.payerName,
        statementId: input.statementId,
        witness: input.witness.username.trim().toLowerCase(),
      },
      now,
    },
    async (trx) => {
      if (!witness)
        throw new AppError(commonErrors.NOT_FOUND, { entity: localized('见证人', '見證人', 'Witness') });
      const current = await queries.findTransactionFile(trx, file.id);
      if (!current || current.status === 'cancelled') throw new AppError(dealErrors.FILE_STATE);
      const item = await queries.findPaymentItem(trx, input.paymentItemId);
      if (!item || item.transactionFileId !== file.id)
        throw new AppError(commonErrors.NOT_FOUND, {
          entity: localized('付款项目', '付款項目', 'Payment item'),
        });
      let statement: queries.StatementRow | undefined;
      if (input.payerKind === 'third_party') {
        statement = input.statementId ? await queries.findStatement(trx, input.statementId) : undefined;
        if (
          !statement ||
          statement.transactionFileId !== file.id ||
          !statement.signedFileId ||
          statement.paymentId
        )
          throw new AppError(
            dealErrors.THIRD_PARTY_STATEMENT_REQUIRED,
            {},
            { statementId: dealErrors.THIRD_PARTY_STATEMENT_REQUIRED.message },
          );
        if (statement.payerName !== input.payerName || Number(statement.amountFen) !== input.amountFen)
          throw new AppError(dealErrors.STATEMENT_MISMATCH);
      }
      if (!(await queries.addPaidIf(trx, item.id, input.amountFen)))
        throw new AppError(
          dealErrors.PAYMENT_EXCEEDS_DUE,
          { max: formatYuan(Number(item.amountFen) - Number(item.paidFen)) },
          { amountFen: localized('超过应付余额', '超過應付餘額', 'More than owed') },
        );
      const paymentId = newId();
      const receipt = await issueReceipt(trx, {
        actor,
        projectId: file.projectId,
        purpose: 'payment',
        paymentId,
        transactionFileId: file.id,
        customerId: file.customerId,
        unitId: file.unitId,
        unitNumber: file.unitNumber,
        payerName: input.payerKind === 'buyer' ? file.customerName : input.payerName,
        amountFen: input.amountFen,
        method: input.method,
        witness,
        now,
      });
      await queries.insertPayment(trx, {
        id: paymentId,
        transactionFileId: file.id,
        paymentItemId: item.id,
        projectId: file.projectId,
        amountFen: input.amountFen,
        method: input.method,
        payerKind: input.payerKind,
        payerName: input.payerKind === 'buyer' ? file.customerName : input.payerName,
        statementId: statement?.id ?? null,
        receiptId: receipt.id,
        collectedBy: actor.staffId,
        witnessId: witness.staffId,
        paidAt: now.toISOString(),
      });
      if (statement) await queries.updateStatement(trx, statement.id, { paymentId });
      const isPaidUp = Number(item.paidFen) + input.amountFen >= Number(item.amountFen);
      if (isPaidUp) {
        await queries.updatePaymentItem(trx, item.id, { status: 'paid' });
        if (item.kind === 'down_payment') {
          const at = now.toISOString();
          const change = { downPaymentPaidAt: at, updatedAt: at };
          const ends = responsibilityEndsAt({ ...current, ...change }, loanTypeOf(current.paymentMethod));
          await queries.updateTransactionFile(trx, file.id, { ...change, responsibilityEndedAt: ends });
          await cancelNotifications(trx, { dedupeKeyPrefix: `deal:${file.id}:down-payment:`, now });
          await cancelEscalation(trx, `deal-item:${item.id}`, now);
          await queries.cancelReminders(trx, file.id, `deal:${file.id}:down-payment:`);
          await queries.cancelReminders(trx, file.id, `escalation:deal-item:${item.id}`);
        }
      }
      await recordCustomerEvent(trx, {
        actor,
        customerId: file.customerId,
        kind: 'payment',
        refId: paymentId,
        summary: `${item.label} 收款 ${formatYuan(input.amountFen)} 元,收据 ${receipt.number}`,
        at: now,
      });
      await writeAudit(trx, {
        actor,
        at: now,
        projectId: file.projectId,
        entityType: 'deal_transaction_file',
        entityId: file.id,
        action: 'payment',
        after: {
          paymentId,
          itemId: item.id,
          amountFen: input.amountFen,
          receiptId: receipt.id,
          witnessId: witness.staffId,
          payerKind: input.payerKind,
        },
      });
      return { paymentId, receipt: receiptView(receipt) };
    },
    async () => {
      await assertCollector(db, actor, file.projectId);
      witness = await verifyWitness(db, {
        actor,
        projectId: file.projectId,
        credentials: input.witness,
        now,
      });
    },
  );
  return { ...answer.body, isReplay: answer.isReplay };
}
