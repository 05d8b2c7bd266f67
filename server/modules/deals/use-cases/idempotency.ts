import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { isUniqueViolation } from '../../../platform/db/constraints.js';
import type { DB, Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { dealErrors } from '../deals.errors.js';
import * as queries from '../deals.queries.js';

/** Stable JSON (sorted keys) so the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonical(request)).digest('hex');
}

export interface IdempotentAnswer<T> {
  body: T;
  isReplay: boolean;
}

function replay<T>(
  row: { requestHash: string; actorId: string; responseJson: string },
  hash: string,
  actorId: string,
): IdempotentAnswer<T> {
  if (row.requestHash !== hash || row.actorId !== actorId)
    throw new AppError(dealErrors.IDEMPOTENCY_KEY_REUSED);
  return { body: JSON.parse(row.responseJson) as T, isReplay: true };
}

/**
 * Runs `work` at most once per (scope, key). The key row is inserted first in the same
 * transaction as the work, so a concurrent request with the same key waits on the unique index
 * (PostgreSQL) or on the single writer (SQLite), then finds the committed answer and replays it.
 * A failed first attempt rolls back its key too, so a retry runs afresh. The same key with a
 * different request (or from someone else) is refused.
 */
export async function runIdempotent<T>(
  db: Db,
  options: { scope: string; key: string; actorId: string; request: unknown; now: Date },
  work: (trx: Transaction<DB>) => Promise<T>,
  beforeWork?: () => Promise<void>,
): Promise<IdempotentAnswer<T>> {
  const hash = requestHash(options.request);
  const existing = await queries.findIdempotent(db, options.scope, options.key);
  if (existing) return replay<T>(existing, hash, options.actorId);
  await beforeWork?.();
  try {
    const body = await db.transaction().execute(async (trx) => {
      await queries.insertIdempotent(trx, {
        scope: options.scope,
        key: options.key,
        actorId: options.actorId,
        requestHash: hash,
        statusCode: 0,
        responseJson: 'null',
        createdAt: options.now.toISOString(),
      });
      const result = await work(trx);
      await queries.storeIdempotentAnswer(trx, options.scope, options.key, 201, JSON.stringify(result));
      return result;
    });
    return { body, isReplay: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await queries.findIdempotent(db, options.scope, options.key);
    if (!winner) throw error;
    return replay<T>(winner, hash, options.actorId);
  }
}
