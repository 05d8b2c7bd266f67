import type { Actor } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import { isUniqueViolation } from '../../../platform/db/constraints.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import * as queries from '../customers.queries.js';
import { companyOfProject } from '../customers.scope.js';
import { assertSalesProject, salesRoles } from '../customers.service.js';

/** Source channels are project reference data (project scope): everyone working in the project reads them. */
const channelEntity = localized('来源渠道', '來源渠道', 'Source channel');

/** How buyers usually hear of a project; a project starts with these and edits them freely. */
export const defaultSourceChannels = [
  '户外广告',
  '报纸/杂志',
  '网络平台',
  '朋友介绍',
  '路过',
  '短信/电话',
  '中介/渠道',
  '老业主推荐',
  '其他',
];

export async function findSourceChannels(
  db: Db,
  options: { actor: Actor; projectId: string; includeArchived?: boolean; now: Date },
) {
  const { actor, projectId, now } = options;
  visibility(actor, 'project').assertProject(projectId, channelEntity);
  // The DPO reads the channels too: the customer list they open filters by them.
  await assertSalesProject(db, actor, projectId, [...salesRoles, 'dpo']);
  let rows = await queries.findSourceChannels(db, projectId, options.includeArchived);
  if (rows.length === 0 && !(await queries.findSourceChannels(db, projectId, true)).length) {
    // First use of a project's list: it starts from the usual channels (once, audited).
    await db.transaction().execute(async (trx) => {
      if ((await queries.findSourceChannels(trx, projectId, true)).length) return;
      for (const [index, name] of defaultSourceChannels.entries())
        await queries.insertSourceChannel(trx, {
          id: newId(),
          projectId,
          name,
          sortOrder: index,
          isArchived: 0,
          createdAt: now.toISOString(),
        });
      await writeAudit(trx, {
        actor,
        at: now,
        projectId,
        entityType: 'source_channel',
        entityId: projectId,
        action: 'create_defaults',
        after: defaultSourceChannels,
      });
    });
    rows = await queries.findSourceChannels(db, projectId, options.includeArchived);
  }
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    sortOrder: row.sortOrder,
    isArchived: row.isArchived === 1,
  }));
}

function nameTaken(name: string) {
  return new AppError(
    commonErrors.DUPLICATE,
    { entity: name },
    { name: { 'zh-CN': '名称已存在', 'zh-TW': '名稱已存在', en: 'Name already used' } },
  );
}

export async function createSourceChannel(
  db: Db,
  options: { actor: Actor; projectId: string; name: string; sortOrder: number; now: Date },
) {
  const { actor, projectId, now } = options;
  visibility(actor, 'project').assertProject(projectId, channelEntity);
  await assertSalesProject(db, actor, projectId, ['manager']);
  const row = {
    id: newId(),
    projectId,
    name: options.name,
    sortOrder: options.sortOrder,
    isArchived: 0,
    createdAt: now.toISOString(),
  };
  try {
    await db.transaction().execute(async (trx) => {
      await queries.insertSourceChannel(trx, row);
      await writeAudit(trx, {
        actor,
        at: now,
        projectId,
        entityType: 'source_channel',
        entityId: row.id,
        action: 'create',
        after: row,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(options.name);
    throw error;
  }
  return { id: row.id, name: row.name, sortOrder: row.sortOrder, isArchived: false };
}

export async function updateSourceChannel(
  db: Db,
  options: {
    actor: Actor;
    channelId: string;
    name: string;
    sortOrder: number;
    isArchived: boolean;
    now: Date;
  },
) {
  const { actor, channelId, now } = options;
  const before = await queries.findSourceChannelRow(db, channelId);
  if (!before) throw new AppError(commonErrors.NOT_FOUND, { entity: channelEntity });
  visibility(actor, 'project').assertSees(
    { companyId: await companyOfProject(db, actor, before.projectId), projectId: before.projectId },
    channelEntity,
  );
  await assertSalesProject(db, actor, before.projectId, ['manager']);
  const changes = {
    name: options.name,
    sortOrder: options.sortOrder,
    isArchived: options.isArchived ? 1 : 0,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await queries.updateSourceChannelRow(trx, channelId, changes);
      await writeAudit(trx, {
        actor,
        at: now,
        projectId: before.projectId,
        entityType: 'source_channel',
        entityId: channelId,
        action: 'update',
        before,
        after: changes,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(options.name);
    throw error;
  }
  return { id: channelId, name: options.name, sortOrder: options.sortOrder, isArchived: options.isArchived };
}
