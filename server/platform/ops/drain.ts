import type { AppInstance } from '../http/types.js';

/**
 * Draining (SIGTERM, see server/main.ts): from the moment an instance starts to drain, /readyz
 * answers 503 and every answer carries `Connection: close`, so a proxy keeps no idle connection to
 * it that could meet the closing listener; the requests themselves are served as usual.
 */
const draining = new WeakSet<AppInstance>();

export function startDraining(app: AppInstance): void {
  draining.add(app);
}

export function isDraining(app: AppInstance): boolean {
  return draining.has(app);
}

export function closeConnectionsWhileDraining(app: AppInstance): void {
  app.addHook('onRequest', (_request, reply, done) => {
    if (draining.has(app)) reply.header('connection', 'close');
    done();
  });
}
