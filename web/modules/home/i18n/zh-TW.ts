import type { MessagesOf } from '../../../app/module-types';
import type { zhCN } from './zh-CN';

export const zhTW: MessagesOf<typeof zhCN> = {
  menu: { home: '工作台', homeDescription: '歡迎頁與常用入口' },
  greeting: { morning: '早安', noon: '午安', afternoon: '午安', evening: '晚安' },
  welcome: '{{greeting}}，{{name}}',
  today: '今天是 {{date}}',
  myRoles: '我的角色',
  noRoles: '您尚未被分配角色，請聯絡管理員開通。',
  quickLinks: '常用入口',
  noLinks: '目前角色暫無可用功能。',
  presence: '我的狀態',
  presenceHint: '來電與傳話會優先分派給「在座」的同事。',
  account: '帳號',
  username: '使用者名稱',
  company: '公司',
  changePassword: '修改密碼',
};
