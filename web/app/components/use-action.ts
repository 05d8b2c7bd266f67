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

/**
 * The one way an action that calls the server runs: one at a time (no double submits), disabled
 * while it runs, and a spinner after 300 ms. Errors are the action's to handle (it usually shows them).
 */
export function useAction<A extends unknown[]>(
  action: (...args: A) => unknown,
  options: { delayMs?: number } = {},
): ActionState<A> {
  const delayMs = options.delayMs ?? spinnerDelayMs;
  const [isRunning, setRunning] = useState(false);
  const [isSlow, setSlow] = useState(false);
  const runningRef = useRef(false);
  const mountedRef = useRef(true);
  const actionRef = useRef(action);
  actionRef.current = action;

  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
    };
  }, []);

  const run = useCallback(
    async (...args: A) => {
      if (runningRef.current) return;
      runningRef.current = true;
      setRunning(true);
      const timer = window.setTimeout(() => {
        if (mountedRef.current) setSlow(true);
      }, delayMs);
      try {
        await actionRef.current(...args);
      } finally {
        window.clearTimeout(timer);
        runningRef.current = false;
        if (mountedRef.current) {
          setRunning(false);
          setSlow(false);
        }
      }
    },
    [delayMs],
  );

  return { run, isRunning, isSlow };
}
