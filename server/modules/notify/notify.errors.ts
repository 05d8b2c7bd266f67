import { defineErrors, localized } from '../../platform/errors.js';

export const notifyErrors = defineErrors({
  UNKNOWN_EVENT: {
    kind: 'unprocessable',
    message: localized(
      '没有名为 {event} 的通知模板。',
      '沒有名為 {event} 的通知範本。',
      'There is no notification template named {event}.',
    ),
  },
  MISSING_PARAM: {
    kind: 'unprocessable',
    message: localized(
      '通知 {event} 缺少占位符 {param} 的值。',
      '通知 {event} 缺少佔位符 {param} 的值。',
      'Notification {event} is missing a value for the placeholder {param}.',
    ),
  },
  NO_RECIPIENTS: {
    kind: 'unprocessable',
    message: localized(
      '通知至少需要一个接收人。',
      '通知至少需要一個接收人。',
      'A notification needs at least one recipient.',
    ),
  },
  COMPANY_UNKNOWN: {
    kind: 'unprocessable',
    message: localized(
      '无法确定通知所属的公司(请提供项目或员工接收人)。',
      '無法確定通知所屬的公司(請提供項目或員工接收人)。',
      'Cannot tell which company the notification belongs to (give a project or a staff recipient).',
    ),
  },
  UNDECLARED_PLACEHOLDER: {
    kind: 'invalid',
    message: localized(
      '模板使用了未声明的占位符 {param}(可用:{allowed})。',
      '範本使用了未宣告的佔位符 {param}(可用:{allowed})。',
      'The template uses the undeclared placeholder {param} (allowed: {allowed}).',
    ),
  },
  UNKNOWN_ESCALATION_CHECK: {
    kind: 'unprocessable',
    message: localized(
      '未注册的升级检查 {check}。',
      '未註冊的升級檢查 {check}。',
      'No escalation check named {check} is registered.',
    ),
  },
  DELIVERY_NOT_RESENDABLE: {
    kind: 'conflict',
    message: localized(
      '这条发送记录还在处理中,不能重发。',
      '這條發送紀錄還在處理中,不能重發。',
      'This delivery is still being processed and cannot be resent.',
    ),
  },
  JOB_NOT_RETRYABLE: {
    kind: 'conflict',
    message: localized(
      '只有失败的任务可以重新执行。',
      '只有失敗的任務可以重新執行。',
      'Only dead (failed) jobs can be retried.',
    ),
  },
  PROVIDER_NOT_CONFIGURED: {
    kind: 'unprocessable',
    message: localized(
      '{channel}通道尚未配置或已停用。',
      '{channel}通道尚未設定或已停用。',
      'The {channel} channel is not configured or is disabled.',
    ),
  },
  PROVIDER_SECRET_REQUIRED: {
    kind: 'invalid',
    message: localized(
      '首次配置时必须填写密钥。',
      '首次設定時必須填寫金鑰。',
      'The secret is required the first time the channel is configured.',
    ),
  },
  NO_CHANNEL_SELECTED: {
    kind: 'invalid',
    message: localized('请至少保留一种接收方式。', '請至少保留一種接收方式。', 'Keep at least one channel.'),
  },
  EMAIL_REQUIRED_FOR_CHANNEL: {
    kind: 'invalid',
    message: localized(
      '选择邮件通知时请填写邮箱。',
      '選擇郵件通知時請填寫郵箱。',
      'Enter an email address to receive email notifications.',
    ),
  },
  TEST_ADDRESS_REQUIRED: {
    kind: 'invalid',
    message: localized(
      '请填写测试接收地址。',
      '請填寫測試接收地址。',
      'Enter an address to send the test to.',
    ),
  },
  /** Saving a year's holidays and make-up days with lines that are not a date of that year and 休/班. */
  CALENDAR_LINES_INVALID: {
    kind: 'invalid',
    message: localized(
      '有 {count} 行无法识别(第 {lines} 行),未保存任何内容。',
      '有 {count} 行無法識別(第 {lines} 行),未儲存任何內容。',
      '{count} line(s) could not be read (line {lines}); nothing was saved.',
    ),
  },
  /** An uploaded calendar file that the .xlsx reader cannot read (not a workbook, damaged). */
  CALENDAR_FILE_UNREADABLE: {
    kind: 'invalid',
    message: localized(
      '无法读取上传的文件,请上传 .xlsx 表格(第一列日期,第二列“休”或“班”)。',
      '無法讀取上傳的檔案,請上傳 .xlsx 表格(第一欄日期,第二欄「休」或「班」)。',
      'The file cannot be read; upload an .xlsx sheet (dates in column A, 休 or 班 in column B).',
    ),
  },
});
