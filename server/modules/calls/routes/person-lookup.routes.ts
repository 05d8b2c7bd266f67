import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { personLookupSchema, personSearchBody, personSearchResultSchema } from '../call-detail.schemas.js';
import * as schemas from '../calls.schemas.js';
import { openPersonLookup, recordPersonNotFound, searchForCaller } from '../person-lookup.service.js';
import { deskAccess, tags } from './route-support.js';

/** CS-4: the agent does not know the person sought — the phrase shown, searches made for the caller, the outcome. */
export async function personLookupRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.post(
    '/api/calls/:callId/person-lookup',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary:
          'The agent does not know the person sought: the CS-4 phrase is shown (the first opening is kept)',
        params: schemas.callIdParams,
        response: { 200: personLookupSchema },
      },
    },
    async (request) =>
      openPersonLookup(db, {
        actor: requireActor(request),
        callId: request.params.callId,
        locale: request.locale,
        now: now(),
      }),
  );

  app.post(
    '/api/calls/:callId/person-lookup/searches',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary:
          'Search the staff directory and the residents register for the caller (CS-4); the search is kept on the call',
        params: schemas.callIdParams,
        body: personSearchBody,
        response: { 200: personSearchResultSchema },
      },
    },
    async (request) =>
      searchForCaller(db, {
        actor: requireActor(request),
        callId: request.params.callId,
        input: request.body,
        limit: 30,
        now: now(),
      }),
  );

  app.post(
    '/api/calls/:callId/person-lookup/not-found',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'Nobody was found and the caller was told (CS-4)',
        params: schemas.callIdParams,
        response: { 200: personLookupSchema },
      },
    },
    async (request) =>
      recordPersonNotFound(db, { actor: requireActor(request), callId: request.params.callId, now: now() }),
  );
}
