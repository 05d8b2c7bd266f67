import type { DashboardPeriod, SalesDashboard, SalesTarget } from '../../../contracts/dashboard';
import { api } from '../../app/api';

export type { SalesDashboard, SalesTarget };

export interface DashboardQuery {
  projectId?: string;
  period: DashboardPeriod;
  day?: string;
  fromDay?: string;
  toDay?: string;
  departmentId?: string;
  holdHours?: number;
}

export const dashboardApi = {
  getSales: (query: DashboardQuery, signal?: AbortSignal) =>
    api.get<SalesDashboard>('/dashboard/sales', { ...query }, signal),
  findTargets: (projectId: string, year: string, signal?: AbortSignal) =>
    api.get<{ items: SalesTarget[] }>('/dashboard/targets', { projectId, year }, signal),
  setTarget: (input: { projectId: string; month: string; units: number; amountFen: number }) =>
    api.put<SalesTarget>('/dashboard/targets', input),
};
