import { createHash } from 'node:crypto';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { sniffMime } from '../../../platform/files/sniff-mime.js';
import { writeAudit } from '../../audit/index.js';
import { getSetting } from '../../settings/index.js';
import { decryptBytes, encryptBytes } from '../deals.crypto.js';
import { dealErrors } from '../deals.errors.js';
import {
  assertDealProject,
  assertProjectRole,
  dealScope,
  designatedParticipant,
  salesRoles,
  seenDeal,
} from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import type { FileKind } from '../deals.tables.js';

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** Stores an uploaded ID copy, authorisation or signed statement, encrypted; returns its metadata. */
export async function uploadDealFile(
  db: Db,
  options: { actor: Actor; projectId: string; kind: FileKind; fileName: string; bytes: Buffer; now: Date },
) {
  const { actor, projectId, now } = options;
  await assertDealProject(db, actor, projectId);
  assertProjectRole(actor, projectId, salesRoles);
  const maxKilobytes = await getSetting(db, 'deals.uploadMaxKilobytes', {
    companyId: actor.companyId,
    projectId,
  });
  if (options.bytes.length > maxKilobytes * 1024)
    throw new AppError(dealErrors.FILE_TOO_LARGE, { max: maxKilobytes });
  const mime = sniffMime(options.bytes);
  if (!mime)
    throw new AppError(
      dealErrors.FILE_TYPE_NOT_ALLOWED,
      {},
      { file: dealErrors.FILE_TYPE_NOT_ALLOWED.message },
    );
  const base =
    options.fileName
      .replace(/[\\/:*?"<>|]/g, '_')
      // Control characters would break the download header.
      .replace(/\p{Cc}/gu, '_')
      .replace(/\.[^.]*$/, '')
      .slice(0, 80) || options.kind;
  const row: queries.FileRow = {
    id: newId(),
    companyId: actor.companyId,
    projectId,
    kind: options.kind,
    fileName: `${base}.${extensions[mime]}`,
    mime,
    sizeBytes: options.bytes.length,
    sha256: createHash('sha256').update(options.bytes).digest('hex'),
    contentEnc: encryptBytes(options.bytes),
    uploadedBy: actor.staffId,
    uploadedAt: now.toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    await queries.insertFile(trx, row);
    const { contentEnc: _content, ...meta } = row;
    await writeAudit(trx, {
      actor,
      at: now,
      projectId,
      entityType: 'deal_file',
      entityId: row.id,
      action: 'upload',
      after: meta,
    });
  });
  const { contentEnc: _content, ...meta } = row;
  return meta;
}

/** A file referenced by a deal document must be of this project and of the expected kind. */
export async function assertFileUsable(
  db: Tx,
  actor: Actor,
  options: { fileId: string; projectId: string; kinds: FileKind[]; field: string },
) {
  const file = await queries.findFile(db, options.fileId);
  // Only a file the caller may see: someone else's upload cannot be attached to get at it.
  if (
    !file ||
    file.projectId !== options.projectId ||
    !options.kinds.includes(file.kind) ||
    !dealScope(actor).sees({
      companyId: file.companyId,
      projectId: file.projectId,
      participantIds: await fileParticipants(db, actor, file),
    })
  )
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      {
        [options.field]: {
          'zh-CN': '文件不存在或类型不符',
          'zh-TW': '檔案不存在或類型不符',
          en: 'No such file of this kind',
        },
      },
    );
  return file;
}

export const dealFileEntity = localized('文件', '文件', 'File');

/**
 * Who takes part in an uploaded file (an ID copy is sensitive personal information under PIPL):
 * the one who uploaded it, and the participants of the deals that use it — the agreements' authors
 * and reviewers (and the colleagues designated to review), the transaction files' consultants and
 * openers (and the colleagues designated to collect, for a signed third-party statement).
 */
async function fileParticipants(db: Tx, actor: Actor, file: queries.FileRow) {
  const uses = await queries.findFileUses(db, file.id);
  return [
    file.uploadedBy,
    ...uses.agreements.flatMap((agreement) => [agreement.consultantId, agreement.reviewerId]),
    ...uses.files.flatMap((deal) => [deal.consultantId, deal.openedBy]),
    ...(uses.agreements.length
      ? await designatedParticipant(db, actor, file.projectId, ['agreement_review'])
      : []),
    ...(uses.files.length ? await designatedParticipant(db, actor, file.projectId, ['collect']) : []),
  ];
}

/** Reading an ID copy is itself an access to sensitive data: it is audited. 404 for anyone outside the deal. */
export async function readDealFile(db: Db, options: { actor: Actor; fileId: string; now: Date }) {
  const found = await queries.findFile(db, options.fileId);
  const participantIds = found ? await fileParticipants(db, options.actor, found) : [];
  const file = seenDeal(
    options.actor,
    found,
    (row) => ({ companyId: row.companyId, projectId: row.projectId, participantIds }),
    dealFileEntity,
  );
  assertProjectRole(options.actor, file.projectId, salesRoles);
  await db.transaction().execute((trx) =>
    writeAudit(trx, {
      actor: options.actor,
      at: options.now,
      projectId: file.projectId,
      entityType: 'deal_file',
      entityId: file.id,
      action: 'view',
    }),
  );
  return { fileName: file.fileName, mime: file.mime, bytes: decryptBytes(file.contentEnc) };
}
