/**
 * Checks a Love&Pay request the way the provider does: api key, a timestamp
 * within 5 minutes, and the exact HMAC signature over
 * METHOD + PATH (as sent, without query) + TIMESTAMP + hex(sha256(body)).
 */
import { timingSafeEqual } from 'node:crypto';
import { signLoveAndPay } from '../../providers/loveandpay/sign.js';
import type { Incoming, Outgoing } from '../http-kit.js';
import { flatError } from './errors.js';

/** Largest accepted clock skew (the provider's documented window: 5 minutes). */
const MAX_SKEW_MS = 5 * 60_000;

export interface LoveAndPayKeys {
  apiKey: string;
  secretKey: string;
}

/** Returns the error answer, or null when the request is properly signed. */
export function rejectUnsigned(request: Incoming, keys: LoveAndPayKeys, now: number): Outgoing | null {
  const apiKey = header(request, 'x-api-key');
  const timestamp = header(request, 'x-timestamp');
  const signature = header(request, 'x-signature');
  if (!apiKey || !timestamp || !signature) {
    return flatError(
      401,
      'MISSING_HEADERS',
      'Missing required headers',
      'x-api-key, x-timestamp and x-signature are required',
    );
  }
  if (!sameText(apiKey, keys.apiKey)) {
    return flatError(401, 'INVALID_API_KEY', 'Invalid API key', 'The API key is unknown or revoked');
  }
  if (!/^\d{1,16}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) {
    return flatError(
      401,
      'TIMESTAMP_EXPIRED',
      'Request timestamp expired',
      'x-timestamp is more than 5 minutes away from server time',
      'Send the current Unix time in milliseconds',
    );
  }
  const expected = signLoveAndPay({
    secretKey: keys.secretKey,
    method: request.method,
    path: request.rawPath,
    timestamp,
    body: request.body,
  });
  if (!sameText(signature, expected)) {
    return flatError(
      401,
      'INVALID_SIGNATURE',
      'Invalid signature',
      'The request signature does not match',
      'Sign METHOD + PATH + TIMESTAMP + sha256(body) with HMAC-SHA256 and your secret key',
    );
  }
  return null;
}

function header(request: Incoming, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
