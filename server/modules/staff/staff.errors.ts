import { defineErrors, localized } from '../../platform/errors.js';

export const staffErrors = defineErrors({
  /** Wrong username or password; the same answer for both so accounts cannot be discovered. */
  INVALID_CREDENTIALS: {
    kind: 'unauthenticated',
    message: localized('用户名或密码错误。', '使用者名稱或密碼錯誤。', 'Wrong username or password.'),
  },
  /** Too many failed sign-ins in a row for this account. */
  ACCOUNT_LOCKED: {
    kind: 'rate_limited',
    message: localized(
      '登录失败次数过多,账号已锁定,请 {minutes} 分钟后再试。',
      '登入失敗次數過多,帳號已鎖定,請 {minutes} 分鐘後再試。',
      'Too many failed sign-ins; the account is locked. Try again in {minutes} minutes.',
    ),
  },
  /** The right password for an account an administrator disabled. */
  ACCOUNT_DISABLED: {
    kind: 'forbidden',
    message: localized(
      '该账号已停用,请联系管理员。',
      '該帳號已停用,請聯絡管理員。',
      'This account is disabled; contact an administrator.',
    ),
  },
  /** Too many failed sign-ins from one address within the window. */
  LOGIN_THROTTLED: {
    kind: 'rate_limited',
    message: localized(
      '登录尝试过于频繁,请稍后再试。',
      '登入嘗試過於頻繁,請稍後再試。',
      'Too many sign-in attempts; please wait and try again.',
    ),
  },
  /** Change-password with a wrong current password. */
  WRONG_CURRENT_PASSWORD: {
    kind: 'invalid',
    message: localized('当前密码不正确。', '目前密碼不正確。', 'The current password is wrong.'),
  },
  /** New password equal to the old one, or to the username. */
  WEAK_PASSWORD: {
    kind: 'invalid',
    message: localized(
      '新密码不能与旧密码或用户名相同。',
      '新密碼不能與舊密碼或使用者名稱相同。',
      'The new password must differ from the old one and from the username.',
    ),
  },
  /** Creating staff with a username that exists. */
  USERNAME_TAKEN: {
    kind: 'conflict',
    message: localized(
      '用户名“{username}”已被使用。',
      '使用者名稱「{username}」已被使用。',
      'Username "{username}" is taken.',
    ),
  },
  /** A role scoped to a project that is not the company's, or a department that is not. */
  UNKNOWN_REFERENCE: {
    kind: 'invalid',
    message: localized(
      '引用的{entity}不存在。',
      '引用的{entity}不存在。',
      'The referenced {entity} does not exist.',
    ),
  },
  /** An administrator disabling or demoting themselves would lock everyone out. */
  CANNOT_LOCK_SELF_OUT: {
    kind: 'conflict',
    message: localized(
      '不能停用自己或移除自己的管理员角色。',
      '不能停用自己或移除自己的管理員角色。',
      'You cannot disable yourself or remove your own administrator role.',
    ),
  },
  /** A TOTP code that is not the authenticator's current one (also counts as a failed sign-in). */
  TWO_FACTOR_CODE_INVALID: {
    kind: 'invalid',
    message: localized(
      '动态验证码不正确或已过期。',
      '動態驗證碼不正確或已過期。',
      'The authenticator code is wrong or has expired.',
    ),
  },
  /** The code of a time step already accepted once: a replay, or the same code typed twice. */
  TWO_FACTOR_CODE_REUSED: {
    kind: 'invalid',
    message: localized(
      '该验证码已使用过,请等待验证器显示下一个验证码。',
      '該驗證碼已使用過,請等待驗證器顯示下一個驗證碼。',
      'This code has already been used; wait for the next one.',
    ),
  },
  /** A recovery code that was never issued to this person, was replaced, or was already used. */
  RECOVERY_CODE_INVALID: {
    kind: 'invalid',
    message: localized(
      '恢复码不正确或已使用。',
      '復原碼不正確或已使用。',
      'The recovery code is wrong or has already been used.',
    ),
  },
  /** Starting an enrolment while two-factor is already on (disable it first). */
  TWO_FACTOR_ALREADY_ENABLED: {
    kind: 'conflict',
    message: localized('两步验证已启用。', '兩步驟驗證已啟用。', 'Two-step verification is already on.'),
  },
  /** Disabling two-factor or regenerating recovery codes for someone who has not enabled it. */
  TWO_FACTOR_NOT_ENABLED: {
    kind: 'conflict',
    message: localized('尚未启用两步验证。', '尚未啟用兩步驟驗證。', 'Two-step verification is not on.'),
  },
  /** Confirming an enrolment that was never started (or was replaced by a newer one). */
  TWO_FACTOR_ENROLMENT_NOT_STARTED: {
    kind: 'conflict',
    message: localized(
      '请先获取新的密钥再输入验证码。',
      '請先取得新的金鑰再輸入驗證碼。',
      'Start the set-up to get a key before entering a code.',
    ),
  },
  /** The second-step route called by a session that owes no second factor. */
  SECOND_FACTOR_NOT_PENDING: {
    kind: 'conflict',
    message: localized(
      '当前登录无需再输入验证码。',
      '目前登入無需再輸入驗證碼。',
      'This sign-in does not need a code.',
    ),
  },
  /** Disabling two-factor or regenerating codes without a code or the password to prove it is you. */
  PROOF_REQUIRED: {
    kind: 'invalid',
    message: localized(
      '请输入动态验证码或当前密码。',
      '請輸入動態驗證碼或目前密碼。',
      'Enter an authenticator code or your current password.',
    ),
  },
});
