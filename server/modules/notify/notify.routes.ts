import type { AppContext, AppInstance } from '../../platform/http/types.js';
import { deliveriesRoutes } from './routes/deliveries.routes.js';
import { inboxRoutes } from './routes/inbox.routes.js';
import { jobsRoutes } from './routes/jobs.routes.js';
import { providersRoutes } from './routes/providers.routes.js';
import { templatesRoutes } from './routes/templates.routes.js';

/** The notification centre's HTTP edge (the working calendar registers its own: calendarRoutes). */
export async function notifyRoutes(app: AppInstance, context: AppContext) {
  for (const routes of [inboxRoutes, deliveriesRoutes, templatesRoutes, providersRoutes, jobsRoutes])
    await routes(app, context);
}
