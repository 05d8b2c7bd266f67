// The reception desk's answers and requests, as the server's schemas (reception.schemas.ts) and the web client share them.

export interface BoardMember {
  staffId: string;
  displayName: string;
  presence: 'at_desk' | 'away' | 'busy' | 'off';
  position: number;
  calls: number;
  visits: number;
  isNext: boolean;
}

export interface Board {
  day: string;
  projectId: string;
  projectName: string;
  greeting: string;
  nextStaffId: string | null;
  nextName: string | null;
  isMyTurn: boolean;
  canReorder: boolean;
  members: BoardMember[];
}

/** 'wrong_number': not a sales enquiry (a wrong number, a sales pitch), put on record as such. */
export type CallResult =
  | 'left_contact'
  | 'info_only'
  | 'appointment'
  | 'no_contact'
  | 'wrong_number'
  | 'other';

/** SA-1(1): when the answering screen first showed the call's greeting. */
export interface SalesGreetingShown {
  greetingShownAt: string | null;
}

export interface SalesCall {
  id: string;
  staffId: string;
  staffName: string;
  customerId: string | null;
  answeredAt: string;
  endedAt: string | null;
  isOpen: boolean;
  callerPhone: string;
  callerName: string;
  sourceChannelId: string | null;
  questions: string;
  intentLayout: string;
  intentAreaMin: number | null;
  intentAreaMax: number | null;
  intentBudgetFen: number | null;
  result: CallResult;
  appointmentAt: string | null;
}

export interface CallRegisterInput {
  callerName: string;
  callerPhone: string;
  gender: 'male' | 'female' | 'unknown';
  sourceChannelId: string | null;
  questions: string;
  intentLayout: string;
  intentAreaMin: number | null;
  intentAreaMax: number | null;
  intentBudgetFen: number | null;
  intentPurpose: 'self_use' | 'investment' | 'upgrade' | 'other' | '';
  result: CallResult;
  appointmentAt: string | null;
  hasContactConsent: boolean;
  hasMarketingConsent: boolean;
}

export interface Ownership {
  status: 'none' | 'created' | 'mine' | 'taken' | 'taken_over';
  ownerName?: string | null;
}

export interface CallStats {
  total: number;
  bySource: Array<{ sourceChannelId: string | null; name: string; count: number }>;
  byStaff: Array<{ staffId: string; name: string; count: number }>;
  byHour: Array<{ hour: number; count: number }>;
  byDay: Array<{ day: string; count: number }>;
}

export type VisitStep = 'greet' | 'boards' | 'show_flat' | 'seated' | 'plan' | 'registration' | 'see_off';

export interface Visit {
  id: string;
  projectId: string;
  staffName: string;
  customerId: string;
  customer: {
    id: string;
    name: string;
    phones: string[];
    isPhoneRefused: boolean;
    category: string;
    ownerName: string | null;
  } | null;
  arrivedAt: string;
  leftAt: string | null;
  partySize: number;
  visitorKind: 'buyer' | 'developer' | 'peer' | 'media';
  status: 'in_progress' | 'done';
  leftEarlyReason: string;
  currentStep: VisitStep | null;
  planLink: string;
  /** SA-6: the project's selling points, in the manager's order. */
  sellingPoints: SellingPoint[];
  steps: Array<{
    step: VisitStep;
    rule: string;
    phrase: string;
    startedAt: string | null;
    completedAt: string | null;
    isSkipped: boolean;
    note: string;
    durationSeconds: number | null;
  }>;
}

/** SA-1(1): why a consultant takes someone else's turn (recorded, and scored as a miss). */
export type OutOfTurnReason = 'customer_request' | 'next_with_customer' | 'next_not_answering' | 'other';
export interface OutOfTurn {
  reason: OutOfTurnReason;
  note: string;
}

export interface VisitorInput {
  outOfTurn?: OutOfTurn | null;
  projectId: string;
  name: string;
  gender: 'male' | 'female' | 'unknown';
  phones: string[];
  isPhoneRefused: boolean;
  partySize: number;
  visitorKind: Visit['visitorKind'];
  sourceChannelId: string | null;
  intentLayout: string;
  notes: string;
  hasContactConsent: boolean;
  hasMarketingConsent: boolean;
}

export interface VisitRow {
  id: string;
  staffName: string;
  customerId: string;
  customerName: string;
  arrivedAt: string;
  leftAt: string | null;
  partySize: number;
  visitorKind: Visit['visitorKind'];
  isPhoneRefused: boolean;
  status: 'in_progress' | 'done';
}
/** SA-6: one of the project's selling points; layout '' is about the whole project. */
export interface SellingPoint {
  id: string;
  title: string;
  body: string;
  layout: string;
}

export type SellingPointInput = Omit<SellingPoint, 'id'>;
