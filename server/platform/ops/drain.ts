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

/** Answers sent while draining close their connection — also those of requests taken before. */
export function closeConnectionsWhileDraining(app: AppInstance): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (draining.has(app)) reply.header('connection', 'close');
    done(null, payload);
  });
}

/**
 * Closes the server: in-flight requests finish, and a keep-alive connection that falls idle after
 * the close began is closed too (node closes idle ones only once, when the close starts; a client
 * that keeps one would otherwise hold the process for the keep-alive timeout).
 */
export async function closeServer(app: AppInstance): Promise<void> {
  const reaper = setInterval(() => app.server.closeIdleConnections(), 200);
  try {
    await app.close();
  } finally {
    clearInterval(reaper);
  }
}
