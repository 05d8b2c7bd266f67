import { type Kysely, PostgresAdapter } from 'kysely';

/** Where one dialect has a faster form of the same statement (data-modifying CTEs, NOTIFY). */
export function isPostgres(db: Pick<Kysely<unknown>, 'getExecutor'>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
