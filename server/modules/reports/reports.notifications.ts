import { defineNotificationTemplates } from '../notify/index.js';

// The daily report's message: a short text with the headline figures (what an SMS or WeCom line
// can carry); in-app it links to the archive where the PDF is. The notify channels carry no
// attachments, so email sends the same text and link.
export const reportTemplates = defineNotificationTemplates({
  'reports.dailyProject': {
    label: { 'zh-CN': '项目日报', 'zh-TW': '項目日報', en: 'Project daily report' },
    params: ['projectName', 'day', 'calls', 'missedCalls', 'withinLimit', 'misses'],
    example: {
      projectName: '滨江花园',
      day: '2026-12-06',
      calls: 42,
      missedCalls: 2,
      withinLimit: '92.5%',
      misses: 5,
    },
    text: {
      'zh-CN': {
        title: '{projectName} 日报 {day}',
        body: '来电 {calls}，未接 {missedCalls}，限内接听率 {withinLimit}，未达标 {misses} 项。PDF 已存入报告档案。',
      },
      'zh-TW': {
        title: '{projectName} 日報 {day}',
        body: '來電 {calls}，未接 {missedCalls}，限內接聽率 {withinLimit}，未達標 {misses} 項。PDF 已存入報告檔案。',
      },
      en: {
        title: '{projectName} daily report {day}',
        body: '{calls} calls, {missedCalls} missed, {withinLimit} answered within the limit, {misses} rule misses. The PDF is in the report archive.',
      },
    },
  },
  'reports.dailyDesk': {
    label: { 'zh-CN': '接听席日报', 'zh-TW': '接聽席日報', en: 'Desk daily report' },
    params: ['projectName', 'deskName', 'day', 'calls', 'missedCalls', 'withinLimit', 'misses'],
    example: {
      projectName: '滨江花园',
      deskName: '客服中心',
      day: '2026-12-06',
      calls: 30,
      missedCalls: 1,
      withinLimit: '96.7%',
      misses: 2,
    },
    text: {
      'zh-CN': {
        title: '{projectName} {deskName} 日报 {day}',
        body: '来电 {calls}，未接 {missedCalls}，限内接听率 {withinLimit}，未达标 {misses} 项。PDF 已存入报告档案。',
      },
      'zh-TW': {
        title: '{projectName} {deskName} 日報 {day}',
        body: '來電 {calls}，未接 {missedCalls}，限內接聽率 {withinLimit}，未達標 {misses} 項。PDF 已存入報告檔案。',
      },
      en: {
        title: '{projectName} {deskName} daily report {day}',
        body: '{calls} calls, {missedCalls} missed, {withinLimit} answered within the limit, {misses} rule misses. The PDF is in the report archive.',
      },
    },
  },
});
