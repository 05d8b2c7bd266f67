import { ThunderboltOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { openingI18n } from './opening.i18n';

export const openingModule: WebModule = {
  key: 'opening',
  i18n: openingI18n,
  routes: [
    {
      path: '/openings',
      element: lazy(() => import('./pages/openings-page')),
      roles: ['consultant', 'controller', 'manager'],
    },
    // The buyer's page: outside the staff layout, no staff sign-in (the buyer signs in with a one-time code).
    { path: '/open/:eventId', element: lazy(() => import('./pages/buyer-page')), layout: 'public' },
  ],
  menu: [
    {
      key: 'openings',
      labelKey: 'opening:menu.openings',
      descriptionKey: 'opening:menu.openingsDescription',
      icon: ThunderboltOutlined,
      path: '/openings',
      roles: ['controller', 'manager'],
    },
  ],
};
