import { defineErrors, localized } from '../../platform/errors.js';

export const inventoryErrors = defineErrors({
  /** A conditional status change lost: the unit is no longer in a status the move starts from (someone else got there first, or the hold expired). {reason} says what it is now. */
  UNIT_NOT_AVAILABLE: {
    kind: 'conflict',
    message: localized(
      '房号 {unit} 不可操作:{reason}',
      '房號 {unit} 不可操作:{reason}',
      'Unit {unit} is not available: {reason}',
    ),
  },
  /** A move the state machine does not have (e.g. sold → held). */
  ILLEGAL_TRANSITION: {
    kind: 'unprocessable',
    message: localized(
      '房号 {unit} 不能从“{from}”变为“{to}”。',
      '房號 {unit} 不能從「{from}」變為「{to}」。',
      'Unit {unit} cannot go from "{from}" to "{to}".',
    ),
  },
  /** The actor's role may not make this move (a consultant reserving, releasing another's hold …). */
  TRANSITION_FORBIDDEN: {
    kind: 'forbidden',
    message: localized(
      '您的角色不能对房号 {unit} 执行“{action}”。',
      '您的角色不能對房號 {unit} 執行「{action}」。',
      'Your role may not "{action}" unit {unit}.',
    ),
  },
  /** SA-12 re-verification: the unit is not held for this customer, or the hold has run out. */
  HOLD_MISMATCH: {
    kind: 'conflict',
    message: localized(
      '房号 {unit} 未为该客户锁定或锁定已过期,请先与销控确认。',
      '房號 {unit} 未為該客戶鎖定或鎖定已過期,請先與銷控確認。',
      'Unit {unit} is not held for this customer or the hold has expired; confirm with sales control first.',
    ),
  },
  /** A price list that is not a draft was edited, approved or rejected. */
  PRICE_LIST_NOT_DRAFT: {
    kind: 'conflict',
    message: localized(
      '价目表 V{version} 已{status},不能再修改。',
      '價目表 V{version} 已{status},不能再修改。',
      'Price list v{version} is already {status}.',
    ),
  },
  /** A manager approving their own draft: approval needs a second person. */
  PRICE_LIST_SELF_APPROVAL: {
    kind: 'forbidden',
    message: localized(
      '不能审批自己制作的价目表。',
      '不能審批自己製作的價目表。',
      'You cannot approve a price list you drafted.',
    ),
  },
  /** A price list with no rows. */
  PRICE_LIST_EMPTY: {
    kind: 'invalid',
    message: localized(
      '价目表没有任何房号价格。',
      '價目表沒有任何房號價格。',
      'The price list has no unit prices.',
    ),
  },
  /** Excel import: the file is not a readable .xlsx workbook (or is a different format renamed). */
  IMPORT_UNREADABLE: {
    kind: 'invalid',
    message: localized(
      '无法读取该文件,请上传 .xlsx 格式的 Excel 表格。',
      '無法讀取該檔案,請上傳 .xlsx 格式的 Excel 表格。',
      'The file cannot be read; upload an .xlsx workbook.',
    ),
  },
  /** Excel import: required headers are missing. */
  IMPORT_COLUMNS_MISSING: {
    kind: 'invalid',
    message: localized(
      '表头缺少必需的列:{columns}。',
      '表頭缺少必需的欄:{columns}。',
      'The header row lacks required columns: {columns}.',
    ),
  },
  /** Excel import: more rows than one import may carry. */
  IMPORT_TOO_MANY_ROWS: {
    kind: 'too_large',
    message: localized(
      '一次最多导入 {max} 行。',
      '一次最多匯入 {max} 列。',
      'At most {max} rows per import.',
    ),
  },
  /** Excel import: committing while rows still have errors, without choosing "valid rows only". */
  IMPORT_HAS_ERRORS: {
    kind: 'unprocessable',
    message: localized(
      '有 {count} 行存在错误;请修正后重新上传,或选择仅导入正确的行。',
      '有 {count} 列存在錯誤;請修正後重新上傳,或選擇僅匯入正確的列。',
      '{count} rows have errors; fix and upload again, or choose to import valid rows only.',
    ),
  },
  /** Excel import: nothing to import. */
  IMPORT_EMPTY: {
    kind: 'invalid',
    message: localized(
      '表格中没有可导入的数据行。',
      '表格中沒有可匯入的資料列。',
      'The sheet has no rows to import.',
    ),
  },
});

/** Words for a unit status in the three languages (errors, exports). */
export const statusNames = {
  not_for_sale: localized('未开售', '未開售', 'Not for sale'),
  for_sale: localized('可售', '可售', 'For sale'),
  held: localized('已锁定', '已鎖定', 'Held'),
  deposited: localized('已小订', '已小訂', 'Deposited'),
  subscribed: localized('已认购', '已認購', 'Subscribed'),
  contracted: localized('已签约', '已簽約', 'Contracted'),
  sold: localized('已售', '已售', 'Sold'),
  reserved: localized('保留', '保留', 'Reserved'),
} as const;

export const actionNames = {
  open_for_sale: localized('开售', '開售', 'open for sale'),
  withdraw: localized('停售', '停售', 'withdraw from sale'),
  hold: localized('锁定', '鎖定', 'hold'),
  release: localized('释放', '釋放', 'release'),
  extend: localized('延长锁定', '延長鎖定', 'extend the hold'),
  expire: localized('锁定到期释放', '鎖定到期釋放', 'hold expired'),
  reserve: localized('保留', '保留', 'reserve'),
  unreserve: localized('取消保留', '取消保留', 'unreserve'),
  deposit: localized('小订', '小訂', 'take a deposit'),
  subscribe: localized('认购', '認購', 'subscribe'),
  contract: localized('签约', '簽約', 'contract'),
  complete_sale: localized('完成销售', '完成銷售', 'complete the sale'),
  cancel_sale: localized('退房', '退房', 'cancel the sale'),
  opening_pick: localized('开盘选房', '開盤選房', 'opening pick'),
} as const;
