import { AuditOutlined, CheckSquareOutlined, FileProtectOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { dealsI18n } from './deals.i18n';

const sales = ['consultant', 'controller', 'manager', 'finance'] as const;
const PlanPage = lazy(() => import('./pages/plan-page'));
const AgreementPage = lazy(() => import('./pages/agreement-page'));

export const dealsModule: WebModule = {
  key: 'deals',
  i18n: dealsI18n,
  routes: [
    { path: '/deals', element: lazy(() => import('./pages/deals-page')), roles: sales },
    { path: '/deals/plans/new', element: PlanPage, roles: ['consultant', 'controller', 'manager'] },
    { path: '/deals/plans/:id', element: PlanPage, roles: sales },
    { path: '/deals/agreements/new', element: AgreementPage, roles: ['consultant', 'manager'] },
    { path: '/deals/agreements/:id', element: AgreementPage, roles: sales },
    { path: '/deals/files/:id', element: lazy(() => import('./pages/file-page')), roles: sales },
    { path: '/deals/deposits/:id', element: lazy(() => import('./pages/deposit-page')), roles: sales },
    { path: '/deals/forms', element: lazy(() => import('./pages/forms-page')), roles: sales },
    { path: '/deals/tasks', element: lazy(() => import('./pages/my-tasks-page')), roles: sales },
  ],
  menu: [
    {
      key: 'deals',
      labelKey: 'deals:menu.deals',
      descriptionKey: 'deals:menu.dealsDescription',
      icon: FileProtectOutlined,
      path: '/deals',
      roles: sales,
    },
    {
      key: 'deals-forms',
      labelKey: 'deals:menu.forms',
      descriptionKey: 'deals:menu.formsDescription',
      icon: AuditOutlined,
      path: '/deals/forms',
      roles: sales,
    },
    {
      key: 'deals-tasks',
      labelKey: 'deals:menu.tasks',
      descriptionKey: 'deals:menu.tasksDescription',
      icon: CheckSquareOutlined,
      path: '/deals/tasks',
      roles: sales,
    },
  ],
};
