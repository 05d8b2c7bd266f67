export type DailyReportKind = 'project' | 'desk';

export interface DailyReportsTable {
  id: string;
  companyId: string;
  projectId: string;
  /** null: the project's report. */
  deskId: string | null;
  /** 'project:<projectId>' or 'desk:<deskId>': one report per subject and day. */
  subjectKey: string;
  /** The Asia/Shanghai day the figures are of (yesterday, when the schedule made it). */
  day: string;
  /** The project's and desk's names as printed on the PDF. */
  projectName: string;
  deskName: string | null;
  title: string;
  /** The headline figures shown in the archive list (DailyReportSummary as JSON). */
  summaryJson: string;
  pdf: Buffer;
  sizeBytes: number;
  generatedAt: string;
  /** null: made by the daily schedule; else who pressed "generate now". */
  generatedByStaffId: string | null;
  generatedByName: string | null;
}

export interface ReportsTables {
  dailyReports: DailyReportsTable;
}
