import { MobileOutlined, ToolOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { workordersI18n } from './workorders.i18n';

const desk = ['agent', 'guard', 'dept_head', 'manager'] as const;

export const workordersModule: WebModule = {
  key: 'workorders',
  i18n: workordersI18n,
  routes: [
    {
      path: '/workorders',
      element: lazy(() => import('./pages/workorders-page')),
      roles: [...desk, 'engineer'],
    },
    { path: '/workorders/mine', element: lazy(() => import('./pages/my-orders-page')), roles: ['engineer'] },
  ],
  menu: [
    {
      key: 'workorders',
      labelKey: 'workorders:menu.list',
      descriptionKey: 'workorders:menu.listDescription',
      icon: ToolOutlined,
      path: '/workorders',
      roles: desk,
    },
    {
      key: 'workorders-mine',
      labelKey: 'workorders:menu.mine',
      descriptionKey: 'workorders:menu.mineDescription',
      icon: MobileOutlined,
      path: '/workorders/mine',
      roles: ['engineer'],
    },
  ],
};

// For other modules: the call desk's button and the caller pop's list (the lead wires the pop).
export { WorkOrderFromCall } from './components/from-call-button';
export { OpenWorkOrdersForCaller } from './components/open-for-caller';
export { SlaTimer } from './components/sla-timer';
