import { Decimal } from 'decimal.js';
import type { DailyReportSummary } from '../../../contracts/reports.js';
import { createPdf, fields, footer, heading, type Pdf, section, table } from '../../platform/pdf/pdf.js';
import type { DeskFigures } from '../calls/index.js';
import type { ConformanceSummary, SalesFigures } from './daily-inputs.js';
import { percent } from './reports.rules.js';

/** Everything one report shows, gathered before the PDF is drawn (and kept short: one page). */
export interface DailyReportData {
  kind: 'project' | 'desk';
  projectName: string;
  deskName: string | null;
  day: string;
  generatedAt: Date;
  sales: SalesFigures | null;
  desks: Array<{ name: string; figures: DeskFigures }>;
  conformance: ConformanceSummary | null;
}

// One page: at most this many rows per table; the rest is counted in a line under it.
const maxDeskRows = 8;
const maxRuleRows = 8;
const worstItems = 3;

const subjectLabels: Record<string, string> = {
  call: '来电',
  message: '留言',
  leader_call: '领导来电',
  incident: '紧急事件',
  sales_call: '销售来电',
  visit: '来访',
  follow_up: '回访',
  deal: '成交',
};
const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

/** UTC ISO → 'YYYY-MM-DD HH:mm' in Asia/Shanghai (the time staff read). */
export function shanghaiTimeText(iso: string | Date): string {
  const at = typeof iso === 'string' ? new Date(iso) : iso;
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function yuan(fen: number): string {
  const [whole, cents] = new Decimal(fen).div(100).toFixed(2).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

const text = (value: number | null | undefined, unit = '') => (value == null ? '—' : `${value}${unit}`);

export function reportTitle(
  data: Pick<DailyReportData, 'kind' | 'projectName' | 'deskName' | 'day'>,
): string {
  return data.kind === 'project'
    ? `${data.projectName} 项目日报 ${data.day}`
    : `${data.projectName} · ${data.deskName ?? ''} 接听席日报 ${data.day}`;
}

/** The headline figures the archive list shows beside the PDF. */
export function summarise(data: DailyReportData): DailyReportSummary {
  let calls = 0;
  let missedCalls = 0;
  let within = 0;
  let judged = 0;
  let messages = 0;
  let incidents = 0;
  for (const { figures } of data.desks) {
    calls += figures.calls;
    missedCalls += figures.missed;
    within += figures.answeredWithinLimit;
    judged += figures.answered + figures.missed;
    messages += figures.messages;
    incidents += figures.incidents;
  }
  return {
    calls,
    missedCalls,
    withinLimitPercent: percent(within, judged),
    messages,
    incidents,
    conformanceMissed: data.conformance ? data.conformance.missed : null,
    conformanceScore: data.conformance ? data.conformance.score : null,
    unitsSold: data.sales ? data.sales.unitsSold : null,
    amountFen: data.sales ? data.sales.amountFen : null,
  };
}

function salesSection(doc: Pdf, sales: SalesFigures) {
  section(doc, '销售数据');
  table(
    doc,
    ['来电', '来访', '登记', '方案', '定金', '认购', '签约', '回款', '成交套数', '成交金额(元)'],
    [
      [
        ...[sales.calls, sales.visits, sales.registered, sales.plans, sales.deposits, sales.agreements],
        ...[sales.contracts, sales.paid, sales.unitsSold],
      ]
        .map(String)
        .concat(yuan(sales.amountFen)),
    ],
    [0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.11, 0.25],
  );
  if (sales.targetUnits !== null || sales.targetAmountFen !== null)
    fields(doc, [
      [
        '本月目标',
        `${text(sales.targetUnits, ' 套')} / ${sales.targetAmountFen === null ? '—' : `${yuan(sales.targetAmountFen)} 元`}`,
      ],
    ]);
}

function desksSection(doc: Pdf, desks: DailyReportData['desks']) {
  section(doc, '接听数据');
  if (desks.length === 0) {
    doc.text('本项目没有接听席。');
    return;
  }
  const rows = desks
    .slice(0, maxDeskRows)
    .map(({ name, figures }) => [
      name,
      String(figures.calls),
      String(figures.answered),
      String(figures.missed),
      text(figures.withinLimitPercent, '%'),
      String(figures.messages),
      String(figures.incidents),
    ]);
  table(
    doc,
    ['接听席', '来电', '已接', '未接', '限内接听率', '留言', '紧急事件'],
    rows,
    [0.3, 0.1, 0.1, 0.1, 0.16, 0.1, 0.14],
  );
  if (desks.length > maxDeskRows) doc.text(`另有 ${desks.length - maxDeskRows} 个接听席，见各接听席日报。`);
}

function conformanceSections(doc: Pdf, conformance: ConformanceSummary | null) {
  section(doc, '按规则统计的未达标');
  if (!conformance || conformance.met + conformance.missed + conformance.notApplicable === 0) {
    doc.text('当日没有合规评分。');
    section(doc, '最需跟进的三件事');
    doc.text('无。');
    return;
  }
  fields(doc, [
    ['达标 / 未达标', `${conformance.met} / ${conformance.missed}`],
    ['合规得分', text(conformance.score, '%')],
  ]);
  const missedRules = conformance.byRule.filter((rule) => rule.missed > 0);
  if (missedRules.length === 0) doc.text('当日没有未达标项。');
  else
    table(
      doc,
      ['规则', '检查项', '达标', '未达标'],
      missedRules
        .slice(0, maxRuleRows)
        .map((rule) => [rule.ruleId, rule.title['zh-CN'], String(rule.met), String(rule.missed)]),
      [0.12, 0.6, 0.14, 0.14],
    );
  section(doc, '最需跟进的三件事');
  const worst = conformance.worst.slice(0, worstItems);
  if (worst.length === 0) doc.text('无。');
  worst.forEach((item, index) => {
    const who = item.staffName ?? '未指派';
    const misses = item.missedChecks.map((check) => check.title['zh-CN']).join('；');
    doc.text(
      `${index + 1}. ${subjectLabels[item.subjectKind] ?? item.subjectKind} · ${who} · ${shanghaiTimeText(item.occurredAt)}：${misses}`,
    );
  });
}

/** The one-page PDF of a project's or a desk's day (Chinese, as the sales office and desks read it). */
export async function renderDailyReport(data: DailyReportData): Promise<Buffer> {
  const title = reportTitle(data);
  const { doc, done } = await createPdf(title);
  heading(
    doc,
    data.kind === 'project'
      ? `${data.projectName} 项目日报`
      : `${data.projectName} · ${data.deskName} 接听席日报`,
  );
  const weekday = weekdays[new Date(`${data.day}T00:00:00Z`).getUTCDay()];
  fields(doc, [
    ['日期', `${data.day}（星期${weekday}）`],
    ['生成时间', `${shanghaiTimeText(data.generatedAt)}（北京时间）`],
  ]);
  if (data.sales) salesSection(doc, data.sales);
  if (data.kind === 'desk' || data.desks.length > 0) desksSection(doc, data.desks);
  conformanceSections(doc, data.conformance);
  footer(doc, title);
  doc.end();
  return done;
}
