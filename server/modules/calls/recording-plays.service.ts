import type { Actor } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import type { Db } from '../../platform/db/database.js';
import { loadDeskContextCached } from './desk-context.js';
import * as directory from './directory.queries.js';
import * as queries from './recordings.queries.js';

/**
 * The playback log (who heard which call, when), newest first, for the administrator and the DPO:
 * the calls' desks, times and listeners by name, never the caller's number or the audio.
 */
export async function findRecordingPlays(
  db: Db,
  options: {
    actor: Actor;
    staffId?: string;
    callId?: string;
    from?: string;
    to?: string;
    offset: number;
    limit: number;
  },
) {
  const { actor, offset, limit, ...filters } = options;
  const visible = visibility(actor, 'company').condition({
    companyId: 'callRecordingPlays.companyId',
    projectId: 'callRecordingPlays.projectId',
  });
  const { rows, total } = await queries.findPlayPage(
    db,
    { companyId: actor.companyId, visible, ...filters },
    { offset, limit },
  );
  const names = await directory.findStaffNames(db, [
    ...rows.map((row) => row.staffId),
    ...rows.map((row) => row.callAnsweredByStaffId ?? ''),
  ]);
  const desks = new Map<string, { deskName: string; projectName: string }>();
  for (const deskId of new Set(rows.map((row) => row.deskId))) {
    const context = await loadDeskContextCached(db, actor.companyId, deskId);
    desks.set(deskId, { deskName: context.deskName, projectName: context.projectName });
  }
  return {
    items: rows.map((row) => ({
      id: row.id,
      playedAt: row.playedAt,
      staffId: row.staffId,
      staffName: names.get(row.staffId) ?? '',
      callId: row.callId,
      callRingingAt: row.callRingingAt,
      answeredByName: row.callAnsweredByStaffId ? (names.get(row.callAnsweredByStaffId) ?? '') : '',
      deskName: desks.get(row.deskId)?.deskName ?? '',
      projectName: desks.get(row.deskId)?.projectName ?? '',
    })),
    total,
  };
}
