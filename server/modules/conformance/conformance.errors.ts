import { defineErrors, localized } from '../../platform/errors.js';

export const conformanceErrors = defineErrors({
  /** Starting a rescoring of everything while one is still running. */
  RESCORE_RUNNING: {
    kind: 'conflict',
    message: localized(
      '重新评分正在进行中,请等待完成或先取消。',
      '重新評分正在進行中,請等待完成或先取消。',
      'A rescoring is already running; wait for it or cancel it first.',
    ),
  },
  /** A scorecard asked for a period whose end is before its start, or longer than allowed. */
  BAD_PERIOD: {
    kind: 'invalid',
    message: localized(
      '日期范围无效(结束日期不能早于开始日期,最长 400 天)。',
      '日期範圍無效(結束日期不能早於開始日期,最長 400 天)。',
      'Invalid period (the end may not be before the start; at most 400 days).',
    ),
  },
});
