import { DashboardOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { homeI18n } from './home.i18n';

export const homeModule: WebModule = {
  key: 'home',
  i18n: homeI18n,
  routes: [{ path: '/', element: lazy(() => import('./pages/home-page')) }],
  menu: [{ key: 'home', labelKey: 'home:menu.home', icon: DashboardOutlined, path: '/' }],
};
