import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { RequestValidationError, zodValidatorCompiler } from '../../platform/http/validation.js';
import { eventIdParams, pickBody, pickValidatorCompiler } from './opening.schemas.js';

function compile(compiler: typeof pickValidatorCompiler, schema: ZodType, httpPart: string) {
  const route = { schema, httpPart, method: 'POST', url: '/api/public/openings/:eventId/picks' };
  return compiler(route as FastifyRouteSchemaDef<ZodType>) as (data: unknown) => {
    value?: unknown;
    error?: unknown;
  };
}

describe('OPEN pick validation', () => {
  const inputs = (key: string): unknown[] => [
    { [key]: 'u1' },
    { [key]: 'x'.repeat(64) },
    { [key]: '房号-01' },
    { [key]: '' },
    { [key]: 'x'.repeat(65) },
    { [key]: 12 },
    { [key]: null },
    { [key]: ['u1'] },
    { [key]: 'u1', extra: 1 },
    { other: 'u1' },
    {},
    Object.create({ [key]: 'u1' }),
    ['u1'],
    'u1',
    null,
    undefined,
  ];

  for (const [part, schema, key] of [
    ['body', pickBody, 'unitId'],
    ['params', eventIdParams, 'eventId'],
  ] as const)
    it(`OPEN the pick ${part} is accepted and refused exactly as its zod schema says`, () => {
      const fast = compile(pickValidatorCompiler, schema, part);
      const zod = compile(zodValidatorCompiler as typeof pickValidatorCompiler, schema, part);
      for (const input of inputs(key)) {
        const expected = zod(input);
        const actual = fast(input);
        expect(actual.value, JSON.stringify(input)).toEqual(expected.value);
        expect(actual.error instanceof RequestValidationError, JSON.stringify(input)).toBe(
          expected.error instanceof RequestValidationError,
        );
        if (expected.error)
          expect((actual.error as RequestValidationError).issues).toEqual(
            (expected.error as RequestValidationError).issues,
          );
      }
    });

  it('OPEN other schemas of a route go to the platform check unchanged', () => {
    const other = compile(pickValidatorCompiler, pickBody.extend({ note: pickBody.shape.unitId }), 'body');
    expect(other({ unitId: 'u1' }).error).toBeInstanceOf(RequestValidationError);
    expect(other({ unitId: 'u1', note: 'n' }).value).toEqual({ unitId: 'u1', note: 'n' });
  });
});
