import { type Kysely, PostgresAdapter, sql } from 'kysely';

// PostgreSQL writes an updated row as a new version, on the same page when there is room. Units
// change status all day (holds, picks, deals) and a buyer's row is updated by their code, sign-in
// and each pick: leaving room on their pages keeps the new version beside the old one and, where
// no indexed column changes (a buyer's pick count), lets PostgreSQL skip every index (a HOT
// update). Pages written from now on keep the room; SQLite has no such setting.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`ALTER TABLE units SET (fillfactor = 80)`.execute(db);
  await sql`ALTER TABLE opening_buyers SET (fillfactor = 70)`.execute(db);
}
