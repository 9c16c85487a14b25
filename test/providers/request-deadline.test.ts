/**
 * The per-attempt time limit covers the whole answer, headers and body: a
 * provider that sends its headers at once and then a byte at a time never
 * trips undici's headers or body timeouts (the body is never idle for
 * long), so only the whole-request limit (http/deadline.ts) ends it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ProviderHttpClient } from '../../src/providers/http.js';
import { Deadline } from '../../src/providers/http/deadline.js';
import { rejectionOf } from './fixture.js';

/** Long enough that a loaded machine still connects and gets its headers well within it; the drip outlasts it anyway. */
const DRIP_LIMIT_MS = 600;

/** Answers 200 with its headers and a first byte at once, then one byte every 20 ms, never finishing. */
async function startDrippingServer(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((_request, response) => {
    requests += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{');
    const drip = setInterval(() => response.write(' '), 20);
    timers.add(drip);
    response.on('close', () => {
      clearInterval(drip);
      timers.delete(drip);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('the whole-request time limit', () => {
  afterEach(() => vi.useRealTimers());

  it('ends an answer whose body keeps dripping past the limit, as a timeout', async () => {
    const server = await startDrippingServer();
    try {
      const client = new ProviderHttpClient({
        provider: 'bank131',
        baseUrl: server.url,
        authenticate: () => ({}),
        timeouts: { requestMs: DRIP_LIMIT_MS },
        retry: { maxAttempts: 2, baseDelayMs: 5 },
      });
      const error = await rejectionOf(client.get({ endpoint: 'GET /check/:id', path: '/check/1', schema: z.looseObject({}) }));
      expect(error).toMatchObject({ provider: 'bank131', kind: 'timeout', timeoutMs: DRIP_LIMIT_MS, attempts: 2 });
      // The first attempt reached the server and was dripped on; a retry may time out on a loaded machine before
      // the server has read it, so only the first is certain to be counted there.
      expect(server.requests()).toBeGreaterThanOrEqual(1);
    } finally {
      await server.close();
    }
  });

  it('aborts with a TimeoutError when its time is up, and never once cleared', () => {
    vi.useFakeTimers();
    const expiring = new Deadline(100);
    const cleared = new Deadline(100);
    const aborted: string[] = [];
    expiring.once('abort', () => aborted.push('expiring'));
    cleared.once('abort', () => aborted.push('cleared'));
    cleared.clear();

    vi.advanceTimersByTime(99);
    expect(expiring.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(aborted).toEqual(['expiring']);
    expect(expiring.aborted).toBe(true);
    expect(expiring.reason).toMatchObject({ name: 'TimeoutError' });
    expect(cleared.aborted).toBe(false);
  });
});
