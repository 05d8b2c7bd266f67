import { auditModule } from '../modules/audit';
import { homeModule } from '../modules/home';
import { orgModule } from '../modules/org';
import { settingsModule } from '../modules/settings';
import { staffModule } from '../modules/staff';
import type { WebModule } from './module-types';

export type { WebMenuItem, WebModule, WebRoute } from './module-types';

/** Every feature module of the web app; menu order follows this list. Add one line per module. */
export const webModules: WebModule[] = [homeModule, orgModule, staffModule, settingsModule, auditModule];
