import { z } from 'zod';
import { localized } from '../../../platform/errors.js';
import { define, minutes, rings, seconds } from './define.js';

/** The call desks: rings, cadence, message escalation. */
export const callsSettings = {
  'calls.maxRings.serviceCentre': define({
    group: 'calls',
    label: localized('服务中心最多响铃声数', '服務中心最多響鈴聲數', 'Service centre: answer within (rings)'),
    description: localized(
      'CS-1:外线来电三响之内接听。',
      'CS-1:外線來電三響之內接聽。',
      'CS-1: answer outside calls within 3 rings.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(10),
    defaultValue: 3,
    scopes: ['company', 'project', 'desk'],
    min: 1,
    max: 10,
    unit: rings,
  }),
  'calls.maxRings.securityPost': define({
    group: 'calls',
    label: localized(
      '物业/卡口最多响铃声数',
      '物業/卡口最多響鈴聲數',
      'Property office / post: answer within (rings)',
    ),
    description: localized(
      'SEC-1:铃声二至三声之内接听。',
      'SEC-1:鈴聲二至三聲之內接聽。',
      'SEC-1: answer within 2 to 3 rings.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(10),
    defaultValue: 3,
    scopes: ['company', 'project', 'desk'],
    min: 1,
    max: 10,
    unit: rings,
  }),
  'calls.ringCadenceSeconds': define({
    group: 'calls',
    label: localized('振铃周期', '振鈴週期', 'Ring cadence'),
    description: localized(
      'CS-1:中国电话网振铃 1 秒通、4 秒断(GB 3380),即每 5 秒一声。',
      'CS-1:中國電話網振鈴 1 秒通、4 秒斷(GB 3380),即每 5 秒一聲。',
      'CS-1: China rings 1 s on, 4 s off (GB 3380): one ring every 5 s.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(30),
    defaultValue: 5,
    scopes: ['company', 'project', 'desk'],
    min: 1,
    max: 30,
    unit: seconds,
  }),
  'calls.ringOnSeconds': define({
    group: 'calls',
    label: localized('每声响铃时长', '每聲響鈴時長', 'Length of one ring'),
    description: localized(
      'CS-1:每声响铃 1 秒(GB 3380);严格判定“第 N 声响铃中”时使用。',
      'CS-1:每聲響鈴 1 秒(GB 3380);嚴格判定「第 N 聲響鈴中」時使用。',
      'CS-1: one ring sounds for 1 s (GB 3380); used by the strict "during ring N" reading.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(10),
    defaultValue: 1,
    scopes: ['company', 'project', 'desk'],
    min: 1,
    max: 10,
    unit: seconds,
  }),
  'calls.ringCounting': define({
    group: 'calls',
    label: localized('“N 声之内”的判定', '「N 聲之內」的判定', 'How "within N rings" is read'),
    description: localized(
      'CS-1:“下一声之前”(3 声 = 15 秒内)或严格的“第 N 声响铃中”(3 声 = 11 秒内)。',
      'CS-1:「下一聲之前」(3 聲 = 15 秒內)或嚴格的「第 N 聲響鈴中」(3 聲 = 11 秒內)。',
      'CS-1: "before the next ring starts" (3 rings = under 15 s) or strictly "during ring N" (3 rings = within 11 s).',
    ),
    valueType: 'enum',
    schema: z.enum(['before_next_ring', 'during_ring']),
    defaultValue: 'before_next_ring' as 'before_next_ring' | 'during_ring',
    scopes: ['company', 'project', 'desk'],
    options: [
      {
        value: 'before_next_ring',
        label: localized('下一声响起之前', '下一聲響起之前', 'Before the next ring'),
      },
      { value: 'during_ring', label: localized('第 N 声响铃期间', '第 N 聲響鈴期間', 'During ring N') },
    ],
  }),
  'calls.messageEscalationMinutes': define({
    group: 'calls',
    label: localized('留言未处理升级时限', '留言未處理升級時限', 'Escalate unhandled messages after'),
    description: localized(
      'CS-3:留言/传话超过此时间未处理,通知其部门领导。',
      'CS-3:留言/傳話超過此時間未處理,通知其部門領導。',
      "CS-3: a message not handled in this time is escalated to the recipient's department head.",
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(1440),
    defaultValue: 30,
    scopes: ['company', 'project', 'desk'],
    min: 1,
    max: 1440,
    unit: minutes,
  }),
};
