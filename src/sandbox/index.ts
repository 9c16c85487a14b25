/**
 * Local emulators of the three providers (DESIGN.md; issue 2, "Sandbox
 * emulators"): real HTTP servers on 127.0.0.1 over seeded data, with a
 * control API for tests and demos.
 */
import type { ProviderName } from '../domain/outcome.js';
import { bank131Faults, bank131Handler, newBank131RequestId } from './bank131/server.js';
import { createControl, type SandboxControl } from './control.js';
import { controlRoutes } from './control-routes.js';
import { Faults } from './faults.js';
import { startEmulator, type FaultReplies, type Handler, type RunningServer } from './http-kit.js';
import { LOVEANDPAY_PREFIX, loveAndPayFaults, loveAndPayHandler, newLoveAndPayRequestId } from './loveandpay/server.js';
import { Mutations } from './mutations.js';
import { streamFor } from './prng.js';
import { generateData } from './seed/index.js';
import { SandboxState } from './state.js';
import { newStripeRequestId, stripeFaults, stripeHandler } from './stripe/server.js';
import type { SandboxData } from './types.js';
import { WebhookSender, type SandboxWebhooks, type WebhookSecrets } from './webhooks.js';

export type { SandboxControl } from './control.js';
export type { SandboxWebhooks, WebhookSecrets, WebhookStats } from './webhooks.js';
export type * from './types.js';

export interface SandboxOptions {
  /** Same seed, same data (given the same sizes and `now`). Default 131. */
  seed?: number;
  /** Default 200. */
  customers?: number;
  /** Love&Pay KYC sessions; default customers * 1.5. Up to 100,000+ for benchmarks. */
  sessions?: number;
  /** Stripe verification sessions; default max(20, customers / 2). */
  stripeSessions?: number;
  /** Bank 131 checks (ids 1..n); default max(30, customers / 5). */
  checks?: number;
  /** The instant seed data is placed before (ms); default the start time. Fix it for byte-identical data. */
  now?: number;
  /**
   * The Stripe emulator's clock (ms), for the 30 days of events it keeps; default the real one. Tests with a
   * fixed `now` in the past give it too. (Love&Pay's signatures are checked against the real clock, as the client signs.)
   */
  stripeClock?: () => number;
  /** Default 0 = ephemeral. */
  ports?: { loveandpay?: number; bank131?: number; stripe?: number };
  /** Every `demoIntervalMs` (default a minute) move a few open verifications to a final status. */
  demoClock?: boolean;
  demoIntervalMs?: number;
  /**
   * Signed webhooks to the app at `origin` (its /webhooks/<provider> routes)
   * whenever a session moves; none until an origin is given (here or with
   * `webhooks.sendTo`). `dropShare` of them (default 0.2) are lost on purpose.
   */
  webhooks?: { origin?: string; dropShare?: number };
}

export interface SandboxCredentials {
  loveandpayApiKey: string;
  loveandpaySecretKey: string;
  bank131Project: string;
  stripeSecretKey: string;
}

export interface Sandbox {
  /** loveandpay includes /api/v2, bank131 includes /api/v1.1, stripe is the origin only. */
  urls: { loveandpay: string; bank131: string; stripe: string };
  credentials: SandboxCredentials;
  /**
   * LOVEANDPAY_BASE_URL, LOVEANDPAY_API_KEY, LOVEANDPAY_SECRET_KEY, BANK131_BASE_URL, BANK131_PROJECT,
   * STRIPE_API_BASE, STRIPE_SECRET_KEY, LOVEANDPAY_WEBHOOK_SECRET, STRIPE_WEBHOOK_SECRET.
   */
  env: Record<string, string>;
  /** Live view of the emulated data; change it only through `control`. */
  data: SandboxData;
  control: SandboxControl;
  /** The emulators' webhooks to the app. */
  webhooks: SandboxWebhooks;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 131;
  const customers = options.customers ?? 200;
  const data = generateData({
    seed,
    customers,
    sessions: options.sessions ?? Math.round(customers * 1.5),
    stripeSessions: options.stripeSessions ?? Math.max(20, Math.round(customers / 2)),
    checks: options.checks ?? Math.max(30, Math.round(customers / 5)),
    anchor: options.now ?? Date.now(),
  });
  const clock = () => Date.now();
  const state = new SandboxState(data);
  const faults = new Faults();
  const webhooks = new WebhookSender(webhookSecrets(seed), streamFor(seed, 'webhooks'), clock, options.webhooks);
  const mutations = new Mutations(state, streamFor(seed, 'control'), clock, (change) => webhooks.changed(change));
  const control = createControl(state, faults, mutations, streamFor(seed, 'demo'));
  const credentials = sandboxCredentials(seed);

  const emulator = (provider: ProviderName, serve: Handler, replies: FaultReplies, requestIdHeader: string, newRequestId: () => string) =>
    startEmulator({
      provider,
      port: options.ports?.[provider] ?? 0,
      faults,
      requestIdHeader,
      newRequestId,
      serve,
      faultReplies: replies,
      control: controlRoutes(provider, control, data, webhooks),
    });

  const servers: RunningServer[] = [];
  const closeAll = () => Promise.all(servers.map((server) => server.close())).then(() => undefined);
  try {
    servers.push(
      await emulator(
        'loveandpay',
        loveAndPayHandler(state, { apiKey: credentials.loveandpayApiKey, secretKey: credentials.loveandpaySecretKey }, clock),
        loveAndPayFaults,
        'x-request-id',
        newLoveAndPayRequestId,
      ),
    );
    servers.push(await emulator('bank131', bank131Handler(state, credentials.bank131Project), bank131Faults, 'x-request-id', newBank131RequestId));
    servers.push(await emulator('stripe', stripeHandler(state, credentials.stripeSecretKey, options.stripeClock ?? clock), stripeFaults, 'request-id', newStripeRequestId));
  } catch (error) {
    await closeAll();
    throw error;
  }
  const [loveandpay, bank131, stripe] = servers as [RunningServer, RunningServer, RunningServer];

  const timer = options.demoClock ? setInterval(() => control.demoTick(), options.demoIntervalMs ?? 60_000) : undefined;
  timer?.unref();

  const urls = {
    loveandpay: `${loveandpay.origin}${LOVEANDPAY_PREFIX}`,
    bank131: `${bank131.origin}/api/v1.1`,
    stripe: stripe.origin,
  };
  return {
    urls,
    credentials,
    env: {
      LOVEANDPAY_BASE_URL: urls.loveandpay,
      LOVEANDPAY_API_KEY: credentials.loveandpayApiKey,
      LOVEANDPAY_SECRET_KEY: credentials.loveandpaySecretKey,
      BANK131_BASE_URL: urls.bank131,
      BANK131_PROJECT: credentials.bank131Project,
      STRIPE_API_BASE: urls.stripe,
      STRIPE_SECRET_KEY: credentials.stripeSecretKey,
      LOVEANDPAY_WEBHOOK_SECRET: webhooks.secrets.loveandpay,
      STRIPE_WEBHOOK_SECRET: webhooks.secrets.stripe,
    },
    data,
    control,
    webhooks,
    close: async () => {
      if (timer) clearInterval(timer);
      webhooks.sendTo(null);
      await closeAll();
    },
  };
}

/** Webhook signing secrets, from the seed like the keys (a stream of their own, so the keys stay as they were). */
function webhookSecrets(seed: number): WebhookSecrets {
  const rng = streamFor(seed, 'webhook-secrets');
  return { loveandpay: `lpwh_test_${rng.alnum(32)}`, stripe: `whsec_${rng.alnum(32)}` };
}

/** Keys shaped like the real ones, derived from the seed so a restarted demo keeps its .env valid. */
function sandboxCredentials(seed: number): SandboxCredentials {
  const rng = streamFor(seed, 'credentials');
  return {
    loveandpayApiKey: `pk_test_${rng.alnum(24)}`,
    loveandpaySecretKey: `sk_test_${rng.alnum(32)}`,
    bank131Project: 'kyc-desk-sandbox',
    stripeSecretKey: `sk_test_${rng.alnum(24)}`,
  };
}
