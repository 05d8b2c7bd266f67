import { z } from 'zod';
import { localized } from '../../../platform/errors.js';
import { define } from './define.js';

/** The daily report (issue 16): when it is made and sent. Shown with the notification settings. */
export const reportsSettings = {
  'reports.dailyReportTime': define({
    group: 'notify',
    label: localized('每日报告发送时间', '每日報告發送時間', 'Daily report time'),
    description: localized(
      'CONF：每天此时(北京时间，如 08:00)生成前一天的项目与接听席日报(PDF)，存入报告档案并通知项目经理与部门领导。',
      'CONF：每天此時(北京時間，如 08:00)生成前一天的項目與接聽席日報(PDF)，存入報告檔案並通知項目經理與部門領導。',
      "CONF: each day at this time (Beijing time, e.g. 08:00) yesterday's project and desk reports (PDF) are made, archived and sent to the project managers and department heads.",
    ),
    valueType: 'string',
    schema: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    defaultValue: '08:00',
    scopes: ['company', 'project'],
    max: 5,
  }),
};
