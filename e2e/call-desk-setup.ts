import { signCtiRequest } from '../server/modules/calls/index.js';
import { apiSession } from './harness.js';

// What the call-desk browser tests share: the PBX's side of a call.

let eventCounter = 0;

/** What the PBX does: one signed event per request; `prefix` keeps each test file's event ids apart. */
export async function sendCtiEvent(
  baseUrl: string,
  deskId: string,
  secret: string,
  fields: Record<string, unknown>,
  prefix = 'e2e',
) {
  eventCounter += 1;
  const body = JSON.stringify({
    version: 1,
    eventId: `${prefix}-${Date.now()}-${eventCounter}`,
    occurredAt: new Date().toISOString(),
    ...fields,
  });
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
  if (!response.ok) throw new Error(`CTI event refused: ${response.status} ${await response.text()}`);
  return (await response.json()) as { callId: string };
}

/** The demo's customer-service desk and a fresh CTI secret for it, made by the administrator. */
export async function serviceDeskWithSecret(baseUrl: string): Promise<{ deskId: string; secret: string }> {
  const admin = await apiSession(baseUrl, 'admin');
  const desks = await admin<{ items: Array<{ id: string; kind: string }> }>('GET', '/calls/setup/desks');
  const deskId = desks.items.find((desk) => desk.kind === 'service_centre')!.id;
  const { secret } = await admin<{ secret: string }>('POST', `/calls/desks/${deskId}/cti-secret`);
  return { deskId, secret };
}
