import { AppError } from '../../../platform/errors.js';
import { contentDisposition } from '../../../platform/excel/export.js';
import { cleanTextField } from '../../../platform/http/clean-input.js';
import { idParam } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { dealErrors } from '../deals.errors.js';
import * as schemas from '../deals.schemas.js';
import * as deals from '../deals.service.js';
import { uploadedFileSchema } from '../responses/forms.responses.js';
import { sales, tags } from './route-helpers.js';

/** Uploads: ID copies, authorisations, signed statements. */
export function uploadRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.post(
    '/api/deals/files',
    {
      config: { access: sales, scope: 'deal' },
      schema: { response: { 201: uploadedFileSchema }, tags, querystring: schemas.uploadQuery },
    },
    async (request, reply) => {
      const file = request.isMultipart() ? await request.file() : undefined;
      if (!file)
        throw new AppError(
          dealErrors.FILE_TYPE_NOT_ALLOWED,
          {},
          { file: dealErrors.FILE_TYPE_NOT_ALLOWED.message },
        );
      const bytes = await file.toBuffer();
      return reply.status(201).send(
        await deals.uploadDealFile(db, {
          actor: requireActor(request),
          ...request.query,
          fileName: cleanTextField('file', file.filename || 'upload'),
          bytes,
          now: now(),
        }),
      );
    },
  );
  app.get(
    '/api/deals/files/:id',
    { config: { answers: 'file', access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request, reply) => {
      const file = await deals.readDealFile(db, {
        actor: requireActor(request),
        fileId: request.params.id,
        now: now(),
      });
      return reply
        .header('Content-Type', file.mime)
        .header('Content-Disposition', contentDisposition(file.fileName).replace(/^attachment/, 'inline'))
        .send(file.bytes);
    },
  );
}
