import {
  type Expression,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
  type Transaction,
} from 'kysely';

export interface PageRequest {
  offset: number;
  limit: number;
}

export interface PagedRows<O> {
  rows: O[];
  total: number;
  /** The list counted only up to its `countCap`: there are more than `total`. */
  totalIsCapped?: boolean;
}

/**
 * One page of a filtered list and its total under the same filters. `base` holds the FROM, the
 * joins and the WHEREs; `shape` adds the page's columns and its order. A page shorter than the
 * limit (and not empty past the start) already tells the total, so the COUNT runs only when the
 * page is full or lands past the end — a search that finds a handful of rows costs one query.
 * A list that may match hundreds of thousands of rows gives a `countCap`: it counts no further
 * than one row past it and answers the cap with `totalIsCapped` (the table shows "10,000+").
 */
export async function pagedQuery<DB, TB extends keyof DB, O>(
  base: SelectQueryBuilder<DB, TB, object>,
  shape: (query: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, O>,
  page: PageRequest,
  options: {
    /** Count no further than this many rows; the count runs on `db` (a derived table of `base`). */
    countCap?: {
      rows: number;
      // biome-ignore lint/suspicious/noExplicitAny: the count selects from a derived table the schema does not name
      db: Kysely<any> | Transaction<any>;
      /**
       * The same rows as `base`, written for counting when another plan counts them faster (a
       * search's few index hits read one by one, rather than the project's rows walked in order).
       */
      rowsToCount?: SelectQueryBuilder<DB, TB, object>;
    };
  } = {},
): Promise<PagedRows<O>> {
  const rows = await shape(base).offset(page.offset).limit(page.limit).execute();
  if (rows.length < page.limit && (rows.length > 0 || page.offset === 0))
    return { rows, total: page.offset + rows.length };
  if (!options.countCap) {
    const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    return { rows, total: Number((count as { total: number | string }).total) };
  }
  const { rows: cap, db, rowsToCount = base } = options.countCap;
  const counted = rowsToCount.select(sql<number>`1`.as('one')).limit(cap + 1);
  const capped = await sql<{
    total: number | string;
  }>`select count(*) as total from (${counted}) as capped`.execute(db);
  const total = Number(capped.rows[0]?.total ?? 0);
  return total > cap ? { rows, total: cap, totalIsCapped: true } : { rows, total };
}

/**
 * One page of a list whose visibility is an OR of terms — a consultant's deals are those where
 * they are the consultant *or* the opener *or* … (`Visibility.conditionTerms`). A plain OR makes
 * the database gather every visible row and sort it (SQLite's multi-index OR: ~20 ms for 5,000
 * deals) before it can cut the page, and count them again. Here each term reads only its first
 * `offset + limit` rows in the list's order from its own index, the union is ordered once more
 * and cut; the total adds up, term by term, the rows no earlier term matched (`is not true` keeps
 * rows where an earlier term is null), each an index-only count when the term's index carries
 * the other terms' columns. One term (a manager's whole project) is the ordinary `pagedQuery`.
 * `order` names the page's output columns, the same order `shape` gives within a term.
 */
export async function pagedQueryOverTerms<DB, TB extends keyof DB, O>(
  // biome-ignore lint/suspicious/noExplicitAny: the union is selected from as derived tables the schema does not name
  db: Kysely<any> | Transaction<any>,
  terms: Expression<SqlBool>[],
  base: (visible: Expression<SqlBool>) => SelectQueryBuilder<DB, TB, object>,
  shape: (query: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, O>,
  order: Array<[column: string, direction: 'asc' | 'desc']>,
  page: PageRequest,
): Promise<{ rows: O[]; total: number }> {
  if (terms.length <= 1) return pagedQuery(base(terms[0] ?? sql<SqlBool>`1 = 1`), shape, page);
  const reach = page.offset + page.limit;
  // Each term's own first rows, as a derived table (SQLite and PostgreSQL both take ORDER BY …
  // LIMIT inside one, not inside a bare UNION member).
  const heads = terms.map((term, index) =>
    db.selectFrom(shape(base(term)).limit(reach).as(`term${index}`)).selectAll(),
  );
  let union = heads[0]!;
  for (const head of heads.slice(1)) union = union.union(head);
  let ordered = db.selectFrom(union.as('visible')).selectAll();
  for (const [column, direction] of order) ordered = ordered.orderBy(sql.ref(column), direction);
  const rows = (await ordered.offset(page.offset).limit(page.limit).execute()) as O[];
  if (rows.length < page.limit && (rows.length > 0 || page.offset === 0))
    return { rows, total: page.offset + rows.length };
  const counts = terms.map((term, index) => {
    const earlier = terms.slice(0, index).map((other) => sql<SqlBool>`(${other}) is not true`);
    return base(sql<SqlBool>`(${sql.join([term, ...earlier], sql` and `)})`).select((eb) =>
      eb.fn.countAll<number>().as('total'),
    );
  });
  const result = await sql<{ total: number | string }>`select ${sql.join(
    counts.map((count) => sql`(${count})`),
    sql` + `,
  )} as total`.execute(db);
  return { rows, total: Number(result.rows[0]?.total ?? 0) };
}
