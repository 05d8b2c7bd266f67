import type { Db } from '../../platform/db/database.js';
import { type DeliveryFact, findDeliveriesByDedupeKey } from '../notify/index.js';
import { getSetting } from '../settings/index.js';
import type { DealConformanceFacts } from './conformance-fact-types.js';
import { mortgageConsultantKey } from './deals.rules.js';
import * as queries from './queries/conformance.queries.js';

/**
 * The conformance facts of a deal (CONF, SA-9 … SA-19). A deal is identified by its **deposit**:
 * an agreement can only be made on a collected deposit (createAgreement), the transaction file
 * opens from the agreement, so the deposit is the one row every deal has from its first recorded
 * step to its last, and its id never changes as the deal moves on (a file id would appear only
 * at the seal). A plan without a deposit is not a deal yet. `links` names the later rows, for the
 * drill-down (the file page when there is one, else the deposits list).
 */

export type { DealConformanceFacts, DealReminderFact } from './conformance-fact-types.js';

const offsetOf = (dedupeKey: string) => Number(/:T-(\d+)$/.exec(dedupeKey)?.[1] ?? Number.NaN);
const earliest = (times: Array<string | null | undefined>) =>
  times.filter((time): time is string => Boolean(time)).sort()[0] ?? null;

async function buildFacts(db: Db, depositIds: readonly string[]): Promise<DealConformanceFacts[]> {
  const deposits = await queries.findDepositsByIds(db, depositIds);
  if (!deposits.length) return [];
  const ids = deposits.map((row) => row.id);
  const [receipts, agreements, files, handOvers] = await Promise.all([
    queries.findReceiptNamesByIds(
      db,
      deposits.flatMap((row) => (row.receiptId ? [row.receiptId] : [])),
    ),
    queries.findAgreementsByDepositIds(db, ids),
    queries.findFilesByDepositIds(db, ids),
    queries.findHandOversOfDeposits(db, ids),
  ]);
  const agreementOf = new Map<string, (typeof agreements)[number]>();
  // The latest agreement of the deposit (a cancelled one is followed by a new one on the same deposit).
  for (const row of agreements) if (row.depositId) agreementOf.set(row.depositId, row);
  // The latest file of the deposit (one whose agreement was cancelled after the seal may precede it).
  const fileOf = new Map(
    [...files].sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1)).map((row) => [row.depositId ?? '', row]),
  );
  const planIdOf = (deposit: (typeof deposits)[number]) =>
    deposit.planId ?? agreementOf.get(deposit.id)?.planId ?? null;
  const fileIds = files.map((row) => row.id);
  const [plans, items, reminders, contracts, mortgages] = await Promise.all([
    queries.findPlansByIds(
      db,
      deposits.flatMap((row) => planIdOf(row) ?? []),
    ),
    queries.findDownPaymentItems(db, fileIds),
    queries.findRemindersOfFiles(db, fileIds),
    queries.findContractsOfFiles(db, fileIds),
    queries.findMortgagesOfFiles(db, fileIds),
  ]);
  const exams = await queries.findExamsOfStaff(
    db,
    contracts.map((row) => row.consultantId),
  );
  const deliveries = await findDeliveriesByDedupeKey(db, {
    keys: reminders
      .filter((row) => row.kind !== 'down_payment_overdue')
      .flatMap((row) =>
        row.kind === 'mortgage_notice'
          ? [row.dedupeKey, mortgageConsultantKey(row.dedupeKey)]
          : [row.dedupeKey],
      ),
    prefixes: items.map((item) => `escalated:deal-item:${item.id}:`),
  });
  // Per dedupe key: the first sending (and its channel), the first in-app notice and its first reading.
  const sentAt = new Map<string, { at: string; channel: DeliveryFact['channel'] }>();
  const inboxAt = new Map<string, string>();
  const readAt = new Map<string, string>();
  const keep = (map: Map<string, string>, key: string, at: string | null) => {
    const before = map.get(key);
    if (at && (!before || at < before)) map.set(key, at);
  };
  for (const delivery of deliveries) {
    if (delivery.status !== 'sent' || !delivery.sentAt) continue;
    // An escalation's notice is keyed per firing; the item's key is what the facts look up.
    const key = delivery.dedupeKey.startsWith('escalated:')
      ? delivery.dedupeKey.replace(/^escalated:(deal-item:[^:]+):.*$/, 'escalation:$1')
      : delivery.dedupeKey;
    const before = sentAt.get(key);
    if (!before || delivery.sentAt < before.at)
      sentAt.set(key, { at: delivery.sentAt, channel: delivery.channel });
    if (delivery.channel === 'inapp') {
      keep(inboxAt, key, delivery.sentAt);
      keep(readAt, key, delivery.readAt);
    }
  }
  const settings = new Map<string, Promise<[number, number[], number[]]>>();
  const settingsOf = (companyId: string, projectId: string) => {
    const key = `${companyId}:${projectId}`;
    let found = settings.get(key);
    if (!found) {
      const context = { companyId, projectId };
      found = Promise.all([
        getSetting(db, 'deals.sealWithinDays', context),
        getSetting(db, 'deals.downPaymentReminderDays', context),
        getSetting(db, 'deals.mortgageReminderDays', context),
      ]);
      settings.set(key, found);
    }
    return found;
  };
  const byFile = <Row extends { transactionFileId: string }>(rows: Row[]) => {
    const map = new Map<string, Row[]>();
    for (const row of rows) map.set(row.transactionFileId, [...(map.get(row.transactionFileId) ?? []), row]);
    return map;
  };
  const remindersOf = byFile(reminders);
  const receiptOf = new Map(receipts.map((row) => [row.id, row]));
  const planOf = new Map(plans.map((row) => [row.id, row]));
  const itemOf = new Map(items.map((row) => [row.transactionFileId, row]));
  const contractOf = new Map(contracts.map((row) => [row.transactionFileId, row]));
  const mortgagesOf = byFile(mortgages);
  const handOversOf = new Map<string, typeof handOvers>();
  for (const row of handOvers)
    if (row.depositId) handOversOf.set(row.depositId, [...(handOversOf.get(row.depositId) ?? []), row]);
  const examsOf = new Map<string, typeof exams>();
  for (const exam of exams) examsOf.set(exam.staffId, [...(examsOf.get(exam.staffId) ?? []), exam]);

  const facts: DealConformanceFacts[] = [];
  for (const deposit of deposits) {
    const [sealWithinDays, downPaymentOffsets, mortgageOffsets] = await settingsOf(
      deposit.companyId,
      deposit.projectId,
    );
    const agreement = agreementOf.get(deposit.id);
    const file = fileOf.get(deposit.id);
    const planId = planIdOf(deposit);
    const plan = planId ? planOf.get(planId) : undefined;
    const receipt = deposit.receiptId ? receiptOf.get(deposit.receiptId) : undefined;
    const fileReminders = file ? (remindersOf.get(file.id) ?? []) : [];
    const item = file ? itemOf.get(file.id) : undefined;
    const contract = file ? contractOf.get(file.id) : undefined;
    const reminderFacts = (rows: typeof fileReminders, also?: (key: string) => string) =>
      rows.map((row) => {
        const keys = [row.dedupeKey, ...(also ? [also(row.dedupeKey)] : [])];
        const sent = keys.flatMap((key) => sentAt.get(key) ?? []).sort((a, b) => (a.at < b.at ? -1 : 1))[0];
        return {
          offsetDays: offsetOf(row.dedupeKey),
          sendAt: row.sendAt,
          status: row.status,
          sentAt: sent?.at ?? null,
          sentChannel: sent?.channel ?? null,
          readableSince: earliest(keys.map((key) => inboxAt.get(key))),
          readAt: earliest(keys.map((key) => readAt.get(key))),
        };
      });
    const overdue = fileReminders.find((row) => row.kind === 'down_payment_overdue');
    facts.push({
      kind: 'deal',
      id: deposit.id,
      companyId: deposit.companyId,
      projectId: deposit.projectId,
      deskId: null,
      staffId: deposit.consultantId,
      occurredAt: deposit.requestedAt,
      unitNumber: deposit.unitNumber,
      customerName: deposit.customerName,
      links: {
        depositId: deposit.id,
        planId,
        agreementId: agreement?.id ?? null,
        transactionFileId: file?.id ?? null,
      },
      plan: plan
        ? {
            id: plan.id,
            version: Number(plan.version),
            consultantId: plan.consultantId,
            createdAt: plan.createdAt,
            unitStatusAtPlan: plan.unitStatusAtPlan,
            isUnitHeldForCustomer:
              plan.isUnitHeldForCustomer === null ? null : Number(plan.isUnitHeldForCustomer) === 1,
            inputJson: plan.inputJson,
            finalTotalFen: Number(plan.finalTotalFen),
            downPaymentFen: Number(plan.downPaymentFen),
            resultFinalTotalFen: resultTotal(plan.resultJson),
          }
        : null,
      deposit: {
        status: deposit.status,
        consultantId: deposit.consultantId,
        requestedAt: deposit.requestedAt,
        confirmedBy: deposit.confirmedBy,
        confirmedByName: deposit.confirmedByName,
        confirmedAt: deposit.confirmedAt,
        collectedBy: deposit.collectedBy,
        collectedByName: receipt?.collectedByName ?? null,
        witnessId: deposit.witnessId,
        witnessName: receipt?.witnessName ?? null,
        collectedAt: deposit.collectedAt,
        receiptNumber: receipt ? Number(receipt.number) : null,
      },
      agreement: agreement
        ? {
            id: agreement.id,
            consultantId: agreement.consultantId,
            consultantName: agreement.consultantName,
            status: agreement.status,
            formNumber: agreement.formNumber,
            signedOn: agreement.signedOn,
            submittedAt: agreement.submittedAt,
            reviewerId: agreement.reviewerId,
            reviewerName: agreement.reviewerName,
            reviewedAt: agreement.reviewedAt,
            form: agreement.formStatus
              ? {
                  status: agreement.formStatus,
                  agreementId: agreement.formAgreementId ?? null,
                  voidReason: agreement.formVoidReason ?? '',
                }
              : null,
          }
        : null,
      sealWithinDays,
      handOvers: (handOversOf.get(deposit.id) ?? []).map((row) => ({
        fromConsultantId: row.fromConsultantId,
        fromConsultantName: row.fromConsultantName,
        toConsultantId: row.toConsultantId,
        toConsultantName: row.toConsultantName,
        reason: row.reason,
        handedOverByName: row.handedOverByName,
        handedOverAt: row.handedOverAt,
      })),
      file: file
        ? {
            id: file.id,
            consultantId: file.consultantId,
            status: file.status,
            openedAt: file.openedAt,
            downPaymentPaidAt: file.downPaymentPaidAt,
          }
        : null,
      downPayment:
        item && file
          ? {
              itemId: item.id,
              dueOn: item.dueOn,
              amountFen: Number(item.amountFen),
              paidFen: Number(item.paidFen),
              reminderOffsets: downPaymentOffsets,
              // The buyer's reminder counts as sent when it, or the consultant's task of the same day, went out.
              reminders: reminderFacts(
                fileReminders.filter((row) => row.kind === 'down_payment_buyer'),
                (key) => key.replace(':down-payment:customer:', ':down-payment:consultant:'),
              ),
              overdueReport: overdue
                ? {
                    plannedAt: overdue.sendAt,
                    status: overdue.status,
                    sentAt: sentAt.get(overdue.dedupeKey)?.at ?? null,
                  }
                : null,
            }
          : null,
      contract: contract
        ? {
            id: contract.id,
            consultantId: contract.consultantId,
            createdAt: contract.createdAt,
            exams: (examsOf.get(contract.consultantId) ?? []).map((exam) => ({
              takenOn: exam.takenOn,
              score: Number(exam.score),
              passMark: Number(exam.passMark),
              expiresOn: exam.expiresOn,
            })),
          }
        : null,
      mortgage: {
        reminderOffsets: mortgageOffsets,
        appointments: (file ? (mortgagesOf.get(file.id) ?? []) : []).map((appointment) => ({
          id: appointment.id,
          appointmentAt: appointment.appointmentAt,
          status: appointment.status,
          createdAt: appointment.createdAt,
          reminders: reminderFacts(
            fileReminders.filter(
              (row) =>
                row.kind === 'mortgage_notice' && row.dedupeKey.includes(`:mortgage:${appointment.id}:`),
            ),
            // The buyer's notice counts as acknowledged when the consultant read its in-app copy.
            mortgageConsultantKey,
          ),
        })),
      },
    });
  }
  return facts.sort((a, b) => (a.id < b.id ? -1 : 1));
}

function resultTotal(resultJson: string): number | null {
  try {
    const total = (JSON.parse(resultJson) as { finalTotalFen?: unknown }).finalTotalFen;
    return typeof total === 'number' ? total : null;
  } catch {
    return null;
  }
}

/** The deals' fact source: pages deposits by id; `changed` maps each deal table's change time to its deposit. */
export const dealFactSource = {
  kind: 'deal' as const,
  async changed(
    db: Db,
    query: { since: string | null; afterId: string | null; limit: number },
  ): Promise<DealConformanceFacts[]> {
    return buildFacts(db, await queries.findChangedDealIds(db, query));
  },
  byIds(db: Db, ids: string[]): Promise<DealConformanceFacts[]> {
    return buildFacts(db, ids);
  },
};
