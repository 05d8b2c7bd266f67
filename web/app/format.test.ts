import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  atProjectTime,
  formatDate,
  formatTime,
  instantOfWallClock,
  nowInShanghai,
  projectDate,
  projectDayStart,
  projectDayStrings,
  projectDaysFromToday,
  projectTimeOfDay,
  projectToday,
  projectWallClock,
  shanghaiDayRange,
} from './format';

// The browser's zone is the process's here: Node follows a change of the TZ variable at once.
const { env } = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process;
const originalZone = env.TZ;
const browserZones = ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Auckland'] as const;

afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => {
  env.TZ = originalZone;
});

describe.each(browserZones)('times typed and shown in Asia/Shanghai, browser in %s', (zone) => {
  const inZone = () => {
    env.TZ = zone;
  };

  it('the browser is in the zone the test says', () => {
    inZone();
    const offset = new Date('2026-01-15T00:00:00Z').getTimezoneOffset();
    expect(offset).toBe(
      { UTC: 0, 'America/New_York': 300, 'Asia/Shanghai': -480, 'Pacific/Auckland': -780 }[zone],
    );
  });

  it('SA-16: 10:00 typed is 02:00 UTC, and 02:00 UTC shows as 10:00', () => {
    inZone();
    expect(atProjectTime('2026-12-08 10:00')?.toISOString()).toBe('2026-12-08T02:00:00.000Z');
    expect(formatTime('2026-12-08T02:00:00.000Z', 'YYYY-MM-DD HH:mm')).toBe('2026-12-08 10:00');
    expect(formatTime('2026-12-08T02:00:00Z')).toBe('2026-12-08 10:00:00');
    expect(atProjectTime('not a time')).toBeNull();
    expect(formatTime('not a time')).toBe('');
    expect(formatTime(null)).toBe('');
  });

  it('New York daylight saving: times in the hour New York skips or repeats stay right', () => {
    inZone();
    // 2026-03-08 02:00–03:00 does not exist in New York; 2026-11-01 01:00–02:00 happens twice there.
    const cases: Array<[string, string]> = [
      ['2026-03-08 02:30', '2026-03-07T18:30:00.000Z'],
      ['2026-03-08 14:30', '2026-03-08T06:30:00.000Z'],
      ['2026-03-08 15:30', '2026-03-08T07:30:00.000Z'],
      ['2026-11-01 01:30', '2026-10-31T17:30:00.000Z'],
      ['2026-11-01 13:30', '2026-11-01T05:30:00.000Z'],
      ['2026-11-01 14:30', '2026-11-01T06:30:00.000Z'],
    ];
    for (const [typed, utc] of cases) {
      expect(atProjectTime(typed)?.toISOString(), typed).toBe(utc);
      expect(formatTime(utc, 'YYYY-MM-DD HH:mm'), utc).toBe(typed);
    }
  });

  it('dates near midnight Beijing time are the Beijing date', () => {
    inZone();
    expect(formatDate('2026-12-07T15:59:59.999Z')).toBe('2026-12-07');
    expect(formatDate('2026-12-07T16:00:00.000Z')).toBe('2026-12-08');
    expect(projectDate(projectDayStart('2026-12-08'))).toBe('2026-12-08');
    expect(projectDayStart('2026-12-08').toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(() => projectDayStart('12/08/2026')).toThrow();
    // A picked range of one day is that day in Shanghai, [00:00, 24:00).
    const day = projectDayStart('2026-03-08');
    expect(shanghaiDayRange([day, day])).toEqual({
      from: '2026-03-07T16:00:00.000Z',
      to: '2026-03-08T16:00:00.000Z',
    });
    expect(shanghaiDayRange([null, day])).toEqual({ from: undefined, to: '2026-03-08T16:00:00.000Z' });
    expect(shanghaiDayRange(null)).toEqual({ from: undefined, to: undefined });
    expect(projectDayStrings([projectDayStart('2026-12-31'), atProjectTime('2027-01-01 23:59')])).toEqual([
      '2026-12-31',
      '2027-01-01',
    ]);
  });

  it('today, defaults and presets are counted in Shanghai', () => {
    inZone();
    vi.useFakeTimers({ toFake: ['Date'] });
    // 00:30 on 8 December in Shanghai; still 7 December in UTC and New York.
    vi.setSystemTime(new Date('2026-12-07T16:30:00.000Z'));
    expect(projectToday()).toBe('2026-12-08');
    expect(nowInShanghai().format('YYYY-MM-DD HH:mm')).toBe('2026-12-08 00:30');
    expect(nowInShanghai().hour()).toBe(0);
    expect(projectDaysFromToday(0).toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(projectDaysFromToday(-6).toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(projectTimeOfDay(1, 10).toISOString()).toBe('2026-12-09T02:00:00.000Z');
    // Across New York's spring change: 30 days later is still 00:00 in Shanghai.
    vi.setSystemTime(new Date('2026-02-20T04:00:00.000Z'));
    expect(projectDate(projectDaysFromToday(30))).toBe('2026-03-22');
    expect(projectDaysFromToday(30).toISOString()).toBe('2026-03-21T16:00:00.000Z');
  });

  it('wall clock and instant convert back and forth for any instant', () => {
    inZone();
    const reference = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2060, 0, 1) }), (epochMs) => {
        const wallClock = projectWallClock(epochMs);
        expect(wallClock.format('YYYY-MM-DD HH:mm:ss')).toBe(reference.format(new Date(epochMs)));
        expect(instantOfWallClock(wallClock).valueOf()).toBe(epochMs);
      }),
      { numRuns: 300 },
    );
  });
});

describe('compactPrice', () => {
  it('shows a flat’s price in 万 to a Chinese reader and in millions of yuan to an English one', async () => {
    const { compactAmount, compactPrice } = await import('./format');
    expect(compactPrice(339_205_000, 'zh-CN')).toBe('339.21万');
    expect(compactPrice(339_205_000, 'zh-TW')).toBe('339.21萬');
    expect(compactPrice(339_205_000, 'en')).toBe('¥3.39M');
    expect(compactAmount(125_000_000_000, 'en')).toBe('1,250');
    expect(compactPrice(null, 'en')).toBe('—');
  });
});
