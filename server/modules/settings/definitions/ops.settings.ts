import { z } from 'zod';
import { localized } from '../../../platform/errors.js';
import { define } from './define.js';

/**
 * Scheduled backups (deploy/OPERATIONS.md). They serve the whole installation: the values of its
 * first company are read. The folder is BACKUP_DIR in the service's environment, not a setting:
 * the archives hold the key, and a path typed in the browser could put them anywhere the service writes.
 */
export const opsSettings = {
  'ops.backupEnabled': define({
    group: 'ops',
    label: localized('每日自动备份', '每日自動備份', 'Daily backup'),
    description: localized(
      '每天在设定时间把数据库、解密身份证号所需的密钥和清单打包成一个备份文件(多台服务器时只备份一次)。',
      '每天在設定時間把資料庫、解密身分證號所需的金鑰和清單打包成一個備份檔(多台伺服器時只備份一次)。',
      'Each day at the set time, the database, the key that decrypts ID numbers and a manifest are written to one archive (once, however many servers run).',
    ),
    valueType: 'boolean',
    schema: z.boolean(),
    defaultValue: true,
    scopes: ['company'],
  }),
  'ops.backupTime': define({
    group: 'ops',
    label: localized('备份时间', '備份時間', 'Backup time'),
    description: localized(
      '北京时间，如 02:30；选在售楼处不营业的时候。',
      '北京時間，如 02:30；選在售樓處不營業的時候。',
      'Beijing time, e.g. 02:30; choose an hour when no sales office is open.',
    ),
    valueType: 'string',
    schema: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    defaultValue: '02:30',
    scopes: ['company'],
    max: 5,
  }),
  'ops.backupKeep': define({
    group: 'ops',
    label: localized('保留备份份数', '保留備份份數', 'Backups kept'),
    description: localized(
      '只保留最近这么多份自动备份，更早的自动删除。',
      '只保留最近這麼多份自動備份，更早的自動刪除。',
      'Only this many of the latest scheduled backups are kept; older ones are deleted.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(365),
    defaultValue: 14,
    scopes: ['company'],
    min: 1,
    max: 365,
    unit: localized('份', '份', 'archives'),
  }),
};
