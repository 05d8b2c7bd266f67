import { z } from 'zod';
import { rolesAllowed } from '../../../platform/http/access.js';
import { toOffset } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../notify.schemas.js';
import * as admin from '../use-cases/index.js';

const adminOnly = rolesAllowed('admin');
const tags = ['notify'];

/** The dead-letter list: the company's notification jobs, a dead one retried. */
export async function jobsRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/notify/jobs',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags, querystring: schemas.jobListQuery, response: { 200: schemas.jobPage } },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const [{ rows, total }, counts] = await Promise.all([
        admin.findJobs(db, requireActor(request), filter, toOffset({ page, pageSize })),
        admin.jobCounts(db, requireActor(request)),
      ]);
      return {
        items: rows.map(({ payloadJson, ...row }) => ({
          ...row,
          payload: JSON.parse(payloadJson) as unknown,
        })),
        total,
        page,
        pageSize,
        counts,
      };
    },
  );
  app.post(
    '/api/notify/jobs/:id/retry',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 200: schemas.done },
      },
    },
    async (request) => {
      await admin.retryDeadJob(db, { actor: requireActor(request), jobId: request.params.id, now: now() });
      return { ok: true as const };
    },
  );
}
