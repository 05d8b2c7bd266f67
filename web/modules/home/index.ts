import type { WebModule } from '../../app/module-types';
export const homeModule: WebModule = { key: 'home', i18n: { 'zh-CN': {}, 'zh-TW': {}, en: {} }, routes: [], menu: [] };
