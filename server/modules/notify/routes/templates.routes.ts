import { z } from 'zod';
import { rolesAllowed } from '../../../platform/http/access.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../notify.schemas.js';
import * as admin from '../use-cases/index.js';

const adminOnly = rolesAllowed('admin');
const tags = ['notify'];

/** Message templates: versions per language, activation, preview (administrators, their company). */
export async function templatesRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/notify/templates',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags, response: { 200: z.object({ items: z.array(schemas.templateSummary) }) } },
    },
    async (request) => ({
      items: await admin.listTemplates(db, requireActor(request), request.locale),
    }),
  );
  app.get(
    '/api/notify/templates/:event/versions',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ event: z.string().min(1).max(100) }),
        querystring: z.strictObject({ locale: schemas.localeSchema }),
        response: { 200: z.object({ items: z.array(schemas.templateVersion) }) },
      },
    },
    async (request) => ({
      items: await admin.listTemplateVersions(
        db,
        requireActor(request),
        request.params.event,
        request.query.locale,
      ),
    }),
  );
  app.post(
    '/api/notify/templates/:event/versions',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ event: z.string().min(1).max(100) }),
        body: schemas.templateVersionBody,
        response: { 200: schemas.savedTemplateVersion },
      },
    },
    async (request) =>
      admin.saveTemplateVersion(db, {
        actor: requireActor(request),
        event: request.params.event,
        ...request.body,
        now: now(),
      }),
  );
  app.post(
    '/api/notify/templates/:event/activate',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ event: z.string().min(1).max(100) }),
        body: schemas.activateBody,
        response: { 200: schemas.done },
      },
    },
    async (request) => {
      await admin.activateTemplateVersion(db, {
        actor: requireActor(request),
        event: request.params.event,
        ...request.body,
        now: now(),
      });
      return { ok: true as const };
    },
  );
  app.post(
    '/api/notify/templates/preview',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags, body: schemas.previewBody, response: { 200: schemas.templatePreview } },
    },
    async (request) => admin.previewTemplate(db, requireActor(request), request.body),
  );
}
