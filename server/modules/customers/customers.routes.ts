import type { AppContext, AppInstance } from '../../platform/http/types.js';
import { campaignRoutes } from './routes/campaigns.routes.js';
import { customerRoutes } from './routes/customers.routes.js';
import { followUpRoutes } from './routes/follow-ups.routes.js';
import { customerImportRoutes } from './routes/imports.routes.js';
import { ownershipRoutes } from './routes/ownership.routes.js';
import { personalDataRoutes } from './routes/personal-data.routes.js';
import { sourceChannelRoutes } from './routes/source-channels.routes.js';

/** The module's HTTP edge, one file per aggregate under routes/. */
export async function customersRoutes(app: AppInstance, context: AppContext) {
  await personalDataRoutes(app, context);
  await customerRoutes(app, context);
  await ownershipRoutes(app, context);
  await followUpRoutes(app, context);
  await sourceChannelRoutes(app, context);
  await campaignRoutes(app, context);
  await customerImportRoutes(app, context);
}
