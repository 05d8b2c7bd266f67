/** A project's sales target for one month (案场月度目标), set by its manager or the administrator. */
export interface DashboardTargetsTable {
  id: string;
  companyId: string;
  projectId: string;
  /** 'YYYY-MM', an Asia/Shanghai month. */
  month: string;
  units: number;
  /** Integer fen. */
  amountFen: number;
  updatedBy: string;
  updatedAt: string;
}

export interface DashboardTables {
  dashboardTargets: DashboardTargetsTable;
}
