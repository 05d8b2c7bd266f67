import { createHash } from 'node:crypto';
import { type Actor, hasAnyRole } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { imageMimes, sniffMime } from '../../../platform/files/sniff-mime.js';
import { writeAudit } from '../../audit/index.js';
import { getSetting } from '../../settings/index.js';
import { workOrderErrors } from '../workorders.errors.js';
import * as queries from '../workorders.queries.js';
import { getVisibleWorkOrder } from '../workorders.scope.js';
import type { PhotoStage, WorkOrderPhotosTable } from '../workorders.tables.js';
import { deskRoles } from './create-work-order.js';

const photoEntity = localized('照片', '照片', 'Photo');

/**
 * A photo of the reported fault or of the finished work: its type read from its bytes (JPEG, PNG,
 * WebP), within the size and count settings. The engineer working the order or the desk may add one.
 */
export async function addWorkOrderPhoto(
  db: Db,
  options: { actor: Actor; workOrderId: string; stage: PhotoStage; bytes: Buffer; now: Date },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const { order, scope } = await getVisibleWorkOrder(
      trx,
      actor,
      await queries.findWorkOrderRow(trx, options.workOrderId),
    );
    if (!scope.worksOn(order) && !hasAnyRole(actor, deskRoles, order.projectId))
      throw new AppError(workOrderErrors.NOT_ASSIGNED_TO_YOU);
    const context = { companyId: order.companyId, projectId: order.projectId };
    const maxKilobytes = await getSetting(trx, 'workorders.photoMaxKilobytes', context);
    if (options.bytes.length > maxKilobytes * 1024)
      throw new AppError(workOrderErrors.PHOTO_TOO_LARGE, { max: maxKilobytes });
    const mime = sniffMime(options.bytes);
    if (!mime || !(imageMimes as readonly string[]).includes(mime))
      throw new AppError(
        workOrderErrors.PHOTO_TYPE_NOT_ALLOWED,
        {},
        { file: workOrderErrors.PHOTO_TYPE_NOT_ALLOWED.message },
      );
    const maxPhotos = await getSetting(trx, 'workorders.photosPerOrder', context);
    if ((await queries.countPhotos(trx, order.id)) >= maxPhotos)
      throw new AppError(workOrderErrors.TOO_MANY_PHOTOS, { max: maxPhotos });
    const row: WorkOrderPhotosTable = {
      id: newId(),
      workOrderId: order.id,
      stage: options.stage,
      mime,
      sizeBytes: options.bytes.length,
      sha256: createHash('sha256').update(options.bytes).digest('hex'),
      contentBase64: options.bytes.toString('base64'),
      uploadedBy: actor.staffId,
      uploadedAt: now.toISOString(),
    };
    await queries.insertPhoto(trx, row);
    const { contentBase64: _content, ...meta } = row;
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: order.projectId,
      entityType: 'work_order_photo',
      entityId: row.id,
      action: 'upload',
      after: meta,
    });
    return { id: row.id, stage: row.stage, uploadedAt: row.uploadedAt, uploadedByName: actor.displayName };
  });
}

/** The photo's bytes, for whoever sees its order (404 otherwise). */
export async function readWorkOrderPhoto(db: Db, options: { actor: Actor; photoId: string }) {
  const photo = await queries.findPhoto(db, options.photoId);
  if (!photo) throw new AppError(commonErrors.NOT_FOUND, { entity: photoEntity });
  await getVisibleWorkOrder(db, options.actor, await queries.findWorkOrderRow(db, photo.workOrderId));
  return { mime: photo.mime, bytes: Buffer.from(photo.contentBase64, 'base64') };
}
