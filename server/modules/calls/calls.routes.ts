import type { AppContext, AppInstance } from '../../platform/http/types.js';
import { callRoutes } from './routes/calls.routes.js';
import { deskRoutes } from './routes/desks.routes.js';
import { incidentRoutes } from './routes/incidents.routes.js';
import { leaderCallRoutes } from './routes/leader-calls.routes.js';
import { messageRoutes } from './routes/messages.routes.js';
import { personLookupRoutes } from './routes/person-lookup.routes.js';
import { recordingRoutes } from './routes/recordings.routes.js';
import { scriptRoutes } from './routes/scripts.routes.js';
import { statsRoutes } from './routes/stats.routes.js';
import { workOrderRoutes } from './routes/work-orders.routes.js';
import { wallboardRoutes } from './wallboard.routes.js';

// The CS-3 escalation check is registered once per process, where messages.service.ts loads.

/** The call desk's HTTP routes, one file per aggregate under routes/. */
export async function callsRoutes(app: AppInstance, context: AppContext) {
  for (const routes of [
    deskRoutes,
    callRoutes,
    personLookupRoutes,
    recordingRoutes,
    messageRoutes,
    incidentRoutes,
    leaderCallRoutes,
    scriptRoutes,
    statsRoutes,
    wallboardRoutes,
    workOrderRoutes,
  ])
    await routes(app, context);
}
