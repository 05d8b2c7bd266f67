import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

/**
 * A time-ordered UUID (version 7, RFC 9562) for customer and phone rows. Still a text UUID like
 * every other id, but new rows land at the end of the primary-key index instead of at random
 * pages, which is what keeps a 100,000-row import into a million-row register fast.
 */
export function newCustomerId(now: number = Date.now()): string {
  // A 12-bit counter keeps ids made within one millisecond in order.
  if (now <= lastMs) sequence = (sequence + 1) & 0xfff;
  else sequence = 0;
  lastMs = Math.max(now, lastMs);
  const bytes = randomBytes(16);
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | (sequence >>> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The secret half of an unsubscribe link; the link is `<customer id>.<secret>`. */
export function newUnsubscribeSecret(): string {
  return randomBytes(18).toString('base64url');
}
