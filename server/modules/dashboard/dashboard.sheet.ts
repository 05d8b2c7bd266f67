import { Decimal } from 'decimal.js';
import type { FunnelStage, SalesDashboard } from '../../../contracts/dashboard.js';
import type { Locale, Localized } from '../../../contracts/locales.js';
import type { ExportSheet } from '../../platform/excel/export.js';

/** One line of the dashboard's workbook: a figure, a source or a consultant. */
export interface DashboardSheetRow {
  section: string;
  item: string;
  count: number | null;
  visits: number | null;
  amountYuan: number | null;
}

const words = {
  figures: { 'zh-CN': '指标', 'zh-TW': '指標', en: 'Figures' },
  sources: { 'zh-CN': '来源渠道', 'zh-TW': '來源渠道', en: 'Sources' },
  consultants: { 'zh-CN': '置业顾问排名', 'zh-TW': '置業顧問排名', en: 'Consultant ranking' },
  calls: { 'zh-CN': '来电', 'zh-TW': '來電', en: 'Calls' },
  visits: { 'zh-CN': '来访', 'zh-TW': '來訪', en: 'Visits' },
  unitsSold: { 'zh-CN': '成交套数(认购)', 'zh-TW': '成交套數(認購)', en: 'Units sold (subscribed)' },
  amount: { 'zh-CN': '成交金额', 'zh-TW': '成交金額', en: 'Amount sold' },
  targetUnits: { 'zh-CN': '目标套数', 'zh-TW': '目標套數', en: 'Target units' },
  targetAmount: { 'zh-CN': '目标金额', 'zh-TW': '目標金額', en: 'Target amount' },
} satisfies Record<string, Localized>;

const stageWords: Record<FunnelStage, Localized> = {
  contacts: { 'zh-CN': '来电 + 来访', 'zh-TW': '來電 + 來訪', en: 'Calls + visits' },
  registered: { 'zh-CN': '登记客户', 'zh-TW': '登記客戶', en: 'Registered customers' },
  plans: { 'zh-CN': '购房方案', 'zh-TW': '購房方案', en: 'Purchase plans' },
  deposits: { 'zh-CN': '定金', 'zh-TW': '定金', en: 'Deposits' },
  agreements: { 'zh-CN': '认购', 'zh-TW': '認購', en: 'Subscriptions' },
  contracts: { 'zh-CN': '签约', 'zh-TW': '簽約', en: 'Contracts' },
  paid: { 'zh-CN': '首付到账', 'zh-TW': '首付到賬', en: 'Down payment paid' },
};

const yuan = (fen: number | null) => (fen === null ? null : new Decimal(fen).div(100).toNumber());

/** The figures, the funnel, the sources and the ranking as rows, in the reader's language. */
export function dashboardRows(report: SalesDashboard, locale: Locale): DashboardSheetRow[] {
  const figures = words.figures[locale];
  const f = report.figures;
  const row = (item: string, count: number | null, amountFen: number | null = null): DashboardSheetRow => ({
    section: figures,
    item,
    count,
    visits: null,
    amountYuan: yuan(amountFen),
  });
  return [
    row(words.calls[locale], f.calls),
    row(words.visits[locale], f.visits),
    ...report.funnel.map((stage) => row(stageWords[stage.stage][locale], stage.count)),
    row(words.unitsSold[locale], f.unitsSold),
    row(words.amount[locale], null, f.amountFen),
    row(words.targetUnits[locale], f.targetUnits),
    row(words.targetAmount[locale], null, f.targetAmountFen),
    ...report.sources.map((source) => ({
      section: words.sources[locale],
      item: source.name,
      count: source.calls,
      visits: source.visits,
      amountYuan: null,
    })),
    ...report.consultants.map((consultant) => ({
      section: words.consultants[locale],
      item: consultant.name,
      count: consultant.deals,
      visits: consultant.visits,
      amountYuan: yuan(consultant.amountFen),
    })),
  ];
}

export function dashboardSheet(report: SalesDashboard): ExportSheet<DashboardSheetRow> {
  const period = `${report.fromDay}-${report.toDay}`;
  return {
    fileName: {
      'zh-CN': `案场看板-${period}.xlsx`,
      'zh-TW': `案場看板-${period}.xlsx`,
      en: `sales-dashboard-${period}.xlsx`,
    },
    sheetName: { 'zh-CN': '案场看板', 'zh-TW': '案場看板', en: 'Sales dashboard' },
    columns: [
      { header: { 'zh-CN': '类别', 'zh-TW': '類別', en: 'Section' }, width: 16, value: (row) => row.section },
      { header: { 'zh-CN': '项目', 'zh-TW': '項目', en: 'Item' }, width: 22, value: (row) => row.item },
      {
        header: { 'zh-CN': '数量 / 来电 / 成交', 'zh-TW': '數量 / 來電 / 成交', en: 'Count / calls / deals' },
        value: (row) => row.count,
      },
      { header: words.visits, value: (row) => row.visits },
      {
        header: { 'zh-CN': '金额(元)', 'zh-TW': '金額(元)', en: 'Amount (yuan)' },
        width: 16,
        value: (row) => row.amountYuan,
      },
    ],
  };
}
