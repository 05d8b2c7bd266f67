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
});
