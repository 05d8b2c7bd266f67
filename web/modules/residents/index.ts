import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { registerRoles } from './components/use-register-project';
import { residentsI18n } from './residents.i18n';

export { CallerResidents } from './components/caller-residents';

export const residentsModule: WebModule = {
  key: 'residents',
  i18n: residentsI18n,
  routes: [
    { path: '/residents', element: lazy(() => import('./pages/residents-page')), roles: registerRoles },
    { path: '/residents/import', element: lazy(() => import('./pages/import-page')), roles: registerRoles },
  ],
  menu: [
    {
      key: 'residents',
      labelKey: 'residents:menu.residents',
      descriptionKey: 'residents:menu.residentsDescription',
      icon: HomeOutlined,
      path: '/residents',
      roles: registerRoles,
    },
  ],
};
