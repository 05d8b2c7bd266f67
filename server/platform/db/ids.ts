import { v7 as uuidv7 } from 'uuid';

/**
 * Text ids work the same on SQLite and PostgreSQL and can be made before the row is inserted.
 * They are UUIDv7: time-ordered and monotonic within this process, so `ORDER BY at, id` keeps
 * the order in which rows were written when two share a timestamp (a unit's history, a timeline).
 */
export function newId(): string {
  return uuidv7();
}

/** Timestamps are stored as ISO-8601 UTC text of fixed width, so text order is time order. */
export function toDbTime(date: Date): string {
  return date.toISOString();
}
