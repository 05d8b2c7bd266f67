import type { SelectQueryBuilder } from 'kysely';

export interface PageRequest {
  offset: number;
  limit: number;
}

/**
 * One page of a filtered list and its total under the same filters. `base` holds the FROM, the
 * joins and the WHEREs; `shape` adds the page's columns and its order. A page shorter than the
 * limit (and not empty past the start) already tells the total, so the COUNT runs only when the
 * page is full or lands past the end — a search that finds a handful of rows costs one query.
 */
export async function pagedQuery<DB, TB extends keyof DB, O>(
  base: SelectQueryBuilder<DB, TB, object>,
  shape: (query: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, O>,
  page: PageRequest,
): Promise<{ rows: O[]; total: number }> {
  const rows = await shape(base).offset(page.offset).limit(page.limit).execute();
  if (rows.length < page.limit && (rows.length > 0 || page.offset === 0))
    return { rows, total: page.offset + rows.length };
  const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number((count as { total: number | string }).total) };
}
