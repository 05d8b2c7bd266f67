import { QueryClient } from '@tanstack/react-query';
import { isAbortError, isApiError } from '../api';

/**
 * Whether a failed read is worth another try: a network hiccup or a 5xx may pass, an answer the
 * server meant (4xx: not found, forbidden, invalid) will not change on retry.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isAbortError(error)) return false;
  if (isApiError(error) && error.status > 0 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * The web app's one data cache. Reads refetch when a screen opens (staleTime 0: staff expect what
 * they open to be current), not on window focus (a desk keeps its tab focused all day and gets
 * live events instead), and keep unused answers for five minutes so going back is instant.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 0,
        gcTime: 5 * 60_000,
        refetchOnWindowFocus: false,
        retry: shouldRetry,
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4_000),
      },
      mutations: { retry: false },
    },
  });
}

export const queryClient = createQueryClient();
