/**
 * npm run cti:simulate — plays a PBX against a running Yingke server, for demos and manual tests.
 *
 *   npm run cti:simulate -- [--url http://127.0.0.1:3000] [--desk 客户服务中心] [--calls 12]
 *                           [--speed 1] [--secret ykcti_…] [--admin admin --password Yingke2026]
 *                           [--recordings upload|none]
 *
 * Without --secret it signs in as the administrator and makes a new CTI secret for the desk
 * (the old one stops working — fine on a demo install, not on a desk wired to a real PBX).
 * Calls overlap, so the desk sees two ringing at once (SEC-7); the mix has quick answers, late
 * ones past the desk's rings, missed calls, holds, transfers, an "ended" that overtakes its
 * "answered", and PBX retries of an event (which must change nothing). Answered calls end with their
 * recording uploaded (a generated tone, as /api/cti/recordings takes it), sent twice now and then
 * as a PBX retry would; `--recordings none` leaves them out.
 */
import { randomUUID } from 'node:crypto';
import { ctiCallIdHeader, ctiUploadSigningText, signCtiRequest } from '../server/modules/calls/index.js';
import { toneWav } from '../server/modules/calls/testing/index.js';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const baseUrl = option(
  'url',
  process.env.YINGKE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`,
).replace(/\/$/, '');
const deskName = option('desk', '客户服务中心');
const callCount = Number(option('calls', '12'));
const speed = Math.max(0.1, Number(option('speed', '1')));
const say = (text: string) => process.stdout.write(`${text}\n`);
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / speed));

async function adminSession() {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: option('admin', 'admin'), password: option('password', 'Yingke2026') }),
  });
  if (!response.ok)
    throw new Error(
      `Sign-in as administrator failed (${response.status}); pass --secret and --desk <id> instead.`,
    );
  return {
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0],
    csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken,
  };
}

async function resolveDesk(): Promise<{ deskId: string; secret: string }> {
  const given = option('secret', '');
  if (given && /^[0-9a-f-]{36}$/.test(deskName)) return { deskId: deskName, secret: given };
  const admin = await adminSession();
  const desks = (await (
    await fetch(`${baseUrl}/api/calls/setup/desks`, { headers: { cookie: admin.cookie } })
  ).json()) as { items: Array<{ id: string; name: string }> };
  const desk = desks.items.find((item) => item.id === deskName || item.name === deskName);
  if (!desk)
    throw new Error(
      `No call desk named ${deskName}; desks: ${desks.items.map((item) => item.name).join(', ')}`,
    );
  if (given) return { deskId: desk.id, secret: given };
  const rotated = await fetch(`${baseUrl}/api/calls/desks/${desk.id}/cti-secret`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
  });
  if (!rotated.ok) throw new Error(`Could not make a CTI secret: ${rotated.status} ${await rotated.text()}`);
  say(`desk ${desk.name} (${desk.id}): new CTI secret made for this simulation`);
  return { deskId: desk.id, secret: ((await rotated.json()) as { secret: string }).secret };
}

const { deskId, secret } = await resolveDesk();

async function post(event: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${baseUrl}/api/cti/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-yingke-desk': deskId,
      'x-yingke-timestamp': timestamp,
      'x-yingke-signature': signCtiRequest(secret, timestamp, body),
    },
    body,
  });
  const answer = await response.text();
  say(
    `${String(event.callId).slice(0, 12)} ${String(event.type).padEnd(11)} → ${response.status} ${answer.slice(0, 90)}`,
  );
}

const sendsRecordings = option('recordings', 'upload') !== 'none';

/** The PBX's upload of a call's recording: the audio, signed over the call id and its SHA-256. */
async function uploadRecording(externalCallId: string, seconds: number): Promise<void> {
  const audio = toneWav(seconds, 330 + (seconds % 5) * 60);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${baseUrl}/api/cti/recordings`, {
    method: 'POST',
    headers: {
      'content-type': 'audio/wav',
      'x-yingke-desk': deskId,
      'x-yingke-timestamp': timestamp,
      [ctiCallIdHeader]: externalCallId,
      'x-yingke-signature': signCtiRequest(secret, timestamp, ctiUploadSigningText(externalCallId, audio)),
    },
    body: new Uint8Array(audio),
  });
  say(
    `${externalCallId.slice(0, 12)} recording   → ${response.status} ${(await response.text()).slice(0, 90)}`,
  );
}

const numbers = [
  '13912345678',
  '0755-23456789',
  '13622223333',
  '18688889999',
  '13800000015',
  '15012341234',
  '12345',
];
const agents = ['agent', 'agent2'];

async function playCall(index: number): Promise<void> {
  const callId = `sim-${randomUUID().slice(0, 8)}`;
  const event = (type: string, extra: Record<string, unknown> = {}) => ({
    version: 1,
    eventId: randomUUID(),
    callId,
    type,
    occurredAt: new Date().toISOString(),
    ...extra,
  });
  const kind = index % 7;
  const ringing = event('ringing', { callerNumber: numbers[index % numbers.length] });
  await post(ringing);
  if (kind === 3) {
    await sleep(25);
    await post(event('ended', { releasedBy: 'caller' }));
    return;
  }
  await sleep(kind === 5 ? 17 : 2 + (index % 4) * 3);
  const answered = event('answered', { agent: agents[index % agents.length] });
  if (kind === 6) {
    // The PBX's "ended" overtakes its "answered"; the call is re-read when "answered" arrives.
    await sleep(20);
    await post(event('ended', { releasedBy: 'caller' }));
    await post(answered);
    return;
  }
  await post(answered);
  if (kind === 1) {
    await sleep(8);
    await post(event('held'));
    await sleep(12);
    await post(event('resumed'));
  }
  if (kind === 2) {
    await sleep(10);
    await post(event('transferred', { transferTo: 'engineer', transferKind: 'transfer' }));
  }
  await sleep(15 + (index % 5) * 6);
  const ended = event('ended', { releasedBy: index % 6 === 0 ? 'agent' : 'caller' });
  await post(ended);
  if (kind === 4) await post({ ...ended, occurredAt: ended.occurredAt });
  if (sendsRecordings) {
    await uploadRecording(callId, 3 + (index % 4));
    // Now and then the PBX retries the upload: the server stores it once.
    if (kind === 0) await uploadRecording(callId, 3 + (index % 4));
  }
}

const running: Array<Promise<unknown>> = [];
for (let index = 0; index < callCount; index++) {
  running.push(playCall(index).catch((error: unknown) => say(`call ${index} failed: ${String(error)}`)));
  // Calls overlap: every few seconds a new one rings while others are in progress.
  await sleep(index % 3 === 0 ? 1 : 6);
}
await Promise.all(running);
say('simulation finished');
