import { defineErrors, localized } from '../../platform/errors.js';

export const callsErrors = defineErrors({
  /** The CTI request has no desk, timestamp or signature header, or names a desk without CTI. */
  CTI_UNAUTHENTICATED: {
    kind: 'unauthenticated',
    message: localized(
      'CTI 请求缺少有效的签名信息(x-yingke-desk、x-yingke-timestamp、x-yingke-signature)。',
      'CTI 請求缺少有效的簽章資訊(x-yingke-desk、x-yingke-timestamp、x-yingke-signature)。',
      'The CTI request lacks valid signing headers (x-yingke-desk, x-yingke-timestamp, x-yingke-signature).',
    ),
  },
  /** The HMAC over timestamp and body does not match the desk's current secret. */
  CTI_BAD_SIGNATURE: {
    kind: 'unauthenticated',
    message: localized('CTI 签名校验失败。', 'CTI 簽章驗證失敗。', 'The CTI signature does not match.'),
  },
  /** The signed timestamp is further from the server clock than the allowed window. */
  CTI_STALE_TIMESTAMP: {
    kind: 'unauthenticated',
    message: localized(
      'CTI 请求时间戳超出允许范围(±{seconds} 秒),请校准 PBX 时钟。',
      'CTI 請求時間戳超出允許範圍(±{seconds} 秒),請校準 PBX 時鐘。',
      'The CTI timestamp is outside the allowed window (±{seconds} s); check the PBX clock.',
    ),
  },
  /** The very same signed request was received before: a replay. */
  CTI_REPLAYED: {
    kind: 'conflict',
    message: localized(
      '该 CTI 请求已收到过(重放),未做任何处理。',
      '該 CTI 請求已收到過(重放),未做任何處理。',
      'This CTI request was already received (replay); nothing was done.',
    ),
  },
  /** An event id reused for a different event. */
  CTI_EVENT_ID_CONFLICT: {
    kind: 'conflict',
    message: localized(
      '事件编号 {eventId} 已用于另一条不同的事件。',
      '事件編號 {eventId} 已用於另一條不同的事件。',
      'Event id {eventId} was already used for a different event.',
    ),
  },
  /** The body is not JSON, or not an event of a supported version. */
  CTI_MALFORMED_EVENT: {
    kind: 'invalid',
    message: localized(
      'CTI 事件格式错误:{reason}',
      'CTI 事件格式錯誤:{reason}',
      'Malformed CTI event: {reason}',
    ),
  },
  /** CS-4: a directory search or "not found" recorded on a call whose agent never opened "不认识此人". */
  PERSON_LOOKUP_NOT_OPEN: {
    kind: 'conflict',
    message: localized(
      '请先在通话中点击“不认识此人”，再查找或记录结果。',
      '請先在通話中點擊「不認識此人」，再查找或記錄結果。',
      'Open "Don\'t know this person" on the call first, then search or record the outcome.',
    ),
  },
  /** CS-4: "not found" recorded after the lookup already had its outcome (a transfer, a message, or not found). */
  PERSON_LOOKUP_DECIDED: {
    kind: 'conflict',
    message: localized(
      '本次找人已有结果,不能再记录为“未找到”。',
      '本次找人已有結果,不能再記錄為「未找到」。',
      'This lookup already has an outcome; it cannot be recorded as not found.',
    ),
  },
  /** A manual action that the call's current status does not allow (answering an ended call). */
  CALL_ACTION_NOT_ALLOWED: {
    kind: 'conflict',
    message: localized(
      '当前通话状态({status})不能执行此操作。',
      '目前通話狀態({status})不能執行此操作。',
      'This cannot be done while the call is {status}.',
    ),
  },
  /** Call-desk features asked of a sales line, which has its own module. */
  DESK_KIND_NOT_SUPPORTED: {
    kind: 'invalid',
    message: localized(
      '该接听席不是客户服务中心或物业/卡口。',
      '該接聽席不是客戶服務中心或物業/卡口。',
      'This desk is not a customer-service centre or a security post.',
    ),
  },
  /** SEC-5: an emergency without one of its five facts. */
  EMERGENCY_INCOMPLETE: {
    kind: 'invalid',
    message: localized(
      '紧急事件必须记录来电人姓名、身份、住址、联系电话和简要情况,缺少:{fields}。',
      '緊急事件必須記錄來電人姓名、身分、住址、聯絡電話和簡要情況,缺少:{fields}。',
      'An emergency must record the caller’s name, identity, address, phone and a brief account; missing: {fields}.',
    ),
  },
  /** A message, leader call or incident step out of order (handling twice, dispatching a resolved one). */
  STEP_NOT_ALLOWED: {
    kind: 'conflict',
    message: localized(
      '当前状态({status})不能执行此操作。',
      '目前狀態({status})不能執行此操作。',
      'Not possible while it is {status}.',
    ),
  },
  /** Reporting a leader call when the desk's department has no head to report to. */
  NO_DEPARTMENT_HEAD: {
    kind: 'unprocessable',
    message: localized(
      '未找到可上报的部门领导,请先在“部门”中设置负责人。',
      '未找到可上報的部門領導,請先在「部門」中設定負責人。',
      'There is no department head to report to; set one under Departments first.',
    ),
  },
  /** Only the recipient (or an administrator) handles a message. */
  NOT_RECIPIENT: {
    kind: 'forbidden',
    message: localized(
      '只有收件人可以处理这条留言。',
      '只有收件人可以處理這則留言。',
      'Only the recipient can handle this message.',
    ),
  },
  /** A reference (staff, building, door, purpose) that is not the company's. */
  UNKNOWN_REFERENCE: {
    kind: 'invalid',
    message: localized(
      '引用的{entity}不存在。',
      '引用的{entity}不存在。',
      'The referenced {entity} does not exist.',
    ),
  },
  /** Deactivating or renaming a built-in purpose the screens rely on. */
  PURPOSE_BUILT_IN: {
    kind: 'conflict',
    message: localized(
      '内置来电目的不能停用。',
      '內建來電目的不能停用。',
      'A built-in purpose cannot be deactivated.',
    ),
  },
  /** Statistics over more days than one request may cover. */
  RANGE_TOO_LONG: {
    kind: 'invalid',
    message: localized(
      '统计区间最长 {days} 天。',
      '統計區間最長 {days} 天。',
      'The period may cover at most {days} days.',
    ),
  },
});
