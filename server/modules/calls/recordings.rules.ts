// Call recordings: pure rules (no I/O, `now` passed in).

/** The allow-list setting as entries `host` (port 443) or `host:port`, lower case. */
export function parsePbxHosts(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
    .map((entry) => (entry.includes(':') ? entry : `${entry}:443`));
}

export type RecordingUrlCheck =
  | { isAllowed: true; url: string }
  | { isAllowed: false; reason: 'not_url' | 'not_https' | 'credentials' | 'host_not_allowed' };

/**
 * A PBX recording address is fetched by the server, so only https addresses on a host the
 * administrator listed are accepted (never any other address: SSRF). User names or passwords in the
 * address are refused too: they would be stored in clear and sent wherever the address points.
 */
export function checkRecordingUrl(text: string, allowedHosts: readonly string[]): RecordingUrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { isAllowed: false, reason: 'not_url' };
  }
  if (url.protocol !== 'https:') return { isAllowed: false, reason: 'not_https' };
  if (url.username || url.password) return { isAllowed: false, reason: 'credentials' };
  const host = `${url.hostname.toLowerCase()}:${url.port || '443'}`;
  if (!allowedHosts.includes(host)) return { isAllowed: false, reason: 'host_not_allowed' };
  url.hash = '';
  return { isAllowed: true, url: url.toString() };
}

export type AudioType = 'audio/wav' | 'audio/mpeg' | 'audio/ogg' | 'audio/mp4' | 'audio/webm' | 'audio/flac';

/** Content types a PBX may declare for each audio format a browser plays. */
const declaredTypes: Record<AudioType, readonly string[]> = {
  'audio/wav': ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  'audio/mpeg': ['audio/mpeg', 'audio/mp3'],
  'audio/ogg': ['audio/ogg', 'audio/opus'],
  'audio/mp4': ['audio/mp4', 'audio/m4a', 'audio/x-m4a', 'audio/aac'],
  'audio/webm': ['audio/webm'],
  'audio/flac': ['audio/flac', 'audio/x-flac'],
};

/** The audio format of the first bytes (its signature), or null: the declared type alone is not trusted. */
export function sniffAudioType(bytes: Buffer): AudioType | null {
  const ascii = (start: number, end: number) => bytes.subarray(start, end).toString('latin1');
  if (bytes.length < 12) return null;
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(4, 8) === 'ftyp') return 'audio/mp4';
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'audio/webm';
  if (ascii(0, 3) === 'ID3') return 'audio/mpeg';
  // An MPEG audio frame: 11 sync bits, a layer that is not "reserved".
  if (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 && (bytes[1] & 0x06) !== 0) return 'audio/mpeg';
  return null;
}

/** Whether a declared Content-Type (parameters ignored) names the sniffed format. */
export function isDeclaredType(declared: string, sniffed: AudioType): boolean {
  const bare = declared.split(';')[0].trim().toLowerCase();
  return declaredTypes[sniffed].includes(bare);
}

export type ByteRange = { start: number; end: number };

/**
 * One `Range: bytes=…` of a resource of `size` bytes (RFC 9110 §14.1.2): null when absent or not a
 * single byte range (the whole resource is sent), 'unsatisfiable' when it starts past the end.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * A browser fetches one playback in many range requests (and again on every seek): the requests of
 * one listener to one call within this window are one playback, logged once.
 */
export const playbackWindowMs = 10 * 60_000;

export function isNewPlayback(lastPlayedAt: string | undefined, now: Date): boolean {
  return !lastPlayedAt || now.getTime() - Date.parse(lastPlayedAt) >= playbackWindowMs;
}

/** Recordings received before this instant are past a retention of `days` days. */
export function recordingCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/** Who may hear a call's recording: a listed role in the call's project, or the one who answered it. */
export function canHearRecording(
  actor: { staffId: string; grants: ReadonlyArray<{ role: string; projectId: string | null }> },
  call: { projectId: string; answeredByStaffId: string | null },
  policy: { listenRoles: readonly string[]; answererListens: boolean },
): boolean {
  if (policy.answererListens && call.answeredByStaffId && call.answeredByStaffId === actor.staffId)
    return true;
  return actor.grants.some(
    (grant) =>
      policy.listenRoles.includes(grant.role) &&
      (grant.projectId === null || grant.projectId === call.projectId),
  );
}
