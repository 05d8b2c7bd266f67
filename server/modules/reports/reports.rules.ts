// Pure rules of the daily report: when it runs and which day it is about. No I/O, `now` passed in.

/** Asia/Shanghai has no daylight saving: a fixed +8 h gives the calendar day staff see. */
const shanghaiOffsetMs = 8 * 3_600_000;

export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant of `time` ('HH:mm', Beijing time) on a Shanghai day. */
export function atShanghaiTime(day: string, time: string): Date {
  return new Date(Date.parse(`${day}T${time}:00.000+08:00`));
}

/** A day's report is made the next day at the set time: the run of report day D is D+1 at `time`. */
export function runAtOfReportDay(reportDay: string, time: string): Date {
  return atShanghaiTime(addDays(reportDay, 1), time);
}

/** The next report to schedule from `now`: today's run if its time is still ahead, else tomorrow's. */
export function nextReportDay(now: Date, time: string): string {
  const today = shanghaiDay(now);
  const yesterday = addDays(today, -1);
  return runAtOfReportDay(yesterday, time) > now ? yesterday : today;
}

/** One job per project and report day: the dedupe key makes two instances, or a restart, queue it once. */
export function dailyReportJobKey(projectId: string, reportDay: string): string {
  return `reports.daily:${projectId}:${reportDay}`;
}

export function projectSubjectKey(projectId: string): string {
  return `project:${projectId}`;
}

export function deskSubjectKey(deskId: string): string {
  return `desk:${deskId}`;
}

/** Percent with one decimal, or null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}
