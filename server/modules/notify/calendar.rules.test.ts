import { describe, expect, it } from 'vitest';
import { parseCalendarLines } from './calendar.rules.js';
import {
  addWorkingDays,
  escalationInstant,
  isWorkingDay,
  reminderDay,
  reminderInstant,
  restDayReason,
  type WorkingCalendar,
} from './notify.time.js';

const working: WorkingCalendar = { mode: 'working_days', overrides: {} };
const calendarDays: WorkingCalendar = { mode: 'calendar_days', overrides: {} };

describe('the working-day calendar (chinese-days, 调休 included) and the administrator overrides', () => {
  it('knows the 2026 Spring Festival and National Day holidays and their make-up working days', () => {
    for (const day of ['2026-02-15', '2026-02-19', '2026-02-23', '2026-10-01', '2026-10-07'])
      expect(isWorkingDay(day), day).toBe(false);
    // Make-up working days (调休): Saturday 14 and 28 February, Sunday 20 September, Saturday 10 October.
    for (const day of ['2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10'])
      expect(isWorkingDay(day), day).toBe(true);
    expect(restDayReason('2026-02-19')).toBe('holiday');
    expect(restDayReason('2026-03-07')).toBe('weekend');
    expect(restDayReason('2026-02-24')).toBeNull();
  });

  it('lets an administrator override a date both ways, for that date only', () => {
    const overrides = { '2027-02-06': 'work', '2027-02-10': 'rest' } as const;
    expect(isWorkingDay('2027-02-06')).toBe(false); // a Saturday the package knows nothing about
    expect(isWorkingDay('2027-02-06', overrides)).toBe(true);
    expect(isWorkingDay('2027-02-10', overrides)).toBe(false);
    expect(restDayReason('2027-02-10', overrides)).toBe('administrator');
    expect(addWorkingDays('2027-02-11', -1, overrides)).toBe('2027-02-09');
  });

  it('SA-14 moves a reminder on a rest day to the working day before it, 调休 Saturday included', () => {
    expect(reminderDay('2026-02-19', working)).toBe('2026-02-14');
    expect(reminderDay('2026-02-22', working)).toBe('2026-02-14');
    expect(reminderDay('2026-02-19', calendarDays)).toBe('2026-02-19');
    expect(reminderDay('2026-02-19', { mode: 'working_days', overrides: { '2026-02-14': 'rest' } })).toBe(
      '2026-02-13',
    );
  });

  it('SA-16 keeps the nominal rest-day time when the working day before has already passed, and drops a time already past', () => {
    const duringHoliday = new Date('2026-10-02T02:00:00.000Z');
    // 7 days before 8 October is 1 October; 30 September has passed on 2 October.
    expect(reminderInstant('2026-10-01', '10:00', working, duringHoliday)).toBeNull();
    expect(reminderInstant('2026-10-05', '10:00', working, duringHoliday)?.toISOString()).toBe(
      '2026-10-05T02:00:00.000Z',
    );
    expect(
      reminderInstant('2026-10-05', '10:00', working, new Date('2026-09-01T00:00:00Z'))?.toISOString(),
    ).toBe('2026-09-30T02:00:00.000Z');
  });

  it('CS-3 holds an escalation due on a rest day until 09:00 of the next working day, never earlier', () => {
    // Saturday 28 November 2026, 10:30 Shanghai → Monday 30 November 09:00.
    expect(escalationInstant(new Date('2026-11-28T02:30:00Z'), working).toISOString()).toBe(
      '2026-11-30T01:00:00.000Z',
    );
    // National Day: 8 October is the next working day.
    expect(escalationInstant(new Date('2026-10-03T02:30:00Z'), working).toISOString()).toBe(
      '2026-10-08T01:00:00.000Z',
    );
    // The make-up Saturday 10 October is a working day: unchanged.
    const makeUp = new Date('2026-10-10T02:30:00Z');
    expect(escalationInstant(makeUp, working)).toEqual(makeUp);
    const saturday = new Date('2026-11-28T02:30:00Z');
    expect(escalationInstant(saturday, calendarDays)).toEqual(saturday);
  });
});

describe('typed or uploaded calendar lines', () => {
  it('reads dates, 休/班 in either script or English, notes, full-width digits, and skips blank lines', () => {
    const { entries, errors } = parseCalendarLines(
      '2027-01-01 休 元旦\n\n２０２７/２/６\t班\n2027.2.10,rest 春节\n2027-02-20 補班',
      2027,
    );
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      { day: '2027-01-01', kind: 'rest', note: '元旦' },
      { day: '2027-02-06', kind: 'work', note: '' },
      { day: '2027-02-10', kind: 'rest', note: '春节' },
      { day: '2027-02-20', kind: 'work', note: '' },
    ]);
  });

  it('refuses every bad line with its number: a date that does not exist, another year, an unknown kind, a repeat', () => {
    const { errors } = parseCalendarLines(
      '2027-01-01 休\n2027-02-30 休\n2026-12-31 休\n2027-03-01 放风\n2027-01-01 班\nconstructor 班',
      2027,
    );
    expect(errors.map((error) => error.line)).toEqual([2, 3, 4, 5, 6]);
    expect(errors[0].message['zh-CN']).toContain('第 2 行');
    expect(errors[1].message.en).toContain('not in 2027');
    expect(errors[3].message['zh-TW']).toContain('第 1 行');
  });
});
