import type { MessagesOf } from '../../../app/module-types';
import type { zhCN } from './zh-CN';

export const zhTW: MessagesOf<typeof zhCN> = {
  menu: { reports: '日報檔案', reportsDescription: '每日項目與接聽席日報(PDF)的存檔、下載與補發' },
  page: {
    title: '日報檔案',
    subtitle: '每天定時產生前一天的項目日報與接聽席日報(PDF)，並通知項目經理與部門領導；時間均為北京時間。',
    generate: '立即產生',
    download: '下載 PDF',
    downloading: '正在下載',
  },
  filters: { project: '項目', desk: '接聽席', kind: '類型', days: '日期範圍', reset: '重設篩選' },
  kind: { project: '項目日報', desk: '接聽席日報' },
  columns: {
    day: '日期',
    kind: '類型',
    project: '項目',
    desk: '接聽席',
    calls: '來電',
    missedCalls: '未接',
    withinLimit: '限內接聽率',
    messages: '留言',
    incidents: '緊急事件',
    misses: '未達標',
    sold: '成交套數',
    generatedAt: '產生時間',
    generatedBy: '產生人',
    actions: '操作',
  },
  schedule: '定時產生',
  generate: {
    title: '立即產生日報',
    project: '項目',
    day: '日期',
    hint: '將重新產生該項目及其各接聽席當日的日報，取代檔案中已有的同日報告(不另行通知)。',
    done: '已產生 {{count}} 份日報',
  },
};
