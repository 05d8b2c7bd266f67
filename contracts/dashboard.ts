/** The sales-office dashboard (案场看板): what the server answers and the web client reads. */

export const dashboardPeriods = ['day', 'week', 'month', 'custom'] as const;
export type DashboardPeriod = (typeof dashboardPeriods)[number];

/** The funnel's stages in order (call/visit → registered → plan → deposit → agreement → contract → paid). */
export const funnelStages = [
  'contacts',
  'registered',
  'plans',
  'deposits',
  'agreements',
  'contracts',
  'paid',
] as const;
export type FunnelStage = (typeof funnelStages)[number];

/** The figures of one project (or several) over Asia/Shanghai days `from` … `to` inclusive. */
export interface SalesFigures {
  calls: number;
  visits: number;
  registered: number;
  plans: number;
  deposits: number;
  agreements: number;
  contracts: number;
  paid: number;
  /** Agreements approved (units sealed in sales control, 认购) and their price. */
  unitsSold: number;
  amountFen: number;
  /** The monthly targets of the months the period touches, summed; null when none is set. */
  targetUnits: number | null;
  targetAmountFen: number | null;
}

export interface SourceFigure {
  /** null: no source channel recorded. */
  channelId: string | null;
  name: string;
  calls: number;
  visits: number;
}

export interface ConsultantFigure {
  staffId: string;
  name: string;
  deals: number;
  amountFen: number;
  visits: number;
  calls: number;
  /** Deals per visit, in percent (one decimal); null without visits. */
  conversionPercent: number | null;
}

export interface TrendPoint {
  day: string;
  calls: number;
  visits: number;
  agreements: number;
}

export interface ExpiringHold {
  unitId: string;
  projectId: string;
  unitLabel: string;
  holderName: string;
  expiresAt: string;
}

export interface AwaitingDeposit {
  depositId: string;
  projectId: string;
  planId: string | null;
  unitNumber: string;
  customerName: string;
  consultantName: string;
  amountFen: number;
  requestedAt: string;
}

export interface OverduePayment {
  paymentItemId: string;
  projectId: string;
  transactionFileId: string;
  label: string;
  unitNumber: string;
  customerName: string;
  consultantName: string;
  outstandingFen: number;
  dueOn: string;
}

export interface SalesDashboard {
  fromDay: string;
  toDay: string;
  /** 'own': a consultant's own figures only; 'all': everyone's in the projects (or the team asked for). */
  reach: 'all' | 'own';
  figures: SalesFigures;
  funnel: Array<{ stage: FunnelStage; count: number }>;
  sources: SourceFigure[];
  consultants: ConsultantFigure[];
  trend: TrendPoint[];
  holdsExpiring: ExpiringHold[];
  depositsAwaiting: AwaitingDeposit[];
  overduePayments: OverduePayment[];
}

/** A project's sales target for one month ('YYYY-MM'). */
export interface SalesTarget {
  projectId: string;
  month: string;
  units: number;
  amountFen: number;
  updatedByName: string;
  updatedAt: string;
}
