import type { Desk } from '../../../contracts/org';
import type { DailyReportItem, DailyReportKind } from '../../../contracts/reports';
import { api, type ListResult, type PageResult } from '../../app/api';

export type { DailyReportItem, DailyReportKind } from '../../../contracts/reports';

export interface ReportFilters {
  projectId?: string;
  deskId?: string;
  kind?: DailyReportKind;
  fromDay?: string;
  toDay?: string;
}

export const reportsApi = {
  listPath: '/reports/daily',
  exportPath: '/reports/daily/export',
  pdfPath: (id: string) => `/reports/daily/${encodeURIComponent(id)}/pdf`,
  findReports: (
    query: ReportFilters & { page: number; pageSize: number; sort?: string; order?: 'asc' | 'desc' },
    signal?: AbortSignal,
  ) => api.get<PageResult<DailyReportItem>>('/reports/daily', { ...query }, signal),
  /** The project's desks for the filter (org's list, which every member of the project may read). */
  findDesks: (projectId: string, signal?: AbortSignal) =>
    api.get<ListResult<Desk>>('/org/desks', { projectId }, signal).then((result) => result.items),
  generateNow: (input: { projectId: string; day: string }) =>
    api.post<{ items: DailyReportItem[] }>('/reports/daily/generate', input),
};
