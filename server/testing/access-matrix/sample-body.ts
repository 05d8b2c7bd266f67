import type { ObjectKind } from '../access-world/index.js';
import { kindByBodyField } from './route-params.js';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Strings tried in turn for a field until one fits its pattern and length. */
export const sampleStrings = [
  'matrix-0001',
  '2026-12-01',
  '2026-12-01T02:00:00.000Z',
  '13700000000',
  '矩阵测试',
  '1',
];

/**
 * A plausible body for a mutation, from its JSON schema (the OpenAPI document): the required
 * fields with a value that passes validation, so the request reaches the use case and its scope
 * check instead of stopping at 400. `objectFor` fills fields that name an object.
 */
export function sampleBody(
  schema: JsonSchema | undefined,
  objectFor: (field: string, kind: ObjectKind) => string | undefined,
  field = '',
): unknown {
  if (!schema) return {};
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (variant) return sampleBody(variant, objectFor, field);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((item) => item !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const name of schema.required ?? [])
        result[name] = sampleBody(schema.properties?.[name], objectFor, name);
      return result;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleBody(schema.items, objectFor, field));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'string': {
      const kind = kindByBodyField[field];
      const id = kind ? objectFor(field, kind) : undefined;
      if (id) return id;
      const fits = (value: string) =>
        value.length >= (schema.minLength ?? 0) &&
        value.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY) &&
        (!schema.pattern || new RegExp(schema.pattern, 'u').test(value));
      return sampleStrings.find(fits) ?? 'x'.repeat(schema.minLength ?? 1);
    }
    default:
      return {};
  }
}
