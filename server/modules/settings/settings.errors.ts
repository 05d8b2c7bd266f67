import { defineErrors, localized } from '../../platform/errors.js';

export const settingsErrors = defineErrors({
  /** A key that no module defines. */
  UNKNOWN_SETTING: {
    kind: 'not_found',
    message: localized('没有名为 {key} 的设置。', '沒有名為 {key} 的設定。', 'There is no setting {key}.'),
  },
  /** Overriding a setting at a scope its definition does not allow (e.g. session timeout per desk). */
  SCOPE_NOT_ALLOWED: {
    kind: 'invalid',
    message: localized(
      '设置 {key} 不能在此范围内单独设置。',
      '設定 {key} 不能在此範圍內單獨設定。',
      'Setting {key} cannot be overridden at this level.',
    ),
  },
  /** A value outside the definition's type or range. */
  INVALID_SETTING_VALUE: {
    kind: 'invalid',
    message: localized('设置 {key} 的值无效。', '設定 {key} 的值無效。', 'The value for {key} is invalid.'),
  },
});
