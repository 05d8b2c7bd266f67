import type { WebModule } from '../../app/module-types';
export const settingsModule: WebModule = { key: 'settings', i18n: { 'zh-CN': {}, 'zh-TW': {}, en: {} }, routes: [], menu: [] };
