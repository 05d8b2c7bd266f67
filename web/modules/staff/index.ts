import { TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { paths } from '../../app/paths';
import { staffI18n } from './staff.i18n';

const ChangePasswordPage = lazy(() => import('./pages/change-password-page'));

export const staffModule: WebModule = {
  key: 'staff',
  i18n: staffI18n,
  routes: [
    { path: paths.login, element: lazy(() => import('./pages/login-page')), layout: 'public' },
    { path: paths.forcedPasswordChange, element: ChangePasswordPage, layout: 'bare' },
    { path: paths.changePassword, element: ChangePasswordPage },
    { path: paths.secondFactor, element: lazy(() => import('./pages/second-factor-page')), layout: 'bare' },
    {
      path: paths.forcedTwoFactorEnrolment,
      element: lazy(() => import('./pages/two-factor-setup-page')),
      layout: 'bare',
    },
    { path: paths.accountSecurity, element: lazy(() => import('./pages/account-security-page')) },
    { path: '/staff', element: lazy(() => import('./pages/staff-list-page')), roles: ['admin'] },
  ],
  menu: [
    {
      key: 'staff',
      labelKey: 'staff:menu.staff',
      descriptionKey: 'staff:menu.staffDescription',
      icon: TeamOutlined,
      path: '/staff',
      roles: ['admin'],
      group: 'org',
    },
  ],
};

// For other modules' pages.
export { StaffSelect } from './components/staff-select';
