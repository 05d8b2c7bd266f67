import { defineErrors, localized } from '../../platform/errors.js';

export const orgErrors = defineErrors({
  /** A project, building, door, department or desk name used twice where it must be unique. */
  NAME_TAKEN: {
    kind: 'conflict',
    message: localized(
      '名称“{name}”已被使用。',
      '名稱「{name}」已被使用。',
      'The name "{name}" is already used.',
    ),
  },
  /** A department head who is not staff of the company. */
  UNKNOWN_STAFF: {
    kind: 'invalid',
    message: localized('所选人员不存在。', '所選人員不存在。', 'The chosen person does not exist.'),
  },
  /** A sales line on a managed estate, or a security post on a sales project. */
  DESK_KIND_MISMATCH: {
    kind: 'invalid',
    message: localized(
      '销售热线只能属于销售项目,服务中心和卡口只能属于物业项目。',
      '銷售熱線只能屬於銷售項目,服務中心和卡口只能屬於物業項目。',
      'A sales line belongs to a sales project; service centres and posts to a managed estate.',
    ),
  },
});
