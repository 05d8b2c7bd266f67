import type { Tx } from '../../platform/db/database.js';
import type { CallDirectorySearchesTable } from './calls.tables.js';

// CS-4: the directory searches an agent made for a caller asking for someone unknown.

export async function insertDirectorySearch(db: Tx, row: CallDirectorySearchesTable): Promise<void> {
  await db.insertInto('callDirectorySearches').values(row).execute();
}

/** The searches of these calls, in the order they were made. */
export async function findSearchesOfCalls(db: Tx, callIds: string[]) {
  if (callIds.length === 0) return [];
  return db
    .selectFrom('callDirectorySearches')
    .select(['callId', 'searchedAt', 'query', 'resultCount'])
    .where('callId', 'in', callIds)
    .orderBy('callId')
    .orderBy('searchedAt')
    .orderBy('id')
    .execute();
}
