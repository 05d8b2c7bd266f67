import { registerJobHandler } from '../../platform/jobs/index.js';
import { expireHolds, holdExpiryJobKind } from './inventory.service.js';

// Each hold schedules this job at its expiry; it releases every hold that is due by then (so a
// late or repeated run is harmless). Reads and moves treat an expired hold as for sale anyway.
registerJobHandler(holdExpiryJobKind, async (ctx) => {
  await expireHolds(ctx.db, { now: ctx.now });
});
