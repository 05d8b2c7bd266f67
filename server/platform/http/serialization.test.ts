import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializerCompiler } from './serialization.js';

const staffSchema = z.object({ id: z.string(), name: z.string(), age: z.number().int() });

async function appAnswering(data: unknown, checkResponses: boolean, schema: z.ZodType = staffSchema) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setSerializerCompiler(responseSerializerCompiler({ checkResponses }));
  app.get('/thing', { schema: { response: { 200: schema } } }, async () => data as never);
  await app.ready();
  return app;
}

describe('response serialization', () => {
  let app: Awaited<ReturnType<typeof appAnswering>> | undefined;
  afterEach(async () => app?.close());

  it('writes only the properties the schema declares (a selected password hash never leaves)', async () => {
    app = await appAnswering({ id: 's1', name: '张伟', age: 30, passwordHash: '$argon2id$secret' }, false);
    const response = await app.inject({ url: '/thing' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: 's1', name: '张伟', age: 30 });
    expect(response.body).not.toContain('argon2');
  });

  it('with checkResponses, a value its schema does not describe fails instead of being coerced', async () => {
    app = await appAnswering({ id: 's1', name: '张伟', age: '30' }, true);
    const response = await app.inject({ url: '/thing' });
    expect(response.statusCode).toBe(500);

    await app.close();
    // Without the check the compiled writer is what answers: it coerces, which is why tests check.
    app = await appAnswering({ id: 's1', name: '张伟', age: '30' }, false);
    expect((await app.inject({ url: '/thing' })).json()).toEqual({ id: 's1', name: '张伟', age: 30 });
  });

  it('keeps the zod serializer for a schema JSON Schema cannot express', async () => {
    // A Date held in the handler, written as an ISO string by the codec: JSON Schema has no date.
    const isoDate = z.codec(z.iso.datetime(), z.date(), {
      decode: (text) => new Date(text),
      encode: (date) => date.toISOString(),
    });
    app = await appAnswering({ at: new Date('2026-11-28T01:02:03Z') }, false, z.object({ at: isoDate }));
    expect((await app.inject({ url: '/thing' })).json()).toEqual({ at: '2026-11-28T01:02:03.000Z' });
  });
});
