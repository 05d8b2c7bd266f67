import { FileDoneOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { reportsI18n } from './reports.i18n';

const readers = ['admin', 'manager', 'dept_head'] as const;

export const reportsModule: WebModule = {
  key: 'reports',
  i18n: reportsI18n,
  routes: [{ path: '/reports', element: lazy(() => import('./pages/reports-page')), roles: readers }],
  menu: [
    {
      key: 'reports',
      labelKey: 'reports:menu.reports',
      descriptionKey: 'reports:menu.reportsDescription',
      icon: FileDoneOutlined,
      path: '/reports',
      roles: readers,
    },
  ],
};
