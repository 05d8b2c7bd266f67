import { z } from 'zod';

/** Which page of a listing: what a list adds to its filters (its export has none). */
export const pageWindow = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** How a listing is ordered; sort keys are listed per endpoint. */
export function sortQuery<const S extends readonly [string, ...string[]]>(sortKeys: S) {
  return {
    sort: z.enum(sortKeys).optional(),
    order: z.enum(['asc', 'desc']).default('asc'),
  };
}

/** Query fields every listing accepts; sort keys are listed per endpoint. */
export function pageQuery<const S extends readonly [string, ...string[]]>(sortKeys: S) {
  return { ...pageWindow, ...sortQuery(sortKeys) };
}

export function pageResult<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    /** Set when the list counted only up to a cap: more than `total` match ("10,000+"). */
    totalIsCapped: z.boolean().optional(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export function toOffset(query: { page: number; pageSize: number }): { offset: number; limit: number } {
  return { offset: (query.page - 1) * query.pageSize, limit: query.pageSize };
}

/** Query-string booleans arrive as text. */
export const queryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

export const idParam = z.strictObject({ id: z.string().min(1).max(64) });
