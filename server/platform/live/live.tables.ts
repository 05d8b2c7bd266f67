import type { Generated } from 'kysely';

/** The live outbox: one row per published event; `seq` is the SSE event id clients resume from. */
export interface LiveEventsTable {
  seq: Generated<number>;
  topic: string;
  type: string;
  payloadJson: string;
  createdAt: string;
}

export interface LiveTables {
  liveEvents: LiveEventsTable;
}
