import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestDatabase, type TestDatabase, testDialect } from '../../testing/test-database.js';
import type { AppInstance } from '../http/types.js';
import { closeServer, startDraining } from './drain.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

/** The app with one slow public route that answers once the test lets it. */
async function appWithSlowRoute(): Promise<{
  app: AppInstance;
  entered: Promise<void>;
  release: () => void;
}> {
  const app = await buildApp({ database });
  let release = () => {};
  let enter = () => {};
  const entered = new Promise<void>((resolve) => {
    enter = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  app.get(
    '/test/slow',
    { config: { access: { public: true, reason: 'drain test' }, scope: 'public' }, schema: { hide: true } },
    async () => {
      enter();
      await gate;
      return { done: true };
    },
  );
  return { app, entered, release };
}

function get(port: number, path: string, agent: http.Agent) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, agent }, (response) => {
          let body = '';
          response.on('data', (chunk) => {
            body += chunk;
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
          );
        })
        .on('error', reject);
    },
  );
}

describe(`draining on SIGTERM (${testDialect})`, () => {
  it('answers /readyz 503 "draining" and closes every connection after its answer', async () => {
    const { app } = await appWithSlowRoute();
    await app.ready();
    try {
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      startDraining(app);
      const readiness = await app.inject({ method: 'GET', url: '/readyz' });
      expect(readiness.statusCode).toBe(503);
      expect(readiness.headers['retry-after']).toBe('5');
      expect(readiness.json()).toMatchObject({ status: 'draining' });
      // Requests are still served while draining, each on a connection that then closes.
      const alive = await app.inject({ method: 'GET', url: '/healthz' });
      expect(alive.statusCode).toBe(200);
      expect(alive.headers.connection).toBe('close');
    } finally {
      await app.close();
    }
  });

  it('finishes a request in flight and closes even when its keep-alive connection falls idle after the close began', async () => {
    const { app, entered, release } = await appWithSlowRoute();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true });
    try {
      const answer = get(port, '/test/slow', agent);
      await entered;
      // Not draining: the answer keeps its connection open, as any keep-alive client's would.
      let closed = false;
      const closing = closeServer(app).then(() => {
        closed = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(closed).toBe(false);
      release();
      const done = await answer;
      expect(done.status).toBe(200);
      expect(JSON.parse(done.body)).toEqual({ done: true });
      // Without closing the idle connection the close would wait out the keep-alive timeout (72 s).
      await closing;
      expect(closed).toBe(true);
    } finally {
      agent.destroy();
      if (app.server.listening) await app.close();
    }
  });
});
