import type { PersonLookup, PersonSearchInput, PersonSearchResult } from '../../../contracts/calls.js';
import type { Locale } from '../../../contracts/locales.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError } from '../../platform/errors.js';
import { findResidentsForCaller } from '../residents/index.js';
import { callsErrors } from './calls.errors.js';
import * as queries from './calls.queries.js';
import { personLookupOutcome } from './calls.rules.js';
import { callStatusNames, getCallForActor, recordOnCall } from './calls.service.js';
import type { CallsTable } from './calls.tables.js';
import { findMessagesOfCalls } from './conformance.queries.js';
import * as directory from './directory.queries.js';
import { searchDirectory } from './directory.service.js';
import * as lookupQueries from './person-lookup.queries.js';
import * as scriptQueries from './scripts.queries.js';

// CS-4: the agent does not know the person the caller asks for. They open "不认识此人" on the live
// call (the screen shows the CS-4 phrase, and when is kept), search the directory for the caller
// (each search kept on the call), and the lookup ends in a transfer or fetch, a message, or "not
// found, caller told" — the first two are the call's own transfer and message.

/** Only a call being talked on: nobody asks for a person before answering or after hanging up. */
function assertLive(actor: Actor, call: CallsTable) {
  if (call.status !== 'answered' && call.status !== 'on_hold')
    throw new AppError(callsErrors.CALL_ACTION_NOT_ALLOWED, {
      status: callStatusNames[call.status][actor.locale],
    });
}

type OpenLookupCall = CallsTable & { personLookupAt: string };

function assertOpen(call: CallsTable): asserts call is OpenLookupCall {
  if (!call.personLookupAt) throw new AppError(callsErrors.PERSON_LOOKUP_NOT_OPEN);
}

/** The lookup of one call as the desk screen shows it; null when none was opened. */
export async function getPersonLookup(db: Tx, call: CallsTable): Promise<PersonLookup | null> {
  return call.personLookupAt ? describeLookup(db, { ...call, personLookupAt: call.personLookupAt }) : null;
}

async function describeLookup(db: Tx, call: OpenLookupCall): Promise<PersonLookup> {
  const [searches, messages] = await Promise.all([
    lookupQueries.findSearchesOfCalls(db, [call.id]),
    findMessagesOfCalls(db, [call.id]),
  ]);
  const outcome = personLookupOutcome(call.personLookupAt, call, messages);
  const names = outcome?.staffId ? await directory.findStaffNames(db, [outcome.staffId]) : new Map();
  return {
    shownAt: call.personLookupAt,
    searches: searches.map((row) => ({ at: row.searchedAt, query: row.query, resultCount: row.resultCount })),
    outcome: outcome
      ? {
          kind: outcome.kind,
          at: outcome.at,
          staffName: outcome.staffId ? (names.get(outcome.staffId) ?? null) : null,
        }
      : null,
  };
}

/**
 * The agent opens "不认识此人": the screen shows the CS-4 phrase now. The first opening is kept —
 * when, by whom, and which version of the desk's phrase in the screen's language (0: built in).
 */
export async function openPersonLookup(
  db: Db,
  options: { actor: Actor; callId: string; locale: Locale; now: Date },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const { call } = await getCallForActor(trx, actor, options.callId);
    if (call.personLookupAt) return describeLookup(trx, { ...call, personLookupAt: call.personLookupAt });
    assertLive(actor, call);
    const changes = {
      personLookupAt: now.toISOString(),
      personLookupVersion: await scriptQueries.findLatestScriptVersion(
        trx,
        call.deskId,
        'unknown_person',
        options.locale,
      ),
      personLookupBy: actor.staffId,
    };
    const opened = await recordOnCall(trx, { actor, call, changes, action: 'person_lookup_opened', now });
    return describeLookup(trx, opened);
  });
}

/**
 * A directory search made for the caller: the same search as the directory's, and the residents
 * register's by building, door, room and name ("您能说出他(她)是哪个樓門的嗎?"), kept on the call
 * with what it found. A search is a read: it is kept as the call's record (like its events), not
 * in the audit chain, which holds changes.
 */
export async function searchForCaller(
  db: Db,
  options: { actor: Actor; callId: string; input: PersonSearchInput; limit: number; now: Date },
): Promise<PersonSearchResult> {
  const { actor, input, now } = options;
  return db.transaction().execute(async (trx) => {
    const { call } = await getCallForActor(trx, actor, options.callId);
    assertOpen(call);
    assertLive(actor, call);
    const entries = await searchDirectory(trx, { actor, ...input, search: input.q, limit: options.limit });
    const residents = await findResidentsForCaller(trx, {
      actor,
      q: input.q,
      buildingId: input.buildingId,
      doorId: input.doorId,
      now,
      limit: options.limit,
    });
    await lookupQueries.insertDirectorySearch(trx, {
      id: newId(),
      callId: call.id,
      searchedAt: now.toISOString(),
      searchedBy: actor.staffId,
      query: input.q,
      resultCount: entries.length + residents.length,
    });
    await queries.touchCall(trx, call.id, now);
    return { items: entries, residents };
  });
}

/** Nobody was found and the caller was told so; refused once the lookup has an outcome. */
export async function recordPersonNotFound(db: Db, options: { actor: Actor; callId: string; now: Date }) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const { call } = await getCallForActor(trx, actor, options.callId);
    assertOpen(call);
    const messages = await findMessagesOfCalls(trx, [call.id]);
    if (personLookupOutcome(call.personLookupAt, call, messages))
      throw new AppError(callsErrors.PERSON_LOOKUP_DECIDED);
    const changes = { personNotFoundAt: now.toISOString(), personNotFoundBy: actor.staffId };
    return describeLookup(
      trx,
      await recordOnCall(trx, { actor, call, changes, action: 'person_not_found', now }),
    );
  });
}
