/**
 * Provider webhooks as the providers send them (DESIGN.md, "Provider
 * webhooks"), signed by hand so a test (or the benchmark) can send good,
 * forged, stale and repeated ones to the app's receivers.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

/** A Love&Pay event about a KYC session: kyc.completed (approved) or kyc.failed (declined). */
export function loveAndPayWebhook(
  secret: string,
  input: { sessionId: string; event?: string; id?: string; atMs?: number; signatureSecret?: string },
): SignedWebhook & { id: string } {
  const id = input.id ?? `evt_${randomBytes(12).toString('hex')}`;
  const at = input.atMs ?? Date.now();
  const body = JSON.stringify({
    id,
    event: input.event ?? 'kyc.completed',
    timestamp: new Date(at).toISOString(),
    data: { id: input.sessionId },
    partnerId: 'partner_test',
    retryCount: 0,
  });
  const signature = createHmac('sha256', input.signatureSecret ?? secret).update(body).digest('hex');
  return {
    id,
    body,
    headers: { 'content-type': 'application/json', 'x-webhook-signature': `sha256=${signature}`, 'x-webhook-id': id, 'x-webhook-timestamp': String(at) },
  };
}

/** The Stripe-Signature header for a body, signed at `atSeconds` with each secret (several: a rotation). */
export function stripeSignature(body: string, secrets: string[], atSeconds = Math.floor(Date.now() / 1000)): string {
  const v1 = secrets.map((secret) => `v1=${createHmac('sha256', secret).update(`${atSeconds}.${body}`).digest('hex')}`);
  return [`t=${atSeconds}`, ...v1].join(',');
}

/** A Stripe event (e.g. one from the sandbox's data.stripeEvents), signed. */
export function stripeWebhook(secret: string, event: object, options: { atSeconds?: number; secrets?: string[] } = {}): SignedWebhook {
  const body = JSON.stringify(event);
  return {
    body,
    headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignature(body, options.secrets ?? [secret], options.atSeconds) },
  };
}

/** POSTs a webhook to the app's receiver; resolves with the status and the JSON answer. */
export async function postWebhook(
  origin: string,
  provider: 'loveandpay' | 'stripe',
  webhook: SignedWebhook,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${origin}/webhooks/${provider}`, { method: 'POST', headers: webhook.headers, body: webhook.body });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
