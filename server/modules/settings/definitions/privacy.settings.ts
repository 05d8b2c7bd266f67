import { z } from 'zod';
import { localized } from '../../../platform/errors.js';
import { define } from './define.js';

/** Personal data: masking and retention. */
export const privacySettings = {
  'privacy.phoneMask': define({
    group: 'privacy',
    label: localized('手机号脱敏方式', '手機號遮罩方式', 'Phone number mask'),
    description: localized(
      'PRIV：无需查看完整号码的人看到的样式。',
      'PRIV：無需查看完整號碼的人看到的樣式。',
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
      'PRIV：没有成交、也没有任何往来满这么多年的客户，由系统每日自动匿名化(《个人信息保护法》第十九条：保存期限为实现处理目的所必要的最短时间)。',
      'PRIV：沒有成交、也沒有任何往來滿這麼多年的客戶，由系統每日自動匿名化(《個人信息保護法》第十九條：保存期限為實現處理目的所必要的最短時間)。',
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
};
