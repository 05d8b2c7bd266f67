import { SafetyCertificateOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { conformanceI18n } from './conformance.i18n';

/** The checks of one subject with their evidence, for the call, visit and deal pages. */
export { ConformancePanel } from './components/conformance-panel';
export { subjectPath } from './conformance.links';

export const conformanceModule: WebModule = {
  key: 'conformance',
  i18n: conformanceI18n,
  routes: [{ path: '/conformance', element: lazy(() => import('./pages/scorecard-page')) }],
  menu: [
    {
      key: 'conformance',
      labelKey: 'conformance:menu.conformance',
      descriptionKey: 'conformance:menu.conformanceDescription',
      icon: SafetyCertificateOutlined,
      path: '/conformance',
    },
  ],
};
