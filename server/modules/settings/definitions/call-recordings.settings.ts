import { z } from 'zod';
import { localized } from '../../../platform/errors.js';
import { days, define } from './define.js';

/** Host names (or host:port) of the PBXes whose recording addresses are accepted; empty: none. */
const pbxHostList = z
  .string()
  .trim()
  .max(1000)
  .regex(/^$|^[a-z0-9.-]+(:\d{1,5})?([ ,]+[a-z0-9.-]+(:\d{1,5})?)*$/i);

const listenerRoles = ['dept_head', 'manager', 'agent', 'guard'] as const;
const listenerRoleLabels = {
  dept_head: localized('部门领导', '部門領導', 'Department head'),
  manager: localized('项目经理', '項目經理', 'Project manager'),
  agent: localized('客服专员', '客服專員', 'Service agent'),
  guard: localized('保安 / 物业管理员', '保安 / 物業管理員', 'Guard / property clerk'),
};

/** Call recordings: which PBX addresses are trusted, who hears them, how long they are kept. */
export const callRecordingsSettings = {
  'calls.recordingPbxHosts': define({
    group: 'calls',
    label: localized(
      '录音服务器(PBX)地址白名单',
      '錄音伺服器(PBX)位址白名單',
      'PBX hosts trusted for recordings',
    ),
    description: localized(
      '通话结束事件中的录音地址只接受这些主机(如 pbx.example.com 或 10.0.0.5:8443，以逗号分隔)，且必须为 https；为空则不接受录音地址(上传的录音不受影响)。',
      '通話結束事件中的錄音位址只接受這些主機(如 pbx.example.com 或 10.0.0.5:8443，以逗號分隔)，且必須為 https；為空則不接受錄音位址(上傳的錄音不受影響)。',
      'Recording addresses in call-end events are accepted only on these hosts (e.g. pbx.example.com or 10.0.0.5:8443, comma-separated), https only; empty: none (uploaded recordings are not affected).',
    ),
    valueType: 'string',
    schema: pbxHostList,
    defaultValue: '',
    scopes: ['company'],
    max: 1000,
  }),
  'calls.recordingListenRoles': define({
    group: 'calls',
    label: localized('可收听录音的角色', '可收聽錄音的角色', 'Roles that may listen to recordings'),
    description: localized(
      '这些角色可收听其可见接听席的通话录音；每次收听都会记录。管理员不收听录音(不接触客户个人信息)，但可查看收听记录。',
      '這些角色可收聽其可見接聽席的通話錄音；每次收聽都會記錄。管理員不收聽錄音(不接觸客戶個人資訊)，但可查看收聽記錄。',
      'These roles may listen to the recordings of the desks they see; every playback is logged. Administrators do not listen (they see no personal data) but read the playback log.',
    ),
    valueType: 'enum_list',
    schema: z.array(z.enum(listenerRoles)).max(listenerRoles.length),
    defaultValue: ['dept_head', 'manager'] as Array<(typeof listenerRoles)[number]>,
    scopes: ['company', 'project'],
    options: listenerRoles.map((role) => ({ value: role, label: listenerRoleLabels[role] })),
  }),
  'calls.recordingAnswererListens': define({
    group: 'calls',
    label: localized(
      '接听人可收听本人通话录音',
      '接聽人可收聽本人通話錄音',
      'The person who answered may listen',
    ),
    description: localized(
      '接听该通话的员工可收听这通电话的录音(每次收听都会记录)。',
      '接聽該通話的員工可收聽這通電話的錄音(每次收聽都會記錄)。',
      'The member of staff who answered a call may listen to its recording (every playback is logged).',
    ),
    valueType: 'boolean',
    schema: z.boolean(),
    defaultValue: true,
    scopes: ['company', 'project'],
  }),
  'calls.recordingRetentionDays': define({
    group: 'calls',
    label: localized('通话录音保存天数', '通話錄音保存天數', 'Keep call recordings for'),
    description: localized(
      'PRIV：录音满这么多天后由每日任务删除，通话记录上保留“录音已于某日删除”。',
      'PRIV：錄音滿這麼多天後由每日任務刪除，通話記錄上保留「錄音已於某日刪除」。',
      'PRIV: recordings older than this are deleted by a daily job; the call keeps a "recording deleted on" mark.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(3650),
    defaultValue: 180,
    scopes: ['company', 'project'],
    min: 1,
    max: 3650,
    unit: days,
  }),
  'calls.recordingMaxMegabytes': define({
    group: 'calls',
    label: localized('上传录音大小上限', '上傳錄音大小上限', 'Largest recording upload'),
    description: localized(
      'PBX 上传的单个录音文件不得超过此大小。',
      'PBX 上傳的單個錄音檔案不得超過此大小。',
      'A recording the PBX uploads may be at most this large.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(100),
    defaultValue: 20,
    scopes: ['company'],
    min: 1,
    max: 100,
    unit: localized('MB', 'MB', 'MB'),
  }),
};
