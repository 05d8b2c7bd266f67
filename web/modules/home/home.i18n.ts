import type { MessagesOf, ModuleResources } from '../../app/module-types';

const zhCN = {
  menu: { home: '工作台', homeDescription: '欢迎页与常用入口' },
  greeting: { morning: '早上好', noon: '中午好', afternoon: '下午好', evening: '晚上好' },
  welcome: '{{greeting}}，{{name}}',
  today: '今天是 {{date}}',
  myRoles: '我的角色',
  noRoles: '您还没有被分配角色，请联系管理员开通。',
  quickLinks: '常用入口',
  noLinks: '当前角色暂无可用功能。',
  presence: '我的状态',
  presenceHint: '来电与传话会优先分派给「在座」的同事。',
  account: '账号',
  username: '用户名',
  company: '公司',
  changePassword: '修改密码',
};

const zhTW: MessagesOf<typeof zhCN> = {
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

const en: MessagesOf<typeof zhCN> = {
  menu: { home: 'Workspace', homeDescription: 'Welcome page and shortcuts' },
  greeting: {
    morning: 'Good morning',
    noon: 'Good day',
    afternoon: 'Good afternoon',
    evening: 'Good evening',
  },
  welcome: '{{greeting}}, {{name}}',
  today: 'Today is {{date}}',
  myRoles: 'My roles',
  noRoles: 'You have no roles yet. Ask an administrator to grant access.',
  quickLinks: 'Shortcuts',
  noLinks: 'Nothing is available to your roles yet.',
  presence: 'My status',
  presenceHint: 'Calls and passed-on messages go first to colleagues who are at their desk.',
  account: 'Account',
  username: 'Username',
  company: 'Company',
  changePassword: 'Change password',
};

export const homeI18n: ModuleResources = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
