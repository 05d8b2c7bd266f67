import { defineErrors, localized } from '../../platform/errors.js';

export const reportsErrors = defineErrors({
  /** "Generate now" for a day that has not begun yet (Asia/Shanghai): there is nothing to report. */
  DAY_IN_FUTURE: {
    kind: 'invalid',
    message: localized(
      '不能为尚未开始的日期生成日报。',
      '不能為尚未開始的日期產生日報。',
      'That day has not begun yet.',
    ),
  },
});

export const dailyReportEntity = localized('日报', '日報', 'Daily report');
