import { z } from 'zod';
import type { Localized } from '../../../contracts/locales.js';
import { type Role, roleLabels, roles } from '../../../contracts/roles.js';
import { localized } from '../../platform/errors.js';
import type { SettingScope } from './settings.tables.js';

export type SettingValueType =
  | 'integer'
  | 'number'
  | 'boolean'
  | 'string'
  | 'enum'
  | 'integer_list'
  | 'enum_list'
  | 'time_range';

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
  'sales.followUpReminderMinutes': define({
    group: 'sales',
    label: localized('回访提前提醒', '回訪提前提醒', 'Follow-up reminder lead time'),
    description: localized(
      'SA-2:计划回访时间之前多久提醒置业顾问。',
      'SA-2:計劃回訪時間之前多久提醒置業顧問。',
      'SA-2: how long before a planned follow-up the consultant is reminded.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(0).max(1440),
    defaultValue: 15,
    scopes: ['company'],
    min: 0,
    max: 1440,
    unit: minutes,
  }),
  'sales.afterSalesCheckinDays': define({
    group: 'sales',
    label: localized(
      '入伙后回访(入伙后天数)',
      '入伙後回訪(入伙後天數)',
      'After move-in check-ins (days after)',
    ),
    description: localized(
      'SA-18:入伙后了解业主居住情况的回访安排。',
      'SA-18:入伙後了解業主居住情況的回訪安排。',
      'SA-18: check-ins to learn how the owner is living after move-in.',
    ),
    valueType: 'integer_list',
    schema: z.array(z.number().int().min(1).max(730)).min(1).max(5),
    defaultValue: [7, 30, 90],
    scopes: ['company', 'project'],
    unit: days,
  }),
  'inventory.holdMinutes': define({
    group: 'inventory',
    label: localized('房号锁定时长', '房號鎖定時長', 'Unit hold time'),
    description: localized(
      '锁定房号到期自动释放。',
      '鎖定房號到期自動釋放。',
      'A held unit is released automatically after this time.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(1440),
    defaultValue: 30,
    scopes: ['company', 'project'],
    min: 1,
    max: 1440,
    unit: minutes,
  }),
  'opening.codeValidMinutes': define({
    group: 'inventory',
    label: localized('开盘验证码有效期', '開盤驗證碼有效期', 'Opening sign-in code lifetime'),
    description: localized(
      'OPEN:线上开盘买家登录短信验证码的有效时间。',
      'OPEN:線上開盤買家登入簡訊驗證碼的有效時間。',
      "OPEN: how long a buyer's one-time sign-in code for an online opening stays valid.",
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(30),
    defaultValue: 5,
    scopes: ['company', 'project'],
    min: 1,
    max: 30,
    unit: minutes,
  }),
  'opening.codeMaxAttempts': define({
    group: 'inventory',
    label: localized('开盘验证码可试次数', '開盤驗證碼可試次數', 'Opening sign-in code attempts'),
    description: localized(
      'OPEN:同一验证码输错达到此次数即作废,须重新获取。',
      'OPEN:同一驗證碼輸錯達到此次數即作廢,須重新取得。',
      'OPEN: after this many wrong entries the code is void and a new one must be requested.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(10),
    defaultValue: 5,
    scopes: ['company', 'project'],
    min: 1,
    max: 10,
  }),
  'opening.codeResendSeconds': define({
    group: 'inventory',
    label: localized('开盘验证码重发间隔', '開盤驗證碼重發間隔', 'Opening sign-in code resend interval'),
    description: localized(
      'OPEN:同一买家两次获取验证码之间至少间隔的时间。',
      'OPEN:同一買家兩次取得驗證碼之間至少間隔的時間。',
      'OPEN: the least time between two codes sent to the same buyer.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(10).max(600),
    defaultValue: 60,
    scopes: ['company', 'project'],
    min: 10,
    max: 600,
    unit: seconds,
  }),
  'deals.downPaymentReminderDays': define({
    group: 'deals',
    label: localized('首期款提醒(提前天数)', '首期款提醒(提前天數)', 'Down-payment reminders (days before)'),
    description: localized(
      'SA-14:提前五天、两天通知客户。',
      'SA-14:提前五天、兩天通知客戶。',
      'SA-14: remind 5 and 2 days before.',
    ),
    valueType: 'integer_list',
    schema: dayOffsets,
    defaultValue: [5, 2],
    scopes: ['company', 'project'],
    unit: days,
  }),
  'deals.mortgageReminderDays': define({
    group: 'deals',
    label: localized(
      '按揭办理提醒(提前天数)',
      '按揭辦理提醒(提前天數)',
      'Mortgage appointment notices (days before)',
    ),
    description: localized(
      'SA-16:提前七天、三天、一天通知。',
      'SA-16:提前七天、三天、一天通知。',
      'SA-16: notify 7, 3 and 1 day before.',
    ),
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
  'deals.consultantDiscountLimitPercent': define({
    group: 'deals',
    label: localized('置业顾问折扣权限(%)', '置業顧問折扣權限(%)', 'Consultant discount limit (%)'),
    description: localized(
      'SA-9:方案总优惠超过表价的此比例,需项目经理审批。',
      'SA-9:方案總優惠超過表價的此比例,需項目經理審批。',
      'SA-9: a plan whose discounts exceed this share of the list price needs a project manager.',
    ),
    valueType: 'number',
    schema: z.number().min(0).max(50),
    defaultValue: 2,
    scopes: ['company', 'project'],
    min: 0,
    max: 50,
  }),
  'deals.discountConfirmPercent': define({
    group: 'deals',
    label: localized('降价确认阈值(%)', '降價確認閾值(%)', 'Confirm a price cut above (%)'),
    description: localized(
      'SA-9：方案总优惠超过表价的此比例时，保存前需顾问再次确认（防止把98折录成优惠98%）。',
      'SA-9：方案總優惠超過表價的此比例時，儲存前需顧問再次確認（防止把98折錄成優惠98%）。',
      'SA-9: a plan whose discounts exceed this share of the list price is confirmed before it is saved (so 98折 is not entered as 98 % off).',
    ),
    valueType: 'number',
    schema: z.number().min(0).max(100),
    defaultValue: 10,
    scopes: ['company', 'project'],
    min: 0,
    max: 100,
  }),
  'deals.discountOrder': define({
    group: 'deals',
    label: localized('折扣计算顺序', '折扣計算順序', 'Order of discounts'),
    description: localized(
      'SA-9:折扣(百分比)与直减(金额)的先后,每步四舍五入到分。',
      'SA-9:折扣(百分比)與直減(金額)的先後,每步四捨五入到分。',
      'SA-9: whether percentage discounts or amounts come first; each step is rounded to the fen.',
    ),
    valueType: 'enum',
    schema: z.enum(['percent_then_amount', 'amount_then_percent', 'as_entered']),
    defaultValue: 'percent_then_amount' as 'percent_then_amount' | 'amount_then_percent' | 'as_entered',
    scopes: ['company', 'project'],
    options: [
      {
        value: 'percent_then_amount',
        label: localized('先折扣后直减', '先折扣後直減', 'Percentages, then amounts'),
      },
      {
        value: 'amount_then_percent',
        label: localized('先直减后折扣', '先直減後折扣', 'Amounts, then percentages'),
      },
      { value: 'as_entered', label: localized('按录入顺序', '按錄入順序', 'As entered') },
    ],
  }),
  'deals.loanRoundingYuan': define({
    group: 'deals',
    label: localized('贷款金额取整(元)', '貸款金額取整(元)', 'Round loans down to (yuan)'),
    description: localized(
      'SA-9:贷款额向下取整到此金额的整数倍,差额计入首付。',
      'SA-9:貸款額向下取整到此金額的整數倍,差額計入首付。',
      'SA-9: the loan is rounded down to a multiple of this; the difference goes to the down payment.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(100_000),
    defaultValue: 1000,
    scopes: ['company', 'project'],
    min: 1,
    max: 100_000,
  }),
  'deals.deedTax.vatPercent': define({
    group: 'deals',
    label: localized(
      '契税计税价扣除增值税率(%)',
      '契稅計稅價扣除增值稅率(%)',
      'VAT removed from the deed-tax base (%)',
    ),
    description: localized(
      '契税计税依据为不含增值税的成交价。',
      '契稅計稅依據為不含增值稅的成交價。',
      'Deed tax is levied on the price without VAT.',
    ),
    valueType: 'number',
    schema: z.number().min(0).max(20),
    defaultValue: 9,
    scopes: ['company', 'project'],
    min: 0,
    max: 20,
  }),
  'deals.deedTax.areaThreshold': define({
    group: 'deals',
    label: localized('契税面积分界(㎡)', '契稅面積分界(㎡)', 'Deed tax area threshold (m²)'),
    description: localized(
      '不超过此面积适用较低税率。',
      '不超過此面積適用較低稅率。',
      'Homes up to this area pay the lower rate.',
    ),
    valueType: 'number',
    schema: z.number().min(1).max(1000),
    defaultValue: 140,
    scopes: ['company', 'project'],
    min: 1,
    max: 1000,
  }),
  'deals.deedTax.firstHomeSmallPercent': define({
    group: 'deals',
    label: localized(
      '契税:首套、面积以内(%)',
      '契稅:首套、面積以內(%)',
      'Deed tax: first home, up to threshold (%)',
    ),
    description: localized(
      '财政部 税务总局 住房城乡建设部公告 2024 年第 16 号。',
      '財政部 稅務總局 住房城鄉建設部公告 2024 年第 16 號。',
      'MOF/STA/MOHURD announcement 2024 No. 16.',
    ),
    valueType: 'number',
    schema: z.number().min(0).max(10),
    defaultValue: 1,
    scopes: ['company', 'project'],
  }),
  'deals.deedTax.firstHomeLargePercent': define({
    group: 'deals',
    label: localized(
      '契税:首套、超过面积(%)',
      '契稅:首套、超過面積(%)',
      'Deed tax: first home, above threshold (%)',
    ),
    description: localized(
      '财政部 税务总局 住房城乡建设部公告 2024 年第 16 号。',
      '財政部 稅務總局 住房城鄉建設部公告 2024 年第 16 號。',
      'MOF/STA/MOHURD announcement 2024 No. 16.',
    ),
    valueType: 'number',
    schema: z.number().min(0).max(10),
    defaultValue: 1.5,
    scopes: ['company', 'project'],
  }),
  'deals.deedTax.secondHomeSmallPercent': define({
    group: 'deals',
    label: localized(
      '契税:二套、面积以内(%)',
      '契稅:二套、面積以內(%)',
      'Deed tax: second home, up to threshold (%)',
    ),
    description: localized(
      '财政部 税务总局 住房城乡建设部公告 2024 年第 16 号。',
      '財政部 稅務總局 住房城鄉建設部公告 2024 年第 16 號。',
      'MOF/STA/MOHURD announcement 2024 No. 16.',
    ),
    valueType: 'number',
    schema: z.number().min(0).max(10),
    defaultValue: 1,
    scopes: ['company', 'project'],
  }),
  'deals.deedTax.secondHomeLargePercent': define({
    group: 'deals',
    label: localized(
      '契税:二套、超过面积(%)',
      '契稅:二套、超過面積(%)',
      'Deed tax: second home, above threshold (%)',
    ),
    description: localized(
      '财政部 税务总局 住房城乡建设部公告 2024 年第 16 号。',
      '財政部 稅務總局 住房城鄉建設部公告 2024 年第 16 號。',
      'MOF/STA/MOHURD announcement 2024 No. 16.',
    ),
    valueType: 'number',
    schema: z.number().min(0).max(10),
    defaultValue: 2,
    scopes: ['company', 'project'],
  }),
  'deals.deedTax.otherPercent': define({
    group: 'deals',
    label: localized('契税:其他情形(%)', '契稅:其他情形(%)', 'Deed tax: other cases (%)'),
    description: localized(
      '三套及以上或非住宅。',
      '三套及以上或非住宅。',
      'Third and further homes, or non-residential.',
    ),
    valueType: 'number',
    schema: z.number().min(0).max(10),
    defaultValue: 3,
    scopes: ['company', 'project'],
  }),
  'deals.maintenanceFundMode': define({
    group: 'deals',
    label: localized('专项维修资金计算方式', '專項維修資金計算方式', 'Maintenance fund rule'),
    description: localized(
      '按房价比例或按建筑面积单价。',
      '按房價比例或按建築面積單價。',
      'A share of the price, or an amount per m² of building area.',
    ),
    valueType: 'enum',
    schema: z.enum(['percent_of_price', 'per_square_metre']),
    defaultValue: 'percent_of_price' as 'percent_of_price' | 'per_square_metre',
    scopes: ['company', 'project'],
    options: [
      { value: 'percent_of_price', label: localized('按房价比例', '按房價比例', 'Share of price') },
      { value: 'per_square_metre', label: localized('按面积单价', '按面積單價', 'Per m²') },
    ],
  }),
  'deals.maintenanceFundPercent': define({
    group: 'deals',
    label: localized('专项维修资金比例(%)', '專項維修資金比例(%)', 'Maintenance fund (% of price)'),
    description: localized(
      '按房价比例计算时使用。',
      '按房價比例計算時使用。',
      'Used when the fund is a share of the price.',
    ),
    valueType: 'number',
    schema: z.number().min(0).max(10),
    defaultValue: 2,
    scopes: ['company', 'project'],
  }),
  'deals.maintenanceFundYuanPerSquareMetre': define({
    group: 'deals',
    label: localized('专项维修资金单价(元/㎡)', '專項維修資金單價(元/㎡)', 'Maintenance fund (yuan per m²)'),
    description: localized(
      '按面积单价计算时使用。',
      '按面積單價計算時使用。',
      'Used when the fund is charged per m².',
    ),
    valueType: 'number',
    schema: z.number().min(0).max(1000),
    defaultValue: 100,
    scopes: ['company', 'project'],
  }),
  'deals.uploadMaxKilobytes': define({
    group: 'deals',
    label: localized('证件/文件上传上限(KB)', '證件/文件上傳上限(KB)', 'Upload size limit (KB)'),
    description: localized(
      '身份证复印件、公证委托书等上传文件的大小上限。',
      '身分證影本、公證委託書等上傳檔案的大小上限。',
      'Largest ID copy, notarised authorisation or signed statement accepted.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(100).max(15_000),
    defaultValue: 5_000,
    scopes: ['company'],
    min: 100,
    max: 15_000,
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
  'auth.idleTimeoutMinutes': define({
    group: 'security',
    label: localized('登录空闲超时', '登入閒置逾時', 'Session idle timeout'),
    description: localized(
      '无操作超过此时间需重新登录。',
      '無操作超過此時間需重新登入。',
      'Sign in again after this long without activity.',
    ),
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
    description: localized(
      '登录后最长保持的时间。',
      '登入後最長保持的時間。',
      'A session ends this long after sign-in, whatever the activity.',
    ),
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
    description: localized(
      '同一账号连续失败达到此次数后暂时锁定。',
      '同一帳號連續失敗達到此次數後暫時鎖定。',
      'An account is locked for a while after this many failures in a row.',
    ),
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
    description: localized(
      '锁定后需等待的时间。',
      '鎖定後需等待的時間。',
      'How long a locked account waits.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(1440),
    defaultValue: 15,
    scopes: ['company'],
    min: 1,
    max: 1440,
    unit: minutes,
  }),
  'auth.twoFactorRoles': define({
    group: 'security',
    label: localized(
      '必须启用两步验证的角色',
      '必須啟用兩步驟驗證的角色',
      'Roles that must use two-step verification',
    ),
    description: localized(
      '担任这些角色的员工登录时除密码外还须输入手机验证器的动态码;尚未设置的,登录后须先完成设置才能使用系统。',
      '擔任這些角色的員工登入時除密碼外還須輸入手機驗證器的動態碼;尚未設定的,登入後須先完成設定才能使用系統。',
      'Staff holding any of these roles sign in with an authenticator code as well as their password; those who have not set it up must do so before anything else.',
    ),
    valueType: 'enum_list',
    schema: z.array(z.enum(roles)).max(roles.length),
    defaultValue: ['finance', 'manager', 'controller', 'admin'] as Role[],
    scopes: ['company'],
    options: roles.map((role) => ({ value: role, label: roleLabels[role] })),
  }),
  'notify.dayCountMode': define({
    group: 'notify',
    label: localized('提醒日期计算方式', '提醒日期計算方式', 'How reminder days are counted'),
    description: localized(
      'SA-14、SA-16、SA-2、CS-3:按工作日时,落在节假日或周末的提醒提前到之前的最后一个工作日(含调休上班日),留言升级和首期款逾期上报顺延到下一个工作日;按自然日时不调整。',
      'SA-14、SA-16、SA-2、CS-3:按工作日時,落在節假日或週末的提醒提前到之前的最後一個工作日(含調休上班日),留言升級和首期款逾期上報順延到下一個工作日;按自然日時不調整。',
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
  'privacy.retentionYears': define({
    group: 'privacy',
    label: localized('无成交客户信息保存年限', '無成交客戶資訊保存年限', 'Keep customers without a deal for'),
    description: localized(
      'PRIV:没有成交、也没有任何往来满这么多年的客户,由系统每日自动匿名化(《个人信息保护法》第十九条:保存期限为实现处理目的所必要的最短时间)。',
      'PRIV:沒有成交、也沒有任何往來滿這麼多年的客戶,由系統每日自動匿名化(《個人信息保護法》第十九條:保存期限為實現處理目的所必要的最短時間)。',
      'PRIV: customers with no deal and no activity for this many years are anonymised by a daily job (PIPL art. 19: kept no longer than the purpose needs).',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(30),
    defaultValue: 3,
    scopes: ['company'],
    min: 1,
    max: 30,
    unit: localized('年', '年', 'years'),
  }),
} satisfies Record<string, SettingDefinition<never> | SettingDefinition<unknown>>;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = (typeof settingDefinitions)[K]['defaultValue'];
