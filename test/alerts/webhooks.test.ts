/**
 * Provider webhooks into alerts (DESIGN.md, "Provider webhooks"): signed
 * events from Love&Pay and Stripe reach the receivers on a real HTTP server,
 * the event is recorded before the answer, the session is read (always for
 * Love&Pay, for a stale Stripe event) and the outcome goes through the same
 * commit as a sweep's, so nothing is announced twice and nothing lost.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alerts } from '../../src/alerts/index.js';
import { startHttpServer, type RunningServer } from '../../src/chat/http-server.js';
import { createLogger } from '../../src/log.js';
import type { StripeEventLike } from '../../src/sandbox/index.js';
import { waitFor } from '../support/wait-for.js';
import { loveAndPayWebhook, postWebhook, stripeWebhook } from '../support/webhooks.js';
import { SLACK_CHANNEL, sessionIds, startAlertsHarness, type AlertsHarness } from './helpers/harness.js';

const SECRETS = { loveandpay: 'lpwh_test_receiver_secret_0123456789', stripe: 'whsec_test_receiver_secret_0123456789' };

describe('alerts from provider webhooks', () => {
  let h: AlertsHarness;
  let alerts: Alerts;
  let server: RunningServer;
  const logs: string[] = [];

  beforeEach(async () => {
    logs.length = 0;
    h = await startAlertsHarness({ sandbox: { customers: 100, sessions: 1_500, stripeSessions: 120, webhooks: { dropShare: 0 } } });
    await h.subscribe(SLACK_CHANNEL);
    alerts = h.newAlerts({ webhookSecrets: SECRETS, logger: createLogger('info', { write: (line: string) => void logs.push(line) }) });
    // The silent baseline: what exists now is never announced.
    await alerts.sweepOnce();
    server = await startHttpServer(alerts.routes, 0, '127.0.0.1');
  });
  afterEach(async () => {
    await server.close();
    await h.close();
  });

  /** Every recorded event's work done, and what it queued delivered. */
  const settle = async () => {
    await waitFor(async () => (await h.store.webhookEventsPending()) === 0, { message: 'webhook work finished' });
    await alerts.deliverOnce();
  };
  const titles = () => h.slack.messages.map((message) => message.reply.title);
  const approve = (id: string) => h.sandbox.control.setSessionStatus(id, 'APPROVED');
  const newestStripeEvent = () => h.sandbox.data.stripeEvents[0]!;
  const waitingStripe = () => h.sandbox.data.stripeSessions.filter((s) => s.status === 'requires_input' && !s.last_error);

  it('announces a signed Love&Pay webhook once, reading the session from Love&Pay', async () => {
    const [id] = sessionIds(h.sandbox, 'IN_PROGRESS');
    approve(id!);

    const answer = await postWebhook(server.url, 'loveandpay', loveAndPayWebhook(SECRETS.loveandpay, { sessionId: id! }));
    await settle();

    expect(answer).toEqual({ status: 200, body: { received: true } });
    expect(titles()).toEqual([`APPROVED · Love&Pay session ${id!.slice(0, 8)}`]);
  });

  it('announces a signed Stripe webhook once, from the session in the event', async () => {
    const session = waitingStripe()[0]!;
    h.sandbox.control.setStripeStatus(session.id, 'requires_input', 'document_expired');
    h.sandbox.control.resetRequestCount();

    const answer = await postWebhook(server.url, 'stripe', stripeWebhook(SECRETS.stripe, newestStripeEvent()));
    await settle();

    expect(answer.status).toBe(200);
    expect(titles()).toEqual([`DECLINED · Stripe Identity session ${session.id}`]);
    // The event carried the session: Stripe was not asked.
    expect(h.sandbox.control.requestCount('stripe')).toBe(0);
  });

  it('announces nothing for a forged webhook, a stale Stripe one, an event not about KYC or an unreadable one, and records none', async () => {
    const [id] = sessionIds(h.sandbox, 'IN_PROGRESS');
    const session = waitingStripe()[0]!;
    h.sandbox.control.setStripeStatus(session.id, 'verified');
    const event = newestStripeEvent();

    const answers = [
      await postWebhook(server.url, 'loveandpay', loveAndPayWebhook(SECRETS.loveandpay, { sessionId: id!, signatureSecret: 'guessed' })),
      await postWebhook(server.url, 'stripe', stripeWebhook('whsec_guessed', event)),
      await postWebhook(server.url, 'stripe', stripeWebhook(SECRETS.stripe, event, { atSeconds: Math.floor(Date.now() / 1000) - 301 })),
      await postWebhook(server.url, 'stripe', { body: stripeWebhook(SECRETS.stripe, event).body, headers: { 'content-type': 'application/json' } }),
      await postWebhook(server.url, 'loveandpay', loveAndPayWebhook(SECRETS.loveandpay, { sessionId: id!, event: 'invoice.paid' })),
      await postWebhook(server.url, 'stripe', stripeWebhook(SECRETS.stripe, { id: 'evt_pi', type: 'payment_intent.succeeded', created: 1, data: { object: {} } })),
      // Signed, but no session to read: acknowledged (the same bytes again cannot help), nothing recorded.
      await postWebhook(server.url, 'stripe', stripeWebhook(SECRETS.stripe, { id: 'evt_odd', type: 'identity.verification_session.verified', created: 1, data: {} })),
    ];
    await settle();

    expect(answers).toEqual([
      { status: 400, body: { error: 'bad_signature' } },
      { status: 400, body: { error: 'bad_signature' } },
      { status: 400, body: { error: 'stale' } },
      { status: 400, body: { error: 'missing_signature' } },
      { status: 200, body: { received: true, ignored: true } },
      { status: 200, body: { received: true, ignored: true } },
      { status: 200, body: { received: true, ignored: true } },
    ]);
    expect(titles()).toEqual([]);
    expect(await h.store.outboxDepth()).toBe(0);
    // Nothing was recorded: the same event, signed properly now, is new.
    expect(await postWebhook(server.url, 'stripe', stripeWebhook(SECRETS.stripe, event))).toEqual({ status: 200, body: { received: true } });
  });

  it('acknowledges the same event id twice, sent one after the other or at once, and announces it once', async () => {
    const [first, second] = sessionIds(h.sandbox, 'IN_PROGRESS');
    approve(first!);
    h.sandbox.control.setSessionStatus(second!, 'DECLINED');
    const once = loveAndPayWebhook(SECRETS.loveandpay, { sessionId: first! });
    const atOnce = loveAndPayWebhook(SECRETS.loveandpay, { sessionId: second!, event: 'kyc.failed' });

    const answers = [await postWebhook(server.url, 'loveandpay', once), await postWebhook(server.url, 'loveandpay', once)];
    const together = await Promise.all([postWebhook(server.url, 'loveandpay', atOnce), postWebhook(server.url, 'loveandpay', atOnce)]);
    await settle();

    expect(answers).toEqual([
      { status: 200, body: { received: true } },
      { status: 200, body: { received: true, duplicate: true } },
    ]);
    expect(together.map((answer) => answer.body.duplicate ?? false).sort()).toEqual([false, true]);
    expect(titles()).toEqual([`APPROVED · Love&Pay session ${first!.slice(0, 8)}`, `DECLINED · Love&Pay session ${second!.slice(0, 8)}`]);
  });

  it('announces nothing for a webhook about an outcome the sweep already announced', async () => {
    const [id] = sessionIds(h.sandbox, 'IN_PROGRESS');
    approve(id!);
    await alerts.sweepOnce();
    await alerts.deliverOnce();
    expect(titles()).toHaveLength(1);

    expect((await postWebhook(server.url, 'loveandpay', loveAndPayWebhook(SECRETS.loveandpay, { sessionId: id! }))).status).toBe(200);
    await settle();

    expect(titles()).toHaveLength(1);
  });

  it('lets the next sweep announce what a lost webhook did not, once, and in a few requests', async () => {
    h.sandbox.webhooks.sendTo(server.url, SECRETS);
    h.sandbox.webhooks.setDropShare(1);
    const [lost, sent] = sessionIds(h.sandbox, 'IN_PROGRESS');
    approve(lost!);
    expect(h.sandbox.webhooks.stats()).toMatchObject({ dropped: 1, sent: 0 });
    h.sandbox.webhooks.setDropShare(0);
    approve(sent!);
    await h.sandbox.webhooks.settled();
    await settle();
    expect(titles()).toEqual([`APPROVED · Love&Pay session ${sent!.slice(0, 8)}`]);

    const swept = await alerts.sweepOnce();
    await alerts.deliverOnce();

    expect(titles()).toEqual([`APPROVED · Love&Pay session ${sent!.slice(0, 8)}`, `APPROVED · Love&Pay session ${lost!.slice(0, 8)}`]);
    // The session the webhook announced still counts as the list's growth: the sweep finds both in its
    // first pages instead of walking the whole list, and the next sweep costs its two requests.
    expect(swept.results.find((result) => result.source === 'loveandpay')).toMatchObject({ newOutcomes: 1, queued: 1 });
    expect(swept.results.find((result) => result.source === 'loveandpay')!.requests).toBeLessThanOrEqual(4);
    expect((await alerts.sweepOnce()).results.find((result) => result.source === 'loveandpay')!.requests).toBe(2);
  });

  it('acknowledges a webhook about a session Love&Pay does not know, logs it, and posts nothing', async () => {
    const unknown = randomUUID();

    const answer = await postWebhook(server.url, 'loveandpay', loveAndPayWebhook(SECRETS.loveandpay, { sessionId: unknown }));
    await settle();

    expect(answer.status).toBe(200);
    expect(titles()).toEqual([]);
    const logged = logs.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.objectId === unknown);
    expect(logged).toMatchObject({ msg: 'webhook names an object the provider does not know; nothing announced', provider: 'loveandpay' });
  });

  it('reads a Stripe session again when the event is older than one already recorded, and announces no stale decline', async () => {
    const session = waitingStripe()[0]!;
    h.sandbox.control.setStripeStatus(session.id, 'requires_input', 'selfie_face_mismatch');
    const declined = newestStripeEvent();
    h.sandbox.control.setStripeStatus(session.id, 'verified');
    const verified: StripeEventLike = { ...newestStripeEvent(), created: declined.created + 1 };

    await postWebhook(server.url, 'stripe', stripeWebhook(SECRETS.stripe, verified));
    await settle();
    await postWebhook(server.url, 'stripe', stripeWebhook(SECRETS.stripe, declined));
    await settle();

    expect(titles()).toEqual([`APPROVED · Stripe Identity session ${session.id}`]);
  });

  it('finishes an event whose replica died after answering, once its lease has run out', async () => {
    const [id] = sessionIds(h.sandbox, 'IN_PROGRESS');
    approve(id!);
    await h.store.recordWebhookEvent({
      event: { provider: 'loveandpay', eventId: 'evt_orphan', type: 'kyc.completed', objectId: id!, occurredAt: new Date(), observation: null },
      worker: 'replica-that-died',
      leaseMs: 10_000,
      now: new Date(Date.now() - 11_000),
    });

    expect(await alerts.processWebhooksOnce()).toBe(1);
    await settle();

    expect(titles()).toEqual([`APPROVED · Love&Pay session ${id!.slice(0, 8)}`]);
  });

  it('refuses a body over 1 MiB before reading it, and has no receiver for a provider without a secret', async () => {
    expect(await statusForDeclaredLength(`${server.url}/webhooks/stripe`, 1024 * 1024 + 1)).toBe(413);
    const onlyStripe = h.newAlerts({ webhookSecrets: { stripe: SECRETS.stripe } });
    expect(onlyStripe.routes.map((route) => `${route.method} ${route.path}`)).toEqual(['POST /webhooks/stripe']);
    expect(h.newAlerts().routes).toEqual([]);
  });
});

/** The status a POST gets when it announces `length` bytes and sends none of them. */
function statusForDeclaredLength(url: string, length: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers: { 'content-length': String(length) } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
      outgoing.destroy();
    });
    outgoing.on('error', reject);
    outgoing.flushHeaders();
  });
}
