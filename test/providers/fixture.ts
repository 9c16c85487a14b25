/** Provider clients pointed at a running sandbox, with delays shrunk so failure paths test fast. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createProviders, type Providers } from '../../src/providers/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

/** Backoff small enough for tests; Retry-After is still honoured as sent. */
export const FAST_RETRY = { baseDelayMs: 5 } as const;

/** The per-attempt timeout timeout tests use (clients elsewhere keep a roomy one so a busy machine never flakes). */
export const SHORT_TIMEOUT_MS = 200;

export function providersFor(
  sandbox: Sandbox,
  overrides: { loveandpaySecret?: string; bank131Project?: string; stripeKey?: string; requestMs?: number } = {},
): Required<Omit<Providers, 'close'>> & Pick<Providers, 'close'> {
  const providers = createProviders({
    loveandpay: {
      baseUrl: sandbox.urls.loveandpay,
      apiKey: sandbox.credentials.loveandpayApiKey,
      secretKey: overrides.loveandpaySecret ?? sandbox.credentials.loveandpaySecretKey,
    },
    bank131: { baseUrl: sandbox.urls.bank131, project: overrides.bank131Project ?? sandbox.credentials.bank131Project },
    stripe: { apiBase: sandbox.urls.stripe, secretKey: overrides.stripeKey ?? sandbox.credentials.stripeSecretKey },
    timeouts: { connectMs: 1_000, requestMs: overrides.requestMs ?? 5_000 },
    retry: FAST_RETRY,
  });
  const { loveandpay, bank131, stripe } = providers;
  if (!loveandpay || !bank131 || !stripe) throw new Error('every provider is configured');
  return { loveandpay, bank131, stripe, close: providers.close };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export interface SandboxedProviders {
  sandbox: Sandbox;
  providers: ReturnType<typeof providersFor>;
}

/**
 * A seeded sandbox and clients pointed at it for the whole file, with faults
 * and request counts cleared before each test. Call at the top of a test
 * file; the fields are set once its beforeAll has run.
 */
export function useSandboxedProviders(seed: number): SandboxedProviders {
  const shared = {} as SandboxedProviders;
  beforeAll(async () => {
    shared.sandbox = await startSandbox({ seed });
    shared.providers = providersFor(shared.sandbox);
  });
  afterAll(async () => {
    await shared.providers?.close();
    await shared.sandbox?.close();
  });
  beforeEach(() => {
    shared.sandbox.control.clearFaults();
    shared.sandbox.control.resetRequestCount();
  });
  return shared;
}
