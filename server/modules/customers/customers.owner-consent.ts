import type { Tx } from '../../platform/db/database.js';

/** SA-18: an owner's consent as the property desk's register keeps it (residents module). */
export interface OwnerConsent {
  afterSalesCare: boolean;
  announcements: boolean;
}

/**
 * The register of residents tells which customers became owners and what they consented to. It
 * registers itself here (residents → customers, never the reverse, as personal-data sources do):
 * customers who are not owners are absent from the answer.
 */
export type OwnerConsentSource = (
  db: Tx,
  options: { companyId: string; customerIds: string[] },
) => Promise<Map<string, OwnerConsent>>;

let source: OwnerConsentSource | null = null;

export function registerOwnerConsentSource(next: OwnerConsentSource): void {
  source = next;
}

/** The owners among these customers, with their consent; empty when no register is installed. */
export async function findOwnerConsents(
  db: Tx,
  options: { companyId: string; customerIds: string[] },
): Promise<Map<string, OwnerConsent>> {
  if (!source || options.customerIds.length === 0) return new Map();
  return source(db, options);
}
