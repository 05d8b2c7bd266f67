import type { CallResult } from '../../../contracts/reception.js';

export type TurnKind = 'call' | 'visit';

/** The day's answering order (轮接顺序) of one project: who is in it, and whose turn was last. */
export interface AnsweringOrdersTable {
  id: string;
  projectId: string;
  /** Asia/Shanghai calendar day, YYYY-MM-DD. */
  day: string;
  /** Ordered staff ids (JSON array). */
  staffIdsJson: string;
  lastStaffId: string | null;
  /** Bumped by every turn taken, so two consultants can never take the same turn. */
  version: number;
  updatedAt: string;
}

export interface AnsweringTurnsTable {
  id: string;
  projectId: string;
  day: string;
  staffId: string;
  kind: TurnKind;
  refId: string | null;
  /** 0 when someone answered out of turn (e.g. the next one was with a customer). */
  isInTurn: number;
  /**
   * Whose turn it was when someone else took it (out of turn), or the first one the rotation
   * passed over (in turn: busy, away or off); null when nobody was passed over.
   */
  skippedStaffId: string | null;
  skipReason: TurnSkipReason | null;
  /** What the consultant typed about it. */
  skipNote: string;
  at: string;
}

/**
 * Why a turn went past someone: chosen by the consultant taking it out of turn (the first four),
 * or known to the system when the rotation passed over someone (their presence).
 */
export type TurnSkipReason =
  | 'customer_request'
  | 'next_with_customer'
  | 'next_not_answering'
  | 'other'
  | 'busy'
  | 'away'
  | 'off';

/** What the customer book said when a caller or visitor was registered (SA-1(4), SA-10). */
export type BookOutcome = 'created' | 'mine' | 'taken' | 'taken_over';

// The call's result is the contract's (the register form and the export share its values).
export type { CallResult };

export interface SalesCallsTable {
  id: string;
  projectId: string;
  staffId: string;
  customerId: string | null;
  answeredAt: string;
  endedAt: string | null;
  /** Kept whole for the owner and managers; shown masked to everyone else. */
  callerPhoneE164: string | null;
  callerPhoneTail4: string | null;
  callerName: string;
  sourceChannelId: string | null;
  questions: string;
  intentLayout: string;
  intentAreaMin: number | null;
  intentAreaMax: number | null;
  intentBudgetFen: number | null;
  intentPurpose: string;
  result: CallResult;
  appointmentAt: string | null;
  /** Asia/Shanghai hour 0–23 and day, for SA-1.3 statistics. */
  hour: number;
  day: string;
  createdAt: string;
  /** The turn as it stood when the call was answered, carried to answering_turns when it is saved. */
  isInTurn: number;
  skippedStaffId: string | null;
  skipReason: TurnSkipReason | null;
  skipNote: string;
  /** Null until a caller who left name and number is registered. */
  bookOutcome: BookOutcome | null;
  /**
   * SA-1(1): the greeting the call opened with (the project's name as it was then), and when the
   * answering screen showed it, to whom. Null greeting: answered before greetings were recorded.
   */
  greeting: string | null;
  greetingShownAt: string | null;
  greetingShownBy: string | null;
  updatedAt: string;
}

export type VisitorKind = 'buyer' | 'developer' | 'peer' | 'media';
export type VisitStatus = 'in_progress' | 'done';

export interface VisitsTable {
  id: string;
  projectId: string;
  staffId: string;
  customerId: string;
  arrivedAt: string;
  leftAt: string | null;
  partySize: number;
  visitorKind: VisitorKind;
  isPhoneRefused: number;
  notes: string;
  status: VisitStatus;
  day: string;
  createdAt: string;
  bookOutcome: BookOutcome | null;
  /** Set when the visitor left before the guided steps were done; the steps not reached do not apply. */
  leftEarlyReason: string;
  updatedAt: string;
}

export type VisitStep = 'greet' | 'boards' | 'show_flat' | 'seated' | 'plan' | 'registration' | 'see_off';

export interface VisitStepsTable {
  id: string;
  visitId: string;
  step: VisitStep;
  startedAt: string;
  completedAt: string | null;
  isSkipped: number;
  note: string;
}

/** SA-6: one of a project's selling points, in the order its manager presents them. */
export interface SellingPointsTable {
  id: string;
  projectId: string;
  sortOrder: number;
  title: string;
  body: string;
  /** The layout (户型) the point is about; '' for the whole project. */
  layout: string;
  updatedBy: string;
  updatedAt: string;
}

export interface ReceptionTables {
  answeringOrders: AnsweringOrdersTable;
  answeringTurns: AnsweringTurnsTable;
  salesCalls: SalesCallsTable;
  visits: VisitsTable;
  visitSteps: VisitStepsTable;
  sellingPoints: SellingPointsTable;
}
