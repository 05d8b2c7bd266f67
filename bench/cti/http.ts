import http from 'node:http';
import { signCtiRequest } from '../../server/modules/calls/index.js';

// The bench's HTTP client side: a PBX's keep-alive webhook posts, a signed-in session, percentiles.

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

// Keep-alive connections, as a PBX's webhook client keeps them; fetch (undici) costs the shared
// CPU several times more per request than node:http.
const agentPool = new http.Agent({ keepAlive: true, maxSockets: 256 });
export function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent: agentPool,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    request.end(body);
  });
}

/** One PBX event to the desk's webhook, signed with the desk's secret as the PBX signs it. */
export function postCtiEvent(
  baseUrl: string,
  desk: { id: string; secret: string },
  raw: string,
  timeoutMs = 30_000,
) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return post(
    `${baseUrl}/api/cti/events`,
    {
      'content-type': 'application/json',
      'x-yingke-desk': desk.id,
      'x-yingke-timestamp': timestamp,
      'x-yingke-signature': signCtiRequest(desk.secret, timestamp, raw),
    },
    raw,
    timeoutMs,
  );
}

export async function login(baseUrl: string, username: string) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Yingke2026' }),
  });
  if (!response.ok) throw new Error(`login ${username} failed: ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}
