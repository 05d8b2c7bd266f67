import { contentDisposition } from '../../platform/excel/export.js';
import { rolesAllowed } from '../../platform/http/access.js';
import { registerListWithExport } from '../../platform/http/list-export.js';
import { idParam } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import * as schemas from './reports.schemas.js';
import { findDailyReports, generateDailyReportsNow, getDailyReportPdf } from './reports.service.js';
import { reportSheet } from './reports.sheet.js';

const tags = ['reports'];
// Which reports each reads is the policy's (reports.policy.ts): admin all, managers their
// projects', department heads their desks'.
const readers = rolesAllowed('admin', 'manager', 'dept_head');
const generators = rolesAllowed('admin', 'manager');

/** The daily report archive: list + Excel export, the PDF, and "generate now". */
export async function reportsRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  registerListWithExport(app, {
    url: '/api/reports/daily',
    tags,
    access: readers,
    scope: 'project',
    querystring: schemas.reportFilters,
    item: schemas.reportItem,
    find: ({ actor }, { sort: _sort, order, offset, limit, ...filter }) =>
      findDailyReports(db, actor, filter, { order, offset, limit }),
    sheet: reportSheet,
  });
  app.get(
    '/api/reports/daily/:id/pdf',
    { config: { answers: 'file', access: readers, scope: 'project' }, schema: { tags, params: idParam } },
    async (request, reply) => {
      const file = await getDailyReportPdf(db, requireActor(request), request.params.id);
      return reply
        .header('Content-Type', 'application/pdf')
        .header('Content-Disposition', contentDisposition(file.fileName))
        .send(file.bytes);
    },
  );
  app.post(
    '/api/reports/daily/generate',
    {
      config: { access: generators, scope: 'project' },
      schema: { tags, body: schemas.generateBody, response: { 201: schemas.generateAnswer } },
    },
    async (request, reply) => {
      const items = await generateDailyReportsNow(db, {
        actor: requireActor(request),
        projectId: request.body.projectId,
        day: request.body.day,
        now: now(),
      });
      return reply.status(201).send({ items });
    },
  );
}
