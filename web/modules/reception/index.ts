import { BulbOutlined, CustomerServiceOutlined, PhoneOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { receptionI18n } from './reception.i18n';

const frontline = ['manager', 'consultant'] as const;

export const receptionModule: WebModule = {
  key: 'reception',
  i18n: receptionI18n,
  routes: [
    { path: '/reception', element: lazy(() => import('./pages/desk-page')), roles: frontline },
    { path: '/reception/calls', element: lazy(() => import('./pages/calls-page')), roles: frontline },
    {
      path: '/reception/selling-points',
      element: lazy(() => import('./pages/selling-points-page')),
      roles: ['manager'],
    },
    { path: '/reception/visits/:id', element: lazy(() => import('./pages/visit-page')), roles: frontline },
  ],
  menu: [
    {
      key: 'reception',
      labelKey: 'reception:menu.desk',
      descriptionKey: 'reception:menu.deskDescription',
      icon: CustomerServiceOutlined,
      path: '/reception',
      roles: frontline,
    },
    {
      key: 'reception-calls',
      labelKey: 'reception:menu.calls',
      descriptionKey: 'reception:menu.callsDescription',
      icon: PhoneOutlined,
      path: '/reception/calls',
      roles: frontline,
    },
    {
      key: 'reception-selling-points',
      labelKey: 'reception:sellingPoints.menu',
      descriptionKey: 'reception:sellingPoints.menuDescription',
      icon: BulbOutlined,
      path: '/reception/selling-points',
      roles: ['manager'],
    },
  ],
};
