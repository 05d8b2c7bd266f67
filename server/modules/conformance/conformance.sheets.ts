import type { Scorecard, ScoredSubject, SubjectKind, Tally } from '../../../contracts/conformance.js';
import type { Locale, Localized } from '../../../contracts/locales.js';
import { localized } from '../../platform/errors.js';
import type { ExportSheet } from '../../platform/excel/export.js';

// The Excel exports of the scorecard and the drill-down, in 简体, 繁體 and English.

export const subjectKindLabels: Record<SubjectKind, Localized> = {
  call: localized('来电', '來電', 'Call'),
  message: localized('留言', '留言', 'Message'),
  leader_call: localized('领导来电', '領導來電', 'Leader call'),
  incident: localized('事件', '事件', 'Incident'),
  sales_call: localized('销售来电', '銷售來電', 'Sales call'),
  visit: localized('来访', '來訪', 'Visit'),
  follow_up: localized('回访', '回訪', 'Follow-up'),
  deal: localized('成交', '成交', 'Deal'),
};

const percent = (score: number | null) => (score === null ? null : Math.round(score * 1000) / 10);

const tallyColumns = <Row extends Tally>() => [
  { header: localized('符合', '符合', 'Met'), value: (row: Row) => row.met },
  { header: localized('未符合', '未符合', 'Missed'), value: (row: Row) => row.missed },
  { header: localized('不适用', '不適用', 'Not applicable'), value: (row: Row) => row.notApplicable },
  { header: localized('得分 %', '得分 %', 'Score %'), value: (row: Row) => percent(row.score) },
];

export interface ScorecardSheetRow extends Tally {
  section: string;
  name: string;
}

const levelNames = {
  staff: localized('人员', '人員', 'Staff'),
  desk: localized('接听席', '接聽席', 'Desk'),
  team: localized('部门', '部門', 'Team'),
  project: localized('项目', '項目', 'Project'),
};
const none = localized('(无)', '(無)', '(none)');

/** The scorecard as rows: the total, each group, each rule (worst first), each trend bucket. */
export function scorecardRows(card: Scorecard, locale: Locale): ScorecardSheetRow[] {
  return [
    { section: localized('合计', '合計', 'Total')[locale], name: '', ...card.total },
    ...card.rows.map((row) => ({
      ...row,
      section: levelNames[card.level][locale],
      name: row.name || none[locale],
    })),
    ...card.rules.map((rule) => ({
      ...rule,
      section: localized('规则', '規則', 'Rule')[locale],
      name: `${rule.ruleId} ${rule.title[locale]}`,
    })),
    ...card.trend.map((bucket) => ({
      ...bucket,
      section: localized('趋势', '趨勢', 'Trend')[locale],
      name: bucket.start === bucket.end ? bucket.start : `${bucket.start} ~ ${bucket.end}`,
    })),
  ];
}

export function scorecardSheet(card: Scorecard): ExportSheet<ScorecardSheetRow> {
  const period = `${card.from}-${card.to}`;
  return {
    fileName: localized(`合规评分-${period}.xlsx`, `合規評分-${period}.xlsx`, `conformance-${period}.xlsx`),
    sheetName: localized('合规评分', '合規評分', 'Conformance'),
    columns: [
      { header: localized('类别', '類別', 'Section'), width: 12, value: (row) => row.section },
      { header: localized('名称', '名稱', 'Name'), width: 36, value: (row) => row.name },
      ...tallyColumns<ScorecardSheetRow>(),
    ],
  };
}

const shanghaiTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export const subjectsSheet: ExportSheet<ScoredSubject> = {
  fileName: localized('合规评分明细.xlsx', '合規評分明細.xlsx', 'conformance-records.xlsx'),
  sheetName: localized('明细', '明細', 'Records'),
  columns: [
    { header: localized('时间', '時間', 'Time'), width: 18, value: (row) => shanghaiTime(row.occurredAt) },
    {
      header: localized('类型', '類型', 'Kind'),
      value: (row, locale) => subjectKindLabels[row.subjectKind][locale],
    },
    { header: localized('项目', '項目', 'Project'), width: 16, value: (row) => row.projectName },
    { header: localized('接听席', '接聽席', 'Desk'), width: 16, value: (row) => row.deskName },
    { header: localized('人员', '人員', 'Staff'), width: 12, value: (row) => row.staffName },
    ...tallyColumns<ScoredSubject>(),
    {
      header: localized('未符合的检查', '未符合的檢查', 'Missed checks'),
      width: 48,
      value: (row, locale) => row.missedChecks.map((check) => check.title[locale]).join('; '),
    },
  ],
};
