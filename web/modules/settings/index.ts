import { CalendarOutlined, SettingOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { settingsI18n } from './settings.i18n';

export const settingsModule: WebModule = {
  key: 'settings',
  i18n: settingsI18n,
  routes: [
    { path: '/settings', element: lazy(() => import('./pages/settings-page')), roles: ['admin'] },
    {
      path: '/settings/calendar',
      element: lazy(() => import('./pages/calendar-page')),
      roles: ['admin'],
    },
  ],
  menu: [
    {
      key: 'settings',
      labelKey: 'settings:menu.settings',
      descriptionKey: 'settings:menu.settingsDescription',
      icon: SettingOutlined,
      path: '/settings',
      roles: ['admin'],
      group: 'system',
    },
    {
      key: 'settings-calendar',
      labelKey: 'settings:calendar.menu',
      descriptionKey: 'settings:calendar.menuDescription',
      icon: CalendarOutlined,
      path: '/settings/calendar',
      roles: ['admin'],
      group: 'system',
    },
  ],
};
