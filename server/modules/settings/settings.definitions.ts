import { z } from 'zod';
import type { Localized } from '../../../contracts/locales.js';
import { localized } from '../../platform/errors.js';
import type { SettingScope } from './settings.tables.js';

export type SettingValueType = 'integer' | 'number' | 'boolean' | 'string' | 'enum' | 'integer_list' | 'time_range';

export interface SettingDefinition<T = unknown> {
  group: string;
  label: Localized;
  description: Localized;
  valueType: SettingValueType;
  schema: z.ZodType<T>;
  defaultValue: T;
  /** Where an override may be stored; resolution is desk → project → company → default. */
  scopes: readonly SettingScope[];
  min?: number;
  max?: number;
  unit?: Localized;
  options?: ReadonlyArray<{ value: string; label: Localized }>;
}

function define<T>(definition: SettingDefinition<T>): SettingDefinition<T> {
  return definition;
}

const minutes = localized('分钟', '分鐘', 'minutes');
const days = localized('天', '天', 'days');
const rings = localized('声', '聲', 'rings');
const seconds = localized('秒', '秒', 'seconds');
const dayOffsets = z.array(z.number().int().min(0).max(60)).min(1).max(5);

/**
 * Every number DOMAIN.md gives is the default of one of these settings (see each rule's ID in
 * its description); code reads them through getSetting, never as literals.
 */
export const settingDefinitions = {
  'calls.maxRings.serviceCentre': define({
    group: 'calls',
    label: localized('服务中心最多响铃声数', '服務中心最多響鈴聲數', 'Service centre: answer within (rings)'),
    description: localized('CS-1:外线来电三响之内接听。', 'CS-1:外線來電三響之內接聽。', 'CS-1: answer outside calls within 3 rings.'),
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
    label: localized('物业/卡口最多响铃声数', '物業/卡口最多響鈴聲數', 'Property office / post: answer within (rings)'),
    description: localized('SEC-1:铃声二至三声之内接听。', 'SEC-1:鈴聲二至三聲之內接聽。', 'SEC-1: answer within 2 to 3 rings.'),
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
      { value: 'before_next_ring', label: localized('下一声响起之前', '下一聲響起之前', 'Before the next ring') },
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
  'sales.customerProtectionDays': define({
    group: 'sales',
    label: localized('客户保护期', '客戶保護期', 'Customer protection period'),
    description: localized(
      '首位登记客户的置业顾问在此期间拥有该客户,每次回访记录后重新计算。',
      '首位登記客戶的置業顧問在此期間擁有該客戶,每次回訪記錄後重新計算。',
      'The consultant who registers a customer first owns them for this long, renewed by each follow-up.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(365),
    defaultValue: 30,
    scopes: ['company', 'project'],
    min: 1,
    max: 365,
    unit: days,
  }),
  'inventory.holdMinutes': define({
    group: 'inventory',
    label: localized('房号锁定时长', '房號鎖定時長', 'Unit hold time'),
    description: localized('锁定房号到期自动释放。', '鎖定房號到期自動釋放。', 'A held unit is released automatically after this time.'),
    valueType: 'integer',
    schema: z.number().int().min(1).max(1440),
    defaultValue: 30,
    scopes: ['company', 'project'],
    min: 1,
    max: 1440,
    unit: minutes,
  }),
  'deals.downPaymentReminderDays': define({
    group: 'deals',
    label: localized('首期款提醒(提前天数)', '首期款提醒(提前天數)', 'Down-payment reminders (days before)'),
    description: localized('SA-14:提前五天、两天通知客户。', 'SA-14:提前五天、兩天通知客戶。', 'SA-14: remind 5 and 2 days before.'),
    valueType: 'integer_list',
    schema: dayOffsets,
    defaultValue: [5, 2],
    scopes: ['company', 'project'],
    unit: days,
  }),
  'deals.mortgageReminderDays': define({
    group: 'deals',
    label: localized('按揭办理提醒(提前天数)', '按揭辦理提醒(提前天數)', 'Mortgage appointment notices (days before)'),
    description: localized('SA-16:提前七天、三天、一天通知。', 'SA-16:提前七天、三天、一天通知。', 'SA-16: notify 7, 3 and 1 day before.'),
    valueType: 'integer_list',
    schema: dayOffsets,
    defaultValue: [7, 3, 1],
    scopes: ['company', 'project'],
    unit: days,
  }),
  'deals.depositMaxPercent': define({
    group: 'deals',
    label: localized('定金上限(占房价 %)', '定金上限(佔房價 %)', 'Deposit limit (% of price)'),
    description: localized(
      '《民法典》第 586 条:定金不得超过主合同标的额的 20%。',
      '《民法典》第 586 條:定金不得超過主合同標的額的 20%。',
      'Civil Code art. 586: a deposit may not exceed 20 % of the contract amount.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(20),
    defaultValue: 20,
    scopes: ['company', 'project'],
    min: 1,
    max: 20,
  }),
  'notify.quietHours': define({
    group: 'notify',
    label: localized('客户短信免打扰时段', '客戶簡訊免打擾時段', 'Quiet hours for customer SMS'),
    description: localized(
      '此时段内不向客户发短信,顺延到结束时刻。',
      '此時段內不向客戶發簡訊,順延到結束時刻。',
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
  'auth.idleTimeoutMinutes': define({
    group: 'security',
    label: localized('登录空闲超时', '登入閒置逾時', 'Session idle timeout'),
    description: localized('无操作超过此时间需重新登录。', '無操作超過此時間需重新登入。', 'Sign in again after this long without activity.'),
    valueType: 'integer',
    schema: z.number().int().min(5).max(480),
    defaultValue: 30,
    scopes: ['company'],
    min: 5,
    max: 480,
    unit: minutes,
  }),
  'auth.absoluteTimeoutHours': define({
    group: 'security',
    label: localized('登录最长有效期', '登入最長有效期', 'Session absolute lifetime'),
    description: localized('登录后最长保持的时间。', '登入後最長保持的時間。', 'A session ends this long after sign-in, whatever the activity.'),
    valueType: 'integer',
    schema: z.number().int().min(1).max(24),
    defaultValue: 12,
    scopes: ['company'],
    min: 1,
    max: 24,
    unit: localized('小时', '小時', 'hours'),
  }),
  'auth.lockoutThreshold': define({
    group: 'security',
    label: localized('连续登录失败锁定次数', '連續登入失敗鎖定次數', 'Failed sign-ins before lockout'),
    description: localized('同一账号连续失败达到此次数后暂时锁定。', '同一帳號連續失敗達到此次數後暫時鎖定。', 'An account is locked for a while after this many failures in a row.'),
    valueType: 'integer',
    schema: z.number().int().min(3).max(20),
    defaultValue: 5,
    scopes: ['company'],
    min: 3,
    max: 20,
  }),
  'auth.lockoutMinutes': define({
    group: 'security',
    label: localized('账号锁定时长', '帳號鎖定時長', 'Lockout duration'),
    description: localized('锁定后需等待的时间。', '鎖定後需等待的時間。', 'How long a locked account waits.'),
    valueType: 'integer',
    schema: z.number().int().min(1).max(1440),
    defaultValue: 15,
    scopes: ['company'],
    min: 1,
    max: 1440,
    unit: minutes,
  }),
  'privacy.phoneMask': define({
    group: 'privacy',
    label: localized('手机号脱敏方式', '手機號遮罩方式', 'Phone number mask'),
    description: localized(
      'PRIV:无需查看完整号码的人看到的样式。',
      'PRIV:無需查看完整號碼的人看到的樣式。',
      'PRIV: what people who need not see a whole number see.',
    ),
    valueType: 'enum',
    schema: z.enum(['keep3_4', 'keep3_2', 'keep0_4']),
    defaultValue: 'keep3_4' as 'keep3_4' | 'keep3_2' | 'keep0_4',
    scopes: ['company', 'project'],
    options: [
      { value: 'keep3_4', label: localized('138****5678', '138****5678', '138****5678') },
      { value: 'keep3_2', label: localized('138******78', '138******78', '138******78') },
      { value: 'keep0_4', label: localized('*******5678', '*******5678', '*******5678') },
    ],
  }),
} satisfies Record<string, SettingDefinition<never> | SettingDefinition<unknown>>;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = (typeof settingDefinitions)[K]['defaultValue'];
