/**
 * Stripe webhook events (DESIGN.md, "Provider webhooks";
 * docs.stripe.com/webhooks#verify-manually): `Stripe-Signature:
 * t=<unix seconds>,v1=<hex>[,v1=<hex>...]`, where each v1 is hex(HMAC-SHA256(
 * secret, t + "." + raw body)). During a secret rotation Stripe sends one v1
 * per secret, so any matching v1 is enough. A signature whose t is more than
 * five minutes off is refused, so a captured request cannot be replayed later.
 */
import { hmacHexMatches, isFresh, SIGNATURE_OK, type SignatureCheck } from '../webhook-signature.js';
import { parseStripeEvent, type StripeEvent } from './client.js';

/** Stripe's libraries' default tolerance (DESIGN.md: 300 s). */
export const STRIPE_SIGNATURE_TOLERANCE_MS = 300_000;

/** The events a verification session sends (docs.stripe.com/identity/handle-verification-outcomes). */
export const SESSION_EVENT_PREFIX = 'identity.verification_session.';

export function verifyStripeSignature(header: string | undefined, rawBody: Buffer, secret: string, nowMs: number): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing_signature' };
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = parts.find(([key]) => key === 't')?.[1];
  const signatures = parts.filter(([key, value]) => key === 'v1' && value).map(([, value]) => value!);
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0) return { ok: false, reason: 'bad_signature' };
  const payload = Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), rawBody]);
  if (!hmacHexMatches(secret, payload, signatures)) return { ok: false, reason: 'bad_signature' };
  if (!isFresh(Number(timestamp) * 1000, nowMs, STRIPE_SIGNATURE_TOLERANCE_MS)) return { ok: false, reason: 'stale' };
  return SIGNATURE_OK;
}

/** A signed body, read: a verification session's event, another event (acknowledged, ignored), or not an event at all. */
export type StripeWebhook =
  | { kind: 'session'; event: StripeEvent }
  | { kind: 'other'; type: string }
  | { kind: 'malformed' };

export function readStripeWebhook(rawBody: Buffer): StripeWebhook {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { kind: 'malformed' };
  }
  const type = (body as { type?: unknown } | null)?.type;
  if (typeof type !== 'string') return { kind: 'malformed' };
  if (!type.startsWith(SESSION_EVENT_PREFIX)) return { kind: 'other', type };
  const event = parseStripeEvent(body);
  return event ? { kind: 'session', event } : { kind: 'malformed' };
}
