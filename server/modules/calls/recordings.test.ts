import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '../../testing/factories.js';
import { signIn, type TestSession } from '../../testing/test-app.js';
import { ctiUploadSigningText, signCtiRequest } from './cti.crypto.js';
import { deleteExpiredRecordings } from './recording-retention.js';
import {
  admin,
  agent,
  agentSession,
  app,
  clock,
  countCalls,
  ctiEvent,
  database,
  head,
  org,
  postCti,
  secret,
  setUpCallsWorld,
} from './testing/calls-world.js';
import { startFakePbx } from './testing/fake-pbx.js';
import { toneWav } from './testing/tone-wav.js';

setUpCallsWorld();

const wav = toneWav(1.5);
let pbx: Awaited<ReturnType<typeof startFakePbx>>;
let headSession: TestSession;
let otherAgent: TestSession;
let dpo: TestSession;
let guard: TestSession;

beforeAll(async () => {
  pbx = await startFakePbx(wav);
  headSession = await signIn(app, head.username);
  const other = await buildStaff(database.db, org, {
    roles: [{ role: 'agent', projectId: org.estateProjectId }],
  });
  otherAgent = await signIn(app, other.username);
  dpo = await signIn(app, (await buildStaff(database.db, org, { roles: ['dpo'] })).username);
  const guardActor = await buildStaff(database.db, org, {
    roles: [{ role: 'guard', projectId: org.estateProjectId }],
  });
  guard = await signIn(app, guardActor.username);
  const set = await admin.request('PUT', '/api/settings/calls.recordingPbxHosts', {
    scopeType: 'company',
    scopeId: org.companyId,
    value: pbx.host,
  });
  expect(set.statusCode).toBe(200);
});

afterAll(async () => {
  await pbx.close();
});

/** A call rung, answered by the agent and ended, its end carrying `recording` when given. */
async function endedCall(externalId: string, recording?: { url: string }) {
  await postCti(ctiEvent({ callId: externalId, type: 'ringing', callerNumber: '13912345678' }));
  clock.advance(5_000);
  await postCti(ctiEvent({ callId: externalId, type: 'answered', agent: agent.username }));
  clock.advance(30_000);
  const end = ctiEvent({
    callId: externalId,
    type: 'ended',
    releasedBy: 'caller',
    ...(recording ? { recording } : {}),
  });
  return { end, answer: await postCti(end) };
}

async function upload(
  externalId: string,
  audio: Buffer,
  options: { contentType?: string; key?: string } = {},
) {
  const timestamp = String(Math.floor(clock.now().getTime() / 1000));
  return app.inject({
    method: 'POST',
    url: '/api/cti/recordings',
    headers: {
      'content-type': options.contentType ?? 'audio/wav',
      'x-yingke-desk': org.serviceDeskId,
      'x-yingke-timestamp': timestamp,
      'x-yingke-call-id': externalId,
      'x-yingke-signature': signCtiRequest(
        options.key ?? secret,
        timestamp,
        ctiUploadSigningText(externalId, audio),
      ),
    },
    payload: audio,
  });
}

async function countRecordings() {
  const row = await database.db
    .selectFrom('callRecordings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function playsOf(callId: string) {
  return database.db.selectFrom('callRecordingPlays').selectAll().where('callId', '=', callId).execute();
}

describe('call recordings from the PBX', () => {
  it('stores an ended event’s PBX recording once: a retried event is a duplicate and stores nothing more', async () => {
    const before = await countRecordings();
    const { end, answer } = await endedCall('rec-url-1', { url: pbx.url });
    expect(answer.statusCode).toBe(200);
    // The PBX retries a moment later (a fresh signature: an exact replay would be refused).
    clock.advance(1_000);
    const retry = await postCti(end);
    expect(retry.json().status).toBe('duplicate');
    expect(await countRecordings()).toBe(before + 1);
    const detail = await headSession.request('GET', `/api/calls/${answer.json().callId}`);
    expect(detail.json().recording).toMatchObject({ status: 'available', sizeBytes: null });
    // The browser never learns where the PBX is.
    expect(detail.body).not.toContain(pbx.host);
  });

  it('refuses a recording address off the allow-list, over http or with credentials (SSRF): 400, nothing stored, nothing fetched', async () => {
    await postCti(ctiEvent({ callId: 'rec-ssrf', type: 'ringing', callerNumber: '13912345678' }));
    const fetchedBefore = pbx.requests.length;
    for (const url of [
      'https://169.254.169.254/latest/meta-data/',
      `http://${pbx.host}/recordings/call-1.wav`,
      `https://user:secret@${pbx.host}/recordings/call-1.wav`,
      'https://127.0.0.1:1/recordings/call-1.wav',
      'not an address',
    ]) {
      const before = await countCalls();
      const refused = await postCti(ctiEvent({ callId: 'rec-ssrf', type: 'ended', recording: { url } }));
      expect(refused.statusCode, url).toBe(400);
      expect(refused.json().error.code).toBe('RECORDING_URL_NOT_ALLOWED');
      expect(refused.json().error.fields['recording.url']).toBeTruthy();
      expect(await countCalls()).toEqual(before);
    }
    expect(pbx.requests.length).toBe(fetchedBefore);
    const onRinging = await postCti(
      ctiEvent({ callId: 'rec-ssrf-2', type: 'ringing', recording: { url: pbx.url } }),
    );
    expect(onRinging.json().error.code).toBe('RECORDING_NOT_ON_END');
  });

  it('stores an upload once: the same audio again is a duplicate, other audio for the call a conflict', async () => {
    const { answer } = await endedCall('rec-up-1');
    const before = await countRecordings();
    const stored = await upload('rec-up-1', wav);
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toEqual({ status: 'stored', callId: answer.json().callId });
    expect((await upload('rec-up-1', wav)).json().status).toBe('duplicate');
    const other = await upload('rec-up-1', toneWav(1, 880));
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('RECORDING_CONFLICT');
    expect(await countRecordings()).toBe(before + 1);
  });

  it('refuses a bad upload with a clear error and stores nothing', async () => {
    await endedCall('rec-bad');
    const before = await countRecordings();
    const notAudio = await upload('rec-bad', Buffer.from('<html><body>not a recording</body></html>'), {
      contentType: 'audio/wav',
    });
    expect(notAudio.statusCode).toBe(400);
    expect(notAudio.json().error.code).toBe('RECORDING_NOT_AUDIO');
    expect(notAudio.json().error.message).toContain('audio/wav');
    const wrongType = await upload('rec-bad', wav, { contentType: 'audio/mpeg' });
    expect(wrongType.json().error.code).toBe('RECORDING_NOT_AUDIO');
    const unsigned = await upload('rec-bad', wav, { key: 'ykcti_wrong' });
    expect(unsigned.statusCode).toBe(401);
    const unknown = await upload('rec-never-rang', wav);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('RECORDING_CALL_UNKNOWN');
    await admin.request('PUT', '/api/settings/calls.recordingMaxMegabytes', {
      scopeType: 'company',
      scopeId: org.companyId,
      value: 1,
    });
    const large = await upload('rec-bad', toneWav(70));
    expect(large.statusCode).toBe(413);
    expect(large.json().error.code).toBe('RECORDING_TOO_LARGE');
    await admin.request(
      'DELETE',
      `/api/settings/calls.recordingMaxMegabytes?scopeType=company&scopeId=${org.companyId}`,
    );
    expect(await countRecordings()).toBe(before);
  });
});

describe('listening to a recording', () => {
  let callId: string;
  beforeAll(async () => {
    const { answer } = await endedCall('rec-play');
    callId = answer.json().callId;
    expect((await upload('rec-play', wav)).statusCode).toBe(200);
  });

  it('streams byte ranges to the department head and logs one playback for the requests of one listening', async () => {
    const first = await headSession.request('GET', `/api/calls/${callId}/recording`, undefined, {
      range: 'bytes=0-99',
    });
    expect(first.statusCode).toBe(206);
    expect(first.headers['content-type']).toBe('audio/wav');
    expect(first.headers['content-range']).toBe(`bytes 0-99/${wav.length}`);
    expect(first.rawPayload.equals(wav.subarray(0, 100))).toBe(true);
    const seek = await headSession.request('GET', `/api/calls/${callId}/recording`, undefined, {
      range: `bytes=${wav.length - 10}-`,
    });
    expect(seek.rawPayload.equals(wav.subarray(wav.length - 10))).toBe(true);
    const whole = await headSession.request('GET', `/api/calls/${callId}/recording`);
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(wav)).toBe(true);
    const past = await headSession.request('GET', `/api/calls/${callId}/recording`, undefined, {
      range: `bytes=${wav.length + 5}-`,
    });
    expect(past.statusCode).toBe(416);
    const plays = await playsOf(callId);
    expect(plays).toHaveLength(1);
    expect(plays[0]).toMatchObject({ staffId: head.staffId, playedAt: clock.now().toISOString() });
    // Another listening later is another playback.
    clock.advance(11 * 60_000);
    await headSession.request('GET', `/api/calls/${callId}/recording`, undefined, { range: 'bytes=0-' });
    expect(await playsOf(callId)).toHaveLength(2);
  });

  it('lets the agent who answered listen, and answers 404 to everyone else who may not', async () => {
    expect((await agentSession.request('GET', `/api/calls/${callId}/recording`)).statusCode).toBe(200);
    expect((await otherAgent.request('GET', `/api/calls/${callId}/recording`)).statusCode).toBe(404);
    expect((await guard.request('GET', `/api/calls/${callId}/recording`)).statusCode).toBe(404);
    const otherDetail = await otherAgent.request('GET', `/api/calls/${callId}`);
    expect(otherDetail.statusCode).toBe(200);
    expect(otherDetail.json().recording).toBeNull();
    await admin.request('PUT', '/api/settings/calls.recordingAnswererListens', {
      scopeType: 'project',
      scopeId: org.estateProjectId,
      value: false,
    });
    expect((await agentSession.request('GET', `/api/calls/${callId}/recording`)).statusCode).toBe(404);
    await admin.request(
      'DELETE',
      `/api/settings/calls.recordingAnswererListens?scopeType=project&scopeId=${org.estateProjectId}`,
    );
    // The administrator sees no personal data: not a desk role, refused before any call is looked up.
    expect((await admin.request('GET', `/api/calls/${callId}/recording`)).statusCode).toBe(403);
    const listeners = (await playsOf(callId)).map((play) => play.staffId);
    expect(listeners).toContain(agent.staffId);
    expect(listeners.filter((id) => id !== head.staffId && id !== agent.staffId)).toEqual([]);
  });

  it('shows every playback to the administrator and the DPO, with an export, and nobody else', async () => {
    for (const session of [admin, dpo]) {
      const list = await session.request('GET', `/api/call-recording-plays?callId=${callId}`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((item: { staffName: string }) => item.staffName)).toContain('孙丽');
      expect(list.json().items[0]).toMatchObject({ callId, deskName: expect.any(String) });
    }
    const exported = await dpo.request('GET', '/api/call-recording-plays/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    expect((await headSession.request('GET', '/api/call-recording-plays')).statusCode).toBe(403);
    const audit = await database.db
      .selectFrom('auditLog')
      .select(['action', 'actorId'])
      .where('entityId', '=', callId)
      .where('action', '=', 'recording.play')
      .execute();
    expect(audit.length).toBe((await playsOf(callId)).length);
  });

  it('proxies a PBX recording with its Range, from the PBX, to the head', async () => {
    const { answer } = await endedCall('rec-proxy', { url: pbx.url });
    const proxied = await headSession.request(
      'GET',
      `/api/calls/${answer.json().callId}/recording`,
      undefined,
      {
        range: 'bytes=44-143',
      },
    );
    expect(proxied.statusCode).toBe(206);
    expect(proxied.headers['content-range']).toBe(`bytes 44-143/${wav.length}`);
    expect(proxied.rawPayload.equals(wav.subarray(44, 144))).toBe(true);
    expect(pbx.requests.at(-1)).toEqual({ url: '/recordings/call-1.wav', range: 'bytes=44-143' });
    // A host taken off the list is not asked again, even for a recording stored before.
    await admin.request('PUT', '/api/settings/calls.recordingPbxHosts', {
      scopeType: 'company',
      scopeId: org.companyId,
      value: 'pbx.elsewhere.example',
    });
    const asked = pbx.requests.length;
    const refused = await headSession.request('GET', `/api/calls/${answer.json().callId}/recording`);
    expect(refused.statusCode).toBe(503);
    expect(pbx.requests.length).toBe(asked);
    await admin.request('PUT', '/api/settings/calls.recordingPbxHosts', {
      scopeType: 'company',
      scopeId: org.companyId,
      value: pbx.host,
    });
  });
});

describe('recording retention', () => {
  it('deletes recordings past the project’s days (audio and row), counts them and leaves the call its mark', async () => {
    const { answer } = await endedCall('rec-old');
    await upload('rec-old', wav);
    const callId = answer.json().callId;
    await admin.request('PUT', '/api/settings/calls.recordingRetentionDays', {
      scopeType: 'project',
      scopeId: org.estateProjectId,
      value: 2,
    });
    const kept = await deleteExpiredRecordings(database.db, {
      now: new Date(clock.now().getTime() + 86_400_000),
    });
    expect(kept.deleted).toBe(0);
    const before = await countRecordings();
    const sweepAt = new Date(clock.now().getTime() + 3 * 86_400_000);
    const swept = await deleteExpiredRecordings(database.db, { now: sweepAt });
    expect(swept.deleted).toBe(before);
    expect(await countRecordings()).toBe(0);
    const detail = await headSession.request('GET', `/api/calls/${callId}`);
    expect(detail.json().recording).toEqual({
      status: 'deleted',
      receivedAt: null,
      sizeBytes: null,
      deletedAt: sweepAt.toISOString(),
    });
    expect((await headSession.request('GET', `/api/calls/${callId}/recording`)).statusCode).toBe(404);
    const audit = await database.db
      .selectFrom('auditLog')
      .select('afterJson')
      .where('action', '=', 'retention_delete')
      .where('entityType', '=', 'call_recording')
      .execute();
    expect(audit.reduce((sum, row) => sum + JSON.parse(row.afterJson ?? '{}').deleted, 0)).toBe(before);
    await admin.request(
      'DELETE',
      `/api/settings/calls.recordingRetentionDays?scopeType=project&scopeId=${org.estateProjectId}`,
    );
  });
});
