/**
 * Provider webhooks as the store keeps them (DESIGN.md, "Provider webhooks"):
 * each event id once, recorded before the provider gets its 2xx, with the
 * work it asks for (read the object, commit its outcome) kept as pending
 * until a worker finishes it. A worker holds an event under a lease, like an
 * outbox claim, so an event whose replica died after answering is taken up
 * by another one. Doing an event's work twice is harmless: its outcome
 * commits once (commitObservations).
 */
import type { ProviderName } from '../domain/outcome.js';
import type { Observation } from './types.js';

/** The providers that send webhooks (Bank 131 has none: its checks are polled). */
export type WebhookProvider = Extract<ProviderName, 'loveandpay' | 'stripe'>;

export interface WebhookEventKey {
  provider: WebhookProvider;
  /** The provider's event id (evt_...): unique per provider. */
  eventId: string;
}

export interface NewWebhookEvent extends WebhookEventKey {
  /** The provider's event type, e.g. kyc.completed or identity.verification_session.verified. */
  type: string;
  /** The verification it is about: a Love&Pay session UUID, a Stripe vs_... id. */
  objectId: string;
  /** When the provider says the event happened. */
  occurredAt: Date;
  /**
   * What the event itself says, when that is enough to act on (a Stripe
   * event's session snapshot), already masked like any alert; null when the
   * object must be read from the provider (Love&Pay's payload is unpublished).
   */
  observation: Observation | null;
}

export interface WebhookEvent extends NewWebhookEvent {
  receivedAt: Date;
  /** Times a worker took it up, this time included. */
  attempts: number;
}

/** How an event's work ended, kept with it: the outcome committed, the object unknown to the provider, or retries given up (the sweep still looks). */
export type WebhookResult = 'done' | 'not_found' | 'gave_up';

export interface WebhookStore {
  /**
   * Records an event and hands it to `worker` at once (its lease runs
   * `leaseMs`). False when the event id was recorded before: a repeat, and
   * nothing changes.
   */
  recordWebhookEvent(input: { event: NewWebhookEvent; worker: string; leaseMs: number; now: Date }): Promise<boolean>;
  /**
   * Events whose work is not finished, due, and held by no live lease (a
   * worker died, or a retry's time came), oldest first, at most `limit`;
   * each is held for `worker` for `leaseMs`.
   */
  claimWebhookEvents(input: { worker: string; limit: number; leaseMs: number; now: Date }): Promise<WebhookEvent[]>;
  /** The event's work is finished: never claimed again. */
  finishWebhookEvent(key: WebhookEventKey, input: { result: WebhookResult; now: Date }): Promise<void>;
  /** The work failed for now: the event is due again at `retryAt`. */
  retryWebhookEvent(key: WebhookEventKey, input: { error: string; retryAt: Date }): Promise<void>;
  /** The latest time of another recorded event about the same object, or null: a later event means this one is stale. */
  latestWebhookEventAt(key: WebhookEventKey & { objectId: string }): Promise<Date | null>;
  /** Events recorded and not yet finished (for /metrics). */
  webhookEventsPending(): Promise<number>;
  /**
   * Tells every replica's onAlertsQueued listeners, this one's included, that
   * alerts were queued (PostgreSQL NOTIFY), so the replica that delivers
   * starts at once instead of at its next look at the outbox.
   */
  notifyAlertsQueued(): Promise<void>;
  /**
   * Calls `listener` after any replica's notifyAlertsQueued (PostgreSQL:
   * LISTEN on a connection of its own; SQLite: this store object's only).
   * Returns the function that stops listening.
   */
  onAlertsQueued(listener: () => void): () => void;
}
