import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerLimitMs,
  type CallEventFact,
  deriveCall,
  displayPhoneNumber,
  fillScript,
  isAnsweredWithinRings,
  missingEmergencyFields,
  normalisePhoneNumber,
  percentile,
  personLookupOutcome,
  type RingPolicy,
  ringsHeard,
  shanghaiDayHour,
  shanghaiDayRange,
  summariseCalls,
} from './calls.rules.js';

const beforeNext: RingPolicy = {
  cadenceSeconds: 5,
  ringOnSeconds: 1,
  counting: 'before_next_ring',
  maxRings: 3,
};
const strict: RingPolicy = { ...beforeNext, counting: 'during_ring' };
const now = new Date('2026-11-27T03:00:00.000Z');
const t = (seconds: number) =>
  new Date(Date.parse('2026-11-27T02:00:00.000Z') + seconds * 1000).toISOString();

describe('rings (CS-1, SEC-1)', () => {
  it('CS-1 ring k starts 5(k−1) s after alerting: 0 s is ring 1, 5 s ring 2, 10 s ring 3, 15 s ring 4', () => {
    expect(ringsHeard(0, 5)).toBe(1);
    expect(ringsHeard(4_999, 5)).toBe(1);
    expect(ringsHeard(5_000, 5)).toBe(2);
    expect(ringsHeard(10_000, 5)).toBe(3);
    expect(ringsHeard(14_999, 5)).toBe(3);
    expect(ringsHeard(15_000, 5)).toBe(4);
  });

  it('CS-1 "within 3 rings" means answered before ring 4 starts (< 15 s)', () => {
    expect(isAnsweredWithinRings(14_999, beforeNext)).toBe(true);
    expect(isAnsweredWithinRings(15_000, beforeNext)).toBe(false);
    expect(answerLimitMs(beforeNext)).toEqual({ limitMs: 15_000, isInclusive: false });
  });

  it('CS-1 the strict reading (during ring 3) allows at most 11 s', () => {
    expect(isAnsweredWithinRings(11_000, strict)).toBe(true);
    expect(isAnsweredWithinRings(11_001, strict)).toBe(false);
    expect(isAnsweredWithinRings(12_000, strict)).toBe(false);
    expect(answerLimitMs(strict)).toEqual({ limitMs: 11_000, isInclusive: true });
  });

  it('SEC-1 a post set to 2 rings answers before 10 s, or strictly by 6 s', () => {
    expect(isAnsweredWithinRings(9_999, { ...beforeNext, maxRings: 2 })).toBe(true);
    expect(isAnsweredWithinRings(10_000, { ...beforeNext, maxRings: 2 })).toBe(false);
    expect(isAnsweredWithinRings(6_000, { ...strict, maxRings: 2 })).toBe(true);
    expect(isAnsweredWithinRings(6_500, { ...strict, maxRings: 2 })).toBe(false);
  });

  it('SEC-1 the strict reading never accepts more than the before-next-ring reading', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120_000 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 2, max: 30 }),
        (ms, maxRings, cadence) => {
          const lenient = { ...beforeNext, maxRings, cadenceSeconds: cadence };
          if (isAnsweredWithinRings(ms, { ...lenient, counting: 'during_ring' }))
            expect(isAnsweredWithinRings(ms, lenient)).toBe(true);
          // Answered within N rings ⇔ at most N rings heard (before-next reading).
          expect(isAnsweredWithinRings(ms, lenient)).toBe(ringsHeard(ms, cadence) <= maxRings);
        },
      ),
    );
  });
});

describe('deriving a call from its events (CTI)', () => {
  const ringing: CallEventFact = { type: 'ringing', occurredAt: t(0), callerNumber: '13912345678' };
  const answered: CallEventFact = {
    type: 'answered',
    occurredAt: t(8),
    agentStaffId: 'agent-1',
    agentRef: 'agent',
  };
  const ended: CallEventFact = { type: 'ended', occurredAt: t(68), releasedBy: 'caller' };

  it('CS-1 records ring-to-answer time and rings for an answered call', () => {
    const call = deriveCall([ringing, answered, ended], beforeNext, now);
    expect(call).toMatchObject({
      status: 'ended',
      ringMs: 8_000,
      rings: 2,
      isAnsweredWithinLimit: true,
      talkMs: 60_000,
      answeredByStaffId: 'agent-1',
    });
  });

  it('gives the same call whatever order the events arrive in (ended before answered)', () => {
    const inOrder = deriveCall([ringing, answered, ended], beforeNext, now);
    fc.assert(
      fc.property(
        fc.shuffledSubarray([ringing, answered, ended], { minLength: 3, maxLength: 3 }),
        (shuffled) => {
          expect(deriveCall(shuffled, beforeNext, now)).toEqual(inOrder);
        },
      ),
    );
  });

  it('an ended call without an answer is missed and counts against the limit', () => {
    const call = deriveCall(
      [ringing, { type: 'ended', occurredAt: t(30), releasedBy: 'caller' }],
      beforeNext,
      now,
    );
    expect(call).toMatchObject({ status: 'missed', ringMs: 30_000, rings: 7, isAnsweredWithinLimit: false });
  });

  it('an ended event that arrived before its answered event is re-read as answered once it comes', () => {
    const early = deriveCall([ringing, ended], beforeNext, now);
    expect(early.status).toBe('missed');
    expect(deriveCall([ringing, ended, answered], beforeNext, now).status).toBe('ended');
  });

  it('SEC-7 counts hold time over every hold, and an open hold up to now', () => {
    const events: CallEventFact[] = [
      ringing,
      answered,
      { type: 'held', occurredAt: t(10) },
      { type: 'resumed', occurredAt: t(25) },
      { type: 'held', occurredAt: t(30) },
    ];
    const open = deriveCall(events, beforeNext, new Date(t(40)));
    expect(open).toMatchObject({ status: 'on_hold', holdCount: 2, holdMs: 25_000, heldSince: t(30) });
    const closed = deriveCall(
      [...events, { type: 'ended', occurredAt: t(50), releasedBy: 'agent' }],
      beforeNext,
      new Date(t(90)),
    );
    expect(closed).toMatchObject({ status: 'ended', holdMs: 35_000, heldSince: null });
  });

  it('SEC-6 records who hung up first', () => {
    expect(deriveCall([ringing, answered, ended], beforeNext, now).releasedBy).toBe('caller');
    expect(
      deriveCall([ringing, answered, { ...ended, releasedBy: 'agent' }], beforeNext, now).releasedBy,
    ).toBe('agent');
  });

  it('CS-2 keeps the last transfer and to whom', () => {
    const call = deriveCall(
      [
        ringing,
        answered,
        { type: 'transferred', occurredAt: t(20), targetStaffId: 'p-1', transferKind: 'fetch' },
      ],
      beforeNext,
      now,
    );
    expect(call).toMatchObject({
      transferredToStaffId: 'p-1',
      transferKind: 'fetch',
      transferredAt: t(20),
      status: 'answered',
    });
  });
});

describe('phone numbers', () => {
  it('normalises Chinese mobiles and landlines to E.164', () => {
    expect(normalisePhoneNumber('138 1234 5678')).toMatchObject({ number: '+8613812345678', isValid: true });
    expect(normalisePhoneNumber('0755-88880000')).toMatchObject({ number: '+8675588880000', isValid: true });
    expect(displayPhoneNumber('+8613812345678')).toBe('138 1234 5678');
  });

  it('keeps an invalid number as typed and flags it', () => {
    expect(normalisePhoneNumber(' 12345 ')).toEqual({ number: '12345', isValid: false, raw: '12345' });
    expect(normalisePhoneNumber('110')).toMatchObject({ number: '110', isValid: false });
    // A mobile cut short: the full metadata knows no such number (the small build let it pass).
    expect(normalisePhoneNumber('1391234')).toEqual({ number: '1391234', isValid: false, raw: '1391234' });
  });
});

describe('scripts (CS-0)', () => {
  it('CS-0 fills company, desk and person; the person stays 他(她) until chosen', () => {
    const values = { company: '迎客', desk: '东门卡口', project: '锦绣家园' };
    expect(fillScript('您好!{company}物业客户服务中心,您请讲。', values, '他(她)')).toBe(
      '您好!迎客物业客户服务中心,您请讲。',
    );
    expect(fillScript('请稍候,我将电话转接给{person}', values, '他(她)')).toBe('请稍候,我将电话转接给他(她)');
    expect(fillScript('请稍候,我将电话转接给{person}', { ...values, person: '张伟' }, '他(她)')).toBe(
      '请稍候,我将电话转接给张伟',
    );
  });
});

describe('emergencies (SEC-5)', () => {
  const complete = {
    callerName: '赵女士',
    callerIdentity: 'owner',
    buildingId: 'b1',
    unitLabel: '1502',
    phone: '13622223333',
    account: '楼道有烟味',
  };

  it('SEC-5 needs name, identity, address, phone and a brief account', () => {
    expect(missingEmergencyFields(complete)).toEqual([]);
    expect(
      missingEmergencyFields({
        callerName: ' ',
        callerIdentity: null,
        buildingId: null,
        unitLabel: '',
        phone: '',
        account: '',
      }),
    ).toEqual(['callerName', 'callerIdentity', 'address', 'phone', 'account']);
    expect(missingEmergencyFields({ ...complete, buildingId: null })).toEqual([]);
    expect(missingEmergencyFields({ ...complete, buildingId: null, unitLabel: '' })).toEqual(['address']);
  });
});

describe('statistics', () => {
  it('takes the nearest-rank p90', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([4], 0.9)).toBe(4);
    expect(percentile([], 0.9)).toBeNull();
  });

  it('CS-1 SEC-6 summarises answered, missed, within limit and caller-hung-up-first', () => {
    const row = (
      status: 'ended' | 'missed',
      rings: number | null,
      within: number,
      releasedBy: 'caller' | 'agent' | null,
    ) => ({
      status,
      rings,
      ringMs: rings === null ? null : (rings - 1) * 5000,
      isAnsweredWithinLimit: within,
      holdMs: 1000,
      releasedBy,
    });
    const figures = summariseCalls([
      row('ended', 1, 1, 'caller'),
      row('ended', 4, 0, 'agent'),
      row('missed', 5, 0, 'caller'),
      row('ended', 2, 1, 'caller'),
    ]);
    expect(figures).toMatchObject({
      calls: 4,
      answered: 3,
      missed: 1,
      answeredWithinLimit: 2,
      withinLimitPercent: 50,
      ringsP90: 4,
      callerHungUpFirst: 2,
      callerHungUpFirstPercent: 66.7,
      holdSecondsTotal: 4,
    });
  });

  it('reads days and hours in Asia/Shanghai', () => {
    expect(shanghaiDayHour(new Date('2026-11-27T16:30:00.000Z'))).toEqual({ day: '2026-11-28', hour: 0 });
    expect(shanghaiDayRange('2026-11-28', '2026-11-28')).toEqual({
      fromIso: '2026-11-27T16:00:00.000Z',
      toIso: '2026-11-28T16:00:00.000Z',
    });
  });
});

describe('personLookupOutcome', () => {
  const opened = '2026-12-01T02:00:10.000Z';
  const none = {
    transferredAt: null,
    transferredToStaffId: null,
    transferKind: null,
    personNotFoundAt: null,
  };
  it('CS-4 the outcome is the first transfer, fetch, message or "not found" at or after the lookup opened', () => {
    expect(personLookupOutcome(opened, none, [])).toBeNull();
    const fetched = {
      ...none,
      transferredAt: '2026-12-01T02:00:30.000Z',
      transferredToStaffId: 's1',
      transferKind: 'fetch' as const,
    };
    const message = { createdAt: '2026-12-01T02:00:20.000Z', recipientStaffId: 's2' };
    expect(personLookupOutcome(opened, fetched, [message])).toEqual({
      kind: 'message',
      at: message.createdAt,
      staffId: 's2',
    });
    expect(personLookupOutcome(opened, fetched, [])).toMatchObject({ kind: 'fetched', staffId: 's1' });
    // Before the lookup opened: not what came of it.
    const earlier = { ...fetched, transferredAt: '2026-12-01T02:00:05.000Z' };
    expect(
      personLookupOutcome(opened, earlier, [{ ...message, createdAt: '2026-12-01T02:00:01.000Z' }]),
    ).toBeNull();
    expect(
      personLookupOutcome(opened, { ...earlier, personNotFoundAt: '2026-12-01T02:00:40.000Z' }, []),
    ).toEqual({ kind: 'not_found', at: '2026-12-01T02:00:40.000Z', staffId: null });
  });
});
