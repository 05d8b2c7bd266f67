import { defineErrors, localized } from '../../platform/errors.js';

export const residentErrors = defineErrors({
  /** A phone of the form or the sheet that is neither a Chinese mobile nor a landline. */
  RESIDENT_PHONE_INVALID: {
    kind: 'invalid',
    message: localized(
      '“{phone}”不是有效的手机或座机号码。',
      '「{phone}」不是有效的手機或市話號碼。',
      '"{phone}" is not a valid mobile or landline number.',
    ),
  },
  /** Neither a room (with its building) nor a free location was given. */
  RESIDENT_PLACE_REQUIRED: {
    kind: 'invalid',
    message: localized(
      '请填写楼栋和房号，或填写住址。',
      '請填寫樓棟和房號，或填寫住址。',
      'Enter the building and room, or an address.',
    ),
  },
  /** A move-out day before the move-in day. */
  RESIDENT_MOVE_OUT_BEFORE_MOVE_IN: {
    kind: 'invalid',
    message: localized(
      '迁出日期不能早于入住日期。',
      '遷出日期不能早於入住日期。',
      'The move-out day cannot be before the move-in day.',
    ),
  },
  /** Moving out a resident who has already moved out. */
  RESIDENT_ALREADY_MOVED_OUT: {
    kind: 'conflict',
    message: localized('该住户已迁出。', '該住戶已遷出。', 'This resident has already moved out.'),
  },
  /** An import upload without a file. */
  RESIDENT_IMPORT_NO_FILE: {
    kind: 'invalid',
    message: localized(
      '请选择要导入的 Excel 文件。',
      '請選擇要匯入的 Excel 檔案。',
      'Choose an Excel file to import.',
    ),
  },
  /** No visible sheet has a header with a name and a room (or address) column in its first rows. */
  RESIDENT_IMPORT_NO_HEADER: {
    kind: 'unprocessable',
    message: localized(
      '未找到表头：需要“姓名”和“房号”(或“住址”)列。',
      '未找到表頭：需要「姓名」和「房號」(或「住址」)欄。',
      'No header found: a "name" and a "room" (or "address") column are needed.',
    ),
  },
  /** Committing an import that is not waiting to be committed, or cancelling one that is not running. */
  RESIDENT_IMPORT_STATE: {
    kind: 'conflict',
    message: localized(
      '该导入当前状态不允许此操作。',
      '該匯入目前狀態不允許此操作。',
      'The import is not in a state that allows this.',
    ),
  },
});
