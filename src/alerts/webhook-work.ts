/**
 * What a recorded webhook event asks for (DESIGN.md, "Provider webhooks"): a
 * webhook is a hint, so the object is read where the event may be stale or
 * incomplete, and its outcome goes through the same commit as a sweep's
 * (store.commitObservations), which announces an outcome once however many
 * webhooks and sweeps see it.
 *
 * - Love&Pay: the KYC payload is not published, so the session is always read.
 * - Stripe: the event carries the session; it is read again only when an
 *   event about the same session with a later time is already recorded
 *   (webhooks may arrive out of order), so a stale status is not announced.
 *
 * Work runs right after the provider got its answer, on the replica that
 * took the event; an event whose work failed or whose replica died is taken
 * up again by whichever replica claims it next (WebhookWork.drain).
 */
import type { Logger } from '../log.js';
import { errorLogFields, InvalidIdError, isProviderError } from '../providers/errors.js';
import type { LoveAndPayClient } from '../providers/loveandpay/client.js';
import { backoffDelayMs } from '../providers/retry-policy.js';
import type { StripeIdentityClient } from '../providers/stripe/client.js';
import type { Observation, Store, WebhookEvent } from '../store/types.js';
import { loveAndPayObservation } from './loveandpay-event.js';
import { stripeSessionObservation } from './stripe-event.js';

export interface WebhookWorkDeps {
  store: Store;
  loveandpay?: LoveAndPayClient;
  stripe?: StripeIdentityClient;
  logger: Logger;
  now: () => Date;
  /** This replica's name in event claims. */
  worker: string;
  /** How long a claimed event stays this worker's (default 10 s); doing one twice is harmless, so it is short. */
  leaseMs?: number;
  /** First retry delay after a provider failure (default 1 s, doubling to 5 min). */
  retryBaseMs?: number;
  /** Attempts before an event is given up to the sweep (default 8). */
  maxAttempts?: number;
  /** An event's work committed alerts: delivery should start now. */
  onQueued: () => void;
}

/** How one event's work ended. */
export type WorkResult = 'done' | 'not_found' | 'retry' | 'gave_up';

const RETRY_MAX_MS = 300_000;

export class WebhookWork {
  readonly leaseMs: number;
  private readonly running = new Set<Promise<WorkResult>>();

  constructor(private readonly deps: WebhookWorkDeps) {
    this.leaseMs = deps.leaseMs ?? 10_000;
  }

  /** Does one event's work now; never rejects (a failure is logged and left for a later claim). */
  run(event: WebhookEvent): Promise<WorkResult> {
    const work = this.attempt(event);
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    return work;
  }

  /** Claims the events that are due (retries, and those of workers that died) and does their work. */
  async drain(limit = 100): Promise<number> {
    const events = await this.deps.store.claimWebhookEvents({ worker: this.deps.worker, limit, leaseMs: this.leaseMs, now: this.deps.now() });
    await Promise.all(events.map((event) => this.run(event)));
    return events.length;
  }

  /** Resolves when no work is in flight. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private async attempt(event: WebhookEvent): Promise<WorkResult> {
    const { store, logger } = this.deps;
    const where = { provider: event.provider, eventId: event.eventId, type: event.type, attempt: event.attempts };
    try {
      const observation = await this.observe(event);
      if (observation?.event) {
        observation.event = { ...observation.event, webhookAt: event.occurredAt.toISOString() };
        const { queued } = await store.commitObservations({ observations: [observation], announce: true, fromWebhook: true, now: this.deps.now() });
        if (queued > 0) this.deps.onQueued();
      }
      await store.finishWebhookEvent(event, { result: 'done', now: this.deps.now() });
      return 'done';
    } catch (error) {
      if ((isProviderError(error) && error.kind === 'not_found') || error instanceof InvalidIdError) {
        logger.warn({ ...where, objectId: event.objectId }, 'webhook names an object the provider does not know; nothing announced');
        return this.finish(event, 'not_found');
      }
      const fields = isProviderError(error) ? errorLogFields(error) : { err: error };
      if (event.attempts >= (this.deps.maxAttempts ?? 8)) {
        logger.warn({ ...where, ...fields }, 'webhook event given up; the sweep will find its outcome');
        return this.finish(event, 'gave_up');
      }
      const delayMs = Math.min(RETRY_MAX_MS, backoffDelayMs({ baseDelayMs: this.deps.retryBaseMs ?? 1_000, maxAttempts: 0, retryAfterCapMs: 0 }, event.attempts));
      logger.warn({ ...where, ...fields, retryInMs: delayMs }, 'webhook event could not be handled; will retry');
      const reason = isProviderError(error) ? error.kind : 'unexpected error';
      // When even this fails (the store is down), the claim's lease runs out and the event is claimed again.
      await store.retryWebhookEvent(event, { error: reason, retryAt: new Date(this.deps.now().getTime() + delayMs) }).catch(() => undefined);
      return 'retry';
    }
  }

  /** The outcome to commit: read from the provider, or the event's own when it is the latest known. */
  private async observe(event: WebhookEvent): Promise<Observation | null> {
    if (event.provider === 'loveandpay') {
      const client = this.required(this.deps.loveandpay, event);
      return loveAndPayObservation(await client.getKycSession(event.objectId));
    }
    const later = await this.deps.store.latestWebhookEventAt(event);
    if (!later || later <= event.occurredAt) return event.observation;
    const client = this.required(this.deps.stripe, event);
    const session = await client.getVerificationSession(event.objectId);
    return stripeSessionObservation(session, session.status, event.occurredAt.toISOString());
  }

  private required<T>(client: T | undefined, event: WebhookEvent): T {
    // Receivers are mounted only for configured providers; an event recorded by a replica configured otherwise waits.
    if (!client) throw new Error(`no ${event.provider} client configured to handle its webhook events`);
    return client;
  }

  private async finish(event: WebhookEvent, result: 'not_found' | 'gave_up'): Promise<WorkResult> {
    await this.deps.store.finishWebhookEvent(event, { result, now: this.deps.now() }).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, provider: event.provider, eventId: event.eventId }, 'could not mark a webhook event finished');
    });
    return result;
  }
}
