/**
 * Provider answers have a size limit (PROVIDER_MAX_RESPONSE_BYTES): a body
 * larger than the limit fails as too_large, is never retried, and is not
 * read to the end. The emulators' `huge` fault streams a body of any size
 * without Content-Length, so only counting can catch it, and reports how
 * many bytes it wrote before the client hung up.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { providerSettings } from '../../src/app/provider-settings.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { RequestObservation } from '../../src/domain/provider-request.js';
import { DEFAULT_MAX_RESPONSE_BYTES, ProviderHttpClient } from '../../src/providers/http.js';
import { createProviders } from '../../src/providers/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { waitFor } from '../support/wait-for.js';
import { rejectionOf } from './fixture.js';

const MB = 1_000_000;
/** What the incident's provider sent. */
const HUGE_BYTES = 300 * MB;
const LIMIT = 1 * MB;

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.control.clearFaults();
  sandbox.control.resetRequestCount();
});

const anyObject = z.looseObject({});
const checkSchema = z.looseObject({ status: z.string() });

function bankClient(options: { maxResponseBytes?: number; baseUrl?: string; requestMs?: number; observe?: (o: RequestObservation) => void } = {}) {
  return new ProviderHttpClient({
    provider: 'bank131',
    baseUrl: options.baseUrl ?? sandbox.urls.bank131,
    authenticate: () => ({ 'X-PARTNER-PROJECT': sandbox.credentials.bank131Project }),
    timeouts: { requestMs: options.requestMs ?? 10_000 },
    retry: { baseDelayMs: 5 },
    maxResponseBytes: options.maxResponseBytes,
    observe: options.observe,
  });
}

const getCheck = (client: ProviderHttpClient, schema: z.ZodType = checkSchema) =>
  client.get({ endpoint: 'GET /check/:id', path: `/check/${sandbox.data.checks[0]!.id}`, schema });

describe('the response size limit', () => {
  it('stops reading an answer without Content-Length once it passes the limit, and the emulator stops sending', async () => {
    const seen: RequestObservation[] = [];
    sandbox.control.hugeNext('bank131', HUGE_BYTES);

    const error = await rejectionOf(getCheck(bankClient({ maxResponseBytes: LIMIT, observe: (o) => seen.push(o) })));

    expect(error).toMatchObject({ name: 'ProviderError', kind: 'too_large', status: 200, limitBytes: LIMIT, attempts: 1 });
    expect(error.requestId).toMatch(/\S/);
    // Not retried: one request, and the metrics hear of it once, as too_large.
    expect(sandbox.control.requestCount('bank131')).toBe(1);
    expect(seen.map((o) => [o.result, o.attempts])).toEqual([['too_large', 1]]);
    // The client hung up: the emulator gave up far short of the 300 MB it was asked to send.
    const progress = await waitFor(() => {
      const now = sandbox.control.hugeProgress('bank131');
      return now.state === 'abandoned' ? now : undefined;
    });
    expect(progress.bytesSent).toBeGreaterThan(LIMIT);
    expect(progress.bytesSent).toBeLessThan(HUGE_BYTES / 10);
  });

  it('fails on a declared Content-Length over the limit without waiting for the body', async () => {
    // Headers promise 50 MB, then nothing comes: a client that waited for body bytes would time out instead.
    let hungUp = false;
    const stalled: Server = createServer((_req, res) => {
      res.on('close', () => (hungUp = true));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * MB) });
      res.flushHeaders();
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = stalled.address() as AddressInfo;
      const client = bankClient({ baseUrl: `http://127.0.0.1:${port}/api/v1.1`, maxResponseBytes: LIMIT, requestMs: 3_000 });
      const error = await rejectionOf(getCheck(client));
      expect(error).toMatchObject({ kind: 'too_large', status: 200, attempts: 1 });
      await waitFor(() => hungUp, { message: 'the client closes the connection' });
    } finally {
      stalled.closeAllConnections();
      await new Promise<void>((resolve) => stalled.close(() => resolve()));
    }
  });

  it('refuses an emulator answer whose Content-Length declares 300 MB', async () => {
    sandbox.control.hugeNext('bank131', HUGE_BYTES, { contentLength: true });
    const error = await rejectionOf(getCheck(bankClient({ maxResponseBytes: LIMIT })));
    expect(error).toMatchObject({ kind: 'too_large', attempts: 1 });
    const progress = await waitFor(() => {
      const now = sandbox.control.hugeProgress('bank131');
      return now.state === 'abandoned' ? now : undefined;
    });
    expect(progress.bytesSent).toBeLessThan(HUGE_BYTES / 10);
  });

  it('reads an answer of exactly the limit, and refuses one byte more', async () => {
    const limit = 100_000;
    sandbox.control.hugeNext('bank131', limit);
    await expect(getCheck(bankClient({ maxResponseBytes: limit }), anyObject)).resolves.toMatchObject({ success: true });
    await waitFor(() => sandbox.control.hugeProgress('bank131').state === 'completed');
    expect(sandbox.control.hugeProgress('bank131').bytesSent).toBe(limit);

    sandbox.control.hugeNext('bank131', limit + 1);
    await expect(getCheck(bankClient({ maxResponseBytes: limit }), anyObject)).rejects.toMatchObject({ kind: 'too_large' });
  });

  it('defaults to 10 MB', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(10_000_000);
    expect(loadConfig({}).PROVIDER_MAX_RESPONSE_BYTES).toBe(10_000_000);
  });

  it('takes the limit from PROVIDER_MAX_RESPONSE_BYTES through the provider settings into every client', async () => {
    const config = loadConfig({ PROVIDER_MAX_RESPONSE_BYTES: '50000' });
    const providers = createProviders({ ...providerSettings(config, sandbox), retry: { baseDelayMs: 5 } });
    try {
      sandbox.control.hugeNext('all', 50_001);
      await expect(providers.bank131!.getCheck(sandbox.data.checks[0]!.id)).rejects.toMatchObject({ kind: 'too_large', limitBytes: 50_000 });
      await expect(providers.loveandpay!.listKycSessions()).rejects.toMatchObject({ kind: 'too_large', limitBytes: 50_000 });
      await expect(providers.stripe!.listVerificationSessions()).rejects.toMatchObject({ kind: 'too_large', limitBytes: 50_000 });
      // Ordinary answers are well within it.
      await expect(providers.bank131!.getCheck(sandbox.data.checks[0]!.id)).resolves.toMatchObject({ status: expect.any(String) });
    } finally {
      await providers.close();
    }
  });

  it('is set through the HTTP control routes too', async () => {
    const control = `${new URL(sandbox.urls.bank131).origin}/_sandbox`;
    const set = await fetch(`${control}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ huge: { bytes: 50 * MB } }),
    });
    expect(set.status).toBe(200);
    await expect(getCheck(bankClient({ maxResponseBytes: LIMIT }))).rejects.toMatchObject({ kind: 'too_large' });
    await waitFor(async () => ((await (await fetch(`${control}/huge`)).json()) as { state: string }).state === 'abandoned');
  });
});

describe('PROVIDER_MAX_RESPONSE_BYTES', () => {
  it.each(['0', '-1', '1.5', 'ten', '600000000'])('refuses %s', (value) => {
    expect(() => loadConfig({ PROVIDER_MAX_RESPONSE_BYTES: value })).toThrow(/^PROVIDER_MAX_RESPONSE_BYTES: /);
  });
});
