import type { AppContext, AppInstance } from '../../platform/http/types.js';
import { agreementRoutes } from './routes/agreements.routes.js';
import { certificationRoutes } from './routes/certification.routes.js';
import { depositRoutes } from './routes/deposits.routes.js';
import { formRoutes } from './routes/forms.routes.js';
import { planRoutes } from './routes/plans.routes.js';
import { transactionFileRoutes } from './routes/transaction-files.routes.js';
import { uploadRoutes } from './routes/uploads.routes.js';

/**
 * The deals HTTP edge, one file per aggregate under routes/. Roles are the first gate; each use case
 * then checks the project, ownership and separation of duties.
 */
export async function dealsRoutes(app: AppInstance, context: AppContext) {
  planRoutes(app, context);
  depositRoutes(app, context);
  formRoutes(app, context);
  uploadRoutes(app, context);
  agreementRoutes(app, context);
  transactionFileRoutes(app, context);
  certificationRoutes(app, context);
}
