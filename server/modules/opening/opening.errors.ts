import { defineErrors, localized } from '../../platform/errors.js';

export const openingErrors = defineErrors({
  /** A pick before the event's start or after its end, or in a cancelled event. */
  OPENING_NOT_OPEN: {
    kind: 'conflict',
    message: localized(
      '选房尚未开始或已经结束。',
      '選房尚未開始或已經結束。',
      'Unit selection is not open now.',
    ),
  },
  /** A pick of a unit that another buyer took first (or that is not on offer any more). */
  UNIT_TAKEN: {
    kind: 'conflict',
    message: localized(
      '很遗憾,该房号已被选走,请选择其他房号。',
      '很遺憾,該房號已被選走,請選擇其他房號。',
      'Sorry, this unit has just been taken; please choose another.',
    ),
  },
  /** A buyer who already picked as many units as the event allows. */
  PICK_LIMIT_REACHED: {
    kind: 'conflict',
    message: localized(
      '您已选满本次开盘允许的 {limit} 套。',
      '您已選滿本次開盤允許的 {limit} 套。',
      'You have already picked the {limit} unit(s) this opening allows.',
    ),
  },
  /** A unit id that is not offered in this event. */
  UNIT_NOT_OFFERED: {
    kind: 'not_found',
    message: localized(
      '本次开盘不包含该房号。',
      '本次開盤不包含該房號。',
      'This unit is not offered in this opening.',
    ),
  },
  /** Public routes without a valid buyer session (never signed in, expired, or for another event). */
  BUYER_UNAUTHENTICATED: {
    kind: 'unauthenticated',
    message: localized(
      '请先用手机验证码登录。',
      '請先用手機驗證碼登入。',
      'Please sign in with the code sent to your phone.',
    ),
  },
  /** A wrong or expired one-time code. */
  CODE_INVALID: {
    kind: 'unauthenticated',
    message: localized('验证码错误或已过期。', '驗證碼錯誤或已過期。', 'The code is wrong or has expired.'),
  },
  /** Too many wrong codes for one request: a new code is needed. */
  CODE_ATTEMPTS_EXCEEDED: {
    kind: 'rate_limited',
    message: localized(
      '验证码错误次数过多,请重新获取。',
      '驗證碼錯誤次數過多,請重新取得。',
      'Too many wrong codes; request a new one.',
    ),
  },
  /** A new code asked for within the resend interval. */
  CODE_TOO_SOON: {
    kind: 'rate_limited',
    message: localized(
      '请 {seconds} 秒后再获取验证码。',
      '請 {seconds} 秒後再取得驗證碼。',
      'Please wait {seconds} s before asking for another code.',
    ),
  },
  /** Event edits (times, units, limit) once it has started. */
  OPENING_STARTED: {
    kind: 'conflict',
    message: localized(
      '开盘已开始,不能再修改。',
      '開盤已開始,不能再修改。',
      'The opening has started and can no longer be changed.',
    ),
  },
  /** Offered units that are not for sale in the event's project. */
  UNITS_NOT_OFFERABLE: {
    kind: 'invalid',
    message: localized(
      '有 {count} 个房号不属于本项目或不是可售状态。',
      '有 {count} 個房號不屬於本項目或不是可售狀態。',
      '{count} units are not for sale in this project.',
    ),
  },
  /** A buyer registered twice in one event (same phone, ID number or pledge number). */
  BUYER_DUPLICATE: {
    kind: 'conflict',
    message: localized(
      '该手机号、身份证号或认筹号已登记。',
      '該手機號、身分證號或認籌號已登記。',
      'This phone, ID number or pledge number is already registered.',
    ),
  },
});
