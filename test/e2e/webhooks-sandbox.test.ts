/**
 * The sandbox demo with webhooks (issue 16): `npm start` with no
 * configuration wires the emulators' signed webhooks to the app, so an
 * alert shows in the console right after the demo clock moves a session,
 * with no sweep in between; a webhook the emulators drop on purpose is
 * announced by the next sweep. /readyz and /metrics show webhook health.
 */
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app/create-app.js';
import type { Transition } from '../../src/sandbox/index.js';
import { waitFor } from '../support/wait-for.js';

describe('the sandbox demo with provider webhooks', () => {
  let app: App | undefined;
  afterAll(async () => {
    await app?.stop();
  });

  it('shows the demo clock’s moves in the console within a second, and the lost ones after the next sweep', async () => {
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    app = await startApp({
      // Sweeps once a day: anything shown before the sweep below came by webhook.
      env: { KYC_DESK_IGNORE_DOTENV: '1', PORT: '0', ALERT_CRON: '0 0 4 * * *', LOG_LEVEL: 'silent' },
      host: '127.0.0.1',
      input: new PassThrough(),
      output,
      sandbox: { demoClock: false, webhooks: { dropShare: 0 } },
    });
    const sandbox = app.sandbox!;
    await app.alerts.sweepOnce();
    const isShown = (moved: Transition) => shown.includes(moved.to) && shown.includes(moved.id.slice(0, 8));
    const finals = (transitions: Transition[]) => transitions.filter((t) => ['APPROVED', 'DECLINED', 'verified', 'canceled'].includes(t.to) || t.errorCode);

    const started = Date.now();
    const moved = finals(sandbox.control.demoTick()).filter((t) => t.provider !== 'bank131');
    expect(moved.length).toBeGreaterThan(1);
    await waitFor(() => moved.every((t) => shown.includes(t.id.slice(0, 8))), { timeoutMs: 5_000, message: 'every move in the console' });
    // Within a second of the move on an idle machine; the bound leaves room for a loaded one.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(moved.filter((t) => t.provider === 'loveandpay').every(isShown)).toBe(true);

    sandbox.webhooks.setDropShare(1);
    const lost = finals(sandbox.control.demoTick()).filter((t) => t.provider === 'loveandpay');
    expect(lost.length).toBeGreaterThan(0);
    await sandbox.webhooks.settled();
    expect(lost.some((t) => shown.includes(t.id.slice(0, 8)))).toBe(false);
    await app.alerts.sweepOnce();
    await waitFor(() => lost.every(isShown), { timeoutMs: 5_000, message: 'the lost ones after the sweep' });

    const ready = (await (await fetch(`${app.url}/readyz`)).json()) as { webhooks?: Record<string, { lastReceivedAt: string | null }> };
    expect(Object.keys(ready.webhooks ?? {}).sort()).toEqual(['loveandpay', 'stripe']);
    expect(Date.parse(ready.webhooks!.loveandpay!.lastReceivedAt!)).toBeGreaterThanOrEqual(started);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/kyc_desk_webhooks_received_total\{provider="loveandpay",result="accepted"\} [1-9]/);
    expect(metrics).toMatch(/kyc_desk_webhook_alert_lag_seconds_count\{provider="loveandpay"\} [1-9]/);
    expect(metrics).toMatch(/kyc_desk_webhook_last_received_timestamp_seconds\{provider="stripe"\} \d/);
    expect(metrics).toContain('kyc_desk_webhook_events_pending 0');
  }, 30_000);

  it('answers 404 on a webhook path whose secret is unset outside the sandbox', async () => {
    const live = await startApp({
      env: {
        KYC_DESK_IGNORE_DOTENV: '1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        SANDBOX: 'false',
        STRIPE_SECRET_KEY: 'sk_test_0123456789',
        STRIPE_WEBHOOK_SECRET: 'whsec_live_test_0123456789',
        DATABASE_URL: 'file::memory:',
      },
      host: '127.0.0.1',
      input: new PassThrough(),
      output: new PassThrough(),
    });
    try {
      const post = (provider: string) => fetch(`${live.url}/webhooks/${provider}`, { method: 'POST', body: '{}' }).then((r) => r.status);
      expect(await post('loveandpay')).toBe(404);
      expect(await post('stripe')).toBe(400);
      const ready = (await (await fetch(`${live.url}/readyz`)).json()) as { webhooks?: Record<string, unknown> };
      expect(ready.webhooks).toEqual({ stripe: { lastReceivedAt: null } });
    } finally {
      await live.stop();
    }
  }, 30_000);
});
