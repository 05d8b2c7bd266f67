import { beforeAll, describe, expect, it } from 'vitest';
import { type CallConformanceFacts, callFactSource } from '../../calls/index.js';
import {
  actOnCall,
  findPurposes,
  leaveMessage,
  openPersonLookup,
  recordGreetingShown,
  recordPersonNotFound,
  searchForCaller,
  startManualCall,
  updateCallDetails,
} from '../../calls/testing/index.js';
import type { CheckStatus } from './check-types.js';
import { evaluateDesk, openDeskWorld } from './desk-checks.testing.js';

// The desk's call checks on calls recorded through the desk's own use cases (the agent's and the
// guard's buttons), read back through the call fact source and evaluated.

const world = openDeskWorld();
let findPersonId: string;
let consultId: string;

beforeAll(async () => {
  const purposes = await findPurposes(world.db, world.org.system, new Date('2026-11-27T01:00:00.000Z'));
  findPersonId = purposes.find((purpose) => purpose.key === 'find_person')?.id ?? '';
  consultId = purposes.find((purpose) => purpose.key === 'consult')?.id ?? '';
});

// Every scenario gets its own hour of the day, so calls of one never overlap another's.
let hour = 0;
function nextHour(): Date {
  hour += 1;
  return new Date(Date.UTC(2026, 10, 27, 1, 0, 0) + hour * 3_600_000);
}
const secondsOn = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);

interface Script {
  desk: 'service' | 'post';
  answerAfter?: number;
  greetingAfter?: number;
  purposeId?: string;
  transferTo?: string;
  messageFor?: string;
  /** CS-4: "不认识此人" opened 21 s in, then these directory searches a second apart. */
  lookupSearches?: string[];
  /** CS-4: "not found, caller told" recorded 27 s in. */
  notFound?: boolean;
  endAfter?: number;
  releasedBy?: 'caller' | 'agent' | 'system';
}

/** A call lived through the desk's buttons: ringing, answered, greeting shown, purpose, transfer, end. */
async function liveCall(script: Script, start = nextHour()) {
  const actor = script.desk === 'service' ? world.agent : world.guard;
  const deskId = script.desk === 'service' ? world.org.serviceDeskId : world.org.postDeskId;
  const db = world.db;
  const call = await startManualCall(db, { actor, deskId, callerNumber: '13900001234', now: start });
  const act = (input: Parameters<typeof actOnCall>[1]['input'], seconds: number) =>
    actOnCall(db, { actor, callId: call.id, input, now: secondsOn(start, seconds) });
  if (script.answerAfter !== undefined) await act({ action: 'answer' }, script.answerAfter);
  if (script.greetingAfter !== undefined)
    await recordGreetingShown(db, {
      actor,
      callId: call.id,
      locale: 'zh-CN',
      now: secondsOn(start, script.greetingAfter),
    });
  if (script.purposeId)
    await updateCallDetails(db, {
      actor,
      callId: call.id,
      input: { purposeId: script.purposeId },
      now: secondsOn(start, 20),
    });
  if (script.lookupSearches) {
    await openPersonLookup(db, { actor, callId: call.id, locale: 'zh-CN', now: secondsOn(start, 21) });
    for (const [index, q] of script.lookupSearches.entries())
      await searchForCaller(db, {
        actor,
        callId: call.id,
        input: { q },
        limit: 30,
        now: secondsOn(start, 22 + index),
      });
  }
  if (script.transferTo) await act({ action: 'transfer', targetStaffId: script.transferTo }, 25);
  if (script.messageFor)
    await leaveMessage(db, {
      actor,
      input: {
        deskId,
        callId: call.id,
        recipientStaffId: script.messageFor,
        kind: 'message',
        callerName: '王先生',
        callbackNumber: '13900001234',
        content: '请回电',
        urgency: 'normal',
      },
      now: secondsOn(start, 26),
    });
  if (script.notFound) await recordPersonNotFound(db, { actor, callId: call.id, now: secondsOn(start, 27) });
  if (script.endAfter !== undefined)
    await act({ action: 'end', releasedBy: script.releasedBy }, script.endAfter);
  return { id: call.id, start };
}

async function factsOf(callId: string): Promise<CallConformanceFacts> {
  const [facts] = await callFactSource.byIds(world.db, [callId]);
  return facts;
}

async function statusOf(checkId: string, callId: string, now = new Date('2026-11-28T00:00:00.000Z')) {
  return evaluateDesk(checkId, await factsOf(callId), now);
}

const expectStatus = async (checkId: string, callId: string, status: CheckStatus) =>
  expect((await statusOf(checkId, callId)).status).toBe(status);

describe('desk call checks', () => {
  it('CS-1 rings: answered on ring 1 is met, on ring 4 or never is a miss, a security post call is not applicable', async () => {
    const quick = await liveCall({ desk: 'service', answerAfter: 3, endAfter: 60 });
    const late = await liveCall({ desk: 'service', answerAfter: 16, endAfter: 60 });
    const never = await liveCall({ desk: 'service', endAfter: 40 });
    const post = await liveCall({ desk: 'post', answerAfter: 3, endAfter: 60 });
    const met = await statusOf('CS-1.rings', quick.id);
    expect(met.status).toBe('met');
    expect(met.evidence.map((item) => item.value)).toEqual(
      expect.arrayContaining([expect.objectContaining({ 'zh-CN': '1 声' })]),
    );
    const missed = await statusOf('CS-1.rings', late.id);
    expect(missed.status).toBe('missed');
    expect(JSON.stringify(missed.evidence)).toContain('4 rings');
    expect(JSON.stringify(missed.evidence)).toContain('within 3 rings');
    await expectStatus('CS-1.rings', never.id, 'missed');
    await expectStatus('CS-1.rings', post.id, 'not_applicable');
  });

  it('SEC-1 rings: a post call answered within 3 rings is met, after them a miss, a service-centre call not applicable', async () => {
    const quick = await liveCall({ desk: 'post', answerAfter: 8, endAfter: 60 });
    const late = await liveCall({ desk: 'post', answerAfter: 21, endAfter: 60 });
    const service = await liveCall({ desk: 'service', answerAfter: 3, endAfter: 60 });
    await expectStatus('SEC-1.rings', quick.id, 'met');
    await expectStatus('SEC-1.rings', late.id, 'missed');
    await expectStatus('SEC-1.rings', service.id, 'not_applicable');
  });

  it('CS-1 greeting: shown by the desk screen at answering is met, none on record a miss, a missed call not applicable', async () => {
    const shown = await liveCall({ desk: 'service', answerAfter: 3, greetingAfter: 4, endAfter: 60 });
    const none = await liveCall({ desk: 'service', answerAfter: 3, endAfter: 60 });
    const late = await liveCall({ desk: 'service', answerAfter: 3, greetingAfter: 30, endAfter: 60 });
    const unanswered = await liveCall({ desk: 'service', endAfter: 30 });
    const met = await statusOf('CS-1.greeting', shown.id);
    expect(met.status).toBe('met');
    expect(met.evidence.some((item) => item.at === secondsOn(shown.start, 4).toISOString())).toBe(true);
    await expectStatus('CS-1.greeting', none.id, 'missed');
    await expectStatus('CS-1.greeting', late.id, 'missed');
    await expectStatus('CS-1.greeting', unanswered.id, 'not_applicable');
    // Scored right after answering, before the allowance ran out: pending until it does.
    const early = await statusOf('CS-1.greeting', none.id, secondsOn(none.start, 5));
    expect(early).toMatchObject({ status: 'pending', decidesAt: secondsOn(none.start, 8).toISOString() });
  });

  it('SEC-2 greeting: on a security post the same, and not applicable on a service centre', async () => {
    const shown = await liveCall({ desk: 'post', answerAfter: 2, greetingAfter: 2, endAfter: 60 });
    const none = await liveCall({ desk: 'post', answerAfter: 2, endAfter: 60 });
    const service = await liveCall({ desk: 'service', answerAfter: 2, greetingAfter: 2, endAfter: 60 });
    await expectStatus('SEC-2.greeting', shown.id, 'met');
    await expectStatus('SEC-2.greeting', none.id, 'missed');
    await expectStatus('SEC-2.greeting', service.id, 'not_applicable');
  });

  it('CS-2 transfer: a caller asking for someone is met by a transfer or a message, a miss with neither, not applicable otherwise', async () => {
    const transferred = await liveCall({
      desk: 'service',
      answerAfter: 2,
      purposeId: findPersonId,
      transferTo: world.colleague.staffId,
      endAfter: 60,
    });
    const message = await liveCall({
      desk: 'service',
      answerAfter: 2,
      purposeId: findPersonId,
      messageFor: world.colleague.staffId,
      endAfter: 60,
    });
    const lost = await liveCall({ desk: 'service', answerAfter: 2, purposeId: findPersonId, endAfter: 60 });
    const consult = await liveCall({ desk: 'service', answerAfter: 2, purposeId: consultId, endAfter: 60 });
    const met = await statusOf('CS-2.transfer', transferred.id);
    expect(met.status).toBe('met');
    expect(met.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: '张三', link: { kind: 'staff', id: world.colleague.staffId } }),
      ]),
    );
    await expectStatus('CS-2.transfer', message.id, 'met');
    await expectStatus('CS-2.transfer', lost.id, 'missed');
    await expectStatus('CS-2.transfer', consult.id, 'not_applicable');
  });

  it('CS-4 lookup: the phrase shown, the directory searched and the person put through is met, with times', async () => {
    const found = await liveCall({
      desk: 'service',
      answerAfter: 2,
      purposeId: findPersonId,
      lookupSearches: ['zs'],
      transferTo: world.colleague.staffId,
      endAfter: 60,
    });
    const outcome = await statusOf('CS-4.lookup', found.id);
    expect(outcome.status).toBe('met');
    expect(outcome.evidence).toEqual([
      expect.objectContaining({
        at: secondsOn(found.start, 21).toISOString(),
        value: { 'zh-CN': '标准版本', 'zh-TW': '標準版本', en: 'standard version' },
      }),
      expect.objectContaining({
        at: secondsOn(found.start, 22).toISOString(),
        value: expect.objectContaining({ en: '"zs" · 1 found' }),
      }),
      expect.objectContaining({
        label: expect.objectContaining({ en: 'Found and put through' }),
        value: '张三',
        at: secondsOn(found.start, 25).toISOString(),
        link: { kind: 'staff', id: world.colleague.staffId },
      }),
    ]);
  });

  it('CS-4 lookup: a message taken, or nobody found and the caller told, after a search is met too', async () => {
    const message = await liveCall({
      desk: 'service',
      answerAfter: 2,
      lookupSearches: ['张'],
      messageFor: world.colleague.staffId,
      endAfter: 60,
    });
    const nobody = await liveCall({
      desk: 'service',
      answerAfter: 2,
      lookupSearches: ['王五', 'ww'],
      notFound: true,
      endAfter: 60,
    });
    const taken = await statusOf('CS-4.lookup', message.id);
    expect(taken.status).toBe('met');
    expect(taken.evidence.at(-1)).toMatchObject({ label: { en: 'Message taken' }, value: '张三' });
    const told = await statusOf('CS-4.lookup', nobody.id);
    expect(told.status).toBe('met');
    expect(told.evidence.map((item) => item.label.en)).toEqual([
      'Phrase for an unknown person shown',
      'Directory searched',
      'Directory searched',
      'Not found; the caller was told',
    ]);
    expect(told.evidence[1].value).toMatchObject({ en: '"王五" · 0 found' });
  });

  it('CS-4 lookup: a call ended without an outcome, or an outcome without a search, is a miss; pending while talking', async () => {
    const noOutcome = await liveCall({
      desk: 'service',
      answerAfter: 2,
      lookupSearches: ['zs'],
      endAfter: 60,
    });
    const noSearch = await liveCall({
      desk: 'service',
      answerAfter: 2,
      lookupSearches: [],
      notFound: true,
      endAfter: 60,
    });
    const talking = await liveCall({ desk: 'service', answerAfter: 2, lookupSearches: ['zs'] });
    const ended = await statusOf('CS-4.lookup', noOutcome.id);
    expect(ended.status).toBe('missed');
    expect(ended.evidence.at(-1)?.label.en).toBe('No outcome on record (transfer, message or caller told)');
    const unsearched = await statusOf('CS-4.lookup', noSearch.id);
    expect(unsearched.status).toBe('missed');
    expect(unsearched.evidence.map((item) => item.label.en)).toContain('The directory was not searched');
    const open = await statusOf('CS-4.lookup', talking.id, secondsOn(talking.start, 40));
    expect(open).toMatchObject({ status: 'pending', decidesAt: secondsOn(talking.start, 100).toISOString() });
  });

  it('CS-4 lookup: a caller who asked for someone the agent knew (no lookup opened) is not applicable', async () => {
    const known = await liveCall({
      desk: 'service',
      answerAfter: 2,
      purposeId: findPersonId,
      transferTo: world.colleague.staffId,
      endAfter: 60,
    });
    const consult = await liveCall({ desk: 'service', answerAfter: 2, purposeId: consultId, endAfter: 60 });
    await expectStatus('CS-4.lookup', known.id, 'not_applicable');
    await expectStatus('CS-4.lookup', consult.id, 'not_applicable');
  });

  it('CS-4 lookup: a transfer made before the lookup opened is not its outcome', async () => {
    const start = nextHour();
    const db = world.db;
    const actor = world.agent;
    const call = await startManualCall(db, {
      actor,
      deskId: world.org.serviceDeskId,
      callerNumber: '13900004321',
      now: start,
    });
    await actOnCall(db, { actor, callId: call.id, input: { action: 'answer' }, now: secondsOn(start, 2) });
    await actOnCall(db, {
      actor,
      callId: call.id,
      input: { action: 'transfer', targetStaffId: world.colleague.staffId },
      now: secondsOn(start, 5),
    });
    await openPersonLookup(db, { actor, callId: call.id, locale: 'en', now: secondsOn(start, 10) });
    await searchForCaller(db, {
      actor,
      callId: call.id,
      input: { q: 'zs' },
      limit: 30,
      now: secondsOn(start, 11),
    });
    await actOnCall(db, { actor, callId: call.id, input: { action: 'end' }, now: secondsOn(start, 30) });
    await expectStatus('CS-4.lookup', call.id, 'missed');
  });

  it('CS-4 refuses a search or "not found" before the lookup is opened, a second outcome, and a lookup on an ended call, changing nothing', async () => {
    const db = world.db;
    const actor = world.agent;
    const closed = await liveCall({ desk: 'service', answerAfter: 2, endAfter: 30 });
    const at = secondsOn(closed.start, 40);
    await expect(
      searchForCaller(db, { actor, callId: closed.id, input: { q: 'zs' }, limit: 30, now: at }),
    ).rejects.toMatchObject({ code: 'PERSON_LOOKUP_NOT_OPEN' });
    await expect(recordPersonNotFound(db, { actor, callId: closed.id, now: at })).rejects.toMatchObject({
      code: 'PERSON_LOOKUP_NOT_OPEN',
    });
    await expect(
      openPersonLookup(db, { actor, callId: closed.id, locale: 'zh-CN', now: at }),
    ).rejects.toMatchObject({ code: 'CALL_ACTION_NOT_ALLOWED' });
    expect((await factsOf(closed.id)).personLookup).toBeNull();

    const told = await liveCall({
      desk: 'service',
      answerAfter: 2,
      lookupSearches: ['王五'],
      notFound: true,
    });
    await expect(
      recordPersonNotFound(db, { actor, callId: told.id, now: secondsOn(told.start, 40) }),
    ).rejects.toMatchObject({ code: 'PERSON_LOOKUP_DECIDED' });
    const facts = await factsOf(told.id);
    expect(facts.personLookup?.outcome).toMatchObject({
      kind: 'not_found',
      at: secondsOn(told.start, 27).toISOString(),
    });
    // Opening again keeps the first opening's time.
    const again = await openPersonLookup(db, {
      actor,
      callId: told.id,
      locale: 'zh-CN',
      now: secondsOn(told.start, 45),
    });
    expect(again?.shownAt).toBe(secondsOn(told.start, 21).toISOString());
  });

  it('SEC-6 hang-up: the caller first is met, the agent first a miss, unknown or a service centre not applicable', async () => {
    const caller = await liveCall({ desk: 'post', answerAfter: 2, endAfter: 60, releasedBy: 'caller' });
    const agentFirst = await liveCall({ desk: 'post', answerAfter: 2, endAfter: 60, releasedBy: 'agent' });
    const system = await liveCall({ desk: 'post', answerAfter: 2, endAfter: 60, releasedBy: 'system' });
    const service = await liveCall({ desk: 'service', answerAfter: 2, endAfter: 60, releasedBy: 'agent' });
    await expectStatus('SEC-6.hangup', caller.id, 'met');
    await expectStatus('SEC-6.hangup', agentFirst.id, 'missed');
    await expectStatus('SEC-6.hangup', system.id, 'not_applicable');
    await expectStatus('SEC-6.hangup', service.id, 'not_applicable');
  });

  /** 接一待二: the guard talks on the first call, holds it, takes the second, ends it, resumes the first. */
  async function twoCalls(secondTalkSeconds: number) {
    const start = nextHour();
    const db = world.db;
    const first = await startManualCall(db, {
      actor: world.guard,
      deskId: world.org.postDeskId,
      callerNumber: '13900005555',
      now: start,
    });
    await actOnCall(db, {
      actor: world.guard,
      callId: first.id,
      input: { action: 'answer' },
      now: secondsOn(start, 2),
    });
    const second = await startManualCall(db, {
      actor: world.guard,
      deskId: world.org.postDeskId,
      callerNumber: '13900006666',
      now: secondsOn(start, 10),
    });
    await actOnCall(db, {
      actor: world.guard,
      callId: first.id,
      input: { action: 'hold' },
      now: secondsOn(start, 12),
    });
    await actOnCall(db, {
      actor: world.guard,
      callId: second.id,
      input: { action: 'answer' },
      now: secondsOn(start, 13),
    });
    const back = 13 + secondTalkSeconds;
    await actOnCall(db, {
      actor: world.guard,
      callId: second.id,
      input: { action: 'end', releasedBy: 'caller' },
      now: secondsOn(start, back),
    });
    await actOnCall(db, {
      actor: world.guard,
      callId: first.id,
      input: { action: 'resume' },
      now: secondsOn(start, back),
    });
    await actOnCall(db, {
      actor: world.guard,
      callId: first.id,
      input: { action: 'end', releasedBy: 'caller' },
      now: secondsOn(start, back + 30),
    });
    return { first: first.id, second: second.id };
  }

  it('SEC-7 hold: the call held while another is taken is met within 60 s, a miss beyond, not applicable with no overlap', async () => {
    const short = await twoCalls(30);
    const long = await twoCalls(90);
    const alone = await liveCall({ desk: 'post', answerAfter: 2, endAfter: 60 });
    const met = await statusOf('SEC-7.hold', short.first);
    expect(met.status).toBe('met');
    expect(met.evidence[0]).toMatchObject({ link: { kind: 'call', id: short.second } });
    expect(JSON.stringify(met.evidence)).toContain('31 s');
    await expectStatus('SEC-7.hold', long.first, 'missed');
    await expectStatus('SEC-7.hold', short.second, 'not_applicable');
    await expectStatus('SEC-7.hold', alone.id, 'not_applicable');
  });

  it('reads changed calls in id order, a page at a time, and only those changed since a time', async () => {
    const since = new Date(Date.UTC(2026, 10, 27, 1, 0, 0) + (hour + 1) * 3_600_000);
    const a = await liveCall({ desk: 'service', answerAfter: 2, endAfter: 30 });
    const b = await liveCall({ desk: 'post', answerAfter: 2, endAfter: 30 });
    const firstPage = await callFactSource.changed(world.db, {
      since: since.toISOString(),
      afterId: null,
      limit: 1,
    });
    expect(firstPage.map((facts) => facts.id)).toEqual([[a.id, b.id].sort()[0]]);
    const secondPage = await callFactSource.changed(world.db, {
      since: since.toISOString(),
      afterId: firstPage[0].id,
      limit: 10,
    });
    expect(secondPage.map((facts) => facts.id)).toEqual([[a.id, b.id].sort()[1]]);
    const all = await callFactSource.changed(world.db, { since: null, afterId: null, limit: 1000 });
    expect(all.length).toBeGreaterThan(20);
    expect(all.map((facts) => facts.id)).toEqual([...all.map((facts) => facts.id)].sort());
    expect(all.find((facts) => facts.id === b.id)).toMatchObject({
      deskKind: 'security_post',
      staffId: world.guard.staffId,
    });
  });
});
