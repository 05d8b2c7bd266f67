import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { escapeLike } from '../../../platform/text/pinyin.js';
import type { DealsTables } from '../deals.tables.js';

/** Helpers shared by the deals query files (not part of the module's query surface). */

/** The pattern for "the column contains this user text", LIKE wildcards taken literally. */
export function containsText(search: string) {
  return sql<string>`${`%${escapeLike(search)}%`} ESCAPE '\\'`;
}

export type Duty = T['dealDesignations']['duty'];

/**
 * The projects in which `staffId` holds one of the duties (at most one row per project), to join
 * on a list's project column: a designated colleague takes part in those deals (deals.policy.ts).
 */
export function designatedFor(db: Tx, staffId: string, duties: Duty[]) {
  return db
    .selectFrom('dealDesignations')
    .select(['dealDesignations.projectId', 'dealDesignations.staffId'])
    .distinct()
    .where('dealDesignations.staffId', '=', staffId)
    .where('dealDesignations.duty', 'in', duties)
    .where('dealDesignations.revokedAt', 'is', null);
}

/**
 * Whether a list must join the caller's designations at all: most people hold none, and without
 * the join the participant columns' indexes serve the list and its count.
 */
export async function holdsDuty(db: Tx, staffId: string, duties: Duty[]) {
  return Boolean(await designatedFor(db, staffId, duties).limit(1).executeTakeFirst());
}

export type T = DealsTables;

export const changed = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows) === 1;
