/**
 * The emulators' webhooks (DESIGN.md, "Provider webhooks"): when a session
 * moves (the demo clock, the control API), the provider tells the app, signed
 * the way the real one signs. Love&Pay sends kyc.completed / kyc.failed for
 * an approval or a decline; Stripe sends each verification session event.
 *
 * Like Love&Pay, the emulators lose webhooks: one in five is dropped on
 * purpose (seeded, so a demo loses the same ones each run), and the demo
 * shows the next sweep announcing what the webhook did not. A webhook the
 * app does not take (not running, an error) is not sent again: the sweep is
 * the safety net there too.
 */
import { createHmac } from 'node:crypto';
import type { Rng } from './prng.js';
import type { KycSessionLike, StripeEventLike } from './types.js';

export interface WebhookSecrets {
  loveandpay: string;
  stripe: string;
}

export interface WebhookStats {
  /** Where webhooks go (the app's origin), or null while they go nowhere. */
  target: string | null;
  /** Answered 2xx. */
  sent: number;
  /** Dropped on purpose. */
  dropped: number;
  /** Refused, or no answer. */
  failed: number;
}

export interface SandboxWebhooks {
  /** What the emulators sign with unless sendTo names others (printed by `npm run sandbox`). */
  readonly secrets: WebhookSecrets;
  /** From now on, POST to `${origin}/webhooks/<provider>`, signed with `secrets` (default: the sandbox's); null stops. */
  sendTo(origin: string | null, secrets?: Partial<WebhookSecrets>): void;
  /** Share of webhooks dropped on purpose, 0..1 (default 0.2). */
  setDropShare(share: number): void;
  stats(): WebhookStats;
  /** Resolves once every webhook sent so far has been answered or has failed. */
  settled(): Promise<void>;
}

/** What changed at an emulator, as its webhook tells it. */
export type ProviderChange = { provider: 'loveandpay'; session: KycSessionLike } | { provider: 'stripe'; event: StripeEventLike };

const LOVEANDPAY_EVENTS: Record<string, string> = { APPROVED: 'kyc.completed', DECLINED: 'kyc.failed' };
const SEND_TIMEOUT_MS = 5_000;

export class WebhookSender implements SandboxWebhooks {
  private target: string | null = null;
  private signWith: WebhookSecrets;
  private dropShare: number;
  private readonly counts = { sent: 0, dropped: 0, failed: 0 };
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    readonly secrets: WebhookSecrets,
    private readonly rng: Rng,
    private readonly clock: () => number,
    options: { origin?: string; dropShare?: number } = {},
  ) {
    this.signWith = secrets;
    this.target = options.origin ?? null;
    this.dropShare = options.dropShare ?? 0.2;
  }

  sendTo(origin: string | null, secrets: Partial<WebhookSecrets> = {}): void {
    this.target = origin ? origin.replace(/\/+$/, '') : null;
    this.signWith = { ...this.secrets, ...secrets };
  }

  setDropShare(share: number): void {
    if (!(share >= 0 && share <= 1)) throw new Error('dropShare must be between 0 and 1');
    this.dropShare = share;
  }

  stats(): WebhookStats {
    return { target: this.target, ...this.counts };
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Called by Mutations for every change; sends the webhook the provider would. */
  changed(change: ProviderChange): void {
    if (!this.target) return;
    if (change.provider === 'stripe') {
      this.stripe(change.event);
      return;
    }
    const event = LOVEANDPAY_EVENTS[change.session.status];
    if (event) this.loveandpay(change.session, event);
  }

  private loveandpay(session: KycSessionLike, event: string): void {
    const now = this.clock();
    const id = `evt_${this.rng.alnum(24)}`;
    const body = JSON.stringify({
      id,
      event,
      timestamp: new Date(now).toISOString(),
      data: { id: session.id, sessionId: session.sessionId, status: session.status, invoiceId: session.invoiceId },
      partnerId: 'partner_sandbox',
      retryCount: 0,
    });
    const signature = createHmac('sha256', this.signWith.loveandpay).update(body, 'utf8').digest('hex');
    this.post('loveandpay', body, {
      'x-webhook-signature': `sha256=${signature}`,
      'x-webhook-id': id,
      'x-webhook-timestamp': String(now),
    });
  }

  private stripe(event: StripeEventLike): void {
    const body = JSON.stringify(event);
    const t = Math.floor(this.clock() / 1000);
    const signature = createHmac('sha256', this.signWith.stripe).update(`${t}.${body}`, 'utf8').digest('hex');
    this.post('stripe', body, { 'stripe-signature': `t=${t},v1=${signature}` });
  }

  private post(provider: 'loveandpay' | 'stripe', body: string, headers: Record<string, string>): void {
    // Drawn for every webhook, so which ones are lost depends only on the seed and the order of changes.
    if (this.rng.chance(this.dropShare)) {
      this.counts.dropped += 1;
      return;
    }
    const sending = fetch(`${this.target}/webhooks/${provider}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        if (response.ok) this.counts.sent += 1;
        else this.counts.failed += 1;
      })
      .catch(() => {
        this.counts.failed += 1;
      })
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }
}
