// The agent's screen: the desk's live stream, timing each event from when the PBX sent it.

export interface DeskStreamWatch {
  /** Event ids shown on the screen. */
  received: Set<string>;
  /** Milliseconds from the PBX's send to the screen, one per event. */
  screenLatencies: number[];
  stop(): Promise<void>;
}

export async function watchDeskStream(
  baseUrl: string,
  cookie: string,
  deskId: string,
  sentAt: Map<string, number>,
): Promise<DeskStreamWatch> {
  const screenLatencies: number[] = [];
  const received = new Set<string>();
  const streamAbort = new AbortController();
  const stream = await fetch(`${baseUrl}/api/live?topics=desk:${deskId}`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: streamAbort.signal,
  });
  if (!stream.ok || !stream.body) throw new Error(`live stream refused: ${stream.status}`);
  const streamDone = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('');
          if (!data) continue;
          const message = JSON.parse(data) as {
            type: string;
            payload?: { eventId?: string; calls?: Array<{ eventId: string }> };
          };
          // One call (`call.updated`) or a batch of PBX events (`calls.updated`), each timed alone.
          const eventIds =
            message.type === 'calls.updated'
              ? (message.payload?.calls ?? []).map((call) => call.eventId)
              : message.type === 'call.updated' && message.payload?.eventId
                ? [message.payload.eventId]
                : [];
          const arrived = performance.now();
          for (const eventId of eventIds) {
            if (received.has(eventId)) continue;
            received.add(eventId);
            const started = sentAt.get(eventId);
            if (started !== undefined) screenLatencies.push(arrived - started);
          }
        }
      }
    } catch (error) {
      if (!streamAbort.signal.aborted) throw error;
    }
  })();
  return {
    received,
    screenLatencies,
    async stop() {
      streamAbort.abort();
      await streamDone;
    },
  };
}
