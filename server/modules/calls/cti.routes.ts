import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { AppContext, AppInstance } from '../../platform/http/types.js';
import { callsErrors } from './calls.errors.js';
import {
  ctiEventSchema,
  ctiHeaders,
  ctiTimestampWindowSeconds,
  type VerifiedCtiRequest,
  verifyCtiRequest,
} from './cti.service.js';
import { receiveCtiEvent } from './cti-events.js';
import { ctiRecordingRoutes } from './cti-recordings.routes.js';

interface RawCtiBody {
  raw: string;
  parsed: unknown;
  isMalformed: boolean;
}

const rawBodies = new WeakMap<FastifyRequest, RawCtiBody>();
const verifiedRequests = new WeakMap<FastifyRequest, VerifiedCtiRequest>();

const description = `Version 1 of the telephony webhook. A PBX or cloud call-centre posts one JSON event per request.

Sign every request with the desk's secret (Admin → 呼叫中心设置 → CTI):
- \`${ctiHeaders.desk}\`: the desk id
- \`${ctiHeaders.timestamp}\`: Unix time in seconds; refused when more than ${ctiTimestampWindowSeconds} s from the server clock
- \`${ctiHeaders.signature}\`: \`v1=\` + hex HMAC-SHA256 of \`<timestamp>.<raw body>\` with the secret

Answers: 200 accepted or duplicate (a retry of an eventId already stored changes nothing);
401 missing/wrong signature or stale timestamp; 409 exact replay of a request, or an eventId reused
for a different event; 400 malformed body. Refused requests store nothing. Events may arrive in any
order: the call is re-derived from all of its events.

An \`ended\` event may carry \`recording.url\`: an https address on a PBX host the administrator allow-listed
(setting calls.recordingPbxHosts); any other address is refused with 400 RECORDING_URL_NOT_ALLOWED and the
event is not stored. The server fetches it only when someone allowed plays it; browsers never see it.`;

/** POST /api/cti/events (and /api/cti/recordings) — authenticated by their own HMAC signature, not by a session. */
export async function ctiRoutes(app: AppInstance, context: AppContext) {
  const { database, now } = context;
  const { db } = database;
  await ctiRecordingRoutes(app, context);
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // The signature covers the exact bytes sent, so the body is kept raw and parsed only after checking it.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (request, body, done) => {
        const raw = typeof body === 'string' ? body : body.toString('utf8');
        let parsed: unknown = null;
        let isMalformed = false;
        try {
          parsed = JSON.parse(raw);
        } catch {
          isMalformed = true;
        }
        rawBodies.set(request, { raw, parsed, isMalformed });
        done(null, parsed);
      },
    );

    scope.post(
      '/api/cti/events',
      {
        config: { access: { public: true, reason: 'signed CTI webhook' }, scope: 'public' },
        schema: {
          tags: ['cti'],
          summary: 'Telephony events (ringing, answered, held, resumed, transferred, ended)',
          description,
          headers: z.object({
            [ctiHeaders.desk]: z.string().optional(),
            [ctiHeaders.timestamp]: z.string().optional(),
            [ctiHeaders.signature]: z.string().optional(),
          }),
          body: ctiEventSchema,
          response: {
            200: z.object({
              status: z.enum(['accepted', 'duplicate']),
              callId: z.string(),
              callStatus: z.enum(['ringing', 'answered', 'on_hold', 'ended', 'missed']),
            }),
          },
        },
        preValidation: async (request) => {
          const body = rawBodies.get(request) ?? { raw: '', parsed: null, isMalformed: true };
          verifiedRequests.set(
            request,
            await verifyCtiRequest(db, { headers: request.headers, rawBody: body.raw }, now()),
          );
          if (body.isMalformed)
            throw new AppError(callsErrors.CTI_MALFORMED_EVENT, { reason: 'body is not JSON' });
        },
      },
      async (request) => {
        const verified = verifiedRequests.get(request);
        if (!verified) throw new AppError(callsErrors.CTI_UNAUTHENTICATED);
        // Answered only once the batch holding this event has committed.
        const recorded = await receiveCtiEvent(database, {
          verified,
          event: request.body,
          rawBody: rawBodies.get(request)?.raw ?? '',
          requestId: request.id,
          now: now(),
        });
        return {
          status: recorded.isDuplicate ? ('duplicate' as const) : ('accepted' as const),
          callId: recorded.call.id,
          callStatus: recorded.call.status,
        };
      },
    );
  });
}
