import type { MessagesOf } from '../../../app/module-types';
import type { zhCN } from './zh-CN';

export const en: MessagesOf<typeof zhCN> = {
  menu: {
    reports: 'Daily reports',
    reportsDescription: 'Archive of the daily project and desk reports (PDF)',
  },
  page: {
    title: 'Daily reports',
    subtitle:
      "Each day at the set time yesterday's project and desk reports (PDF) are made and sent to the project managers and department heads. Times are Beijing time.",
    generate: 'Generate now',
    download: 'Download PDF',
    downloading: 'Downloading',
  },
  filters: { project: 'Project', desk: 'Desk', kind: 'Kind', days: 'Days', reset: 'Reset filters' },
  kind: { project: 'Project', desk: 'Desk' },
  columns: {
    day: 'Day',
    kind: 'Kind',
    project: 'Project',
    desk: 'Desk',
    calls: 'Calls',
    missedCalls: 'Missed',
    withinLimit: 'Within limit',
    messages: 'Messages',
    incidents: 'Incidents',
    misses: 'Rule misses',
    sold: 'Units sold',
    generatedAt: 'Generated',
    generatedBy: 'By',
    actions: 'Actions',
  },
  schedule: 'Schedule',
  generate: {
    title: 'Generate daily reports now',
    project: 'Project',
    day: 'Day',
    hint: "Redraws that day's reports of the project and its desks, replacing the archived ones (no one is notified).",
    done: '{{count}} reports generated',
  },
};
