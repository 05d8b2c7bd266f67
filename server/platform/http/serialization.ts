import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

type Serialize = (data: unknown) => string;

/**
 * Response bodies are written by a serializer compiled from the route's response schema
 * (fast-json-stringify), not by checking the value against the zod schema and then calling
 * JSON.stringify on every answer: that check and copy were the largest share of a small read's
 * time. The compiled serializer writes only the properties the schema declares, so a field a query
 * happens to select (a password hash, say) still never leaves the server.
 *
 * What it does not do is refuse a value of the wrong type, which the zod check did. So with
 * `checkResponses` (the whole test suite runs with it) every answer is also passed through zod and
 * the two outputs must agree: a handler returning something its schema does not describe fails
 * its test instead of being coerced silently in production.
 *
 * A schema that JSON Schema cannot express (a transform, say) keeps the zod serializer. Both are
 * built on the route's first answer, so routes never called cost neither start-up time nor memory.
 */
export function responseSerializerCompiler(options: {
  checkResponses: boolean;
}): FastifySerializerCompiler<ZodType> {
  return (route) => {
    let serialize: Serialize | undefined;
    return (data) => {
      serialize ??= compile(route, options.checkResponses);
      return serialize(data);
    };
  };
}

type Route = Parameters<FastifySerializerCompiler<ZodType>>[0];

function compile(route: Route, checkResponses: boolean): Serialize {
  const viaZod = zodSerializerCompiler(route) as Serialize;
  const fast = compileFast(route.schema);
  if (!fast) return viaZod;
  if (!checkResponses) return fast;
  return (data) => {
    const checked = viaZod(data);
    const written = fast(data);
    if (!isDeepStrictEqual(JSON.parse(written), JSON.parse(checked)))
      throw new Error(
        `Response of ${route.method} ${route.url} is written differently than its schema describes:\n` +
          `schema: ${checked.slice(0, 500)}\nwritten: ${written.slice(0, 500)}`,
      );
    return written;
  };
}

function compileFast(schema: unknown): Serialize | null {
  if (!(schema instanceof z.ZodType)) return null;
  try {
    const jsonSchema = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw', target: 'draft-7' });
    return fastJson(jsonSchema as Parameters<typeof fastJson>[0]) as Serialize;
  } catch {
    return null;
  }
}
