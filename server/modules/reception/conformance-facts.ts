import type { Db, Tx } from '../../platform/db/database.js';
import { findCustomerKeyMarks, type KeyKind, shanghaiDay, shanghaiDayBounds } from '../customers/index.js';
import { findCompaniesOfProjects } from '../org/index.js';
import { getSetting, type SettingKey } from '../settings/index.js';
import { findStaffNames } from '../staff/index.js';
import * as queries from './conformance.queries.js';
import type {
  BookOutcome,
  CallResult,
  SalesCallsTable,
  TurnSkipReason,
  VisitorKind,
  VisitStatus,
  VisitStep,
  VisitsTable,
} from './reception.tables.js';
import { openCallHoldsMinutes } from './use-cases/answering-order.js';

// CONF: what reception recorded about a sales call or a visit, as conformance scores it. The
// shapes carry conformance's SubjectFacts fields (kind, id, companyId, projectId, deskId, staffId,
// occurredAt); `conformance/sources.ts` holds them to that type, so a field missing here fails the
// typecheck there.

/** SA-1(1): how the turn stood against the answering order, with the names the evidence shows. */
export interface TurnFacts {
  isInTurn: boolean;
  takenByStaffId: string;
  takenByName: string;
  /** Whose turn it was (out of turn), or whom the rotation passed over (in turn). */
  skippedStaffId: string | null;
  skippedName: string | null;
  skipReason: TurnSkipReason | null;
  skipNote: string;
  at: string;
}

export interface SalesCallConformanceFacts {
  kind: 'sales_call';
  id: string;
  companyId: string;
  projectId: string;
  deskId: null;
  staffId: string;
  occurredAt: string;
  answeredAt: string;
  /** When the register entry was saved; null while it is open (or was left unsaved). */
  savedAt: string | null;
  /** Asia/Shanghai days of the answer and of the save (SA-1(4): into the book the same day). */
  answeredDay: string;
  savedDay: string | null;
  /** The end of the answer's day: an entry not saved by then is not in the day's register. */
  dayEndsAt: string;
  /** An unsaved entry stops holding its consultant after this: the call was not put on record. */
  openHoldsUntil: string;
  hasCallerName: boolean;
  hasCallerPhone: boolean;
  hasQuestions: boolean;
  hasIntent: boolean;
  result: CallResult;
  appointmentAt: string | null;
  customerId: string | null;
  bookOutcome: BookOutcome | null;
  turn: TurnFacts;
  /** SA-1(1): the greeting the call opened with; null for a call answered before greetings were recorded. */
  greeting: string | null;
  /** When the answering screen first showed it, and to whom. */
  greetingShownAt: string | null;
  greetingShownBy: string | null;
  /** The setting `sales.greetingShownWithinSeconds` of the project. */
  greetingWithinSeconds: number;
}

export interface VisitStepFacts {
  step: VisitStep;
  startedAt: string;
  completedAt: string | null;
  isSkipped: boolean;
  note: string;
}

export interface VisitConformanceFacts {
  kind: 'visit';
  id: string;
  companyId: string;
  projectId: string;
  deskId: null;
  staffId: string;
  occurredAt: string;
  arrivedAt: string;
  leftAt: string | null;
  status: VisitStatus;
  /** Asia/Shanghai day of the arrival: the visit's steps and registration belong to it. */
  day: string;
  dayEndsAt: string;
  visitorKind: VisitorKind;
  isPhoneRefused: boolean;
  customerId: string;
  /** SA-3: the visitor's customer as the book marks them now (null kind: not a key customer). */
  customerKeyKind: KeyKind | null;
  isCustomerErased: boolean;
  bookOutcome: BookOutcome | null;
  leftEarlyReason: string;
  /** SA-5: the setting `sales.greetWithinMinutes` of the project. */
  greetWithinMinutes: number;
  steps: VisitStepFacts[];
  /** Null for a visit received before turns were recorded per visit. */
  turn: TurnFacts | null;
}

interface Page {
  since: string | null;
  afterId: string | null;
  limit: number;
}

/** A project setting for each project of a page, read once per project (getSetting caches besides). */
async function settingPerProject(
  db: Tx,
  key: Extract<SettingKey, 'sales.greetWithinMinutes' | 'sales.greetingShownWithinSeconds'>,
  companies: Map<string, string>,
  projectIds: string[],
): Promise<Map<string, number>> {
  const values = new Map<string, number>();
  for (const projectId of new Set(projectIds)) {
    const companyId = companies.get(projectId);
    if (companyId) values.set(projectId, await getSetting(db, key, { companyId, projectId }));
  }
  return values;
}

function turnOf(
  row: Pick<SalesCallsTable, 'isInTurn' | 'skippedStaffId' | 'skipReason' | 'skipNote' | 'staffId'>,
  at: string,
  names: Map<string, string>,
): TurnFacts {
  return {
    isInTurn: row.isInTurn === 1,
    takenByStaffId: row.staffId,
    takenByName: names.get(row.staffId) ?? '',
    skippedStaffId: row.skippedStaffId,
    skippedName: row.skippedStaffId ? (names.get(row.skippedStaffId) ?? '') : null,
    skipReason: row.skipReason,
    skipNote: row.skipNote,
    at,
  };
}

async function callFacts(db: Tx, rows: SalesCallsTable[]): Promise<SalesCallConformanceFacts[]> {
  const [companies, names] = await Promise.all([
    findCompaniesOfProjects(
      db,
      rows.map((row) => row.projectId),
    ),
    findStaffNames(
      db,
      rows.flatMap((row) => (row.skippedStaffId ? [row.staffId, row.skippedStaffId] : [row.staffId])),
    ),
  ]);
  const greetingSeconds = await settingPerProject(
    db,
    'sales.greetingShownWithinSeconds',
    companies,
    rows.map((row) => row.projectId),
  );
  return rows.map((row) => ({
    kind: 'sales_call',
    id: row.id,
    companyId: companies.get(row.projectId) ?? '',
    projectId: row.projectId,
    deskId: null,
    staffId: row.staffId,
    occurredAt: row.answeredAt,
    answeredAt: row.answeredAt,
    savedAt: row.endedAt,
    answeredDay: row.day,
    savedDay: row.endedAt ? shanghaiDay(new Date(row.endedAt)) : null,
    dayEndsAt: shanghaiDayBounds(row.day).end,
    openHoldsUntil: new Date(Date.parse(row.answeredAt) + openCallHoldsMinutes * 60_000).toISOString(),
    hasCallerName: row.callerName.trim() !== '',
    hasCallerPhone: row.callerPhoneE164 !== null,
    hasQuestions: row.questions.trim() !== '',
    hasIntent:
      row.intentLayout !== '' ||
      row.intentPurpose !== '' ||
      row.intentAreaMin !== null ||
      row.intentAreaMax !== null ||
      row.intentBudgetFen !== null,
    result: row.result,
    appointmentAt: row.appointmentAt,
    customerId: row.customerId,
    bookOutcome: row.bookOutcome,
    turn: turnOf(row, row.answeredAt, names),
    greeting: row.greeting,
    greetingShownAt: row.greetingShownAt,
    greetingShownBy: row.greetingShownBy,
    greetingWithinSeconds: greetingSeconds.get(row.projectId) ?? 5,
  }));
}

/** SA-1: the sales calls, answered or saved. */
export const salesCallFactSource = {
  kind: 'sales_call' as const,
  async changed(db: Db, page: Page) {
    return callFacts(db, await queries.findCallsChanged(db, page));
  },
  async byIds(db: Db, ids: string[]) {
    return callFacts(db, await queries.findCallsByIds(db, ids));
  },
};

async function visitFacts(db: Tx, rows: VisitsTable[]): Promise<VisitConformanceFacts[]> {
  const ids = rows.map((row) => row.id);
  const [companies, steps, turns, keyMarks] = await Promise.all([
    findCompaniesOfProjects(
      db,
      rows.map((row) => row.projectId),
    ),
    queries.findStepsOfVisits(db, ids),
    queries.findTurnsOfVisits(db, ids),
    findCustomerKeyMarks(
      db,
      rows.map((row) => row.customerId),
    ),
  ]);
  const names = await findStaffNames(db, [
    ...rows.map((row) => row.staffId),
    ...turns.flatMap((turn) => (turn.skippedStaffId ? [turn.staffId, turn.skippedStaffId] : [turn.staffId])),
  ]);
  const greetMinutes = await settingPerProject(
    db,
    'sales.greetWithinMinutes',
    companies,
    rows.map((row) => row.projectId),
  );
  const stepsOf = new Map<string, VisitStepFacts[]>();
  for (const step of steps) {
    const list = stepsOf.get(step.visitId) ?? [];
    list.push({
      step: step.step,
      startedAt: step.startedAt,
      completedAt: step.completedAt,
      isSkipped: step.isSkipped === 1,
      note: step.note,
    });
    stepsOf.set(step.visitId, list);
  }
  const turnOfVisit = new Map(turns.map((turn) => [turn.refId, turn]));
  return rows.map((row) => {
    const turn = turnOfVisit.get(row.id);
    return {
      kind: 'visit',
      id: row.id,
      companyId: companies.get(row.projectId) ?? '',
      projectId: row.projectId,
      deskId: null,
      staffId: row.staffId,
      occurredAt: row.arrivedAt,
      arrivedAt: row.arrivedAt,
      leftAt: row.leftAt,
      status: row.status,
      day: row.day,
      dayEndsAt: shanghaiDayBounds(row.day).end,
      visitorKind: row.visitorKind,
      isPhoneRefused: row.isPhoneRefused === 1,
      customerId: row.customerId,
      customerKeyKind: keyMarks.get(row.customerId)?.keyKind ?? null,
      isCustomerErased: keyMarks.get(row.customerId)?.isErased ?? false,
      bookOutcome: row.bookOutcome,
      leftEarlyReason: row.leftEarlyReason,
      greetWithinMinutes: greetMinutes.get(row.projectId) ?? 3,
      steps: stepsOf.get(row.id) ?? [],
      turn: turn ? turnOf(turn, turn.at, names) : null,
    };
  });
}

/** SA-1(1), SA-5 … SA-11: the visits and their guided steps. */
export const visitFactSource = {
  kind: 'visit' as const,
  async changed(db: Db, page: Page) {
    return visitFacts(db, await queries.findVisitsChanged(db, page));
  },
  async byIds(db: Db, ids: string[]) {
    return visitFacts(db, await queries.findVisitsByIds(db, ids));
  },
};
