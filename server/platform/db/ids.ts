import { randomUUID } from 'node:crypto';

/** Text ids work the same on SQLite and PostgreSQL and can be made before the row is inserted. */
export function newId(): string {
  return randomUUID();
}

/** Timestamps are stored as ISO-8601 UTC text of fixed width, so text order is time order. */
export function toDbTime(date: Date): string {
  return date.toISOString();
}
