import { AuditOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { auditI18n } from './audit.i18n';

export { auditActionLabels, auditEntityTypeLabels } from './audit.labels';

export const auditModule: WebModule = {
  key: 'audit',
  i18n: auditI18n,
  routes: [
    { path: '/audit', element: lazy(() => import('./pages/audit-page')), roles: ['admin', 'dpo', 'manager'] },
  ],
  menu: [
    {
      key: 'audit',
      labelKey: 'audit:menu.audit',
      descriptionKey: 'audit:menu.auditDescription',
      icon: AuditOutlined,
      path: '/audit',
      roles: ['admin', 'dpo', 'manager'],
      group: 'system',
    },
  ],
};
