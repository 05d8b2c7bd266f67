import { defineErrors, localized } from '../../platform/errors.js';

export const dashboardErrors = defineErrors({
  /** A custom period ending before it starts, or longer than maxPeriodDays. */
  PERIOD_INVALID: {
    kind: 'invalid',
    message: localized(
      '统计期间须从开始日到结束日,且不超过 {days} 天。',
      '統計期間須從開始日到結束日,且不超過 {days} 天。',
      'The period must run from its first day to its last, {days} days at most.',
    ),
  },
});
