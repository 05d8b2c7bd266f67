import type { AppContext, AppInstance } from '../platform/http/types.js';
import { auditRoutes } from './audit/index.js';
import { orgRoutes } from './org/index.js';
import { settingsRoutes } from './settings/index.js';
import { authRoutes, staffRoutes } from './staff/index.js';

type RoutePlugin = (app: AppInstance, context: AppContext) => Promise<void>;

/** Every module's HTTP routes; a new module adds one line here. */
export const routePlugins: RoutePlugin[] = [authRoutes, orgRoutes, staffRoutes, settingsRoutes, auditRoutes];
