import { describe, expect, it } from 'vitest';
import {
  actOnCall,
  openPersonLookup,
  recordPersonNotFound,
  searchForCaller,
  startManualCall,
} from '../../calls/testing/index.js';
import { deskCalls, openDeskWorld, secondsOn } from './desk-checks.testing.js';

// CS-4 on calls recorded through the desk's use cases: the agent opens "不认识此人" (the phrase
// shown), searches the directory for the caller, and the lookup ends in a transfer, a message or
// "not found, caller told" — or does not.

const world = openDeskWorld();
const { nextHour, liveCall, factsOf, statusOf, expectStatus } = deskCalls(world);

describe('CS-4 person lookup', () => {
  it('CS-4 lookup: the phrase shown, the directory searched and the person put through is met, with times', async () => {
    const found = await liveCall({
      desk: 'service',
      answerAfter: 2,
      purposeId: world.purposes.findPerson,
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

  it('CS-4 with CS-2: a caller asking for someone nobody could find, and who was told so, is not a CS-2 miss', async () => {
    const nobody = await liveCall({
      desk: 'service',
      answerAfter: 2,
      purposeId: world.purposes.findPerson,
      lookupSearches: ['王五'],
      notFound: true,
      endAfter: 60,
    });
    const lost = await liveCall({
      desk: 'service',
      answerAfter: 2,
      purposeId: world.purposes.findPerson,
      lookupSearches: ['王五'],
      endAfter: 60,
    });
    const cs2 = await statusOf('CS-2.transfer', nobody.id);
    expect(cs2).toMatchObject({
      status: 'not_applicable',
      evidence: [expect.anything(), { at: secondsOn(nobody.start, 27).toISOString() }],
    });
    await expectStatus('CS-2.transfer', lost.id, 'missed');
    await expectStatus('CS-4.lookup', lost.id, 'missed');
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
      purposeId: world.purposes.findPerson,
      transferTo: world.colleague.staffId,
      endAfter: 60,
    });
    const consult = await liveCall({
      desk: 'service',
      answerAfter: 2,
      purposeId: world.purposes.consult,
      endAfter: 60,
    });
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
});
