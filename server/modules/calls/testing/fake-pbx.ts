import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A PBX serving one recording over https with a self-signed certificate made at test time
 * (openssl), trusted through PBX_CA_FILE as an office's own CA would be. It honours Range as PBXes
 * do, and counts the requests it got (so a test can prove a refused address was never fetched).
 */
export async function startFakePbx(audio: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-pbx-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const requests: Array<{ url: string; range: string | undefined }> = [];
  const server = https.createServer(
    { key: fs.readFileSync(key), cert: fs.readFileSync(cert) },
    (request, response) => {
      requests.push({ url: request.url ?? '', range: request.headers.range });
      if (request.url !== '/recordings/call-1.wav') {
        response.writeHead(404).end();
        return;
      }
      const match = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
      if (!match) {
        response.writeHead(200, { 'content-type': 'audio/wav', 'content-length': audio.length }).end(audio);
        return;
      }
      const start = Number(match[1]);
      const end = match[2] ? Math.min(Number(match[2]), audio.length - 1) : audio.length - 1;
      response
        .writeHead(206, {
          'content-type': 'audio/wav',
          'content-length': end - start + 1,
          'content-range': `bytes ${start}-${end}/${audio.length}`,
        })
        .end(audio.subarray(start, end + 1));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.PBX_CA_FILE = cert;
  return {
    host,
    url: `https://${host}/recordings/call-1.wav`,
    requests,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
