import type { QueryKey } from '@tanstack/react-query';
import type { TablePaginationConfig, TableProps } from 'antd';
import type { FilterValue, SorterResult, SortOrder } from 'antd/es/table/interface';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../api';
import { useApiQuery } from '../data/use-api-query';

export type SortDirection = 'asc' | 'desc';

export interface ServerTableQuery<F> {
  page: number;
  pageSize: number;
  sort?: string;
  order?: SortDirection;
  filters: F;
}

export interface ServerPage<T> {
  items: T[];
  total: number;
  /** The server counted only up to a cap (big lists opt in): shown as "10,000+". */
  totalIsCapped?: boolean;
}

export type ServerTableFetcher<T, F> = (
  query: ServerTableQuery<F>,
  signal: AbortSignal,
) => Promise<ServerPage<T>>;

export interface ServerTableInitialQuery<F> {
  filters: F;
  pageSize?: number;
  sort?: string;
  order?: SortDirection;
  /**
   * What the fetcher reads from outside the query (the chosen project): when it changes, the list
   * is fetched again from page 1. Without it, a page whose project is known only after its first
   * render (picked once the project list has loaded) would keep the empty answer of that render.
   */
  scope?: string | null;
  /**
   * What the list reads, e.g. `['deals', 'plans']`: lists with the same key share answers, and
   * invalidating the key (or a prefix of it) after a change refetches the list.
   */
  queryKey?: QueryKey;
}

export interface ServerTable<T, F> {
  items: T[];
  total: number;
  /** More than `total` match (the server's count stopped at its cap). */
  totalIsCapped: boolean;
  loading: boolean;
  query: ServerTableQuery<F>;
  /** Merges filter changes and goes back to page 1. */
  setFilters(patch: Partial<F>): void;
  resetFilters(): void;
  reload(): void;
  /** Controlled `sortOrder` for a column, so the header arrow matches the query. */
  sortOrderFor(columnKey: string): SortOrder;
  /** Filters and sort flattened into query parameters (no paging), e.g. for an export link. */
  exportQuery: Query;
  tableProps: Pick<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'onChange'>;
}

/** Flattens a query into the `?page=&pageSize=&sort=&order=&<filters>` shape every list endpoint takes. */
export function toRequestQuery<F>(query: ServerTableQuery<F>, withPaging = true): Query {
  const params: Query = { ...(query.filters as Query), sort: query.sort, order: query.order };
  if (withPaging) {
    params.page = query.page;
    params.pageSize = query.pageSize;
  }
  return params;
}

const emptyItems: never[] = [];

function singleValue(value: FilterValue | null | undefined) {
  if (!value || value.length === 0) return undefined;
  return value.length === 1 ? value[0] : value;
}

/**
 * State for a server-side paged table: page, page size, sort and filters live here (not in the URL),
 * every change refetches, and stale answers are discarded. Column `filters` from antd are merged
 * into `filters` under the column key.
 */
export function useServerTable<T, F extends object>(
  fetcher: ServerTableFetcher<T, F>,
  initialQuery: ServerTableInitialQuery<F>,
): ServerTable<T, F> {
  const scope = initialQuery.scope;
  const { t, i18n } = useTranslation();
  const initialRef = useRef(initialQuery);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const ownKey = useId();

  const [query, setQuery] = useState<ServerTableQuery<F>>(() => ({
    page: 1,
    pageSize: initialQuery.pageSize ?? 20,
    sort: initialQuery.sort,
    order: initialQuery.order,
    filters: initialQuery.filters,
  }));
  const scopeRef = useRef(scope);
  useEffect(() => {
    if (scopeRef.current === scope) return;
    scopeRef.current = scope;
    setQuery((current) => ({ ...current, page: 1 }));
  }, [scope]);

  // The list's key: what it reads (the caller's key, or one of its own), its scope and its query,
  // so every page, sort and filter is its own cached answer and a change to the list's key prefix
  // (e.g. ['deals', 'plans'] after a save) refetches it.
  const page = useApiQuery<ServerPage<T>>(
    [...(initialQuery.queryKey ?? ['server-table', ownKey]), { scope: scope ?? null }, query],
    (signal) => fetcherRef.current(query, signal),
    { keepPrevious: true },
  );
  const items = page.data?.items ?? emptyItems;
  const total = page.data?.total ?? 0;
  const totalIsCapped = page.data?.totalIsCapped === true;
  const loading = page.fetching;
  // Deleting the last row of the last page would leave an empty page: step back one.
  useEffect(() => {
    const answer = page.data;
    if (answer && answer.items.length === 0 && answer.total > 0 && query.page > 1 && !page.fetching)
      setQuery((current) => ({ ...current, page: Math.max(1, Math.ceil(answer.total / current.pageSize)) }));
  }, [page.data, page.fetching, query.page]);

  const setFilters = useCallback((patch: Partial<F>) => {
    setQuery((current) => ({ ...current, page: 1, filters: { ...current.filters, ...patch } }));
  }, []);

  const resetFilters = useCallback(() => {
    const initial = initialRef.current;
    setQuery((current) => ({
      ...current,
      page: 1,
      sort: initial.sort,
      order: initial.order,
      filters: initial.filters,
    }));
  }, []);

  const reload = page.reload;

  const sortOrderFor = useCallback(
    (columnKey: string): SortOrder => {
      if (query.sort !== columnKey) return null;
      return query.order === 'desc' ? 'descend' : 'ascend';
    },
    [query.sort, query.order],
  );

  const onChange = useCallback(
    (
      pagination: TablePaginationConfig,
      tableFilters: Record<string, FilterValue | null>,
      sorter: SorterResult<T> | SorterResult<T>[],
      extra: { action: 'paginate' | 'sort' | 'filter' },
    ) => {
      const primary = Array.isArray(sorter) ? sorter[0] : sorter;
      const sortKey = primary?.order
        ? String(primary.columnKey ?? primary.field ?? '') || undefined
        : undefined;
      setQuery((current) => {
        const filters = { ...current.filters } as Record<string, unknown>;
        for (const [key, value] of Object.entries(tableFilters)) filters[key] = singleValue(value);
        const pageSize = pagination.pageSize ?? current.pageSize;
        const resetPage = extra.action !== 'paginate' || pageSize !== current.pageSize;
        const isSort = extra.action === 'sort';
        return {
          page: resetPage ? 1 : (pagination.current ?? 1),
          pageSize,
          sort: isSort ? sortKey : current.sort,
          order: isSort
            ? sortKey
              ? primary.order === 'descend'
                ? 'desc'
                : 'asc'
              : undefined
            : current.order,
          filters: filters as F,
        };
      });
    },
    [],
  );

  const exportQuery = useMemo(() => toRequestQuery(query, false), [query]);

  return {
    items,
    total,
    totalIsCapped,
    loading,
    query,
    setFilters,
    resetFilters,
    reload,
    sortOrderFor,
    exportQuery,
    tableProps: {
      dataSource: items,
      loading,
      onChange,
      pagination: {
        current: query.page,
        pageSize: query.pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (count) =>
          totalIsCapped
            ? t('common.totalAtLeast', { count, shown: count.toLocaleString(i18n.language) })
            : t('common.total', { count }),
      },
    },
  };
}
