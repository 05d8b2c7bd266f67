import { beforeAll, describe, expect, it } from 'vitest';
import { ctiUploadSigningText, signCtiRequest } from '../server/modules/calls/index.js';
import { toneWav } from '../server/modules/calls/testing/index.js';
import { sendCtiEvent, serviceDeskWithSecret } from './call-desk-setup.js';
import { apiSession, screenshot, useE2eSuite } from './harness.js';

/** What the PBX does after the call: uploads its recording, signed with the desk's secret. */
async function uploadRecording(
  baseUrl: string,
  deskId: string,
  secret: string,
  externalCallId: string,
  audio: Buffer,
) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${baseUrl}/api/cti/recordings`, {
    method: 'POST',
    headers: {
      'content-type': 'audio/wav',
      'x-yingke-desk': deskId,
      'x-yingke-timestamp': timestamp,
      'x-yingke-call-id': externalCallId,
      'x-yingke-signature': signCtiRequest(secret, timestamp, ctiUploadSigningText(externalCallId, audio)),
    },
    body: new Uint8Array(audio),
  });
  if (!response.ok) throw new Error(`upload refused: ${response.status} ${await response.text()}`);
  return (await response.json()) as { status: string; callId: string };
}

describe('call recording, from the PBX to the head’s ears and the playback log', () => {
  const suite = useE2eSuite();
  let deskId: string;
  let secret: string;

  beforeAll(async () => {
    ({ deskId, secret } = await serviceDeskWithSecret(suite.server.baseUrl));
  });

  it('a call ends with a recording, the head opens the call and plays it, and the playback is in the DPO’s log', async () => {
    const { baseUrl } = suite.server;
    const pbxCallId = `rec-${Date.now()}`;
    const { callId } = await sendCtiEvent(
      baseUrl,
      deskId,
      secret,
      {
        callId: pbxCallId,
        type: 'ringing',
        callerNumber: '13912345678',
      },
      'rec',
    );
    await sendCtiEvent(
      baseUrl,
      deskId,
      secret,
      { callId: pbxCallId, type: 'answered', agent: 'agent' },
      'rec',
    );
    await sendCtiEvent(
      baseUrl,
      deskId,
      secret,
      { callId: pbxCallId, type: 'ended', releasedBy: 'caller' },
      'rec',
    );
    const audio = toneWav(2);
    expect((await uploadRecording(baseUrl, deskId, secret, pbxCallId, audio)).status).toBe('stored');
    // The PBX retries its upload: stored once.
    expect((await uploadRecording(baseUrl, deskId, secret, pbxCallId, audio)).status).toBe('duplicate');

    const head = await suite.signedInPage('servicehead');
    await head.goto(`/calls/history?callId=${callId}`);
    const player = head.getByTestId('call-recording-audio');
    await player.waitFor({ timeout: 15_000 });
    // Muted, so the headless browser lets a script start it; the bytes come from the server by range.
    await player.evaluate((element: HTMLAudioElement) => {
      element.muted = true;
      return element.play();
    });
    await expect
      .poll(() => player.evaluate((element: HTMLAudioElement) => element.duration), { timeout: 10_000 })
      .toBeGreaterThan(1.9);
    await expect
      .poll(() => player.evaluate((element: HTMLAudioElement) => element.currentTime), { timeout: 10_000 })
      .toBeGreaterThan(0.3);
    // Seeking asks for a range the server answers with 206.
    await player.evaluate((element: HTMLAudioElement) => {
      element.currentTime = 1.5;
    });
    await expect
      .poll(() => player.evaluate((element: HTMLAudioElement) => element.currentTime), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1.5);
    await screenshot(head, 'call-recording-drawer');

    const me = await (await apiSession(baseUrl, 'servicehead'))<{ user: { displayName: string } }>(
      'GET',
      '/auth/me',
    );
    const dpo = await suite.signedInPage('dpo');
    await dpo.goto('/calls/recording-plays');
    const table = dpo.getByTestId('recording-plays-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 10_000 }).toBe(1);
    const row = await table.locator('tbody tr.ant-table-row').first().innerText();
    expect(row).toContain(me.user.displayName);
    expect(row).toContain('客户服务中心');
    await screenshot(dpo, 'call-recording-plays');
  });
});
