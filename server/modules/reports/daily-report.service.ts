import type { DailyReportItem, DailyReportSummary } from '../../../contracts/reports.js';
import { type Actor, systemActor } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { writeAudit } from '../audit/index.js';
import { findDeskFigures } from '../calls/index.js';
import { notify } from '../notify/index.js';
import { findDesks } from '../org/index.js';
import { findStaffWithRolesOnProject } from '../staff/index.js';
import { conformanceOf, salesFiguresOf } from './daily-inputs.js';
import { type DailyReportData, renderDailyReport, reportTitle, summarise } from './daily-report.pdf.js';
import * as queries from './reports.queries.js';
import { deskSubjectKey, projectSubjectKey } from './reports.rules.js';
import type { DailyReportsTable } from './reports.tables.js';

export interface ReportProject {
  id: string;
  companyId: string;
  name: string;
  kind: 'sales' | 'estate';
}

/** A report made and drawn, not stored yet: the job stores it in its completing transaction. */
export interface PreparedReport {
  row: DailyReportsTable;
  summary: DailyReportSummary;
}

/**
 * Yesterday's figures of a project and of each of its desks (calls, messages, incidents, sales,
 * conformance), drawn as one PDF each. Reads only: nothing is written here.
 */
export async function prepareDailyReports(
  db: Db,
  options: { project: ReportProject; day: string; now: Date; by?: Actor },
): Promise<PreparedReport[]> {
  const { project, day, now } = options;
  const range = { from: day, to: day };
  const desks = await findDesks(db, systemActor(project.companyId), { projectId: project.id });
  const deskFigures = await findDeskFigures(db, {
    deskIds: desks.map((desk) => desk.id),
    fromDay: day,
    toDay: day,
  });
  const figuresOf = new Map(deskFigures.map((figures) => [figures.deskId, figures]));
  const deskRows = desks.flatMap((desk) => {
    const figures = figuresOf.get(desk.id);
    return figures ? [{ desk, figures }] : [];
  });
  const sales =
    project.kind === 'sales' ? await salesFiguresOf(db, { projectId: project.id, ...range }) : null;
  const base = { projectName: project.name, day, generatedAt: now };
  const reports: Array<{ data: DailyReportData; deskId: string | null }> = [
    {
      deskId: null,
      data: {
        ...base,
        kind: 'project',
        deskName: null,
        sales,
        desks: deskRows.map(({ desk, figures }) => ({ name: desk.name, figures })),
        conformance: await conformanceOf(db, {
          companyId: project.companyId,
          projectId: project.id,
          ...range,
        }),
      },
    },
  ];
  for (const { desk, figures } of deskRows)
    reports.push({
      deskId: desk.id,
      data: {
        ...base,
        kind: 'desk',
        deskName: desk.name,
        sales: null,
        desks: [{ name: desk.name, figures }],
        conformance: await conformanceOf(db, { companyId: project.companyId, deskId: desk.id, ...range }),
      },
    });
  const prepared: PreparedReport[] = [];
  for (const { data, deskId } of reports) {
    const pdf = await renderDailyReport(data);
    const summary = summarise(data);
    prepared.push({
      summary,
      row: {
        id: newId(),
        companyId: project.companyId,
        projectId: project.id,
        deskId,
        subjectKey: deskId ? deskSubjectKey(deskId) : projectSubjectKey(project.id),
        day,
        projectName: project.name,
        deskName: data.deskName,
        title: reportTitle(data),
        summaryJson: JSON.stringify(summary),
        pdf,
        sizeBytes: pdf.length,
        generatedAt: now.toISOString(),
        generatedByStaffId: options.by?.staffId ?? null,
        generatedByName: options.by?.displayName ?? null,
      },
    });
  }
  return prepared;
}

async function deliver(trx: Tx, report: PreparedReport, now: Date): Promise<void> {
  const { row, summary } = report;
  const roles = row.deskId ? ['dept_head'] : ['manager'];
  const staff = await findStaffWithRolesOnProject(trx, row.companyId, roles, row.projectId);
  if (staff.length === 0) return;
  const figures = {
    projectName: row.projectName,
    day: row.day,
    calls: summary.calls,
    missedCalls: summary.missedCalls,
    withinLimit: summary.withinLimitPercent === null ? '—' : `${summary.withinLimitPercent}%`,
    misses: summary.conformanceMissed ?? '—',
  };
  await notify(trx, {
    event: row.deskId ? 'reports.dailyDesk' : 'reports.dailyProject',
    projectId: row.projectId,
    recipients: [...new Set(staff.map((person) => person.id))].map((staffId) => ({ kind: 'staff', staffId })),
    params: row.deskId ? { ...figures, deskName: row.deskName ?? '' } : figures,
    link: `/reports?projectId=${row.projectId}&day=${row.day}`,
    dedupeKey: `report:${row.subjectKey}:${row.day}`,
    now,
  });
}

/**
 * Stores prepared reports in the archive. The schedule (`keep`) leaves a day already archived as it
 * is and tells the project's managers (project report) and department heads (desk reports);
 * "generate now" (`replace`) redraws the day and tells no one. The audit row comes last.
 */
export async function storeDailyReports(
  trx: Tx,
  prepared: PreparedReport[],
  options: { mode: 'keep' | 'replace'; actor: Actor; now: Date },
): Promise<DailyReportItem[]> {
  const stored: DailyReportItem[] = [];
  for (const report of prepared) {
    if (!(await queries.saveReport(trx, report.row, options.mode))) continue;
    const row = await queries.findReportBySubjectDay(trx, report.row.subjectKey, report.row.day);
    if (row) stored.push(toReportItem(row));
    if (options.mode === 'keep') await deliver(trx, report, options.now);
  }
  const first = prepared[0]?.row;
  if (first && stored.length > 0)
    await writeAudit(trx, {
      actor: options.actor,
      at: options.now,
      projectId: first.projectId,
      entityType: 'daily_report',
      entityId: stored[0]!.id,
      action: options.mode === 'keep' ? 'generate_scheduled' : 'generate_now',
      after: { day: first.day, reports: stored.map((item) => item.title) },
    });
  return stored;
}

export function toReportItem(row: queries.DailyReportRow): DailyReportItem {
  return {
    id: row.id,
    kind: row.deskId ? 'desk' : 'project',
    projectId: row.projectId,
    projectName: row.projectName,
    deskId: row.deskId,
    deskName: row.deskName,
    day: row.day,
    title: row.title,
    summary: JSON.parse(row.summaryJson) as DailyReportSummary,
    sizeBytes: row.sizeBytes,
    generatedAt: row.generatedAt,
    generatedByName: row.generatedByName,
  };
}
