import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext, AppInstance } from '../../platform/http/types.js';
import { ctiUploadSigningText } from './cti.crypto.js';
import { checkCtiHeaders, ctiHeaders, verifyCtiRequest } from './cti.service.js';
import { loadDeskContextCached } from './desk-context.js';
import { assertRecordingSize, storeUploadedRecording } from './recordings.service.js';

/** The PBX's id of the call an upload belongs to, as in its events. */
export const ctiCallIdHeader = 'x-yingke-call-id';

/** Bodies larger than this are cut off unread; the setting calls.recordingMaxMegabytes (≤ 100) decides below it. */
const uploadBodyLimit = 100 * 1024 * 1024;

const description = `Upload a call's recording (version 1). The body is the audio itself (WAV, MP3, OGG/Opus,
M4A/AAC, WebM or FLAC), with its Content-Type; the call is named by \`${ctiCallIdHeader}\` (the PBX's call id
of its events, which must have been sent first).

Signed like the events, with the desk's secret: \`${ctiHeaders.desk}\`, \`${ctiHeaders.timestamp}\` and
\`${ctiHeaders.signature}\` = \`v1=\` + hex HMAC-SHA256 of \`<timestamp>.<call id>.<hex SHA-256 of the body>\`.

Answers: 200 stored or duplicate (the same audio again for the call changes nothing); 400 not audio, or not
of the declared type; 401 signature; 404 unknown call; 409 the call already has a different recording;
413 over the size setting. Refused uploads store nothing.`;

/** POST /api/cti/recordings — authenticated by its own HMAC signature, not by a session. */
export async function ctiRecordingRoutes(app: AppInstance, { database, now }: AppContext) {
  const { db } = database;
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // Whatever the declared type, the bytes are read and judged by their signature (a clear error, not 415).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: uploadBodyLimit },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/cti/recordings',
      {
        config: { access: { public: true, reason: 'signed CTI recording upload' }, scope: 'public' },
        bodyLimit: uploadBodyLimit,
        // Before the body is read: an unsigned or stale request, or one announcing more than the
        // size setting, is refused without taking in up to 100 MB.
        onRequest: async (request) => {
          const { credential } = await checkCtiHeaders(db, request.headers, now());
          const declared = Number(request.headers['content-length'] ?? 0);
          await assertRecordingSize(db, credential.companyId, declared);
        },
        schema: {
          tags: ['cti'],
          summary: "Upload a call's recording",
          description,
          headers: z.object({
            [ctiHeaders.desk]: z.string().optional(),
            [ctiHeaders.timestamp]: z.string().optional(),
            [ctiHeaders.signature]: z.string().optional(),
            [ctiCallIdHeader]: z.string().trim().min(1).max(128),
            'content-type': z.string().max(200).optional(),
          }),
          response: {
            200: z.object({ status: z.enum(['stored', 'duplicate']), callId: z.string() }),
          },
        },
      },
      async (request) => {
        const audio = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const externalCallId = request.headers[ctiCallIdHeader];
        const verified = await verifyCtiRequest(
          db,
          { headers: request.headers, rawBody: ctiUploadSigningText(externalCallId, audio) },
          now(),
        );
        const context = await loadDeskContextCached(db, verified.companyId, verified.deskId);
        const stored = await storeUploadedRecording(db, {
          context,
          externalCallId,
          declaredType: request.headers['content-type'] ?? '',
          audio,
          now: now(),
        });
        return {
          status: stored.isDuplicate ? ('duplicate' as const) : ('stored' as const),
          callId: stored.callId,
        };
      },
    );
  });
}
