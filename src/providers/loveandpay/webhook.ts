/**
 * Love&Pay webhook events (DESIGN.md, "Provider webhooks"): the body
 * `{id, event, timestamp, data: {id, ...}, partnerId, retryCount}`, signed in
 * `x-webhook-signature: sha256=<hex HMAC-SHA256(secret, raw body)>`, with
 * `x-webhook-id` and `x-webhook-timestamp`. The signature covers the body
 * only; a timestamp header, when sent, must still be within five minutes,
 * as Stripe's and Slack's are. KYC events (kyc.completed, kyc.failed) carry
 * an unpublished payload: only the session id is taken from them.
 */
import { z } from 'zod';
import { hmacHexMatches, isFresh, readTimestamp, SIGNATURE_OK, type SignatureCheck } from '../webhook-signature.js';

export const LOVEANDPAY_SIGNATURE_TOLERANCE_MS = 300_000;

/** The events about KYC sessions; every other one (invoice.*) is acknowledged and ignored. */
export const KYC_EVENTS: readonly string[] = ['kyc.completed', 'kyc.failed'];

export interface LoveAndPayWebhookHeaders {
  signature?: string;
  id?: string;
  timestamp?: string;
}

export function verifyLoveAndPaySignature(
  headers: LoveAndPayWebhookHeaders,
  rawBody: Buffer,
  secret: string,
  nowMs: number,
): SignatureCheck {
  if (!headers.signature) return { ok: false, reason: 'missing_signature' };
  const [scheme, hex] = headers.signature.trim().split('=', 2);
  if (scheme !== 'sha256' || !hex || !hmacHexMatches(secret, rawBody, [hex])) return { ok: false, reason: 'bad_signature' };
  if (headers.timestamp !== undefined) {
    const signedAt = readTimestamp(headers.timestamp);
    if (signedAt === null || !isFresh(signedAt, nowMs, LOVEANDPAY_SIGNATURE_TOLERANCE_MS)) return { ok: false, reason: 'stale' };
  }
  return SIGNATURE_OK;
}

// Only what is needed to act is required; everything else may be missing or null (DESIGN.md: the payload is not published).
const bodySchema = z.looseObject({
  id: z.string().min(1).nullish(),
  event: z.string().min(1),
  timestamp: z.union([z.string(), z.number()]).nullish(),
  data: z.looseObject({ id: z.string().min(1).nullish(), sessionId: z.string().min(1).nullish() }).nullish(),
});

export type LoveAndPayWebhook =
  | { kind: 'kyc'; eventId: string; event: string; sessionId: string; occurredAtMs: number | null }
  | { kind: 'other'; event: string }
  | { kind: 'malformed' };

/** A signed body, read: a KYC event with its ids, another event, or nothing usable (no event id or session id). */
export function readLoveAndPayWebhook(rawBody: Buffer, headers: LoveAndPayWebhookHeaders): LoveAndPayWebhook {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { kind: 'malformed' };
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) return { kind: 'malformed' };
  const body = parsed.data;
  if (!KYC_EVENTS.includes(body.event)) return { kind: 'other', event: body.event };
  const eventId = body.id ?? headers.id;
  const sessionId = body.data?.id ?? body.data?.sessionId;
  if (!eventId || !sessionId) return { kind: 'malformed' };
  return { kind: 'kyc', eventId, event: body.event, sessionId, occurredAtMs: readTimestamp(body.timestamp) ?? readTimestamp(headers.timestamp) };
}
