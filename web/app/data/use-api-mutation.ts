import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';

/** How long an action may run before it shows a spinner: shorter ones would only flicker. */
export const spinnerDelayMs = 300;

export interface ActionState<A extends unknown[]> {
  /** Starts the action unless it is already running (a second click is ignored, not queued). */
  run(...args: A): Promise<void>;
  /** True from the click until the action settles: the trigger is disabled meanwhile. */
  isRunning: boolean;
  /** True once the action has run for longer than spinnerDelayMs: show that it is working. */
  isSlow: boolean;
}

export interface ApiMutationOptions {
  delayMs?: number;
  /** What the change makes stale: these keys (and every key they prefix) are refetched after success. */
  invalidates?: readonly QueryKey[];
}

/**
 * The one way a change that calls the server runs (a TanStack mutation): one at a time (no double
 * submits), disabled while it runs, a spinner after 300 ms, and the reads it makes stale refetched
 * once it succeeds. Errors are the action's to handle (it usually shows them).
 */
export function useApiMutation<A extends unknown[]>(
  action: (...args: A) => unknown,
  options: ApiMutationOptions = {},
): ActionState<A> {
  const client = useQueryClient();
  const delayMs = options.delayMs ?? spinnerDelayMs;
  const [isSlow, setSlow] = useState(false);
  const runningRef = useRef(false);
  const mountedRef = useRef(true);
  const actionRef = useRef(action);
  actionRef.current = action;
  const invalidatesRef = useRef(options.invalidates);
  invalidatesRef.current = options.invalidates;

  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
    };
  }, []);

  const mutation = useMutation({
    mutationFn: async (args: A) => actionRef.current(...args),
    onSuccess: async () => {
      for (const queryKey of invalidatesRef.current ?? []) await client.invalidateQueries({ queryKey });
    },
  });
  const { mutateAsync } = mutation;

  const run = useCallback(
    async (...args: A) => {
      if (runningRef.current) return;
      runningRef.current = true;
      const timer = window.setTimeout(() => {
        if (mountedRef.current) setSlow(true);
      }, delayMs);
      try {
        await mutateAsync(args);
      } finally {
        window.clearTimeout(timer);
        runningRef.current = false;
        if (mountedRef.current) setSlow(false);
      }
    },
    [delayMs, mutateAsync],
  );

  return { run, isRunning: mutation.isPending, isSlow };
}
