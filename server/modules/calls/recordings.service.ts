import type { Actor } from '../../platform/auth/actor.js';
import { isUniqueViolation } from '../../platform/db/constraints.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { writeAudit } from '../audit/index.js';
import { getSetting } from '../settings/index.js';
import * as callQueries from './calls.queries.js';
import { getCallForActor } from './calls.service.js';
import type { CallsTable } from './calls.tables.js';
import { sha256Bytes } from './cti.crypto.js';
import type { DeskContext } from './desk-context.js';
import { recordingErrors, urlRefusalReasons } from './recordings.errors.js';
import * as queries from './recordings.queries.js';
import {
  type AudioType,
  canHearRecording,
  checkRecordingUrl,
  isDeclaredType,
  isNewPlayback,
  parsePbxHosts,
  sniffAudioType,
} from './recordings.rules.js';

// A call's recording: stored from the PBX (a reference with the call-end event, or an upload), and
// played to those allowed to hear it, every playback logged.

const recordingEntity = localized('录音', '錄音', 'Recording');

/**
 * Checks the recording address of a CTI event before the event writes anything: https, on an
 * allow-listed host, and not different from a recording the call already has. Returns the address
 * to store (or undefined when the event carries none).
 */
export async function checkEventRecording(
  trx: Tx,
  context: DeskContext,
  event: { type: string; callId: string; recording?: { url: string } },
): Promise<string | undefined> {
  if (!event.recording) return undefined;
  if (event.type !== 'ended')
    throw new AppError(
      recordingErrors.RECORDING_NOT_ON_END,
      {},
      { recording: recordingErrors.RECORDING_NOT_ON_END.message },
    );
  const hosts = parsePbxHosts(
    await getSetting(trx, 'calls.recordingPbxHosts', { companyId: context.companyId }),
  );
  const checked = checkRecordingUrl(event.recording.url, hosts);
  if (!checked.isAllowed) {
    const reason = urlRefusalReasons[checked.reason];
    throw new AppError(recordingErrors.RECORDING_URL_NOT_ALLOWED, { reason }, { 'recording.url': reason });
  }
  const call = await callQueries.findCallByExternalId(trx, context.deskId, event.callId);
  const existing = call ? await queries.findRecordingOfCall(trx, call.id) : undefined;
  if (existing && existing.pbxUrl !== checked.url) throw new AppError(recordingErrors.RECORDING_CONFLICT);
  return checked.url;
}

/** The columns every recording row has: its call, desk, project and company, when it came. */
function recordingOf(context: DeskContext, callId: string, now: Date) {
  const { companyId, projectId, deskId } = context;
  return { id: newId(), companyId, projectId, deskId, callId, receivedAt: now.toISOString() };
}

/** Links a checked PBX address to the call its event was applied to (once: a retry finds it stored). */
export async function attachRecordingReference(
  trx: Tx,
  context: DeskContext,
  call: Pick<CallsTable, 'id'>,
  url: string,
  now: Date,
): Promise<void> {
  if (await queries.findRecordingOfCall(trx, call.id)) return;
  await queries.insertRecording(trx, {
    ...recordingOf(context, call.id, now),
    source: 'pbx_url',
    pbxUrl: url,
    contentType: null,
    sizeBytes: null,
    sha256: null,
    audio: null,
  });
}

/** RECORDING_TOO_LARGE when `bytes` is over the company's calls.recordingMaxMegabytes. */
export async function assertRecordingSize(db: Db, companyId: string, bytes: number): Promise<void> {
  const megabytes = await getSetting(db, 'calls.recordingMaxMegabytes', { companyId });
  if (bytes > megabytes * 1024 * 1024) throw new AppError(recordingErrors.RECORDING_TOO_LARGE, { megabytes });
}

export interface RecordingUpload {
  context: DeskContext;
  /** The PBX's id of the call, as in its events. */
  externalCallId: string;
  declaredType: string;
  audio: Buffer;
  now: Date;
}

/**
 * Stores audio the PBX uploaded for one of its calls. Refused, storing nothing: a body that is not
 * audio of a known format (by its bytes) or not of the declared type, one over the size setting, a
 * call the desk never reported, or a call that already has a different recording. The same audio
 * sent again is answered as a duplicate.
 */
export async function storeUploadedRecording(db: Db, upload: RecordingUpload) {
  const { context, audio, now } = upload;
  await assertRecordingSize(db, context.companyId, audio.length);
  const sniffed = sniffAudioType(audio);
  if (!sniffed || !isDeclaredType(upload.declaredType, sniffed))
    throw new AppError(recordingErrors.RECORDING_NOT_AUDIO, { declared: upload.declaredType.slice(0, 60) });
  const hash = sha256Bytes(audio);
  const store = () =>
    db.transaction().execute(async (trx) => {
      const call = await callQueries.findCallByExternalId(trx, context.deskId, upload.externalCallId);
      if (!call)
        throw new AppError(recordingErrors.RECORDING_CALL_UNKNOWN, { callId: upload.externalCallId });
      const existing = await queries.findRecordingOfCall(trx, call.id);
      if (existing) {
        if (existing.sha256 !== hash) throw new AppError(recordingErrors.RECORDING_CONFLICT);
        return { callId: call.id, isDuplicate: true };
      }
      await queries.insertRecording(trx, {
        ...recordingOf(context, call.id, now),
        source: 'upload',
        pbxUrl: null,
        contentType: sniffed satisfies AudioType,
        sizeBytes: audio.length,
        sha256: hash,
        audio,
      });
      return { callId: call.id, isDuplicate: false };
    });
  try {
    return await store();
  } catch (error) {
    // Two uploads of one call at once: the loser finds the winner's row and answers as a retry would.
    if (isUniqueViolation(error)) return store();
    throw error;
  }
}

/** Whether the actor may hear the call's recording (its desk already visible to them). */
async function mayHear(db: Tx, actor: Actor, call: CallsTable): Promise<boolean> {
  const context = { companyId: call.companyId, projectId: call.projectId };
  const [listenRoles, answererListens] = await Promise.all([
    getSetting(db, 'calls.recordingListenRoles', context),
    getSetting(db, 'calls.recordingAnswererListens', context),
  ]);
  return canHearRecording(actor, call, { listenRoles, answererListens });
}

/** What the call's detail shows of its recording: nothing to those who may not hear it. */
export async function findRecordingInfo(db: Db, actor: Actor, call: CallsTable) {
  if (!(await mayHear(db, actor, call))) return null;
  const recording = await queries.findRecordingOfCall(db, call.id);
  if (recording)
    return {
      status: 'available' as const,
      receivedAt: recording.receivedAt,
      sizeBytes: recording.sizeBytes,
      deletedAt: null,
    };
  if (call.recordingDeletedAt)
    return {
      status: 'deleted' as const,
      receivedAt: null,
      sizeBytes: null,
      deletedAt: call.recordingDeletedAt,
    };
  return null;
}

/**
 * Opens a call's recording for playback. 404 (never 403) for a call the actor does not see, one
 * without a recording, or one they may not hear. A playback is logged (row and audit) on its first
 * request: the range requests of one listener to one call within playbackWindowMs are one playback.
 */
export async function openRecording(db: Db, options: { actor: Actor; callId: string; now: Date }) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const { call } = await getCallForActor(trx, actor, options.callId);
    const recording = await queries.findRecordingOfCall(trx, call.id);
    if (!recording || !(await mayHear(trx, actor, call)))
      throw new AppError(commonErrors.NOT_FOUND, { entity: recordingEntity });
    if (recording.pbxUrl) {
      // The allow-list is read again: a host removed since the event no longer gets requests.
      const hosts = parsePbxHosts(
        await getSetting(trx, 'calls.recordingPbxHosts', { companyId: call.companyId }),
      );
      if (!checkRecordingUrl(recording.pbxUrl, hosts).isAllowed)
        throw new AppError(recordingErrors.RECORDING_PBX_UNAVAILABLE);
    }
    if (isNewPlayback(await queries.findLastPlay(trx, call.id, actor.staffId), now)) {
      await queries.insertPlay(trx, {
        id: newId(),
        companyId: call.companyId,
        projectId: call.projectId,
        deskId: call.deskId,
        callId: call.id,
        staffId: actor.staffId,
        playedAt: now.toISOString(),
      });
      await writeAudit(trx, {
        actor,
        at: now,
        projectId: call.projectId,
        entityType: 'call',
        entityId: call.id,
        action: 'recording.play',
      });
    }
    return recording;
  });
}

export { readAudioRange } from './recordings.queries.js';
