import { AimOutlined, DashboardOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { dashboardI18n } from './dashboard.i18n';

export const dashboardModule: WebModule = {
  key: 'dashboard',
  i18n: dashboardI18n,
  routes: [
    {
      path: '/dashboard',
      element: lazy(() => import('./pages/dashboard-page')),
      roles: ['manager', 'admin', 'consultant'],
    },
    {
      path: '/dashboard/targets',
      element: lazy(() => import('./pages/targets-page')),
      roles: ['manager', 'admin'],
    },
  ],
  menu: [
    {
      key: 'dashboard',
      labelKey: 'dashboard:menu.dashboard',
      descriptionKey: 'dashboard:menu.dashboardDescription',
      icon: DashboardOutlined,
      path: '/dashboard',
      roles: ['manager', 'admin', 'consultant'],
    },
    {
      key: 'dashboard-targets',
      labelKey: 'dashboard:menu.targets',
      descriptionKey: 'dashboard:menu.targetsDescription',
      icon: AimOutlined,
      path: '/dashboard/targets',
      roles: ['manager', 'admin'],
    },
  ],
};
