/**
 * What the providers' webhook signatures share: a hex HMAC-SHA256 compared
 * in constant time, and a signing time read from a header and bounded.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a webhook's signature was refused: none sent, not ours, or signed too long ago (a replay). */
export type SignatureProblem = 'missing_signature' | 'bad_signature' | 'stale';

export type SignatureCheck = { ok: true } | { ok: false; reason: SignatureProblem };

export const SIGNATURE_OK: SignatureCheck = { ok: true };

/** Whether any candidate is hex(HMAC-SHA256(secret, payload)); every comparison takes the same time. */
export function hmacHexMatches(secret: string, payload: Buffer, candidates: readonly string[]): boolean {
  const expected = createHmac('sha256', secret).update(payload).digest();
  let matched = false;
  for (const candidate of candidates) {
    const given = /^[0-9a-f]{64}$/i.test(candidate) ? Buffer.from(candidate, 'hex') : null;
    // Every candidate is compared, and no early exit: the time taken says nothing about which one matched.
    if (given && timingSafeEqual(given, expected)) matched = true;
  }
  return matched;
}

/**
 * Unix milliseconds from a timestamp header or field: Unix seconds,
 * Unix milliseconds (13 digits and more) or ISO 8601; null when it is none of these.
 */
export function readTimestamp(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (/^\d{1,16}$/.test(text)) {
    const number = Number(text);
    return text.length >= 13 ? number : number * 1000;
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : parsed;
}

/** Whether a signing time is within `toleranceMs` of now, either way (clocks differ both ways). */
export function isFresh(signedAtMs: number, nowMs: number, toleranceMs: number): boolean {
  return Math.abs(nowMs - signedAtMs) <= toleranceMs;
}
