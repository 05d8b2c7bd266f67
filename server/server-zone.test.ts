import { afterAll, describe, expect, it } from 'vitest';
import { shanghaiDayRange } from './modules/calls/testing/index.js';
import { parseImportDate, readXlsxCell } from './modules/customers/testing/index.js';
import { shanghaiDate, shanghaiInstant, shanghaiMinute } from './modules/deals/testing/index.js';
import { atShanghaiTime, reminderInstant, type WorkingCalendar } from './modules/notify/index.js';

/*
 * Issue 14 item 3, server side: a time a user typed — a date-only field, an 'HH:mm' setting, a date
 * or date-time cell of an import file — is read in the project's zone (Asia/Shanghai) whatever zone
 * the server process runs in (TZ=UTC in a container, TZ=America/New_York on a developer's machine).
 * Node applies a change of the TZ variable at once, so one process plays each server.
 */
const originalZone = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalZone;
});

describe.each(['UTC', 'America/New_York', 'Asia/Shanghai'])(
  'server in %s: typed times are Beijing time',
  (zone) => {
    it('runs in the zone it says', () => {
      process.env.TZ = zone;
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
    });

    it("SA-16, SA-2: an 'HH:mm' time on a date is that time in Beijing, also on New York's change days", () => {
      process.env.TZ = zone;
      expect(atShanghaiTime('2026-12-08', '10:00').toISOString()).toBe('2026-12-08T02:00:00.000Z');
      expect(atShanghaiTime('2026-03-08', '02:30').toISOString()).toBe('2026-03-07T18:30:00.000Z');
      expect(atShanghaiTime('2026-11-01', '01:30').toISOString()).toBe('2026-10-31T17:30:00.000Z');
      expect(shanghaiInstant('2026-12-08', '10:00').toISOString()).toBe('2026-12-08T02:00:00.000Z');
      expect(shanghaiMinute('2026-12-08T02:00:00.000Z')).toBe('2026-12-08 10:00');
      const now = new Date('2026-12-01T00:00:00.000Z');
      const calendar: WorkingCalendar = { mode: 'calendar_days', overrides: {} };
      expect(reminderInstant('2026-12-08', '09:00', calendar, now)?.toISOString()).toBe(
        '2026-12-08T01:00:00.000Z',
      );
    });

    it('a date-only range is the Beijing days, near midnight too', () => {
      process.env.TZ = zone;
      expect(shanghaiDayRange('2026-12-08', '2026-12-08')).toEqual({
        fromIso: '2026-12-07T16:00:00.000Z',
        toIso: '2026-12-08T16:00:00.000Z',
      });
      expect(shanghaiDate(new Date('2026-12-07T15:59:59.000Z'))).toBe('2026-12-07');
      expect(shanghaiDate(new Date('2026-12-07T16:00:00.000Z'))).toBe('2026-12-08');
    });

    it('an import file: typed dates and date cells are Beijing wall-clock time', () => {
      process.env.TZ = zone;
      expect(parseImportDate({ kind: 'text', value: '2026-03-08 02:30' })?.toISOString()).toBe(
        '2026-03-07T18:30:00.000Z',
      );
      expect(parseImportDate({ kind: 'text', value: '2026年12月8日' })?.toISOString()).toBe(
        '2026-12-07T16:00:00.000Z',
      );
      // Excel serial 46364 is 2026-12-08.
      expect(parseImportDate({ kind: 'number', value: 46364 })?.toISOString()).toBe(
        '2026-12-07T16:00:00.000Z',
      );
      const cell = readXlsxCell({ kind: 'date', text: '2026-11-01 01:30:00', serial: null });
      expect(cell.kind === 'date' ? cell.value.toISOString() : cell.kind).toBe('2026-10-31T17:30:00.000Z');
    });
  },
);
