/**
 * Live updates in the browser: one EventSource per tab for every `useLiveEvents` of the page.
 * The stream is reopened (with the union of topics) when the set of topics changes, and on a
 * broken connection it reconnects with Last-Event-ID so nothing published meanwhile is missed.
 * A `live.reset` event (catch-up no longer possible) is passed to every hook: refetch your data.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';

export interface LiveMessage<P = unknown> {
  topic: string;
  type: string;
  payload: P;
  /** The outbox sequence number (string, as SSE ids are). */
  id: string;
}

export type LiveStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';

type Listener = { topics: string[]; onEvent: (event: LiveMessage) => void };

const listeners = new Set<Listener>();
const statusListeners = new Set<(status: LiveStatus) => void>();
let status: LiveStatus = 'idle';
let source: EventSource | null = null;
let currentKey = '';
let lastEventId: string | null = null;
let reopenTimer: ReturnType<typeof setTimeout> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryDelay = 1000;
// PostgreSQL catch-up may repeat a few recent events: each id is handled once.
const seenIds = new Set<string>();

function setStatus(next: LiveStatus) {
  if (status === next) return;
  status = next;
  for (const listener of statusListeners) listener(next);
}

function topicsKey(): string {
  const topics = new Set<string>();
  for (const listener of listeners) for (const topic of listener.topics) topics.add(topic);
  return [...topics].sort().join(',');
}

function remember(id: string): boolean {
  if (seenIds.has(id)) return false;
  seenIds.add(id);
  if (seenIds.size > 2000) {
    const first = seenIds.values().next().value;
    if (first !== undefined) seenIds.delete(first);
  }
  return true;
}

function dispatch(message: MessageEvent<string>) {
  let data: { topic: string; type: string; payload: unknown };
  try {
    data = JSON.parse(message.data);
  } catch {
    return;
  }
  if (message.lastEventId) {
    if (!remember(message.lastEventId)) return;
    lastEventId = message.lastEventId;
  }
  const event: LiveMessage = {
    topic: data.topic,
    type: data.type,
    payload: data.payload,
    id: message.lastEventId,
  };
  deliver(event);
}

function deliver(event: LiveMessage) {
  for (const listener of [...listeners]) {
    if (event.type === 'live.reset' || listener.topics.includes(event.topic)) {
      try {
        listener.onEvent(event);
      } catch (error) {
        console.error('live event handler failed', error);
      }
    }
  }
}

function close() {
  if (source) {
    source.onmessage = null;
    source.onerror = null;
    source.onopen = null;
    source.close();
    source = null;
  }
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
}

function open() {
  close();
  currentKey = topicsKey();
  if (!currentKey) {
    setStatus('idle');
    return;
  }
  const params = new URLSearchParams({ topics: currentKey });
  // A new EventSource does not send Last-Event-ID by itself: carry it in the query.
  if (lastEventId) params.set('lastEventId', lastEventId);
  // Without an event id to resume from, whatever was published between the page's fetch and
  // this connection cannot be caught up: tell every hook to refetch once the stream is open.
  const resyncOnOpen = lastEventId == null;
  const next = new EventSource(`/api/live?${params.toString()}`, { withCredentials: true });
  source = next;
  setStatus(status === 'open' || status === 'reconnecting' ? 'reconnecting' : 'connecting');
  next.onopen = () => {
    retryDelay = 1000;
    setStatus('open');
    if (resyncOnOpen) deliver({ topic: '', type: 'live.reset', payload: null, id: '' });
  };
  next.onmessage = dispatch;
  next.onerror = () => {
    // The browser retries by itself while the stream is CONNECTING; a CLOSED stream (401, 403,
    // server gone) is reopened here with backoff, resuming after the last event seen.
    if (next.readyState === EventSource.CLOSED) {
      setStatus('reconnecting');
      close();
      retryTimer = setTimeout(open, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30_000);
    } else setStatus('reconnecting');
  };
}

function scheduleReopen() {
  if (reopenTimer) clearTimeout(reopenTimer);
  // Hooks of one render mount together: open once for all of them.
  reopenTimer = setTimeout(() => {
    reopenTimer = null;
    if (topicsKey() !== currentKey || (!source && topicsKey())) open();
  }, 30);
}

/**
 * Calls `onEvent` for every live event of the topics while the component is mounted.
 * `onEvent` may change between renders without reconnecting; `topics` changes reconnect.
 */
export function useLiveEvents<P = unknown>(topics: string[], onEvent: (event: LiveMessage<P>) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = [...new Set(topics.filter(Boolean))].sort().join(',');
  useEffect(() => {
    if (!key) return undefined;
    const listener: Listener = {
      topics: key.split(','),
      onEvent: (event) => handler.current(event as LiveMessage<P>),
    };
    listeners.add(listener);
    scheduleReopen();
    return () => {
      listeners.delete(listener);
      scheduleReopen();
    };
  }, [key]);
}

/** Subscribes to the connection state (for an indicator); returns the unsubscribe function. */
export function onLiveStatus(listener: (status: LiveStatus) => void): () => void {
  statusListeners.add(listener);
  listener(status);
  return () => statusListeners.delete(listener);
}

/** The connection state as a React value. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (notify) => onLiveStatus(() => notify()),
    () => status,
    () => 'idle' as LiveStatus,
  );
}

/** Closes the stream (sign-out); the next hook opens it again. */
export function closeLiveStream(): void {
  close();
  currentKey = '';
  lastEventId = null;
  seenIds.clear();
  setStatus('idle');
}
