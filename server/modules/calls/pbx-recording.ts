import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { AppError } from '../../platform/errors.js';
import { recordingErrors } from './recordings.errors.js';

// Fetching a recording the PBX keeps, for the browser: the server asks the PBX (the browser never
// learns its address) and streams the answer through, passing the browser's Range on so seeking
// works. Only addresses already checked against the allow-list come here, and they are checked
// again by the caller at every playback (the list may have changed). Redirects are never followed:
// a PBX that answers 3xx could send the server anywhere.

/** How long the PBX may take to start answering. */
const pbxTimeoutMs = 10_000;

/**
 * PBXes often present a certificate of the office's own CA: PBX_CA_FILE names a PEM file of extra
 * CAs trusted (besides the public ones) for recording addresses only.
 */
function trustedCas(): string[] | undefined {
  const file = process.env.PBX_CA_FILE;
  if (!file) return undefined;
  return [...tls.rootCertificates, fs.readFileSync(file, 'utf8')];
}

export interface PbxAnswer {
  status: 200 | 206;
  contentType: string;
  contentLength: string | undefined;
  contentRange: string | undefined;
  body: IncomingMessage;
}

function unavailable(reason: string): AppError {
  const error = new AppError(recordingErrors.RECORDING_PBX_UNAVAILABLE);
  error.cause = reason;
  return error;
}

/** Starts the PBX's answer for `url` (https, allow-listed), with the browser's Range if any. */
export function fetchPbxRecording(url: string, range: string | undefined): Promise<PbxAnswer> {
  return new Promise((resolve, reject) => {
    const request = https.get(
      url,
      {
        ca: trustedCas(),
        timeout: pbxTimeoutMs,
        headers: { accept: 'audio/*', ...(range ? { range } : {}) },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const contentType = String(response.headers['content-type'] ?? '').toLowerCase();
        if (status === 416) {
          response.resume();
          reject(new AppError(recordingErrors.RECORDING_RANGE_UNSATISFIABLE));
          return;
        }
        if ((status !== 200 && status !== 206) || !contentType.startsWith('audio/')) {
          response.resume();
          reject(unavailable(`PBX answered ${status} ${contentType}`));
          return;
        }
        resolve({
          status,
          contentType: contentType.split(';')[0].trim(),
          contentLength: response.headers['content-length'],
          contentRange: response.headers['content-range'],
          body: response,
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('PBX timed out')));
    request.on('error', (error) => reject(unavailable(error.message)));
  });
}
