import { describe, expect, it } from 'vitest';
import {
  canHearRecording,
  checkRecordingUrl,
  isDeclaredType,
  isNewPlayback,
  parsePbxHosts,
  parseRange,
  sniffAudioType,
} from './recordings.rules.js';
import { toneWav } from './testing/tone-wav.js';

describe('recording rules', () => {
  const hosts = parsePbxHosts('PBX.example.com, 10.0.0.5:8443');

  it('accepts https addresses on a listed host and port only', () => {
    expect(hosts).toEqual(['pbx.example.com:443', '10.0.0.5:8443']);
    expect(checkRecordingUrl('https://pbx.example.com/r/1.wav#x', hosts)).toEqual({
      isAllowed: true,
      url: 'https://pbx.example.com/r/1.wav',
    });
    expect(checkRecordingUrl('https://10.0.0.5:8443/r/1.wav', hosts).isAllowed).toBe(true);
    const refusals = {
      'https://10.0.0.5/r/1.wav': 'host_not_allowed',
      'https://pbx.example.com:8443/r': 'host_not_allowed',
      'https://pbx.example.com.evil.example/r': 'host_not_allowed',
      'http://pbx.example.com/r': 'not_https',
      'file:///etc/passwd': 'not_https',
      'https://a:b@pbx.example.com/r': 'credentials',
      '/r/1.wav': 'not_url',
    };
    for (const [url, reason] of Object.entries(refusals))
      expect(checkRecordingUrl(url, hosts), url).toEqual({ isAllowed: false, reason });
    expect(checkRecordingUrl('https://pbx.example.com/r', []).isAllowed).toBe(false);
  });

  it('tells audio by its bytes, and checks the declared type against them', () => {
    expect(sniffAudioType(toneWav(0.1))).toBe('audio/wav');
    expect(
      sniffAudioType(Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000', 'latin1')),
    ).toBe('audio/mpeg');
    expect(
      sniffAudioType(Buffer.from('OggS\u0000\u0002\u0000\u0000\u0000\u0000\u0000\u0000', 'latin1')),
    ).toBe('audio/ogg');
    expect(sniffAudioType(Buffer.from('%PDF-1.7 not audio at all'))).toBeNull();
    expect(sniffAudioType(Buffer.from('RIFF'))).toBeNull();
    expect(isDeclaredType('audio/x-wav; codec=1', 'audio/wav')).toBe(true);
    expect(isDeclaredType('audio/mpeg', 'audio/wav')).toBe(false);
  });

  it('reads one byte range, suffix ranges and ranges past the end', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
  });

  it('counts the requests of one listening as one playback', () => {
    const now = new Date('2026-12-01T02:00:00.000Z');
    expect(isNewPlayback(undefined, now)).toBe(true);
    expect(isNewPlayback('2026-12-01T01:55:00.000Z', now)).toBe(false);
    expect(isNewPlayback('2026-12-01T01:50:00.000Z', now)).toBe(true);
  });

  it('lets listed roles of the call’s project, or its answerer, hear it', () => {
    const call = { projectId: 'p1', answeredByStaffId: 's1' };
    const policy = { listenRoles: ['dept_head'], answererListens: true };
    const grant = (role: string, projectId: string | null) => ({
      staffId: 'x',
      grants: [{ role, projectId }],
    });
    expect(canHearRecording(grant('dept_head', 'p1'), call, policy)).toBe(true);
    expect(canHearRecording(grant('dept_head', null), call, policy)).toBe(true);
    expect(canHearRecording(grant('dept_head', 'p2'), call, policy)).toBe(false);
    expect(canHearRecording(grant('agent', 'p1'), call, policy)).toBe(false);
    expect(canHearRecording({ staffId: 's1', grants: [] }, call, policy)).toBe(true);
    expect(canHearRecording({ staffId: 's1', grants: [] }, call, { ...policy, answererListens: false })).toBe(
      false,
    );
  });
});
