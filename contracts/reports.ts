/** The daily report archive (issue 16): what the server answers and the web app shows. */

export type DailyReportKind = 'project' | 'desk';

/** The headline figures of one report, kept beside its PDF so the archive list can show them. */
export interface DailyReportSummary {
  calls: number;
  missedCalls: number;
  /** Share answered within the desk's ring limit (CS-1/SEC-1), 0–100; null without calls. */
  withinLimitPercent: number | null;
  messages: number;
  incidents: number;
  /** Conformance misses that day (CONF); null when no score was available. */
  conformanceMissed: number | null;
  /** Conformance score 0–100; null when nothing was scored. */
  conformanceScore: number | null;
  /** Sales projects: units sold and amount (fen). */
  unitsSold: number | null;
  amountFen: number | null;
}

export interface DailyReportItem {
  id: string;
  kind: DailyReportKind;
  projectId: string;
  projectName: string;
  deskId: string | null;
  deskName: string | null;
  day: string;
  title: string;
  summary: DailyReportSummary;
  sizeBytes: number;
  generatedAt: string;
  /** null: made by the daily schedule. */
  generatedByName: string | null;
}
