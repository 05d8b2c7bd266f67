import { type Actor, systemActor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { registerJobHandler } from '../../platform/jobs/index.js';
import { writeAudit } from '../audit/index.js';
import { residentImportJobKind } from './residents.import.js';
import type { ImportedResident } from './residents.import-rules.js';
import { loadPlaceBook, type ResolvedPlace } from './residents.place.js';
import * as queries from './residents.queries.js';
import { placeKey } from './residents.rules.js';
import {
  insertResidentInTransaction,
  type ResidentWrite,
  updateResidentInTransaction,
} from './residents.service.js';
import type { ResidentsTable } from './residents.tables.js';

const importBatch = 500;

/** The registered resident a sheet row is: same unit and same name, or same unit and a shared phone. */
function matchKnown(row: ImportedResident, known: ResidentsTable[], phonesOf: Map<string, string[]>) {
  const name = placeKey(row.name);
  const numbers = new Set(row.phones.map((phone) => phone.e164));
  return (
    known.find((resident) => placeKey(resident.name) === name) ??
    known.find((resident) => (phonesOf.get(resident.id) ?? []).some((number) => numbers.has(number)))
  );
}

/**
 * Writes a committed import in batches (each its own transaction, so the desk keeps working),
 * counting progress on the import. Re-importing the office's sheet keeps the register current:
 * a row of a resident already registered at the unit updates them, never adds them twice. A
 * cancel stops before the next batch; what was written stays, and the counts say how much.
 */
export async function runResidentImport(
  db: Db,
  options: {
    actor: Actor;
    importId: string;
    now: () => Date;
    batchSize?: number;
    afterBatch?: (processed: number) => Promise<void> | void;
  },
) {
  const { actor, importId } = options;
  const job = await queries.findImportRow(db, importId);
  if (job?.status !== 'running') return;
  const rows = JSON.parse(job.rowsJson) as ImportedResident[];
  const batchSize = options.batchSize ?? importBatch;
  const book = await loadPlaceBook(db, actor, job.projectId);
  let { processedRows: processed, createdRows: created, updatedRows: updated } = job;
  let isCancelled = false;
  for (let start = processed; start < rows.length; start += batchSize) {
    const current = await queries.findImportRow(db, importId);
    if (current?.isCancelRequested) {
      isCancelled = true;
      break;
    }
    const batch = rows.slice(start, start + batchSize);
    // Places are read before the batch's transaction (SQLite has one connection: a read on the
    // pool inside the transaction would wait for it).
    const places: ResolvedPlace[] = [];
    for (const row of batch) places.push(await book.resolve(row));
    await db.transaction().execute(async (trx) => {
      const now = options.now();
      const known = await queries.findResidentsAtPlaces(
        trx,
        job.projectId,
        places.map((place) => place.placeKey),
      );
      const phonesOf = await queries.findPhonesOf(
        trx,
        known.map((row) => row.id),
      );
      for (const [index, row] of batch.entries()) {
        const place = places[index]!;
        const atPlace = place.placeKey
          ? known.filter((resident) => resident.placeKey === place.placeKey)
          : known.filter(
              (resident) =>
                !resident.placeKey && placeKey(resident.locationText) === placeKey(row.locationText),
            );
        const write: ResidentWrite = {
          place,
          name: row.name,
          role: row.role,
          phones: row.phones,
          moveInOn: row.moveInOn,
          notes: row.notes,
          source: 'import',
          importId,
        };
        const match = matchKnown(row, atPlace, phonesOf);
        const saved = match
          ? await updateResidentInTransaction(trx, { actor, row: match, write, now, audit: false })
          : await insertResidentInTransaction(trx, {
              actor,
              projectId: job.projectId,
              write,
              now,
              audit: false,
            });
        if (match) updated += 1;
        else {
          created += 1;
          known.push(saved);
        }
        phonesOf.set(
          saved.id,
          row.phones.length ? row.phones.map((phone) => phone.e164) : (phonesOf.get(saved.id) ?? []),
        );
        const changes: Partial<ResidentsTable> = {};
        if (row.moveOutOn) changes.moveOutOn = row.moveOutOn;
        // The sheet's consent columns are the owner's word as the office recorded it (SA-18).
        if (row.afterSalesCare !== null || row.announcements !== null) {
          changes.consentsAfterSales = (row.afterSalesCare ?? saved.consentsAfterSales === 1) ? 1 : 0;
          changes.consentsAnnouncements = (row.announcements ?? saved.consentsAnnouncements === 1) ? 1 : 0;
          changes.consentChangedBy = actor.staffId;
          changes.consentChangedAt = now.toISOString();
        }
        if (Object.keys(changes).length) await queries.updateResident(trx, saved.id, changes);
      }
      processed = start + batch.length;
      await queries.updateImport(trx, importId, {
        processedRows: processed,
        createdRows: created,
        updatedRows: updated,
      });
    });
    await options.afterBatch?.(processed);
  }
  await db.transaction().execute(async (trx) => {
    const now = options.now();
    await queries.updateImport(trx, importId, {
      status: isCancelled ? 'cancelled' : 'done',
      rowsJson: '[]',
      finishedAt: now.toISOString(),
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: job.projectId,
      entityType: 'resident_import',
      entityId: importId,
      action: isCancelled ? 'cancelled' : 'done',
      after: { processed, created, updated },
    });
  });
}

interface ImportJobPayload {
  importId: string;
  companyId: string;
  staffId: string;
  displayName: string;
}

// A restart resumes after the last committed batch (its counts are in the same transaction).
registerJobHandler<ImportJobPayload>(
  residentImportJobKind,
  async (ctx) => {
    const { importId, companyId, staffId, displayName } = ctx.payload;
    const actor: Actor = { ...systemActor(companyId), staffId, displayName };
    const started = ctx.now.getTime();
    const wallStart = Date.now();
    await runResidentImport(ctx.db, {
      actor,
      importId,
      now: () => new Date(started + (Date.now() - wallStart)),
    });
    await ctx.complete(async () => undefined);
  },
  { maxAttempts: 3 },
);
