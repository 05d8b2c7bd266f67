import { AppstoreOutlined, DollarOutlined, ImportOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { inventoryI18n } from './inventory.i18n';

export const inventoryModule: WebModule = {
  key: 'inventory',
  i18n: inventoryI18n,
  routes: [
    {
      path: '/inventory/board',
      element: lazy(() => import('./pages/board-page')),
      roles: ['consultant', 'controller', 'manager', 'finance'],
    },
    {
      path: '/inventory/price-lists',
      element: lazy(() => import('./pages/price-lists-page')),
      roles: ['consultant', 'controller', 'manager', 'finance'],
    },
    {
      path: '/inventory/import',
      element: lazy(() => import('./pages/import-page')),
      roles: ['controller', 'manager'],
    },
  ],
  menu: [
    {
      key: 'inventory-board',
      labelKey: 'inventory:menu.board',
      descriptionKey: 'inventory:menu.boardDescription',
      icon: AppstoreOutlined,
      path: '/inventory/board',
      roles: ['consultant', 'controller', 'manager', 'finance'],
    },
    {
      key: 'inventory-price-lists',
      labelKey: 'inventory:menu.priceLists',
      descriptionKey: 'inventory:menu.priceListsDescription',
      icon: DollarOutlined,
      path: '/inventory/price-lists',
      roles: ['controller', 'manager', 'finance'],
    },
    {
      key: 'inventory-import',
      labelKey: 'inventory:menu.import',
      descriptionKey: 'inventory:menu.importDescription',
      icon: ImportOutlined,
      path: '/inventory/import',
      roles: ['controller', 'manager'],
    },
  ],
};

// For other modules' pages.
export { LayoutSelect } from './components/layout-select';
export { useSalesProject } from './components/use-sales-project';
export { inventoryApi, yuan } from './inventory.api';
