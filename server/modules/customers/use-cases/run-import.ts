import type { Actor } from '../../../platform/auth/actor.js';
import { systemActor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { registerJobHandler } from '../../../platform/jobs/index.js';
import { namePinyin } from '../../../platform/text/pinyin.js';
import { writeAudit } from '../../audit/index.js';
import { getSetting } from '../../settings/index.js';
import { newCustomerId, newUnsubscribeSecret } from '../customers.ids.js';
import { consultantKey } from '../customers.import-office.js';
import type { ImportedCustomer } from '../customers.import-rules.js';
import { findProjectConsultants } from '../customers.people.js';
import * as queries from '../customers.queries.js';
import { categoryForKeyKind, protectionEnd } from '../customers.rules.js';
import type { CustomersTable } from '../customers.tables.js';
import { exactConsultants } from './import-consultants.js';
import { findSourceChannels } from './source-channels.js';

const commitBatch = 5000;

async function undoImport(
  db: Db,
  options: {
    actor: Actor;
    importId: string;
    projectId: string;
    status: 'cancelled' | 'failed';
    failure: string;
    now: Date;
  },
) {
  const { actor, importId, now } = options;
  await db.transaction().execute(async (trx) => {
    await queries.deleteCustomersOfImport(trx, importId);
    await queries.updateImportRow(trx, importId, {
      status: options.status,
      importedRows: 0,
      failure: options.failure,
      finishedAt: now.toISOString(),
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: options.projectId,
      entityType: 'customer_import',
      entityId: importId,
      action: options.status,
      after: { failure: options.failure },
    });
  });
}

/**
 * Writes a running import in batches (each its own transaction, so the office keeps working),
 * reporting progress. A cancel, a crash-restart or a number registered meanwhile (in
 * all-or-nothing mode) removes every customer the import wrote: nothing stays half-imported.
 */
export async function runImport(
  db: Db,
  options: {
    actor: Actor;
    importId: string;
    now: () => Date;
    batchSize?: number;
    /** Called after each committed batch (tests cancel an import part-way here). */
    afterBatch?: (processed: number) => Promise<void> | void;
  },
) {
  const batchSize = options.batchSize ?? commitBatch;
  const { actor, importId } = options;
  const job = await queries.findImportRow(db, importId);
  if (job?.status !== 'running') return;
  if (job.processedRows > 0)
    await db.transaction().execute((trx) => queries.deleteCustomersOfImport(trx, importId));
  const protectionDays = await getSetting(db, 'sales.customerProtectionDays', {
    companyId: actor.companyId,
    projectId: job.projectId,
  });
  const consultantList = await findProjectConsultants(db, actor, job.projectId);
  const consultants = exactConsultants(consultantList);
  const mapping = JSON.parse(job.consultantMapJson) as Record<string, string | null>;
  const active = new Set(consultantList.map((person) => person.id));
  const importerIsConsultant = active.has(job.staffId);
  // An exact name, else the importer's choice for the name (a colleague who left since is nobody).
  const ownerFor = (consultantName: string): string | null => {
    if (!consultantName.trim()) return importerIsConsultant ? job.staffId : null;
    const key = consultantKey(consultantName);
    const chosen = consultants.get(key) ?? mapping[key] ?? null;
    return chosen && active.has(chosen) ? chosen : null;
  };
  const channels = new Map(
    (
      await findSourceChannels(db, {
        actor,
        projectId: job.projectId,
        includeArchived: true,
        now: options.now(),
      })
    ).map((channel) => [channel.name, channel.id]),
  );
  let afterPosition = 0;
  let processed = 0;
  let imported = 0;
  for (;;) {
    const current = await queries.findImportRow(db, importId);
    if (current?.isCancelRequested) {
      await undoImport(db, {
        actor,
        importId,
        projectId: job.projectId,
        status: 'cancelled',
        failure: '',
        now: options.now(),
      });
      return;
    }
    const batch = await queries.findImportRows(db, importId, { afterPosition, limit: batchSize });
    if (batch.length === 0) break;
    afterPosition = batch[batch.length - 1].position;
    const now = options.now();
    const at = now.toISOString();
    const outcome = await db.transaction().execute(async (trx) => {
      const valid = batch
        .filter((row) => row.errorsJson === '[]' && !row.duplicateOf)
        .map((row) => ({ row, data: JSON.parse(row.dataJson) as ImportedCustomer }));
      const taken = await queries.findTakenPhones(
        trx,
        job.projectId,
        valid.flatMap((item) => item.data.phones.map((phone) => phone.e164)),
      );
      const customers: CustomersTable[] = [];
      const phones: queries.PhoneRow[] = [];
      for (const { data } of valid) {
        if (data.phones.some((phone) => taken.has(phone.e164))) {
          if (job.mode === 'all_or_nothing') return 'conflict' as const;
          continue;
        }
        let sourceChannelId: string | null = null;
        if (data.sourceName) {
          sourceChannelId = channels.get(data.sourceName) ?? null;
          if (!sourceChannelId) {
            sourceChannelId = newId();
            await queries.insertSourceChannel(trx, {
              id: sourceChannelId,
              projectId: job.projectId,
              name: data.sourceName,
              sortOrder: channels.size,
              isArchived: 0,
              createdAt: at,
            });
            channels.set(data.sourceName, sourceChannelId);
          }
        }
        const ownerStaffId = ownerFor(data.consultantName);
        const since = data.registeredAt ?? at;
        const pinyin = namePinyin(data.name);
        const id = newCustomerId();
        customers.push({
          id,
          companyId: actor.companyId,
          projectId: job.projectId,
          name: data.name,
          namePinyin: pinyin.full,
          nameInitials: pinyin.initials,
          gender: data.gender,
          category: categoryForKeyKind(data.keyKind),
          keyKind: data.keyKind,
          sourceChannelId,
          intentLayout: data.intentLayout,
          intentAreaMin: data.intentAreaMin,
          intentAreaMax: data.intentAreaMax,
          intentBudgetFen: data.intentBudgetFen,
          intentPurpose: data.intentPurpose,
          notes: data.notes,
          ownerStaffId,
          ownedSince: ownerStaffId ? since : null,
          protectedUntil: ownerStaffId ? protectionEnd(new Date(since), protectionDays) : null,
          hasContactConsent: data.phones.length ? 1 : 0,
          contactConsentAt: data.phones.length ? since : null,
          contactConsentVia: data.phones.length ? 'import' : null,
          hasMarketingConsent: data.hasMarketingConsent ? 1 : 0,
          marketingConsentAt: data.hasMarketingConsent ? since : null,
          marketingConsentVia: data.hasMarketingConsent ? 'import' : null,
          isPhoneRefused: data.isPhoneRefused && data.phones.length === 0 ? 1 : 0,
          firstContact: 'import',
          locale: 'zh-CN',
          movedInAt: null,
          unsubscribeToken: newUnsubscribeSecret(),
          importId,
          isErased: 0,
          erasedAt: null,
          createdBy: actor.staffId,
          createdAt: at,
          updatedAt: at,
        });
        for (const [index, phone] of data.phones.entries()) {
          taken.set(phone.e164, id);
          phones.push({
            id: newCustomerId(),
            customerId: id,
            projectId: job.projectId,
            phoneE164: phone.e164,
            phoneTail4: phone.tail4,
            kind: phone.kind,
            sortOrder: index,
            createdAt: at,
          });
        }
      }
      // Column counts keep each statement below SQLite's bound-parameter limit.
      for (let index = 0; index < customers.length; index += 400)
        await queries.insertCustomers(trx, customers.slice(index, index + 400));
      for (let index = 0; index < phones.length; index += 2000)
        await queries.insertPhones(trx, phones.slice(index, index + 2000));
      imported += customers.length;
      processed += batch.length;
      await queries.updateImportRow(trx, importId, { processedRows: processed, importedRows: imported });
      await writeAudit(trx, {
        actor,
        at: now,
        projectId: job.projectId,
        entityType: 'customer_import',
        entityId: importId,
        action: 'import_batch',
        after: { rows: `${batch[0].position}-${afterPosition}`, imported: customers.length },
      });
      return 'ok' as const;
    });
    if (outcome === 'conflict') {
      await undoImport(db, {
        actor,
        importId,
        projectId: job.projectId,
        status: 'failed',
        failure: 'duplicate_since_preview',
        now: options.now(),
      });
      return;
    }
    await options.afterBatch?.(processed);
  }
  await db.transaction().execute(async (trx) => {
    await queries.updateImportRow(trx, importId, { status: 'done', finishedAt: options.now().toISOString() });
    await writeAudit(trx, {
      actor,
      at: options.now(),
      projectId: job.projectId,
      entityType: 'customer_import',
      entityId: importId,
      action: 'done',
      after: { imported },
    });
  });
}

export const importJobKind = 'customers.import';

export interface ImportJobPayload {
  importId: string;
  companyId: string;
  staffId: string;
  displayName: string;
}

// The import runs as a durable job: a restart resumes it from scratch after undoing the partial write.
registerJobHandler<ImportJobPayload>(
  importJobKind,
  async (ctx) => {
    const { importId, companyId, staffId, displayName } = ctx.payload;
    const actor: Actor = { ...systemActor(companyId), staffId, displayName };
    const started = ctx.now.getTime();
    const wallStart = Date.now();
    await runImport(ctx.db, { actor, importId, now: () => new Date(started + (Date.now() - wallStart)) });
    await ctx.complete(async () => undefined);
  },
  { maxAttempts: 3 },
);
