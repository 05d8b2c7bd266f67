/** CS-4 on the call desk: the lookup of a person the agent did not know (re-exported by calls.ts). */

import type { DirectoryEntry } from './calls.js';
import type { ResidentMatch } from './residents.js';

/** CS-4: what came of looking for someone the agent did not know (the first of these after the lookup opened). */
export type PersonLookupOutcomeKind = 'transferred' | 'fetched' | 'message' | 'not_found';

/** CS-4: the agent did not know the person sought: when the phrase was shown, the searches, the outcome. */
export interface PersonLookup {
  shownAt: string;
  searches: Array<{ at: string; query: string; resultCount: number }>;
  outcome: { kind: PersonLookupOutcomeKind; at: string; staffName: string | null } | null;
}

/** CS-4: a directory search made for the caller, recorded on the call. */
export interface PersonSearchInput {
  q: string;
  departmentId?: string;
  buildingId?: string;
  doorId?: string;
}

/** CS-4: what a search made for the caller found — staff, and residents by building, door and name. */
export interface PersonSearchResult {
  items: DirectoryEntry[];
  residents: ResidentMatch[];
}
