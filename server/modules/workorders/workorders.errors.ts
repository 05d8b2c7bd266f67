import { defineErrors, localized } from '../../platform/errors.js';

export const workOrderErrors = defineErrors({
  /** A step, callback or reopen asked of an order whose status does not allow it. */
  STEP_NOT_ALLOWED: {
    kind: 'conflict',
    message: localized(
      '工单当前状态为“{status}”，不能执行此操作。',
      '工單目前狀態為「{status}」，不能執行此操作。',
      'The work order is "{status}"; this step is not possible now.',
    ),
  },
  /** An engineer stepping an order assigned to someone else (or to another team). */
  NOT_ASSIGNED_TO_YOU: {
    kind: 'forbidden',
    message: localized(
      '该工单未派给您或您的班组。',
      '該工單未派給您或您的班組。',
      'This work order is not assigned to you or your team.',
    ),
  },
  /** Assigning to someone who is not an engineer of the project, or to an unknown team. */
  UNKNOWN_ASSIGNEE: {
    kind: 'invalid',
    message: localized(
      '请选择本项目的工程维修人员或班组。',
      '請選擇本項目的工程維修人員或班組。',
      'Choose an engineer or team of this project.',
    ),
  },
  /** A photo larger than the setting workorders.photoMaxKilobytes. */
  PHOTO_TOO_LARGE: {
    kind: 'too_large',
    message: localized(
      '照片不能超过 {max} KB。',
      '照片不能超過 {max} KB。',
      'A photo may be at most {max} KB.',
    ),
  },
  /** An upload that is not a JPEG, PNG or WebP image (read from its bytes). */
  PHOTO_TYPE_NOT_ALLOWED: {
    kind: 'invalid',
    message: localized(
      '只能上传 JPEG、PNG 或 WebP 照片。',
      '只能上傳 JPEG、PNG 或 WebP 照片。',
      'Only JPEG, PNG or WebP photos can be uploaded.',
    ),
  },
  /** More photos on one order than the setting workorders.photosPerOrder. */
  TOO_MANY_PHOTOS: {
    kind: 'conflict',
    message: localized(
      '每张工单最多 {max} 张照片。',
      '每張工單最多 {max} 張照片。',
      'A work order holds at most {max} photos.',
    ),
  },
});
