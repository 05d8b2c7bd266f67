import { z } from 'zod';
import { localized } from '../../../platform/errors.js';
import { define, seconds } from './define.js';

/** Conformance scoring (CONF). */
export const conformanceSettings = {
  'conformance.scoreEverySeconds': define({
    group: 'conformance',
    label: localized('合规评分间隔', '合規評分間隔', 'Score conformance every'),
    description: localized(
      'CONF：每隔这么久，把新记录和到期待定的检查重新评分。',
      'CONF：每隔這麼久，把新記錄和到期待定的檢查重新評分。',
      'CONF: how often new records and pending checks that have come due are scored.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(5).max(3600),
    defaultValue: 30,
    scopes: ['company'],
    min: 5,
    max: 3600,
    unit: seconds,
  }),
};
