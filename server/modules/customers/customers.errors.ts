import { defineErrors, localized } from '../../platform/errors.js';

export const customerErrors = defineErrors({
  /** A phone that is neither a Chinese mobile nor a landline. */
  INVALID_PHONE: {
    kind: 'invalid',
    message: localized(
      '“{phone}”不是有效的手机或座机号码。',
      '「{phone}」不是有效的手機或市話號碼。',
      '"{phone}" is not a valid mobile or landline number.',
    ),
  },
  /**
   * Another consultant owns a customer with this number and is still protected (客户保护期).
   * The number itself is never repeated back: only who owns the customer.
   */
  CUSTOMER_TAKEN: {
    kind: 'conflict',
    message: localized(
      '该客户已由置业顾问 {owner} 登记,仍在保护期内。如需接手,请向项目经理申请。',
      '該客戶已由置業顧問 {owner} 登記,仍在保護期內。如需接手,請向項目經理申請。',
      'This customer is already registered by consultant {owner} and still protected. Ask the project manager to reassign them.',
    ),
  },
  /** The same number appears twice in one customer's form. */
  DUPLICATE_PHONE: {
    kind: 'invalid',
    message: localized('号码重复。', '號碼重複。', 'This number is repeated.'),
  },
  /** A consultant acting on a customer they do not own. */
  NOT_OWNER: {
    kind: 'forbidden',
    message: localized(
      '只有客户的归属顾问或项目经理可以执行此操作。',
      '只有客戶的歸屬顧問或項目經理可以執行此操作。',
      "Only the customer's consultant or a project manager may do this.",
    ),
  },
  /** Reassigning to someone who is not a consultant of the project. */
  NOT_A_CONSULTANT: {
    kind: 'invalid',
    message: localized(
      '所选人员不是本项目的置业顾问。',
      '所選人員不是本項目的置業顧問。',
      'The person chosen is not a consultant of this project.',
    ),
  },
  /** Resolving a reassignment request that is no longer open. */
  REQUEST_CLOSED: {
    kind: 'conflict',
    message: localized('该申请已处理。', '該申請已處理。', 'This request has already been handled.'),
  },
  /** Asking to take over a customer one already owns. */
  ALREADY_OWNER: {
    kind: 'conflict',
    message: localized(
      '您已是该客户的归属顾问。',
      '您已是該客戶的歸屬顧問。',
      'You already own this customer.',
    ),
  },
  /** Changing a follow-up that was done or cancelled. */
  FOLLOW_UP_CLOSED: {
    kind: 'conflict',
    message: localized(
      '该回访已完成或已取消。',
      '該回訪已完成或已取消。',
      'This follow-up is already done or cancelled.',
    ),
  },
  /** Revealing a whole number with the reason 'other' and no words saying what it is. */
  REVEAL_REASON_REQUIRED: {
    kind: 'invalid',
    message: localized(
      '请写明查看完整信息的原因。',
      '請寫明查看完整資訊的原因。',
      'Say why you need to see the whole number.',
    ),
  },
  /** Acting on an erased (anonymised) customer. */
  CUSTOMER_ERASED: {
    kind: 'conflict',
    message: localized(
      '该客户的个人信息已按要求删除。',
      '該客戶的個人資料已依要求刪除。',
      "This customer's personal data has been erased on request.",
    ),
  },
  /** Stopping a campaign that is not being sent (not started, or already finished). */
  CAMPAIGN_NOT_SENDING: {
    kind: 'conflict',
    message: localized(
      '该活动当前没有在发送，无法取消。',
      '該活動目前沒有在發送，無法取消。',
      'This campaign is not being sent, so there is nothing to stop.',
    ),
  },
  /** Sending a campaign twice. */
  CAMPAIGN_SENT: {
    kind: 'conflict',
    message: localized('该活动已发送。', '該活動已發送。', 'This campaign has already been sent.'),
  },
  /** An unsubscribe link that matches no customer. */
  UNSUBSCRIBE_UNKNOWN: {
    kind: 'not_found',
    message: localized(
      '退订链接无效或已过期。',
      '退訂連結無效或已過期。',
      'This unsubscribe link is invalid.',
    ),
  },
  /** No header row with a name column and a phone column was found. */
  IMPORT_NO_HEADER: {
    kind: 'invalid',
    message: localized(
      '在前 {rows} 行中找不到表头(至少需要“姓名”和“电话”两列)。',
      '在前 {rows} 列中找不到表頭(至少需要「姓名」和「電話」兩欄)。',
      'No header row found in the first {rows} rows (at least a "姓名" name and a "电话" phone column are needed).',
    ),
  },
  /** More data rows than one import takes. */
  IMPORT_TOO_MANY_ROWS: {
    kind: 'too_large',
    message: localized(
      '一次最多导入 {max} 行,请拆分文件。',
      '一次最多匯入 {max} 列,請拆分檔案。',
      'At most {max} rows per import; split the file.',
    ),
  },
  /** The sheet has a header but no data rows. */
  IMPORT_EMPTY: {
    kind: 'invalid',
    message: localized('文件中没有客户数据。', '檔案中沒有客戶資料。', 'The file holds no customer rows.'),
  },
  /** The upload is missing or not a single file. */
  IMPORT_NO_FILE: {
    kind: 'invalid',
    message: localized(
      '请选择要导入的 .xlsx 文件。',
      '請選擇要匯入的 .xlsx 檔案。',
      'Choose an .xlsx file to import.',
    ),
  },
  /** All-or-nothing was asked while some rows have errors or duplicates. */
  IMPORT_HAS_ERRORS: {
    kind: 'unprocessable',
    message: localized(
      '有 {count} 行存在错误或重复,未导入任何数据。请修正后重新上传,或选择“仅导入有效行”。',
      '有 {count} 列存在錯誤或重複,未匯入任何資料。請修正後重新上傳,或選擇「僅匯入有效列」。',
      '{count} rows have errors or duplicates; nothing was imported. Fix and upload again, or choose "import valid rows only".',
    ),
  },
  /** The commit leaves a consultant name of the file without a choice (a colleague, the importer or nobody). */
  IMPORT_CONSULTANT_UNMAPPED: {
    kind: 'invalid',
    message: localized(
      '请为文件中的置业顾问“{names}”选择对应的同事、自己或“不分配”。',
      '請為檔案中的置業顧問「{names}」選擇對應的同事、自己或「不分配」。',
      'Choose a colleague, yourself or "unassigned" for the consultant names {names} of the file.',
    ),
  },
  /** A consultant name is mapped to someone who is not an active consultant of the project, or a name not in the file. */
  IMPORT_CONSULTANT_INVALID: {
    kind: 'invalid',
    message: localized(
      '置业顾问“{name}”的对应人员不是本项目的在职置业顾问。',
      '置業顧問「{name}」的對應人員不是本項目的在職置業顧問。',
      'The person chosen for consultant "{name}" is not an active consultant of this project.',
    ),
  },
  /** Committing an import that is not waiting in preview. */
  IMPORT_NOT_PENDING: {
    kind: 'conflict',
    message: localized(
      '该导入已执行或已取消。',
      '該匯入已執行或已取消。',
      'This import has already run or was cancelled.',
    ),
  },
});
