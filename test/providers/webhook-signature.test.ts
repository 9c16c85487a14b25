import { describe, expect, it } from 'vitest';
import { readLoveAndPayWebhook, verifyLoveAndPaySignature } from '../../src/providers/loveandpay/webhook.js';
import { readStripeWebhook, verifyStripeSignature } from '../../src/providers/stripe/webhook.js';
import { readTimestamp } from '../../src/providers/webhook-signature.js';
import { loveAndPayWebhook, stripeSignature } from '../support/webhooks.js';

const SECRET = 'whsec_test_secret_0123456789';
const NOW_S = 1_764_000_000;
const NOW_MS = NOW_S * 1000;
const body = Buffer.from('{"id":"evt_1","type":"identity.verification_session.verified"}');
const stripe = (header: string | undefined, raw = body) => verifyStripeSignature(header, raw, SECRET, NOW_MS);

describe('Stripe webhook signatures (t=..., v1=...)', () => {
  it('accepts the signature of the raw body at its time', () => {
    expect(stripe(stripeSignature(body.toString(), [SECRET], NOW_S))).toEqual({ ok: true });
  });

  it('accepts any matching v1 while a secret is rotated', () => {
    expect(stripe(stripeSignature(body.toString(), ['whsec_old_secret', SECRET], NOW_S))).toEqual({ ok: true });
    expect(stripe(stripeSignature(body.toString(), [SECRET, 'whsec_new_secret'], NOW_S))).toEqual({ ok: true });
  });

  it('refuses another secret, a changed body, a missing header and a header without t or v1', () => {
    expect(stripe(stripeSignature(body.toString(), ['whsec_someone_else'], NOW_S))).toEqual({ ok: false, reason: 'bad_signature' });
    const header = stripeSignature(body.toString(), [SECRET], NOW_S);
    expect(stripe(header, Buffer.from(`${body.toString()} `))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(stripe(undefined)).toEqual({ ok: false, reason: 'missing_signature' });
    expect(stripe(header.split(',')[1])).toEqual({ ok: false, reason: 'bad_signature' });
    expect(stripe(`t=${NOW_S}`)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(stripe(`t=${NOW_S},v1=zz`)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a signature more than 300 s old or ahead, and takes one at 300 s', () => {
    const at = (seconds: number) => stripe(stripeSignature(body.toString(), [SECRET], seconds));
    expect(at(NOW_S - 300)).toEqual({ ok: true });
    expect(at(NOW_S + 300)).toEqual({ ok: true });
    expect(at(NOW_S - 301)).toEqual({ ok: false, reason: 'stale' });
    expect(at(NOW_S + 301)).toEqual({ ok: false, reason: 'stale' });
  });

  it('reads a verification session event, tells other events apart, and refuses what is no event', () => {
    const session = { id: 'vs_1', object: 'identity.verification_session', created: NOW_S, status: 'verified', last_error: null };
    const event = { id: 'evt_1', object: 'event', type: 'identity.verification_session.verified', created: NOW_S, data: { object: session } };
    expect(readStripeWebhook(Buffer.from(JSON.stringify(event)))).toMatchObject({ kind: 'session', event: { id: 'evt_1' } });
    expect(readStripeWebhook(Buffer.from('{"id":"evt_2","type":"payment_intent.succeeded","data":{"object":{}}}'))).toEqual({
      kind: 'other',
      type: 'payment_intent.succeeded',
    });
    expect(readStripeWebhook(Buffer.from('{"type":"identity.verification_session.verified","data":{}}'))).toEqual({ kind: 'malformed' });
    expect(readStripeWebhook(Buffer.from('not json'))).toEqual({ kind: 'malformed' });
  });
});

describe('Love&Pay webhook signatures (x-webhook-signature: sha256=...)', () => {
  const signed = loveAndPayWebhook(SECRET, { sessionId: 'a1b2c3d4-0000-4000-8000-000000000001', atMs: NOW_MS, id: 'evt_lp1' });
  const headers = {
    signature: signed.headers['x-webhook-signature'],
    id: signed.headers['x-webhook-id'],
    timestamp: signed.headers['x-webhook-timestamp'],
  };
  const raw = Buffer.from(signed.body);

  it('accepts the signature of the raw body', () => {
    expect(verifyLoveAndPaySignature(headers, raw, SECRET, NOW_MS)).toEqual({ ok: true });
    expect(verifyLoveAndPaySignature({ signature: headers.signature }, raw, SECRET, NOW_MS)).toEqual({ ok: true });
  });

  it('refuses another secret, a changed body, another scheme and a missing signature', () => {
    expect(verifyLoveAndPaySignature(headers, raw, 'someone-else', NOW_MS)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyLoveAndPaySignature(headers, Buffer.from(signed.body.replace('kyc.completed', 'kyc.failed')), SECRET, NOW_MS)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyLoveAndPaySignature({ ...headers, signature: headers.signature!.replace('sha256=', 'sha1=') }, raw, SECRET, NOW_MS)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyLoveAndPaySignature({ ...headers, signature: undefined }, raw, SECRET, NOW_MS)).toEqual({ ok: false, reason: 'missing_signature' });
  });

  it('refuses a timestamp header more than five minutes off, in milliseconds or seconds', () => {
    expect(verifyLoveAndPaySignature({ ...headers, timestamp: String(NOW_MS - 301_000) }, raw, SECRET, NOW_MS)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyLoveAndPaySignature({ ...headers, timestamp: String(NOW_S - 200) }, raw, SECRET, NOW_MS)).toEqual({ ok: true });
    expect(verifyLoveAndPaySignature({ ...headers, timestamp: 'yesterday' }, raw, SECRET, NOW_MS)).toEqual({ ok: false, reason: 'stale' });
  });

  it('takes the session id from data.id or data.sessionId, and the event id from the body or the header', () => {
    expect(readLoveAndPayWebhook(raw, headers)).toEqual({
      kind: 'kyc',
      eventId: 'evt_lp1',
      event: 'kyc.completed',
      sessionId: 'a1b2c3d4-0000-4000-8000-000000000001',
      occurredAtMs: NOW_MS,
    });
    const bare = Buffer.from(JSON.stringify({ event: 'kyc.failed', data: { sessionId: 's-1' } }));
    expect(readLoveAndPayWebhook(bare, { id: 'evt_hdr' })).toMatchObject({ kind: 'kyc', eventId: 'evt_hdr', sessionId: 's-1', occurredAtMs: null });
    expect(readLoveAndPayWebhook(bare, {})).toEqual({ kind: 'malformed' });
    expect(readLoveAndPayWebhook(Buffer.from('{"id":"evt_2","event":"invoice.paid","data":{"id":"inv"}}'), {})).toEqual({ kind: 'other', event: 'invoice.paid' });
  });

  it('reads times as Unix seconds, Unix milliseconds or ISO 8601', () => {
    expect(readTimestamp('1764000000')).toBe(NOW_MS);
    expect(readTimestamp(NOW_MS)).toBe(NOW_MS);
    expect(readTimestamp('2025-11-24T16:00:00.000Z')).toBe(Date.parse('2025-11-24T16:00:00.000Z'));
    expect(readTimestamp('soon')).toBeNull();
    expect(readTimestamp(undefined)).toBeNull();
  });
});
