import type { ModuleResources } from '../../app/module-types';
import { en } from './i18n/en';
import { zhCN } from './i18n/zh-CN';
import { zhTW } from './i18n/zh-TW';

/** One file per language in i18n/: 简体中文 is the reference, the others must have the same keys. */
export const workordersI18n: ModuleResources = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
export { zhCN };
