import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbortError } from '../api';
import { useErrorHandler } from '../errors';

export interface RequestState<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload(): void;
  /** Replace the data after a local change (e.g. a saved row) without refetching. */
  setData(update: T | ((current: T | undefined) => T | undefined)): void;
}

/**
 * Loads data when `key` changes (and on `reload()`), cancelling the previous request so a slow
 * answer can never overwrite a newer one. Pass `null` as key to wait (e.g. until a project is picked).
 */
export function useRequest<T>(
  fetcher: (signal: AbortSignal) => Promise<T>,
  key: string | null = '',
): RequestState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(key !== null);
  const [error, setError] = useState<unknown>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const { showError } = useErrorHandler();

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadToken is the trigger for reload(); the fetcher is read through a ref on purpose.
  useEffect(() => {
    if (key === null) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    fetcherRef
      .current(controller.signal)
      .then((result) => {
        setData(result);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (isAbortError(failure)) return;
        setError(failure);
        showError(failure);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [key, reloadToken, showError]);

  const reload = useCallback(() => setReloadToken((token) => token + 1), []);
  return { data, loading, error, reload, setData };
}
