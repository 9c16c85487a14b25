/**
 * A provider's error text is its own, and it can echo what we sent: one
 * answered a bad key with a message quoting the whole key. Sweeps log a
 * failed call by kind, status, code and request id, never by that text, and
 * the logger scrubs key-shaped strings from anything that gets through.
 * Providers here are small servers that answer every request with 401 and
 * the caller's own key in the message.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlerts } from '../../src/alerts/index.js';
import { createLogger } from '../../src/log.js';
import { createProviders, type Providers } from '../../src/providers/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { rejectionOf } from '../providers/fixture.js';

const STRIPE_KEY = 'sk_live_abc123def456ghi789jkl012mno345';
const LOVEANDPAY_KEY = 'pk_live_Q2xW9eR7tY5uI3oP1aS8dF6g';
const LOVEANDPAY_SECRET = 'sk_live_Zx8Cv6Bn4Mq2Wr0Ty9Ui7Op5As3Df1Gh';
/** What must never be in a log line: the keys' secret parts and the provider's wording around them. */
const NEVER_LOGGED = ['abc123def456ghi789jkl012mno345', 'Q2xW9eR7tY5uI3oP1aS8dF6g', 'Zx8Cv6Bn4Mq2Wr0Ty9Ui7Op5As3Df1Gh', 'Invalid API Key provided', 'Unknown key'];

/** 401 for everything, quoting the key it was given, in Stripe's error shape or Love&Pay's. */
async function echoingProvider(shape: 'stripe' | 'loveandpay'): Promise<{ origin: string; server: Server }> {
  let served = 0;
  const server = createServer((req, res) => {
    served += 1;
    const requestId = `req_echo_${served}`;
    const body =
      shape === 'stripe'
        ? { error: { type: 'invalid_request_error', code: 'invalid_api_key', message: `Invalid API Key provided: ${String(req.headers.authorization).replace(/^Bearer /, '')}` } }
        : { success: false, error: { code: 'INVALID_API_KEY', message: `Unknown key ${String(req.headers['x-api-key'])}; did you mean ${LOVEANDPAY_SECRET}?`, requestId } };
    res.writeHead(401, { 'content-type': 'application/json', 'request-id': requestId, 'x-request-id': requestId });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('provider errors in the logs', () => {
  const lines: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  let servers: Server[];
  let providers: Providers;
  let store: Store;

  beforeAll(async () => {
    const stripe = await echoingProvider('stripe');
    const loveandpay = await echoingProvider('loveandpay');
    servers = [stripe.server, loveandpay.server];
    providers = createProviders({
      stripe: { apiBase: stripe.origin, secretKey: STRIPE_KEY },
      loveandpay: { baseUrl: `${loveandpay.origin}/api/v2`, apiKey: LOVEANDPAY_KEY, secretKey: LOVEANDPAY_SECRET },
      retry: { baseDelayMs: 1 },
    });
    store = await openStore('file::memory:');
  });
  afterAll(async () => {
    await providers.close();
    await store.close();
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('logs a failed sweep by kind, status, code and request id, never by the provider text that echoed our key', async () => {
    const alerts = createAlerts({ store, providers, senders: {}, logger });
    try {
      const report = await alerts.sweepOnce();
      expect(report.failures.map((failure) => failure.source).sort()).toEqual(['loveandpay', 'stripe']);
    } finally {
      await alerts.stop();
    }

    const text = lines.join('');
    for (const secret of NEVER_LOGGED) expect(text).not.toContain(secret);
    const failed = entries().filter((entry) => entry.msg === 'sweep failed; the next one tries again');
    expect(failed).toHaveLength(2);
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'stripe', kind: 'auth', status: 401, code: 'invalid_api_key', requestId: 'req_echo_1', attempts: 1 }),
        expect.objectContaining({ source: 'loveandpay', kind: 'auth', status: 401, code: 'INVALID_API_KEY', requestId: 'req_echo_1', attempts: 1 }),
      ]),
    );
    for (const entry of failed) expect(entry).not.toHaveProperty('err');
  });

  it('keeps the key out even where such an error is logged whole', async () => {
    const error = await rejectionOf(providers.stripe!.listVerificationSessions());
    expect(error.message).toContain(STRIPE_KEY);
    logger.error({ err: error }, 'logged whole by mistake');

    const entry = entries().at(-1)!;
    expect(lines.at(-1)).not.toContain('abc123def456');
    expect(entry).toMatchObject({
      msg: 'logged whole by mistake',
      err: { type: 'ProviderError', kind: 'auth', message: 'Invalid API Key provided: sk_live_[redacted]' },
    });
  });
});
