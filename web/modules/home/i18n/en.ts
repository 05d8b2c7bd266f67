import type { MessagesOf } from '../../../app/module-types';
import type { zhCN } from './zh-CN';

export const en: MessagesOf<typeof zhCN> = {
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
