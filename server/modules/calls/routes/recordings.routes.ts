import { localized } from '../../../platform/errors.js';
import { type ExportSheet, shanghaiTime } from '../../../platform/excel/export.js';
import { rolesAllowed } from '../../../platform/http/access.js';
import { registerListWithExport } from '../../../platform/http/list-export.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../calls.schemas.js';
import { fetchPbxRecording } from '../pbx-recording.js';
import { findRecordingPlays } from '../recording-plays.service.js';
import { parseRange } from '../recordings.rules.js';
import { recordingPlayFilters, recordingPlaySchema } from '../recordings.schemas.js';
import { openRecording, readAudioRange } from '../recordings.service.js';
import { deskAccess, tags } from './route-support.js';

type PlayRow = Awaited<ReturnType<typeof findRecordingPlays>>['items'][number];

/** A range answer carries at most this much: the browser asks for the rest as it plays. */
const maxChunkBytes = 2 * 1024 * 1024;

const playSheet: ExportSheet<PlayRow> = {
  fileName: localized('录音收听记录.xlsx', '錄音收聽記錄.xlsx', 'recording-playback-log.xlsx'),
  sheetName: localized('收听记录', '收聽記錄', 'Playbacks'),
  columns: [
    {
      header: localized('收听时间', '收聽時間', 'Played at'),
      width: 20,
      value: (row) => shanghaiTime(row.playedAt),
    },
    { header: localized('收听人', '收聽人', 'Listener'), value: (row) => row.staffName },
    { header: localized('项目', '項目', 'Project'), value: (row) => row.projectName },
    { header: localized('接听席', '接聽席', 'Desk'), value: (row) => row.deskName },
    {
      header: localized('来电时间', '來電時間', 'Call time'),
      width: 20,
      value: (row) => shanghaiTime(row.callRingingAt),
    },
    { header: localized('接听人', '接聽人', 'Answered by'), value: (row) => row.answeredByName },
  ],
};

/** Playing a call's recording (Range requests, the PBX proxied) and the playback log with its export. */
export async function recordingRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/calls/:callId/recording',
    {
      config: { answers: 'file', access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: "The call's recording as audio (byte ranges supported); every playback is logged",
        params: schemas.callIdParams,
      },
    },
    async (request, reply) => {
      const recording = await openRecording(db, {
        actor: requireActor(request),
        callId: request.params.callId,
        now: now(),
      });
      reply.header('Accept-Ranges', 'bytes');
      if (recording.pbxUrl) {
        const answer = await fetchPbxRecording(recording.pbxUrl, request.headers.range);
        reply.status(answer.status).header('Content-Type', answer.contentType);
        if (answer.contentLength) reply.header('Content-Length', answer.contentLength);
        if (answer.contentRange) reply.header('Content-Range', answer.contentRange);
        return reply.send(answer.body);
      }
      const size = recording.sizeBytes ?? 0;
      const range = parseRange(request.headers.range, size);
      if (range === 'unsatisfiable')
        return reply.status(416).header('Content-Range', `bytes */${size}`).send('');
      const start = range?.start ?? 0;
      const end = range ? Math.min(range.end, start + maxChunkBytes - 1) : size - 1;
      const bytes = await readAudioRange(db, recording.id, start, end);
      reply.header('Content-Type', recording.contentType ?? 'application/octet-stream');
      if (range)
        reply.status(206).header('Content-Range', `bytes ${start}-${start + bytes.length - 1}/${size}`);
      return reply.send(bytes);
    },
  );

  registerListWithExport(app, {
    url: '/api/call-recording-plays',
    tags,
    access: rolesAllowed('admin', 'dpo'),
    scope: 'company',
    querystring: recordingPlayFilters,
    item: recordingPlaySchema,
    // The newest first: the sort is not offered.
    find: ({ actor }, { sort: _sort, order: _order, ...query }) =>
      findRecordingPlays(db, { actor, ...query }),
    sheet: playSheet,
    exportLimit: 20_000,
  });
}
