import type { WebModule } from '../../app/module-types';
export const staffModule: WebModule = { key: 'staff', i18n: { 'zh-CN': {}, 'zh-TW': {}, en: {} }, routes: [], menu: [] };
