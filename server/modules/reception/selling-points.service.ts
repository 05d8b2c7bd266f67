import type { Actor } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, type FieldErrors, localized } from '../../platform/errors.js';
import { writeAudit } from '../audit/index.js';
import { assertSalesProject } from '../customers/index.js';
import { findProjectLayouts } from '../inventory/index.js';
import * as queries from './selling-points.queries.js';

export interface SellingPointInput {
  title: string;
  body: string;
  layout: string;
}

const entity = localized('卖点', '賣點', 'Selling point');

function view(row: { id: string; title: string; body: string; layout: string }) {
  return { id: row.id, title: row.title, body: row.body, layout: row.layout };
}

/** SA-6: the project's selling points in the order they are presented; everyone at the sales office reads them. */
export async function findSellingPoints(db: Tx, options: { actor: Actor; projectId: string }) {
  const { actor, projectId } = options;
  visibility(actor, 'project').assertProject(projectId, entity);
  await assertSalesProject(db, actor, projectId, ['manager', 'consultant']);
  return (await queries.findSellingPoints(db, projectId)).map(view);
}

/**
 * The project's manager saves the whole ordered list at once (the screen edits it as one list, so
 * reordering is a save too). A layout must be one of the project's own; the same title twice is
 * refused. The change and the list before it are audited in the same transaction.
 */
export async function saveSellingPoints(
  db: Db,
  options: { actor: Actor; projectId: string; items: SellingPointInput[]; now: Date },
) {
  const { actor, projectId, now } = options;
  visibility(actor, 'project').assertProject(projectId, entity);
  await assertSalesProject(db, actor, projectId, ['manager']);
  const layouts = new Set((await findProjectLayouts(db, actor, projectId)).map((row) => row.layout));
  const fields: FieldErrors = {};
  const seen = new Set<string>();
  options.items.forEach((item, index) => {
    if (item.layout !== '' && !layouts.has(item.layout))
      fields[`items.${index}.layout`] = localized(
        '本项目没有这个户型',
        '本項目沒有這個戶型',
        'This project has no such layout',
      );
    const key = `${item.layout}\u0000${item.title}`;
    if (seen.has(key))
      fields[`items.${index}.title`] = localized('标题重复', '標題重複', 'This title is already in the list');
    seen.add(key);
  });
  if (Object.keys(fields).length > 0) throw new AppError(commonErrors.VALIDATION_FAILED, {}, fields);
  return db.transaction().execute(async (trx) => {
    const before = (await queries.findSellingPoints(trx, projectId)).map(view);
    await queries.deleteSellingPoints(trx, projectId);
    const rows = options.items.map((item, index) => ({
      id: newId(),
      projectId,
      sortOrder: index,
      title: item.title,
      body: item.body,
      layout: item.layout,
      updatedBy: actor.staffId,
      updatedAt: now.toISOString(),
    }));
    await queries.insertSellingPoints(trx, rows);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId,
      entityType: 'selling_points',
      entityId: projectId,
      action: 'replace',
      before: before.map(({ title, body, layout }) => ({ title, body, layout })),
      after: options.items,
    });
    return rows.map(view);
  });
}
