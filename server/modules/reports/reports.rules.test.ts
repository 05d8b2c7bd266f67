import { describe, expect, it } from 'vitest';
import { canGenerateReports, canReadReport, type ReportReach } from './reports.policy.js';
import { nextReportDay, runAtOfReportDay } from './reports.rules.js';

describe('daily report rules (CONF)', () => {
  it('CONF runs a day’s report the next day at the set Beijing time', () => {
    expect(runAtOfReportDay('2026-12-01', '08:00').toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(runAtOfReportDay('2026-12-31', '23:30').toISOString()).toBe('2027-01-01T15:30:00.000Z');
  });

  it('CONF queues today’s run while its time is ahead, else tomorrow’s', () => {
    // 07:59 Beijing on 2 Dec: the report of 1 Dec is still to come.
    expect(nextReportDay(new Date('2026-12-01T23:59:00.000Z'), '08:00')).toBe('2026-12-01');
    // 08:00 sharp has passed: the next one is 2 Dec's, run on 3 Dec.
    expect(nextReportDay(new Date('2026-12-02T00:00:00.000Z'), '08:00')).toBe('2026-12-02');
    // Just after midnight Beijing (still 1 Dec in UTC).
    expect(nextReportDay(new Date('2026-12-01T16:30:00.000Z'), '08:00')).toBe('2026-12-01');
  });

  it('CONF reads: admin all, a manager their projects, a department head their projects’ desks', () => {
    const reach = (patch: Partial<ReportReach>): ReportReach => ({
      companyId: 'c',
      everything: false,
      allProjects: false,
      projectIds: [],
      allDesks: false,
      deskProjectIds: [],
      ...patch,
    });
    const projectReport = { companyId: 'c', projectId: 'p1', deskId: null };
    const deskReport = { companyId: 'c', projectId: 'p1', deskId: 'd1' };
    expect(canReadReport(reach({ everything: true }), deskReport)).toBe(true);
    expect(canReadReport(reach({ everything: true }), { ...deskReport, companyId: 'other' })).toBe(false);
    expect(canReadReport(reach({ projectIds: ['p1'] }), projectReport)).toBe(true);
    expect(canReadReport(reach({ projectIds: ['p2'] }), projectReport)).toBe(false);
    expect(canReadReport(reach({ deskProjectIds: ['p1'] }), deskReport)).toBe(true);
    expect(canReadReport(reach({ deskProjectIds: ['p1'] }), projectReport)).toBe(false);
    expect(canGenerateReports(reach({ deskProjectIds: ['p1'] }), 'p1')).toBe(false);
    expect(canGenerateReports(reach({ projectIds: ['p1'] }), 'p1')).toBe(true);
  });
});
