import { keepPreviousData, type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { isAbortError } from '../api';
import { useErrorHandler } from '../errors';

export interface ApiQuery<T> {
  data: T | undefined;
  /** True until the first answer for this key (and while a reload runs). */
  loading: boolean;
  /** True while any request for this key runs, background refetches included. */
  fetching: boolean;
  error: unknown;
  reload(): void;
  /** Replaces the cached answer after a local change (e.g. a saved row) without refetching. */
  setData(update: T | ((current: T | undefined) => T | undefined)): void;
}

export interface ApiQueryOptions {
  /** Keep showing the previous key's answer while the next one loads (paging, filters). */
  keepPrevious?: boolean;
  /** Poll every so many ms while the screen is open (e.g. a job's progress). */
  refetchIntervalMs?: number | false;
  /** Errors are the caller's to show (e.g. a quiet name lookup). */
  quiet?: boolean;
}

/**
 * One server read through the shared cache. `queryKey` names what is read — `['deals', 'plan', id]`
 * — so that screens showing the same thing share one answer and a change can invalidate it by prefix;
 * `null` waits (e.g. until a project is picked). The fetcher gets an AbortSignal: a read nobody
 * waits for any more (the key changed, the screen closed) is cancelled, and a slow answer can never
 * overwrite a newer one. Failures are shown once through the app's error handler.
 */
export function useApiQuery<T>(
  queryKey: QueryKey | null,
  fetcher: (signal: AbortSignal) => Promise<T>,
  options: ApiQueryOptions = {},
): ApiQuery<T> {
  const client = useQueryClient();
  const { showError } = useErrorHandler();
  const enabled = queryKey !== null;
  const query = useQuery({
    queryKey: queryKey ?? ['disabled'],
    queryFn: ({ signal }) => fetcher(signal),
    enabled,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    refetchInterval: options.refetchIntervalMs ?? false,
  });
  const { error, errorUpdatedAt } = query;
  // biome-ignore lint/correctness/useExhaustiveDependencies: errorUpdatedAt marks each new failure, so one failure is shown once.
  useEffect(() => {
    if (error && !options.quiet && !isAbortError(error)) showError(error);
  }, [errorUpdatedAt, showError]);

  const { refetch } = query;
  const reload = useCallback(() => {
    void refetch();
  }, [refetch]);
  const keyText = JSON.stringify(queryKey);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is compared by its JSON text.
  const setData = useCallback(
    (update: T | ((current: T | undefined) => T | undefined)) => {
      if (queryKey) client.setQueryData<T>(queryKey, update as (current: T | undefined) => T | undefined);
    },
    [client, keyText],
  );
  return {
    data: query.data,
    loading: enabled && (query.isPending || (query.isFetching && query.isPlaceholderData)),
    fetching: query.isFetching,
    error: query.error,
    reload,
    setData,
  };
}

/** A query key from a prefix and the part that makes it specific; a null part (not ready yet) waits. */
export function keyed(prefix: QueryKey, part: string | null | undefined): QueryKey | null {
  return part === null || part === undefined ? null : [...prefix, part];
}
