import { BellOutlined, LineChartOutlined, NotificationOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { notifyI18n } from './notify.i18n';

export { NotificationBell } from './components/notification-bell';

export const notifyModule: WebModule = {
  key: 'notify',
  i18n: notifyI18n,
  routes: [
    { path: '/notifications', element: lazy(() => import('./pages/inbox-page')) },
    { path: '/notify', element: lazy(() => import('./pages/notify-center-page')), roles: ['admin'] },
    {
      path: '/notify/report',
      element: lazy(() => import('./pages/report-page')),
      roles: ['admin', 'manager'],
    },
  ],
  menu: [
    {
      key: 'notifications',
      labelKey: 'notify:menu.inbox',
      descriptionKey: 'notify:menu.inboxDescription',
      icon: BellOutlined,
      path: '/notifications',
    },
    {
      key: 'notify-center',
      labelKey: 'notify:menu.center',
      descriptionKey: 'notify:menu.centerDescription',
      icon: NotificationOutlined,
      path: '/notify',
      roles: ['admin'],
      group: 'system',
    },
    {
      key: 'notify-report',
      labelKey: 'notify:menu.report',
      descriptionKey: 'notify:menu.reportDescription',
      icon: LineChartOutlined,
      path: '/notify/report',
      roles: ['admin', 'manager'],
      group: 'system',
    },
  ],
};
