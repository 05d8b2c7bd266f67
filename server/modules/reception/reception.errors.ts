import { defineErrors, localized } from '../../platform/errors.js';

export const receptionErrors = defineErrors({
  /** A consultant answering when the answering order names someone else. */
  NOT_YOUR_TURN: {
    kind: 'conflict',
    message: localized('现在轮到 {next} 接待。', '現在輪到 {next} 接待。', "It is {next}'s turn."),
  },
  /** Nobody in the order is at their desk. */
  NOBODY_AT_DESK: {
    kind: 'conflict',
    message: localized(
      '当前没有在岗的置业顾问,请先将状态设为“在岗”。',
      '目前沒有在崗的置業顧問,請先將狀態設為「在崗」。',
      'No consultant is at their desk; set your status to "at desk" first.',
    ),
  },
  /** Saving a call register twice, or a step of a finished visit. */
  ALREADY_CLOSED: {
    kind: 'conflict',
    message: localized(
      '该记录已完成,不能再修改。',
      '該記錄已完成,不能再修改。',
      'This record is closed and cannot be changed.',
    ),
  },
  /** Another consultant's call or visit. */
  NOT_YOURS: {
    kind: 'forbidden',
    message: localized(
      '这是其他置业顾问的接待记录。',
      '這是其他置業顧問的接待記錄。',
      "This is another consultant's record.",
    ),
  },
  /** Steps are done in order; this one is not the current step. */
  STEP_OUT_OF_ORDER: {
    kind: 'conflict',
    message: localized('请先完成当前步骤。', '請先完成目前步驟。', 'Finish the current step first.'),
  },
  /** A visitor with neither a phone nor a recorded refusal. */
  PHONE_OR_REFUSAL: {
    kind: 'invalid',
    message: localized(
      '请填写电话,或勾选“客户不愿留电话”。',
      '請填寫電話,或勾選「客戶不願留電話」。',
      'Enter a phone number, or tick "customer declines to give a number".',
    ),
  },
  /** Taking a turn out of order for "another reason" without saying which. */
  SKIP_NOTE_REQUIRED: {
    kind: 'invalid',
    message: localized(
      '请说明不按轮接顺序接待的原因。',
      '請說明不按輪接順序接待的原因。',
      'Say why you are taking this turn out of order.',
    ),
  },
  /** Ending a visit early without saying why the visitor left. */
  LEFT_EARLY_REASON_REQUIRED: {
    kind: 'invalid',
    message: localized(
      '请填写客户提前离开的原因。',
      '請填寫客戶提前離開的原因。',
      'Say why the visitor left early.',
    ),
  },
  /** An answering order naming someone who is not a consultant of the project. */
  ORDER_INVALID: {
    kind: 'invalid',
    message: localized(
      '轮接顺序必须包含且仅包含本项目的置业顾问。',
      '輪接順序必須包含且僅包含本項目的置業顧問。',
      "The order must list exactly the project's consultants.",
    ),
  },
});
