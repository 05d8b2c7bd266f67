import { hash, randomInt, timingSafeEqual } from 'node:crypto';

/** How long a one-time code is valid, how many wrong tries void it, how soon another may be sent (settings opening.code*). */
export interface CodePolicy {
  validMinutes: number;
  maxAttempts: number;
  resendSeconds: number;
}

/** Seconds a buyer must still wait before another code may be sent; 0 when one may be sent now. */
export function secondsUntilResend(codeSentAt: string | null, policy: CodePolicy, now: Date): number {
  if (!codeSentAt) return 0;
  const wait = Date.parse(codeSentAt) + policy.resendSeconds * 1000 - now.getTime();
  return wait > 0 ? Math.ceil(wait / 1000) : 0;
}

export type EventPhase = 'cancelled' | 'upcoming' | 'open' | 'closed';

export function eventPhase(
  event: { startsAt: string; endsAt: string; isCancelled: number },
  now: Date,
): EventPhase {
  if (event.isCancelled) return 'cancelled';
  const at = now.toISOString();
  if (at < event.startsAt) return 'upcoming';
  if (at >= event.endsAt) return 'closed';
  return 'open';
}

export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function sha256(text: string): string {
  // The one-shot hash: no Hash object per call (a buyer's session token is hashed on every request).
  return hash('sha256', text, 'hex');
}

/** The code is hashed with the buyer id, so equal codes of two buyers do not look alike. */
export function hashCode(buyerId: string, code: string): string {
  return sha256(`${buyerId}:${code}`);
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Mainland mobile numbers only: the code goes out by SMS. */
export function normaliseMobile(phone: string): string | null {
  const digits = phone.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export function maskName(name: string): string {
  if (name.length <= 1) return name;
  return `${name[0]}${'*'.repeat(Math.min(2, name.length - 1))}`;
}
