import { describe, expect, it } from 'vitest';
import { callFactSource } from '../../calls/index.js';
import { actOnCall, startManualCall } from '../../calls/testing/index.js';
import { deskCalls, openDeskWorld, secondsOn } from './desk-checks.testing.js';

// The desk's call checks on calls recorded through the desk's own use cases (the agent's and the
// guard's buttons), read back through the call fact source and evaluated.

const world = openDeskWorld();
const { nextHour, liveCall, statusOf, expectStatus, currentHour } = deskCalls(world);

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
      purposeId: world.purposes.findPerson,
      transferTo: world.colleague.staffId,
      endAfter: 60,
    });
    const message = await liveCall({
      desk: 'service',
      answerAfter: 2,
      purposeId: world.purposes.findPerson,
      messageFor: world.colleague.staffId,
      endAfter: 60,
    });
    const lost = await liveCall({
      desk: 'service',
      answerAfter: 2,
      purposeId: world.purposes.findPerson,
      endAfter: 60,
    });
    const consult = await liveCall({
      desk: 'service',
      answerAfter: 2,
      purposeId: world.purposes.consult,
      endAfter: 60,
    });
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
    const since = new Date(Date.UTC(2026, 10, 27, 1, 0, 0) + (currentHour() + 1) * 3_600_000);
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
