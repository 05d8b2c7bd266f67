import type { UnitStatus } from '../../../contracts/inventory-board.js';
import type { AgreementStatus, DepositStatus, TransactionFileStatus } from './tables/vocabulary.js';

// The shape of a deal's conformance facts (CONF, SA-9 … SA-19), built by conformance-facts.ts.

/**
 * One reminder due `offsetDays` before its event: when a delivery of it (or of its task to the
 * consultant) went out, on which channel, and whether it was acknowledged — an in-app notice read
 * by its staff recipient. `readableSince` is null when none of its deliveries was in-app: nothing
 * could record an acknowledgement (notify's SMS, e-mail and WeCom providers report no delivery).
 */
export interface DealReminderFact {
  offsetDays: number;
  sendAt: string;
  status: 'scheduled' | 'cancelled';
  /** The first delivery marked sent, null when none was. */
  sentAt: string | null;
  sentChannel: 'inapp' | 'email' | 'sms' | 'wecom' | null;
  /** When an in-app notice of it reached a staff inbox (null: none did, or none was planned). */
  readableSince: string | null;
  /** When its staff recipient first read it, null while unread. */
  readAt: string | null;
}

/**
 * What every subject's facts carry — conformance's `SubjectFacts`, written out here because a module
 * reaches another only through its index.ts; the types agree structurally (sources.ts checks it).
 */
interface DealSubject {
  kind: 'deal';
  id: string;
  companyId: string;
  projectId: string;
  deskId: null;
  /** The deal's consultant (the one who asked for the deposit). */
  staffId: string;
  /** When the deposit was asked for: the deal's Asia/Shanghai day files its score. */
  occurredAt: string;
}

export interface DealConformanceFacts extends DealSubject {
  unitNumber: string;
  customerName: string;
  links: {
    depositId: string;
    planId: string | null;
    agreementId: string | null;
    transactionFileId: string | null;
  };
  plan: {
    id: string;
    version: number;
    consultantId: string;
    createdAt: string;
    unitStatusAtPlan: UnitStatus | null;
    isUnitHeldForCustomer: boolean | null;
    /** The stored inputs (PlanInput and `meta`), as JSON. */
    inputJson: string;
    finalTotalFen: number;
    downPaymentFen: number;
    resultFinalTotalFen: number | null;
  } | null;
  deposit: {
    status: DepositStatus;
    consultantId: string;
    requestedAt: string;
    confirmedBy: string | null;
    confirmedByName: string | null;
    confirmedAt: string | null;
    collectedBy: string | null;
    collectedByName: string | null;
    witnessId: string | null;
    witnessName: string | null;
    collectedAt: string | null;
    receiptNumber: number | null;
  };
  agreement: {
    id: string;
    consultantId: string;
    consultantName: string;
    status: AgreementStatus;
    formNumber: string;
    signedOn: string;
    submittedAt: string | null;
    reviewerId: string | null;
    reviewerName: string | null;
    reviewedAt: string | null;
    form: { status: string; agreementId: string | null; voidReason: string } | null;
  } | null;
  /** SA-13 setting: days after the signing day by which the unit must be sealed (0: the same day). */
  sealWithinDays: number;
  /** SA-19: the deal handed from one consultant to another, oldest first. */
  handOvers: Array<{
    fromConsultantId: string;
    fromConsultantName: string;
    toConsultantId: string;
    toConsultantName: string;
    reason: string;
    handedOverByName: string;
    handedOverAt: string;
  }>;
  file: {
    id: string;
    consultantId: string;
    status: TransactionFileStatus;
    /** The seal: the approval that moved the unit to subscribed opened the file in the same transaction. */
    openedAt: string;
    downPaymentPaidAt: string | null;
  } | null;
  downPayment: {
    itemId: string;
    dueOn: string;
    amountFen: number;
    paidFen: number;
    /** SA-14 setting (days before the due date). */
    reminderOffsets: number[];
    reminders: DealReminderFact[];
    /** The due-day report to the managers, when one was scheduled: its planned time and when it went out. */
    overdueReport: { plannedAt: string; status: 'scheduled' | 'cancelled'; sentAt: string | null } | null;
  } | null;
  contract: {
    id: string;
    consultantId: string;
    createdAt: string;
    exams: Array<{ takenOn: string; score: number; passMark: number; expiresOn: string }>;
  } | null;
  mortgage: {
    /** SA-16 setting (days before the appointment). */
    reminderOffsets: number[];
    appointments: Array<{
      id: string;
      appointmentAt: string;
      status: string;
      createdAt: string;
      reminders: DealReminderFact[];
    }>;
  };
}
