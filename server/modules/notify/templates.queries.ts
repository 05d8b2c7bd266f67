import type { Locale } from '../../../contracts/locales.js';
import type { Tx } from '../../platform/db/database.js';
import type { NotifyTemplatesTable } from './notify.tables.js';

/** One event's text in one language for one company: the unit that has versions. */
export interface TemplateSlot {
  companyId: string;
  event: string;
  locale: Locale;
}

function ofSlot(db: Tx, slot: TemplateSlot) {
  return db
    .selectFrom('notifyTemplates')
    .where('companyId', '=', slot.companyId)
    .where('event', '=', slot.event)
    .where('locale', '=', slot.locale);
}

export async function findActiveTemplateVersions(db: Tx, companyId: string) {
  return db
    .selectFrom('notifyTemplates')
    .select(['event', 'locale', 'version'])
    .where('companyId', '=', companyId)
    .where('isActive', '=', 1)
    .execute();
}

/** Every saved version of a slot, newest first. */
export async function findTemplateVersions(db: Tx, slot: TemplateSlot) {
  return ofSlot(db, slot)
    .select(['id', 'version', 'title', 'body', 'smsTemplateCode', 'isActive', 'createdAt', 'createdBy'])
    .orderBy('version', 'desc')
    .execute();
}

export async function findLastTemplateVersion(trx: Tx, slot: TemplateSlot): Promise<number> {
  const last = await ofSlot(trx, slot)
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return Number(last?.version ?? 0);
}

export async function hasTemplateVersion(trx: Tx, slot: TemplateSlot, version: number): Promise<boolean> {
  return (
    (await ofSlot(trx, slot).select('id').where('version', '=', version).executeTakeFirst()) !== undefined
  );
}

/** Inserts a new version as the slot's only active one. */
export async function insertActiveTemplateVersion(trx: Tx, row: NotifyTemplatesTable): Promise<void> {
  await trx
    .updateTable('notifyTemplates')
    .set({ isActive: 0 })
    .where('companyId', '=', row.companyId)
    .where('event', '=', row.event)
    .where('locale', '=', row.locale)
    .execute();
  await trx.insertInto('notifyTemplates').values(row).execute();
}

/** Makes one version the slot's active one (0: none, the shipped text). */
export async function activateOnlyTemplateVersion(
  trx: Tx,
  slot: TemplateSlot,
  version: number,
): Promise<void> {
  await trx
    .updateTable('notifyTemplates')
    .set((eb) => ({ isActive: eb.case().when('version', '=', version).then(1).else(0).end() }))
    .where('companyId', '=', slot.companyId)
    .where('event', '=', slot.event)
    .where('locale', '=', slot.locale)
    .execute();
}
