import type { ErasureLine } from '../../../contracts/personal-data.js';
import { registerPersonalDataSource } from '../customers/index.js';
import { cancelNotifications } from '../notify/index.js';
import * as queries from './deals.queries.js';

/** What an anonymised deal record says where the customer's name was. */
export const erasedCustomerName = '已删除客户';
const erasedBuyerName = '已删除';

/**
 * The deal records a PIPL erasure must keep (PIPL art. 47: a retention period set by law stops
 * deletion; processing is then limited to storage). A subscription agreement that was approved
 * (it opened a transaction file) is a signed contract of sale, and every receipt and payment is an
 * accounting voucher (会计档案管理办法: 30 years) — these stay whole, with the plan and deposit they
 * rest on. Everything else (plans, deposits and agreements that never became a deal) is anonymised.
 */
export function keptDealRecords(records: Awaited<ReturnType<typeof queries.findDealRecordsOfCustomer>>) {
  const agreements = records.agreements.filter(
    (agreement) => agreement.transactionFileId !== null || agreement.status === 'approved',
  );
  const planIds = new Set([
    ...agreements.map((agreement) => agreement.planId),
    ...records.files.map((file) => file.planId),
  ]);
  const depositIds = new Set(
    [
      ...records.deposits.filter((deposit) => deposit.receiptId !== null).map((deposit) => deposit.id),
      ...agreements.map((agreement) => agreement.depositId),
      ...records.files.map((file) => file.depositId),
    ].filter((id): id is string => id !== null),
  );
  return { agreementIds: new Set(agreements.map((agreement) => agreement.id)), planIds, depositIds };
}

// Plans, deposits, receipts, agreements with their buyers and the transaction files go with a
// customer's export and erasure (the customers module calls these inside its own transaction).
registerPersonalDataSource({
  name: 'deals',
  async exportFor(db, customerId) {
    const records = await queries.findDealRecordsOfCustomer(db, customerId);
    const buyers = await queries.findBuyersOfAgreements(
      db,
      records.agreements.map((agreement) => agreement.id),
    );
    const fileIds = records.files.map((file) => file.id);
    const payments = (await Promise.all(fileIds.map((id) => queries.findPayments(db, id)))).flat();
    const reminders = (await Promise.all(fileIds.map((id) => queries.findReminders(db, id))))
      .flat()
      .filter((reminder) => reminder.recipientKind === 'customer');
    // ID numbers leave only masked: the ciphertext and the lookup hash are of no use to the person.
    return {
      plans: records.plans.map(({ resultJson: _result, inputJson, ...plan }) => ({
        ...plan,
        input: JSON.parse(inputJson) as unknown,
      })),
      deposits: records.deposits,
      receipts: records.receipts,
      agreements: records.agreements.map(({ agentIdNumberEnc: _agentId, ...agreement }) => agreement),
      buyers: buyers.map(({ idNumberEnc: _id, idNumberHash: _hash, ...buyer }) => buyer),
      transactionFiles: records.files,
      payments,
      reminders,
    };
  },
  async holdsDeal(db, customerId) {
    const records = await queries.findDealRecordsOfCustomer(db, customerId);
    return records.deposits.length > 0 || records.agreements.length > 0 || records.files.length > 0;
  },
  async eraseFor(trx, customerId, now) {
    const at = now.toISOString();
    const records = await queries.findDealRecordsOfCustomer(trx, customerId);
    const kept = keptDealRecords(records);
    const keptBuyers = await queries.findBuyersOfAgreements(trx, [...kept.agreementIds]);
    let customerReminders = 0;
    for (const plan of records.plans)
      if (!kept.planIds.has(plan.id))
        await queries.updatePlan(trx, plan.id, { customerName: erasedCustomerName, updatedAt: at });
    for (const deposit of records.deposits)
      if (!kept.depositIds.has(deposit.id))
        await queries.updateDeposit(trx, deposit.id, {
          customerName: erasedCustomerName,
          note: '',
          updatedAt: at,
        });
    const erasedAgreements = records.agreements.filter((agreement) => !kept.agreementIds.has(agreement.id));
    const buyers = await queries.findBuyersOfAgreements(
      trx,
      erasedAgreements.map((agreement) => agreement.id),
    );
    for (const buyer of buyers)
      await queries.updateBuyer(trx, buyer.id, {
        name: erasedBuyerName,
        idNumberEnc: '',
        idNumberMasked: '',
        idNumberHash: '',
        idCopyFileId: null,
        idCopyConsentAt: null,
        idCopyConsentBy: null,
      });
    for (const agreement of erasedAgreements)
      await queries.updateAgreement(trx, agreement.id, {
        customerName: erasedCustomerName,
        agentName: '',
        agentIdNumberEnc: null,
        agentIdNumberMasked: '',
        notarialNumber: '',
        notarialFileId: null,
        updatedAt: at,
      });
    // ID copies are sensitive personal information: those of agreements that never became a deal go.
    await queries.deleteFiles(trx, [
      ...buyers.flatMap((buyer) => (buyer.idCopyFileId ? [buyer.idCopyFileId] : [])),
      ...erasedAgreements.flatMap((agreement) =>
        agreement.notarialFileId ? [agreement.notarialFileId] : [],
      ),
    ]);
    // A kept deal stays on file, but the person is no longer written to: their reminders stop.
    for (const file of records.files)
      for (const reminder of await queries.findReminders(trx, file.id)) {
        if (reminder.recipientKind !== 'customer') continue;
        if (reminder.status === 'scheduled')
          await cancelNotifications(trx, { dedupeKeyPrefix: reminder.dedupeKey, now });
        await queries.updateReminder(trx, reminder.id, {
          status: 'cancelled',
          recipientName: erasedCustomerName,
          body: '',
        });
        customerReminders++;
      }
    const idCopies = buyers.filter((buyer) => buyer.idCopyFileId).length;
    const notarial = erasedAgreements.filter((agreement) => agreement.notarialFileId).length;
    const draftCount =
      records.plans.filter((plan) => !kept.planIds.has(plan.id)).length +
      records.deposits.filter((deposit) => !kept.depositIds.has(deposit.id)).length +
      erasedAgreements.length;
    const lines: ErasureLine[] = [
      { category: 'draftDeals', outcome: 'anonymised', count: draftCount },
      { category: 'idCopies', outcome: 'erased', count: idCopies + notarial },
      { category: 'receipts', outcome: 'kept', count: records.receipts.length },
      {
        category: 'dealRecords',
        outcome: 'kept',
        count: kept.agreementIds.size + records.files.length + kept.planIds.size + kept.depositIds.size,
      },
      {
        category: 'dealIdNumbers',
        outcome: 'kept',
        count: keptBuyers.filter((buyer) => buyer.idNumberEnc !== '').length,
      },
      { category: 'customerReminders', outcome: 'anonymised', count: customerReminders },
    ];
    return lines;
  },
});
