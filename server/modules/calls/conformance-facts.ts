import type { Db, Tx } from '../../platform/db/database.js';
import { getSetting } from '../settings/index.js';
import { personLookupOutcome, type RingCounting } from './calls.rules.js';
import type { CallStatus, MessageKind, PurposeKey, ReleasedBy, TransferKind } from './calls.tables.js';
import * as queries from './conformance.queries.js';
import type { DeskFactSource, DeskSubjectFacts } from './conformance-records.js';
import { type CallDeskKind, loadDeskContext } from './desk-context.js';
import * as directory from './directory.queries.js';
import { findSearchesOfCalls } from './person-lookup.queries.js';

export {
  type DeskFactSource,
  type DeskSubjectFacts,
  type IncidentConformanceFacts,
  incidentFactSource,
  type LeaderCallConformanceFacts,
  leaderCallFactSource,
  type MessageConformanceFacts,
  messageFactSource,
} from './conformance-records.js';

/** SEC-7: one hold of this call while the same agent talked on another call of the desk. */
export interface SecondCallHold {
  otherCallId: string;
  heldAt: string;
  /** When the hold ended (resumed or the call ended); null while it lasts. */
  endedAt: string | null;
}

/** CS-4: the agent did not know the person sought: the phrase shown, the searches, the outcome. */
export interface PersonLookupFacts {
  shownAt: string;
  /** The desk's CS-4 phrase version in the screen's language; 0 for the built-in one. */
  phraseVersion: number | null;
  searches: Array<{ at: string; query: string; resultCount: number }>;
  outcome: {
    kind: 'transferred' | 'fetched' | 'message' | 'not_found';
    at: string;
    staffId: string | null;
    staffName: string | null;
  } | null;
}

/** What a desk call recorded, for CS-1, CS-2, CS-4, SEC-1, SEC-2, SEC-6 and SEC-7. */
export interface CallConformanceFacts extends DeskSubjectFacts {
  kind: 'call';
  deskKind: CallDeskKind;
  status: CallStatus;
  ringingAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  answeredByName: string | null;
  /** CS-1 / SEC-1 as recorded on the call when it was answered (or ended unanswered). */
  ringMs: number | null;
  rings: number | null;
  maxRings: number;
  isAnsweredWithinLimit: boolean;
  /** The desk's reading of "within N rings" now (the call's verdict was made under the reading then). */
  ringCounting: RingCounting;
  cadenceSeconds: number;
  /** CS-1 / SEC-2: the greeting the desk screen showed, and the setting's allowance after answering. */
  greetingShownAt: string | null;
  greetingVersion: number | null;
  greetingWithinSeconds: number;
  /** CS-2: what the call was about, and to whom it was transferred or who was fetched. */
  purposeKey: PurposeKey | null;
  purposeLabel: string | null;
  transfer: { staffId: string; staffName: string; kind: TransferKind; at: string | null } | null;
  messages: Array<{
    id: string;
    kind: MessageKind;
    recipientStaffId: string;
    recipientName: string;
    at: string;
  }>;
  /** CS-4: null when the agent never opened "不认识此人" on the call. */
  personLookup: PersonLookupFacts | null;
  leaderCallIds: string[];
  incidentIds: string[];
  /** SEC-6: who put the phone down first. */
  releasedBy: ReleasedBy | null;
  /** SEC-7 */
  holdCount: number;
  holdMs: number;
  heldSince: string | null;
  secondCallHolds: SecondCallHold[];
  secondCallHoldSeconds: number;
}

interface DeskReading {
  deskKind: CallDeskKind;
  ringCounting: RingCounting;
  cadenceSeconds: number;
  greetingWithinSeconds: number;
  secondCallHoldSeconds: number;
}

/** Each desk's settings once per page. */
async function readDesks(db: Tx, rows: Array<{ companyId: string; deskId: string }>) {
  const desks = new Map<string, DeskReading>();
  for (const row of rows) {
    if (desks.has(row.deskId)) continue;
    const context = await loadDeskContext(db, row.companyId, row.deskId);
    const scope = { companyId: row.companyId, projectId: context.projectId, deskId: row.deskId };
    desks.set(row.deskId, {
      deskKind: context.deskKind,
      ringCounting: context.policy.counting,
      cadenceSeconds: context.policy.cadenceSeconds,
      greetingWithinSeconds: await getSetting(db, 'calls.greetingShownWithinSeconds', scope),
      secondCallHoldSeconds: await getSetting(db, 'calls.secondCallHoldSeconds', scope),
    });
  }
  return desks;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const value = key(row);
    if (value === null) continue;
    const group = groups.get(value);
    if (group) group.push(row);
    else groups.set(value, [row]);
  }
  return groups;
}

type HoldPeriod = { heldAt: string; endedAt: string | null };

function holdPeriods(events: ReadonlyArray<{ type: string; occurredAt: string }>): HoldPeriod[] {
  const periods: HoldPeriod[] = [];
  let open: string | null = null;
  for (const event of events) {
    if (event.type === 'held' && open === null) open = event.occurredAt;
    else if (event.type !== 'held' && open !== null) {
      periods.push({ heldAt: open, endedAt: event.occurredAt });
      open = null;
    }
  }
  if (open !== null) periods.push({ heldAt: open, endedAt: null });
  return periods;
}

type TalkingCall = Awaited<ReturnType<typeof queries.findTalkingCalls>>[number];

const far = '9999-12-31T00:00:00.000Z';

/**
 * The first of an agent's talking calls (by ringing time) other than `callId` that was in
 * conversation during [fromIso, toIso]: answered by its end and not ended before its start. The
 * running maximum of the end times finds the first call that could still be talking by a binary
 * search, and the scan stops at the first call that rang after the period (it was answered after).
 */
function overlapLookup(calls: readonly TalkingCall[]) {
  const latestEnd: string[] = [];
  for (const call of calls) {
    const end = call.endedAt ?? far;
    const before = latestEnd[latestEnd.length - 1];
    latestEnd.push(before !== undefined && before > end ? before : end);
  }
  return (callId: string, fromIso: string, toIso: string): TalkingCall | undefined => {
    let low = 0;
    let high = calls.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (latestEnd[middle] >= fromIso) high = middle;
      else low = middle + 1;
    }
    for (let index = low; index < calls.length && calls[index].ringingAt <= toIso; index++) {
      const call = calls[index];
      if (call.id !== callId && (call.answeredAt ?? far) <= toIso && (call.endedAt ?? far) >= fromIso)
        return call;
    }
    return undefined;
  };
}

/** SEC-7: the holds of held calls that overlap another call the same agent was talking on. */
async function findSecondCallHolds(db: Tx, rows: queries.CallFactRow[]) {
  const held = rows.filter((row) => row.holdCount > 0 || row.heldSince !== null);
  const result = new Map<string, SecondCallHold[]>();
  if (held.length === 0) return result;
  const events = groupBy(
    await queries.findHoldEvents(
      db,
      held.map((row) => row.id),
    ),
    (event) => event.callId,
  );
  const periodsOf = new Map(held.map((row) => [row.id, holdPeriods(events.get(row.id) ?? [])]));
  const all = [...periodsOf.values()].flat();
  if (all.length === 0) return result;
  // Fixed-width ISO text sorts as time; a hold still open reaches to the end of time.
  const fromIso = all.map((period) => period.heldAt).sort()[0];
  const toIso = all.map((period) => period.endedAt ?? far).sort()[all.length - 1];
  const deskIds = [...new Set(held.map((row) => row.deskId))];
  // Talking calls by desk and agent, by ringing time: under the staff id that answered, and under
  // the PBX's agent reference (what a hold of a call without a staff id matches).
  const talkingOf = new Map<string, TalkingCall[]>();
  const file = (key: string, call: TalkingCall) => {
    const group = talkingOf.get(key);
    if (group) group.push(call);
    else talkingOf.set(key, [call]);
  };
  for (const call of await queries.findTalkingCalls(db, deskIds, fromIso, toIso)) {
    if (call.answeredByStaffId) file(`${call.deskId}|s|${call.answeredByStaffId}`, call);
    if (call.answeredByRef !== '') file(`${call.deskId}|r|${call.answeredByRef}`, call);
  }
  const agentKey = (row: queries.CallFactRow) =>
    row.answeredByStaffId
      ? `${row.deskId}|s|${row.answeredByStaffId}`
      : row.answeredByRef !== ''
        ? `${row.deskId}|r|${row.answeredByRef}`
        : null;
  const lookups = new Map<string, ReturnType<typeof overlapLookup>>();
  for (const row of held) {
    const key = agentKey(row);
    if (key === null) continue;
    let lookup = lookups.get(key);
    if (!lookup) {
      lookup = overlapLookup(talkingOf.get(key) ?? []);
      lookups.set(key, lookup);
    }
    const holds: SecondCallHold[] = [];
    for (const period of periodsOf.get(row.id) ?? []) {
      const other = lookup(row.id, period.heldAt, period.endedAt ?? far);
      if (other) holds.push({ otherCallId: other.id, heldAt: period.heldAt, endedAt: period.endedAt });
    }
    if (holds.length) result.set(row.id, holds);
  }
  return result;
}

async function buildCallFacts(db: Tx, rows: queries.CallFactRow[]): Promise<CallConformanceFacts[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [desks, messages, leaderCalls, incidents, secondCallHolds, searches] = await Promise.all([
    readDesks(db, rows),
    queries.findMessagesOfCalls(db, ids),
    queries.findLeaderCallsOfCalls(db, ids),
    queries.findIncidentsOfCalls(db, ids),
    findSecondCallHolds(db, rows),
    findSearchesOfCalls(
      db,
      rows.filter((row) => row.personLookupAt !== null).map((row) => row.id),
    ),
  ]);
  const names = await directory.findStaffNames(db, [
    ...rows.flatMap((row) => [row.transferredToStaffId ?? '', row.answeredByStaffId ?? '']),
    ...messages.map((message) => message.recipientStaffId),
  ]);
  const messagesOf = groupBy(messages, (message) => message.callId);
  const searchesOf = groupBy(searches, (search) => search.callId);
  const lookupOf = (row: queries.CallFactRow): PersonLookupFacts | null => {
    if (!row.personLookupAt) return null;
    const outcome = personLookupOutcome(row.personLookupAt, row, messagesOf.get(row.id) ?? []);
    return {
      shownAt: row.personLookupAt,
      phraseVersion: row.personLookupVersion,
      searches: (searchesOf.get(row.id) ?? []).map((search) => ({
        at: search.searchedAt,
        query: search.query,
        resultCount: search.resultCount,
      })),
      outcome: outcome && {
        ...outcome,
        staffName: outcome.staffId ? (names.get(outcome.staffId) ?? null) : null,
      },
    };
  };
  const leaderCallsOf = groupBy(leaderCalls, (leaderCall) => leaderCall.callId);
  const incidentsOf = groupBy(incidents, (incident) => incident.callId);
  return rows.map((row) => {
    const desk = desks.get(row.deskId) as DeskReading;
    return {
      kind: 'call',
      id: row.id,
      companyId: row.companyId,
      projectId: row.projectId,
      deskId: row.deskId,
      staffId: row.answeredByStaffId,
      occurredAt: row.ringingAt,
      deskKind: desk.deskKind,
      status: row.status,
      ringingAt: row.ringingAt,
      answeredAt: row.answeredAt,
      endedAt: row.endedAt,
      answeredByName: row.answeredByStaffId
        ? (names.get(row.answeredByStaffId) ?? null)
        : row.answeredByRef || null,
      ringMs: row.ringMs,
      rings: row.rings,
      maxRings: row.maxRings,
      isAnsweredWithinLimit: row.isAnsweredWithinLimit === 1,
      ringCounting: desk.ringCounting,
      cadenceSeconds: desk.cadenceSeconds,
      greetingShownAt: row.greetingShownAt,
      greetingVersion: row.greetingVersion,
      greetingWithinSeconds: desk.greetingWithinSeconds,
      purposeKey: row.purposeKey ?? null,
      purposeLabel: row.purposeLabel ?? null,
      transfer: row.transferredToStaffId
        ? {
            staffId: row.transferredToStaffId,
            staffName: names.get(row.transferredToStaffId) ?? '',
            kind: row.transferKind ?? 'transfer',
            at: row.transferredAt,
          }
        : null,
      messages: (messagesOf.get(row.id) ?? []).map((message) => ({
        id: message.id,
        kind: message.kind,
        recipientStaffId: message.recipientStaffId,
        recipientName: names.get(message.recipientStaffId) ?? '',
        at: message.createdAt,
      })),
      personLookup: lookupOf(row),
      leaderCallIds: (leaderCallsOf.get(row.id) ?? []).map((leaderCall) => leaderCall.id),
      incidentIds: (incidentsOf.get(row.id) ?? []).map((incident) => incident.id),
      releasedBy: row.releasedBy,
      holdCount: row.holdCount,
      holdMs: row.holdMs,
      heldSince: row.heldSince,
      secondCallHolds: secondCallHolds.get(row.id) ?? [],
      secondCallHoldSeconds: desk.secondCallHoldSeconds,
    };
  });
}

/** Desk calls (CS-1, CS-2, CS-4, SEC-1, SEC-2, SEC-6, SEC-7): one query per page and one per linked table. */
export const callFactSource: DeskFactSource<CallConformanceFacts> = {
  kind: 'call',
  changed: async (db: Db, page) => buildCallFacts(db, await queries.findCallFactRows(db, { page })),
  byIds: async (db: Db, ids) => buildCallFacts(db, await queries.findCallFactRows(db, { ids })),
};
