/**
 * withAuth runs inside withRetry: every attempt of a Love&Pay request leaves
 * with its own timestamp and a signature over it, and the emulator (which
 * checks both as the provider does) accepts the retry.
 */
import { Agent, type Dispatcher } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { LoveAndPayClient } from '../../src/providers/loveandpay/client.js';
import { signLoveAndPay } from '../../src/providers/loveandpay/sign.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { FAST_RETRY, rejectionOf, useSandboxedProviders } from './fixture.js';

const shared = useSandboxedProviders(11);
let sandbox: Sandbox;

beforeAll(() => {
  sandbox = shared.sandbox;
});

interface SentAttempt {
  path: string;
  headers: Record<string, string>;
}

/** A Love&Pay client whose clock moves 1 s per reading, and every attempt as undici sends it. */
function recordingClient(secretKey = sandbox.credentials.loveandpaySecretKey) {
  const sent: SentAttempt[] = [];
  const record: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) => {
    sent.push({ path: opts.path, headers: { ...(opts.headers as Record<string, string>) } });
    return dispatch(opts, handler);
  };
  const dispatcher = new Agent().compose(record);
  let clock = Date.now();
  const client = new LoveAndPayClient(
    { baseUrl: sandbox.urls.loveandpay, apiKey: sandbox.credentials.loveandpayApiKey, secretKey },
    { dispatcher, retry: FAST_RETRY },
    () => (clock += 1_000),
  );
  return { client, sent, close: () => dispatcher.close() };
}

describe('Love&Pay signing per attempt', () => {
  it('signs each retry afresh, with a new timestamp, and the emulator accepts the last one', async () => {
    sandbox.control.rateLimitBurst('loveandpay', 2, 0);
    const { client, sent, close } = recordingClient();
    try {
      const page = await client.listKycSessions({ limit: 1 });
      expect(page.items).toHaveLength(1);
    } finally {
      await close();
    }

    expect(sent).toHaveLength(3);
    const timestamps = sent.map((attempt) => attempt.headers['x-timestamp']);
    const signatures = sent.map((attempt) => attempt.headers['x-signature']);
    expect(new Set(timestamps).size).toBe(3);
    expect(new Set(signatures).size).toBe(3);
    for (const attempt of sent) {
      const path = attempt.path.split('?')[0]!;
      const expected = signLoveAndPay({
        secretKey: sandbox.credentials.loveandpaySecretKey,
        method: 'GET',
        path,
        timestamp: attempt.headers['x-timestamp']!,
        body: '',
      });
      expect(attempt.headers['x-signature']).toBe(expected);
      expect(attempt.headers['x-api-key']).toBe(sandbox.credentials.loveandpayApiKey);
    }
  });

  it('sends the static headers on every attempt under the fresh signature', async () => {
    sandbox.control.failRate('loveandpay', 1);
    const { client, sent, close } = recordingClient();
    try {
      const error = await rejectionOf(client.listKycSessions({ limit: 1 }));
      expect(error).toMatchObject({ kind: 'unavailable', attempts: 3 });
    } finally {
      await close();
    }
    expect(sent).toHaveLength(3);
    for (const attempt of sent) {
      expect(attempt.headers).toMatchObject({ accept: 'application/json', 'content-type': 'application/json' });
    }
    expect(new Set(sent.map((attempt) => attempt.headers['x-signature'])).size).toBe(3);
  });
});
