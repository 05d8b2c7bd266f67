import { markScopeApplied } from '../../platform/auth/scope.js';
import { AppError } from '../../platform/errors.js';
import { anyStaff, rolesAllowed } from '../../platform/http/access.js';
import { registerListWithExport, registerReportWithExport } from '../../platform/http/list-export.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import { conformanceErrors } from './conformance.errors.js';
import { addDays, shanghaiDay } from './conformance.rules.js';
import * as schemas from './conformance.schemas.js';
import { scorecardRows, scorecardSheet, subjectsSheet } from './conformance.sheets.js';
import { cancelRescore, getRescoreProgress, startRescore } from './rescore.js';
import { getScorecard } from './scorecards.js';
import { findScoredSubjects, getSubjectConformance } from './subjects.js';

const tags = ['conformance'];

/** A period of at most 400 days, ending on or after its start (default: this month so far). */
function checkedPeriod<Q extends { from?: string; to?: string; mine?: 'true' | 'false' }>(
  query: Q,
  now: Date,
) {
  const to = query.to ?? shanghaiDay(now);
  const from = query.from ?? `${to.slice(0, 7)}-01`;
  if (to < from || addDays(from, 400) < to) throw new AppError(conformanceErrors.BAD_PERIOD);
  return { ...query, from, to, mine: query.mine === 'true' };
}

/** CONF: subject detail, scorecards, the drill-down (each with its Excel export) and the rescoring. */
export async function conformanceRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/conformance/subjects/:kind/:id',
    {
      config: { access: anyStaff, scope: 'company' },
      schema: { tags, params: schemas.subjectParams, response: { 200: schemas.subjectConformanceSchema } },
    },
    async (request) =>
      getSubjectConformance(db, {
        actor: requireActor(request),
        kind: request.params.kind,
        id: request.params.id,
        now: now(),
      }),
  );

  registerReportWithExport(app, {
    url: '/api/conformance/scorecard',
    tags,
    access: anyStaff,
    scope: 'company',
    querystring: schemas.scorecardQuery,
    response: schemas.scorecardSchema,
    find: ({ actor }, query) => getScorecard(db, { actor, query: checkedPeriod(query, now()) }),
    rows: scorecardRows,
    sheet: scorecardSheet,
  });

  registerListWithExport(app, {
    url: '/api/conformance/subjects',
    tags,
    access: anyStaff,
    scope: 'company',
    querystring: schemas.subjectsQuery,
    item: schemas.scoredSubjectSchema,
    find: ({ actor }, query) => findScoredSubjects(db, { actor, query: checkedPeriod(query, now()) }),
    sheet: subjectsSheet,
  });

  const admin = rolesAllowed('admin');
  const progressResponse = { response: { 200: schemas.rescoreProgressSchema } };
  app.get(
    '/api/conformance/rescore',
    { config: { access: admin, scope: 'company' }, schema: { tags, ...progressResponse } },
    async (request) => {
      const actor = requireActor(request);
      markScopeApplied(actor, 'company');
      return getRescoreProgress(db, actor);
    },
  );
  app.post(
    '/api/conformance/rescore',
    { config: { access: admin, scope: 'company' }, schema: { tags, ...progressResponse } },
    async (request) => {
      const actor = requireActor(request);
      markScopeApplied(actor, 'company');
      return startRescore(db, { actor, now: now() });
    },
  );
  app.post(
    '/api/conformance/rescore/cancel',
    { config: { access: admin, scope: 'company' }, schema: { tags, ...progressResponse } },
    async (request) => {
      const actor = requireActor(request);
      markScopeApplied(actor, 'company');
      return cancelRescore(db, actor);
    },
  );
}
