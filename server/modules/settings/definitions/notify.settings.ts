import { z } from 'zod';
import { localized } from '../../../platform/errors.js';
import { define, minutes } from './define.js';

/** Notifications: quiet hours, the on-time tolerance, how reminder days are counted. */
export const notifySettings = {
  'notify.quietHours': define({
    group: 'notify',
    label: localized('客户短信免打扰时段', '客戶簡訊免打擾時段', 'Quiet hours for customer SMS'),
    description: localized(
      '此时段内不向客户发短信，顺延到结束时刻。',
      '此時段內不向客戶發簡訊，順延到結束時刻。',
      'No SMS to customers in this window; they are sent when it ends.',
    ),
    valueType: 'time_range',
    schema: z.object({
      start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    }),
    defaultValue: { start: '21:00', end: '08:00' },
    scopes: ['company', 'project'],
  }),
  'notify.onTimeToleranceMinutes': define({
    group: 'notify',
    label: localized('提醒准时容差', '提醒準時容差', 'On-time tolerance for reminders'),
    description: localized(
      '在计划时间后此时长内发出的提醒计为准时(送达报表)。',
      '在計劃時間後此時長內發出的提醒計為準時(送達報表)。',
      'A reminder sent within this time after its planned time counts as on time (delivery report).',
    ),
    valueType: 'integer',
    schema: z.number().int().min(0).max(240),
    defaultValue: 5,
    scopes: ['company'],
    min: 0,
    max: 240,
    unit: minutes,
  }),
  'notify.dayCountMode': define({
    group: 'notify',
    label: localized('提醒日期计算方式', '提醒日期計算方式', 'How reminder days are counted'),
    description: localized(
      'SA-14、SA-16、SA-2、CS-3：按工作日时，落在节假日或周末的提醒提前到之前的最后一个工作日(含调休上班日)，留言升级和首期款逾期上报顺延到下一个工作日；按自然日时不调整。',
      'SA-14、SA-16、SA-2、CS-3：按工作日時，落在節假日或週末的提醒提前到之前的最後一個工作日(含調休上班日)，留言升級和首期款逾期上報順延到下一個工作日；按自然日時不調整。',
      'SA-14, SA-16, SA-2, CS-3: with working days, a reminder falling on a holiday or weekend moves to the working day before it (make-up working days count) and a message escalation or an overdue down-payment report waits for the next working day; with calendar days nothing moves.',
    ),
    valueType: 'enum',
    schema: z.enum(['working_days', 'calendar_days']),
    defaultValue: 'working_days' as 'working_days' | 'calendar_days',
    scopes: ['company', 'project'],
    options: [
      { value: 'working_days', label: localized('按工作日', '按工作日', 'Working days') },
      { value: 'calendar_days', label: localized('按自然日', '按自然日', 'Calendar days') },
    ],
  }),
};
