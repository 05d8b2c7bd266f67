import { ContactsOutlined, EyeOutlined, SolutionOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { customersI18n } from './customers.i18n';

const frontline = ['manager', 'consultant'] as const;
const salesStaff = ['manager', 'controller', 'consultant', 'finance'] as const;
// The DPO opens customers to act on their rights (PRIV).
const viewers = [...salesStaff, 'dpo'] as const;

export const customersModule: WebModule = {
  key: 'customers',
  i18n: customersI18n,
  routes: [
    { path: '/customers/book', element: lazy(() => import('./pages/book-page')), roles: frontline },
    { path: '/customers', element: lazy(() => import('./pages/customers-page')), roles: viewers },
    {
      path: '/customers/follow-ups',
      element: lazy(() => import('./pages/follow-ups-page')),
      roles: frontline,
    },
    { path: '/customers/ownership', element: lazy(() => import('./pages/ownership-page')), roles: frontline },
    { path: '/customers/import', element: lazy(() => import('./pages/import-page')), roles: frontline },
    {
      path: '/customers/campaigns',
      element: lazy(() => import('./pages/campaigns-page')),
      roles: ['manager'],
    },
    { path: '/customers/sources', element: lazy(() => import('./pages/sources-page')), roles: ['manager'] },
    { path: '/customers/:id', element: lazy(() => import('./pages/customer-page')), roles: viewers },
    {
      path: '/privacy/access-log',
      element: lazy(() => import('./pages/access-log-page')),
      roles: ['dpo'],
    },
    {
      path: '/unsubscribe/:token',
      element: lazy(() => import('./pages/unsubscribe-page')),
      layout: 'public',
    },
  ],
  menu: [
    {
      key: 'customer-book',
      labelKey: 'customers:menu.book',
      descriptionKey: 'customers:menu.bookDescription',
      icon: ContactsOutlined,
      path: '/customers/book',
      roles: frontline,
    },
    {
      key: 'customers',
      labelKey: 'customers:menu.customers',
      descriptionKey: 'customers:menu.customersDescription',
      icon: SolutionOutlined,
      path: '/customers',
      roles: viewers,
    },
    {
      key: 'personal-data-access-log',
      labelKey: 'customers:menu.accessLog',
      descriptionKey: 'customers:menu.accessLogDescription',
      icon: EyeOutlined,
      path: '/privacy/access-log',
      roles: ['dpo'],
      group: 'system',
    },
  ],
};

// What reception's desk and visit pages use of the customer register.
export { wanToFen } from './components/customer-form';
export { CustomerModal } from './components/customer-modal';
export { customersApi } from './customers.api';
