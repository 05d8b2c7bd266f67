import type { WebModule } from '../../app/module-types';
export const auditModule: WebModule = { key: 'audit', i18n: { 'zh-CN': {}, 'zh-TW': {}, en: {} }, routes: [], menu: [] };
