import type { AppContext, AppInstance } from '../../platform/http/types.js';
import { boardRoutes } from './routes/board.routes.js';
import { importRoutes } from './routes/import.routes.js';
import { priceListRoutes } from './routes/price-lists.routes.js';
import { unitRoutes } from './routes/units.routes.js';

/** Inventory's HTTP edge, one file per aggregate: the board, units (holds and status), price lists, imports. */
export async function inventoryRoutes(app: AppInstance, context: AppContext) {
  await boardRoutes(app, context);
  await unitRoutes(app, context);
  await priceListRoutes(app, context);
  await importRoutes(app, context);
}
