import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMetrics } from '../../src/observability/metrics.js';
import type { RequestObservation } from '../../src/domain/provider-request.js';
import { ProviderHttpClient } from '../../src/providers/http.js';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text.js';

describe('metrics', () => {
  it('counts commands by name and result and times them', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.recordCommand('kyc', 'ok', 120);
    metrics.recordCommand('kyc', 'ok', 80);
    metrics.recordCommand('customer', 'not_found', 300);
    metrics.recordCommand('check', 'refused', 1);
    const text = await metrics.render();

    expect(sampleValue(text, 'kyc_desk_commands_total', { command: 'kyc', result: 'ok' })).toBe(2);
    expect(sampleValue(text, 'kyc_desk_commands_total', { command: 'customer', result: 'not_found' })).toBe(1);
    expect(sampleValue(text, 'kyc_desk_commands_total', { command: 'check', result: 'refused' })).toBe(1);
    expect(sampleValue(text, 'kyc_desk_command_duration_seconds_count', { command: 'kyc' })).toBe(2);
    expect(sampleValue(text, 'kyc_desk_command_duration_seconds_sum', { command: 'kyc' })).toBeCloseTo(0.2);
    expect(sampleValue(text, 'kyc_desk_command_duration_seconds_bucket', { command: 'kyc', le: '0.1' })).toBe(1);
    expect(sampleValue(text, 'kyc_desk_command_duration_seconds_bucket', { command: 'kyc', le: '0.25' })).toBe(2);
  });

  it('starts known commands at zero and counts anything else as unknown', async () => {
    const metrics = createMetrics({ defaultMetrics: false, commandNames: ['kyc', 'customer', 'receipt', 'check'] });
    metrics.recordCommand('drop-table-users', 'usage', 5);
    const text = await metrics.render();

    expect(sampleValue(text, 'kyc_desk_commands_total', { command: 'receipt', result: 'error' })).toBe(0);
    expect(sampleValue(text, 'kyc_desk_commands_total', { command: 'unknown', result: 'usage' })).toBe(1);
    expect(text).not.toContain('drop-table-users');
  });

  it('counts provider requests by provider, endpoint and result, with latency and retries', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const ok: RequestObservation = { provider: 'loveandpay', endpoint: 'GET /kyc/sessions', result: 'ok', durationMs: 40, attempts: 1 };
    const slow: RequestObservation = { provider: 'stripe', endpoint: 'GET /v1/identity/verification_sessions/:id', result: 'timeout', durationMs: 3000, attempts: 3 };
    metrics.observeProviderRequest(ok);
    metrics.observeProviderRequest(ok);
    metrics.observeProviderRequest(slow);
    const text = await metrics.render();

    expect(sampleValue(text, 'kyc_desk_provider_requests_total', { provider: 'loveandpay', endpoint: 'GET /kyc/sessions', result: 'ok' })).toBe(2);
    expect(
      sampleValue(text, 'kyc_desk_provider_requests_total', {
        provider: 'stripe',
        endpoint: 'GET /v1/identity/verification_sessions/:id',
        result: 'timeout',
      }),
    ).toBe(1);
    expect(sampleValue(text, 'kyc_desk_provider_request_duration_seconds_count', { provider: 'loveandpay' })).toBe(2);
    expect(sampleValue(text, 'kyc_desk_provider_request_duration_seconds_sum', { provider: 'stripe' })).toBeCloseTo(3);
    expect(sampleValue(text, 'kyc_desk_provider_retries_total', { provider: 'stripe' })).toBe(2);
    expect(sampleValue(text, 'kyc_desk_provider_retries_total', { provider: 'loveandpay' })).toBeUndefined();
  });

  it('records sweep durations by source and the time of the last successful one', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const at = new Date('2025-03-01T10:00:00Z');
    metrics.recordSweep({ source: 'loveandpay', durationMs: 1500, ok: true, at });
    metrics.recordSweep({ source: 'loveandpay', durationMs: 700, ok: false, at: new Date('2025-03-01T10:01:00Z') });
    metrics.recordSweep({ source: 'bank131', durationMs: 200, ok: true, at: new Date('2025-03-01T09:59:00Z') });
    const text = await metrics.render();

    expect(sampleValue(text, 'kyc_desk_sweep_duration_seconds_count', { source: 'loveandpay', result: 'ok' })).toBe(1);
    expect(sampleValue(text, 'kyc_desk_sweep_duration_seconds_count', { source: 'loveandpay', result: 'error' })).toBe(1);
    expect(sampleValue(text, 'kyc_desk_sweep_duration_seconds_sum', { source: 'loveandpay', result: 'ok' })).toBeCloseTo(1.5);
    expect(sampleValue(text, 'kyc_desk_sweep_last_success_timestamp_seconds', { source: 'loveandpay' })).toBe(at.getTime() / 1000);
    expect(metrics.lastSweepSuccessAt('loveandpay')).toEqual(at);
    expect(metrics.lastSweepSuccessAt()).toEqual(at);
    expect(metrics.lastSweepSuccessAt('stripe')).toBeNull();
  });

  it('counts alerts queued, sent, retried and failed', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.recordAlerts('queued', 5);
    metrics.recordAlerts('sent', 3, 'slack');
    metrics.recordAlerts('sent', 1, 'telegram');
    metrics.recordAlerts('retried', 1, 'telegram');
    metrics.recordAlerts('failed', 1, 'slack');
    const text = await metrics.render();

    expect(sampleValue(text, 'kyc_desk_alerts_queued_total')).toBe(5);
    expect(sampleValue(text, 'kyc_desk_alerts_sent_total', { platform: 'slack' })).toBe(3);
    expect(sampleValue(text, 'kyc_desk_alerts_sent_total', { platform: 'telegram' })).toBe(1);
    expect(sampleValue(text, 'kyc_desk_alerts_retried_total', { platform: 'telegram' })).toBe(1);
    expect(sampleValue(text, 'kyc_desk_alerts_failed_total', { platform: 'slack' })).toBe(1);
  });

  it('reads the outbox depth on every scrape and keeps the last value when the store fails', async () => {
    let depth: number | Error = 7;
    const errors: unknown[] = [];
    const metrics = createMetrics({
      defaultMetrics: false,
      outboxDepth: async () => {
        if (depth instanceof Error) throw depth;
        return depth;
      },
      onCollectError: (error) => errors.push(error),
    });

    expect(sampleValue(await metrics.render(), 'kyc_desk_outbox_depth')).toBe(7);
    depth = 2;
    expect(sampleValue(await metrics.render(), 'kyc_desk_outbox_depth')).toBe(2);
    depth = new Error('database is down');
    expect(sampleValue(await metrics.render(), 'kyc_desk_outbox_depth')).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('shows per platform whether alert delivery is paused by a failing token, and back at 0 once it resumes', async () => {
    let paused: string[] = [];
    const metrics = createMetrics({ defaultMetrics: false, pausedPlatforms: () => paused, chatPlatforms: ['slack'] });
    expect(sampleValue(await metrics.render(), 'kyc_desk_alert_delivery_paused', { platform: 'slack' })).toBe(0);
    paused = ['telegram'];
    const text = await metrics.render();
    expect(sampleValue(text, 'kyc_desk_alert_delivery_paused', { platform: 'telegram' })).toBe(1);
    expect(sampleValue(text, 'kyc_desk_alert_delivery_paused', { platform: 'slack' })).toBe(0);
    paused = [];
    expect(sampleValue(await metrics.render(), 'kyc_desk_alert_delivery_paused', { platform: 'telegram' })).toBe(0);
  });

  it('keeps two app instances apart and includes process metrics', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.recordCommand('kyc', 'ok', 10);
    const [firstText, secondText] = await Promise.all([first.render(), second.render()]);

    expect(sampleValue(firstText, 'kyc_desk_commands_total', { command: 'kyc', result: 'ok' })).toBe(1);
    expect(sampleValue(secondText, 'kyc_desk_commands_total', { command: 'kyc', result: 'ok' })).toBeUndefined();
    const names = new Set(parsePrometheusText(secondText).map((sample) => sample.name));
    expect(names).toContain('kyc_desk_process_cpu_user_seconds_total');
    expect(names).toContain('kyc_desk_process_resident_memory_bytes');
    expect(names).toContain('kyc_desk_nodejs_eventloop_lag_seconds');
    expect(first.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

describe('metrics fed by the provider HTTP client', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const found = request.url?.startsWith('/api/v2/kyc/sessions/known');
      response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify(found ? { success: true } : { success: false, error: { code: 'NOT_FOUND', message: 'no' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('counts each logical request through the observe hook', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const client = new ProviderHttpClient({
      provider: 'loveandpay',
      baseUrl,
      authenticate: () => ({}),
      observe: metrics.observeProviderRequest,
    });
    const schema = z.object({ success: z.boolean() });
    await client.get({ endpoint: 'GET /kyc/sessions/:id', path: '/kyc/sessions/known', schema });
    await expect(client.get({ endpoint: 'GET /kyc/sessions/:id', path: '/kyc/sessions/missing', schema })).rejects.toThrow();
    const text = await metrics.render();

    const labels = { provider: 'loveandpay', endpoint: 'GET /kyc/sessions/:id' };
    expect(sampleValue(text, 'kyc_desk_provider_requests_total', { ...labels, result: 'ok' })).toBe(1);
    expect(sampleValue(text, 'kyc_desk_provider_requests_total', { ...labels, result: 'not_found' })).toBe(1);
    expect(sampleValue(text, 'kyc_desk_provider_request_duration_seconds_count', labels)).toBe(2);
  });
});
