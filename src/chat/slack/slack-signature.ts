/**
 * Is this request from Slack, and fresh? Slack signs every request with
 * `x-slack-signature: v0=` + hex HMAC-SHA256(signing secret,
 * `v0:{x-slack-request-timestamp}:{raw body}`), the timestamp in Unix seconds
 * (docs.slack.dev/authentication/verifying-requests-from-slack). The
 * signature is checked first, then the timestamp, which must lie within five
 * minutes of our clock either way: Slack's docs reject old ones to stop
 * replays, and a timestamp from the future would stretch that window.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Slack's documented window for x-slack-request-timestamp, in seconds. */
export const SLACK_TIMESTAMP_WINDOW_S = 5 * 60;

export type SignatureCheck =
  /** `signature` is the header as sent; `timestampS` the signed timestamp. */
  | { ok: true; signature: string; timestampS: number }
  | { ok: false; reason: 'unsigned' | 'bad_signature' | 'stale_timestamp' | 'future_timestamp' };

export function checkSlackSignature(signingSecret: string, headers: IncomingHttpHeaders, rawBody: Buffer, nowMs: number): SignatureCheck {
  const signature = headers['x-slack-signature'];
  const timestamp = headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: 'unsigned' };
  }
  const expected = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;
  if (!sameInConstantTime(signature, expected)) return { ok: false, reason: 'bad_signature' };
  const timestampS = Number(timestamp);
  const nowS = Math.floor(nowMs / 1000);
  if (nowS - timestampS > SLACK_TIMESTAMP_WINDOW_S) return { ok: false, reason: 'stale_timestamp' };
  if (timestampS - nowS > SLACK_TIMESTAMP_WINDOW_S) return { ok: false, reason: 'future_timestamp' };
  return { ok: true, signature, timestampS };
}

/** timingSafeEqual needs equal lengths; the length of a hex HMAC is no secret. */
function sameInConstantTime(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
