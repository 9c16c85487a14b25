import { afterEach, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../src/chat/http-server.js';
import { createHealthRoutes } from '../../src/observability/health-routes.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { createReadinessCheck, type ReadinessOptions } from '../../src/observability/readiness.js';
import { sampleValue } from '../support/prometheus-text.js';

const MINUTE = 60_000;

let running: RunningServer | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** A fake clock the readiness check reads; tests move it instead of sleeping. */
function clock(start = new Date('2025-03-01T10:00:00Z')) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms), at: (offsetMs: number) => new Date(start.getTime() + offsetMs) };
}

async function serve(options: ReadinessOptions, metrics = createMetrics({ defaultMetrics: false })) {
  const routes = createHealthRoutes({ readiness: createReadinessCheck(options), metrics });
  running = await startHttpServer(routes, 0, '127.0.0.1');
  return running.url;
}

async function getJson(url: string) {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /healthz', () => {
  it('answers 200 while the process is alive, even when the store is down', async () => {
    const url = await serve({ pingStore: () => Promise.reject(new Error('down')) });
    expect(await getJson(`${url}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
  });
});

describe('GET /readyz', () => {
  it('answers 200 when the store, every chat platform and the sweep are fine', async () => {
    const time = clock();
    const url = await serve({
      pingStore: async () => {},
      chats: { slack: () => true, telegram: async () => true },
      sweep: { lastSuccessAt: () => time.at(0), intervalMs: MINUTE },
      now: time.now,
    });
    time.advance(2 * MINUTE);

    expect(await getJson(`${url}/readyz`)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { store: 'ok', slack: 'ok', telegram: 'ok', sweep: 'ok' } },
    });
  });

  it('answers 503 naming each failing check and why', async () => {
    const time = clock();
    const url = await serve({
      pingStore: () => Promise.reject(Object.assign(new Error('connect postgres://kyc:hunter2@db failed'), { code: 'ECONNREFUSED' })),
      chats: { slack: () => true, telegram: () => false },
      sweep: { lastSuccessAt: () => time.at(0), intervalMs: MINUTE },
      now: time.now,
    });
    time.advance(3 * MINUTE + 1_000);
    const { status, body } = await getJson(`${url}/readyz`);

    expect(status).toBe(503);
    expect(body.status).toBe('not_ready');
    expect(body.checks).toEqual({ store: 'failing', slack: 'ok', telegram: 'failing', sweep: 'failing' });
    expect(body.failing).toEqual([
      { check: 'store', reason: 'did not answer ping (ECONNREFUSED)' },
      { check: 'telegram', reason: 'not connected' },
      { check: 'sweep', reason: 'last successful sweep was 181 s ago; limit 180 s (3 sweep intervals)' },
    ]);
    expect(body.reason).toBe(
      'store: did not answer ping (ECONNREFUSED); telegram: not connected; sweep: last successful sweep was 181 s ago; limit 180 s (3 sweep intervals)',
    );
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('gives a fresh instance three sweep intervals to finish its first sweep', async () => {
    const time = clock();
    const url = await serve({ pingStore: async () => {}, sweep: { lastSuccessAt: () => null, intervalMs: MINUTE }, now: time.now });

    time.advance(3 * MINUTE);
    expect((await getJson(`${url}/readyz`)).status).toBe(200);
    time.advance(1_000);
    const { status, body } = await getJson(`${url}/readyz`);
    expect(status).toBe(503);
    expect(body.failing).toEqual([{ check: 'sweep', reason: 'no successful sweep since start 181 s ago; limit 180 s (3 sweep intervals)' }]);
  });

  it('ignores sweeps where alerts are not configured', async () => {
    const url = await serve({ pingStore: async () => {}, chats: { slack: () => true } });
    expect(await getJson(`${url}/readyz`)).toEqual({ status: 200, body: { status: 'ready', checks: { store: 'ok', slack: 'ok' } } });
  });

  it('fails a check that does not answer within its time limit', async () => {
    const url = await serve({ pingStore: () => new Promise(() => {}), timeoutMs: 50 });
    const { status, body } = await getJson(`${url}/readyz`);
    expect(status).toBe(503);
    expect(body.failing).toEqual([{ check: 'store', reason: 'no answer within 50 ms' }]);
  });

  it('answers 503 naming the platform while its alert delivery waits for a failing token, and 200 once it works', async () => {
    let paused = [{ platform: 'slack', reason: 'invalid_auth', since: new Date('2025-03-01T10:00:00Z') }];
    const url = await serve({ pingStore: async () => {}, pausedDelivery: () => paused });
    const { status, body } = await getJson(`${url}/readyz`);
    expect(status).toBe(503);
    expect(body.failing).toEqual([
      { check: 'slack delivery', reason: 'paused since 2025-03-01T10:00:00.000Z: the bot token fails (invalid_auth); re-checked with backoff' },
    ]);
    paused = [];
    expect((await getJson(`${url}/readyz`)).status).toBe(200);
  });

  it('answers 503 once shutdown has begun', async () => {
    let draining = false;
    const url = await serve({ pingStore: async () => {}, draining: () => draining });
    expect((await getJson(`${url}/readyz`)).status).toBe(200);
    draining = true;
    const { status, body } = await getJson(`${url}/readyz`);
    expect(status).toBe(503);
    expect(body.failing).toEqual([{ check: 'shutdown', reason: 'shutting down' }]);
  });
});

describe('GET /metrics', () => {
  it('serves the recorded series in Prometheus text format', async () => {
    const metrics = createMetrics({ outboxDepth: () => 4 });
    metrics.recordCommand('receipt', 'ok', 50);
    const url = await serve({ pingStore: async () => {} }, metrics);
    const response = await fetch(`${url}/metrics`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sampleValue(text, 'kyc_desk_commands_total', { command: 'receipt', result: 'ok' })).toBe(1);
    expect(sampleValue(text, 'kyc_desk_outbox_depth')).toBe(4);
    expect(text).toContain('# TYPE kyc_desk_command_duration_seconds histogram');
  });
});
