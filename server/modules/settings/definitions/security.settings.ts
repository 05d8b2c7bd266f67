import { z } from 'zod';
import { type Role, roleLabels, roles } from '../../../../contracts/roles.js';
import { localized } from '../../../platform/errors.js';
import { define, minutes } from './define.js';

/** Sign-in: session timeouts, lockout, two-step verification. */
export const securitySettings = {
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
      '担任这些角色的员工登录时除密码外还须输入手机验证器的动态码；尚未设置的，登录后须先完成设置才能使用系统。',
      '擔任這些角色的員工登入時除密碼外還須輸入手機驗證器的動態碼；尚未設定的，登入後須先完成設定才能使用系統。',
      'Staff holding any of these roles sign in with an authenticator code as well as their password; those who have not set it up must do so before anything else.',
    ),
    valueType: 'enum_list',
    schema: z.array(z.enum(roles)).max(roles.length),
    defaultValue: ['finance', 'manager', 'controller', 'admin'] as Role[],
    scopes: ['company'],
    options: roles.map((role) => ({ value: role, label: roleLabels[role] })),
  }),
};
