import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { type LiveMessage, useLiveEvents } from '../live';

/**
 * Refetches the given reads when one of the topics has news (another desk took a call, a unit was
 * sold): live payloads carry ids only, the screen refetches what it shows. A `live.reset` (catch-up
 * no longer possible) refetches too. Pass `filter` to ignore event types that change nothing shown.
 */
export function useLiveInvalidation(
  topics: string[],
  queryKeys: readonly QueryKey[],
  filter?: (event: LiveMessage) => boolean,
): void {
  const client = useQueryClient();
  const keysRef = useRef(queryKeys);
  keysRef.current = queryKeys;
  const filterRef = useRef(filter);
  filterRef.current = filter;
  useLiveEvents(topics, (event) => {
    if (event.type !== 'live.reset' && filterRef.current && !filterRef.current(event)) return;
    for (const queryKey of keysRef.current) void client.invalidateQueries({ queryKey });
  });
}
