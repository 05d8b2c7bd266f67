import { afterAll, beforeAll, describe, it } from 'vitest';
import { type E2eServer, startE2eServer } from './harness.js';
import { expectNoServerErrorOnAnyGet } from './smoke.js';

describe('smoke: every GET route of the OpenAPI document on the built server', () => {
  let server: E2eServer;

  beforeAll(async () => {
    server = await startE2eServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers every GET route of the demo office without a 5xx, as a role that may call it', async () => {
    await expectNoServerErrorOnAnyGet(server.baseUrl, 'demo office');
  });
});
