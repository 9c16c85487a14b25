/**
 * The emulators' webhooks (issue 16): a session that moves is told to the
 * app, signed as the real provider signs, and one webhook in five is lost on
 * purpose, the same ones for the same seed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readLoveAndPayWebhook, verifyLoveAndPaySignature } from '../../src/providers/loveandpay/webhook.js';
import { readStripeWebhook, verifyStripeSignature } from '../../src/providers/stripe/webhook.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

async function receiver(): Promise<{ origin: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

describe('the emulators’ webhooks', () => {
  const opened: Array<Sandbox | Server> = [];
  afterEach(async () => {
    for (const each of opened.splice(0)) {
      if ('close' in each && 'webhooks' in each) await each.close();
      else await new Promise((resolve) => (each as Server).close(resolve));
    }
  });

  /** Approves `count` new sessions; their ids. */
  const approveNew = (sandbox: Sandbox, count: number) => {
    const ids = sandbox.control.addSessions(count, 'IN_PROGRESS').map((session) => session.id);
    for (const id of ids) sandbox.control.setSessionStatus(id, 'APPROVED');
    return ids;
  };

  it('sends signed kyc.completed and Stripe events that the app’s checks accept', async () => {
    const app = await receiver();
    const sandbox = await startSandbox({ customers: 40, webhooks: { origin: app.origin, dropShare: 0 } });
    opened.push(app.server, sandbox);
    const session = sandbox.data.sessions.find((s) => s.status === 'IN_PROGRESS')!;
    const stripe = sandbox.data.stripeSessions.find((s) => s.status === 'processing')!;

    sandbox.control.setSessionStatus(session.id, 'APPROVED');
    sandbox.control.setStripeStatus(stripe.id, 'verified');
    await sandbox.webhooks.settled();

    expect(app.received.map((r) => r.path)).toEqual(['/webhooks/loveandpay', '/webhooks/stripe']);
    const [loveandpay, stripeHook] = app.received as [Received, Received];
    const headers = {
      signature: String(loveandpay.headers['x-webhook-signature']),
      id: String(loveandpay.headers['x-webhook-id']),
      timestamp: String(loveandpay.headers['x-webhook-timestamp']),
    };
    expect(verifyLoveAndPaySignature(headers, loveandpay.body, sandbox.webhooks.secrets.loveandpay, Date.now())).toEqual({ ok: true });
    expect(readLoveAndPayWebhook(loveandpay.body, headers)).toMatchObject({ kind: 'kyc', event: 'kyc.completed', sessionId: session.id });
    expect(verifyStripeSignature(String(stripeHook.headers['stripe-signature']), stripeHook.body, sandbox.webhooks.secrets.stripe, Date.now())).toEqual({
      ok: true,
    });
    expect(readStripeWebhook(stripeHook.body)).toMatchObject({ kind: 'session', event: { type: 'identity.verification_session.verified' } });
    expect(sandbox.webhooks.stats()).toMatchObject({ target: app.origin, sent: 2, dropped: 0, failed: 0 });
    expect(sandbox.env.STRIPE_WEBHOOK_SECRET).toBe(sandbox.webhooks.secrets.stripe);
  });

  it('loses about one webhook in five on purpose, the same ones for the same seed', async () => {
    const dropped: string[][] = [];
    for (let run = 0; run < 2; run += 1) {
      const app = await receiver();
      const sandbox = await startSandbox({ customers: 60, seed: 7, now: Date.parse('2025-03-01T12:00:00Z'), webhooks: { origin: app.origin } });
      opened.push(app.server, sandbox);
      const ids = approveNew(sandbox, 100);
      await sandbox.webhooks.settled();
      const told = new Set(app.received.map((r) => (readLoveAndPayWebhook(r.body, {}) as { sessionId: string }).sessionId));
      dropped.push(ids.filter((id) => !told.has(id)));
      expect(sandbox.webhooks.stats()).toMatchObject({ sent: told.size, dropped: ids.length - told.size, failed: 0 });
    }
    expect(dropped[0]!.length).toBeGreaterThanOrEqual(10);
    expect(dropped[0]!.length).toBeLessThanOrEqual(30);
    expect(dropped[1]).toEqual(dropped[0]);
  });

  it('sends nothing until told where, and is pointed and tuned through its control route', async () => {
    const app = await receiver();
    const sandbox = await startSandbox({ customers: 40 });
    opened.push(app.server, sandbox);
    approveNew(sandbox, 5);
    expect(sandbox.webhooks.stats()).toEqual({ target: null, sent: 0, dropped: 0, failed: 0 });

    const control = `${sandbox.urls.stripe}/_sandbox/webhooks`;
    const set = await fetch(control, { method: 'POST', body: JSON.stringify({ origin: app.origin, dropShare: 0 }) });
    expect(await set.json()).toMatchObject({ target: app.origin });
    approveNew(sandbox, 50);
    await sandbox.webhooks.settled();
    expect(await (await fetch(control)).json()).toMatchObject({ target: app.origin, sent: 50, dropped: 0 });
  });
});
