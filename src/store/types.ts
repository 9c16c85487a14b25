/**
 * Everything KYC Desk persists, behind one interface with a SQLite
 * implementation (default) and a PostgreSQL one (several replicas). The
 * contract tests in test/store/contract.ts hold every implementation to it.
 *
 * Alert guarantees (DESIGN.md, "Alerts: what must hold") rest on two rules
 * kept here: an observed outcome and its outbox rows commit in one
 * transaction, and an outbox row is unique per (chat, provider, object,
 * outcome), so overlapping subscriptions or repeated sweeps cannot
 * announce one event twice.
 */
import type { ChatRef, Platform } from '../domain/chat.js';
import type { AlertOutcome, Outcome, ProviderName } from '../domain/outcome.js';
import type { ResultKind } from '../domain/reply.js';
import type { VerificationRecord } from '../domain/verification.js';
import type { QuietHours } from '../domain/quiet-hours.js';
import type { CardStore, ReviewChange } from './card-types.js';
import type { StatsStore } from './stats-types.js';
import type { WebhookStore } from './webhook-types.js';

export type * from './card-types.js';
export type * from './webhook-types.js';
export type * from './stats-types.js';

/** What an alert says about one object; rendered by the chat adapters, stored as JSON. */
export interface AlertEvent {
  provider: ProviderName;
  /** Love&Pay session UUID, Stripe vs_... id, Bank 131 check id. */
  objectId: string;
  outcome: AlertOutcome;
  native: string;
  /** When the provider says the change happened (ISO 8601), if known. */
  occurredAt?: string;
  /** When a provider webhook announced it, the webhook event's time (ISO 8601): /metrics measures the lag to the chat send from it. */
  webhookAt?: string;
  /** Already-masked display facts: customer, document type and country, scores, verified time, error code. */
  details: Record<string, string | number | null>;
}

export interface Observation {
  provider: ProviderName;
  objectId: string;
  outcome: Outcome;
  native: string;
  /** Present when the outcome is APPROVED or DECLINED and worth announcing. */
  event?: AlertEvent;
  /** Extra chats to tell besides subscribers (e.g. the chat that watches a Bank 131 check). */
  alsoNotify?: ChatRef[];
}

export interface CommitObservations {
  observations: Observation[];
  /** Sweep cursor updates committed in the same transaction: key -> JSON-serialisable value. */
  cursors?: Record<string, unknown>;
  /** Rows for the index of verifications, upserted in the same transaction (see recordVerifications). */
  verifications?: VerificationRecord[];
  /** False for a source's first (baseline) sweep: record what exists, announce nothing. */
  announce: boolean;
  /**
   * True when a webhook, not a sweep, found these outcomes. A sweep that
   * counts a list's growth by the ids it has not seen (sweep-loveandpay.ts)
   * must still count them: knownObjectIds leaves a new outcome committed so
   * out until a commit without this flag (a sweep's) records it again.
   */
  fromWebhook?: boolean;
  now: Date;
}

export interface CommitResult {
  /** Observations whose (provider, object, outcome) had not been seen before. */
  newOutcomes: number;
  /** Outbox rows created. */
  queued: number;
}

export interface Subscription {
  id: number;
  chat: ChatRef;
  /** Empty = all. */
  outcomes: AlertOutcome[];
  providers: ProviderName[];
  /** 'static' ones come from ALERT_SLACK_CHANNELS / ALERT_TELEGRAM_CHATS and are re-synced at start. */
  source: 'static' | 'command';
  createdBy: string | null;
  createdAt: Date;
  disabledReason: string | null;
  /** Hours its alerts are held, to come as one digest when they end; null: none. */
  quiet: QuietHours | null;
}

/** An alert as the outbox keeps it: what it said, and when it was first queued for a chat. */
export interface QueuedAlert {
  event: AlertEvent;
  queuedAt: Date;
}

/** How many of the newest outbox rows latestAlerts reads: an alert to 100 chats still leaves room for ten others. */
export const LATEST_ALERTS_SCAN = 1_000;

export interface OutboxEntry {
  id: number;
  chat: ChatRef;
  event: AlertEvent;
  createdAt: Date;
  /** Times this entry has been claimed, this claim included (1 on the first delivery attempt). */
  attempts: number;
  /** The error given to the last markRetry, if any. */
  lastError: string | null;
  /** Present when the entry tells a review action on the verification's card, not a new outcome. */
  change?: ReviewChange;
  /** True when quiet hours held it: held entries arrive together as one digest (alerts/digest.ts). */
  held?: boolean;
}

/** One verification in the store's index: domain/verification.ts. */
export type { VerificationRecord } from '../domain/verification.js';

export interface IndexedVerification extends VerificationRecord {
  /** When the bot first saw it (a pending Bank 131 check's only date). */
  firstSeenAt: Date;
  updatedAt: Date;
}

/** What a short id (an 8+ character UUID prefix) matches among the ids the index knows. */
export interface PrefixMatches {
  /** Love&Pay session ids. */
  sessions: string[];
  /** Love&Pay customer ids (customer references that are UUIDs). */
  customers: string[];
}

export interface Watch {
  checkId: string;
  chat: ChatRef;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface AuditEntry {
  at: Date;
  platform: Platform;
  /** Slack team id, when known. */
  workspaceId: string | null;
  chatId: string;
  userId: string;
  /** The command line with personal data already masked. */
  command: string;
  result: ResultKind;
}

/** What one housekeeping pass deleted. */
export interface PruneResult {
  outbox: number;
  seenRequests: number;
  buttonPayloads: number;
  audit: number;
  /** Webhook events finished before `finishedBefore` (their ids no longer guard against a repeat). */
  webhookEvents: number;
}

/**
 * Reasons a chat platform gives when the bot's token no longer works. Older
 * builds disabled a chat for these; they are not about the chat, so the
 * stores' migrations re-enable such chats and requeue their alerts.
 */
export const AUTH_FAILURE_REASONS: readonly string[] = [
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'Unauthorized',
];

export interface Store extends CardStore, WebhookStore, StatsStore {
  /** Which implementation, for logs and /readyz. */
  readonly kind: 'sqlite' | 'postgres';

  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;

  // --- change detection -------------------------------------------------
  /**
   * Which of these ids already have this outcome recorded (for sweeps that
   * scan pages), leaving out outcomes only a webhook has committed so far
   * (CommitObservations.fromWebhook).
   */
  knownObjectIds(provider: ProviderName, outcome: Outcome, objectIds: string[]): Promise<Set<string>>;
  /**
   * Every id knownObjectIds would call known for this provider and outcome,
   * at once: for a walk of a whole list (reconcile-loveandpay.ts), where one
   * read costs a fraction of a lookup per page (about 90 bytes an id held).
   */
  allKnownObjectIds(provider: ProviderName, outcome: Outcome): Promise<Set<string>>;
  getCursor<T = unknown>(key: string): Promise<T | null>;
  setCursor(key: string, value: unknown): Promise<void>;
  /**
   * One transaction: record outcomes, queue alerts for new ones to every
   * matching chat, move cursors. All or nothing: when it throws, no outcome,
   * outbox row or cursor was written. An observation's `event` must name the
   * same provider, object and outcome as the observation (else it throws).
   * Chats: enabled subscriptions whose filter lets the event through, plus
   * `alsoNotify`, plus chats already told of the same object (its card edits
   * in place), minus disabled chats; one outbox row per chat and event,
   * ever (a later commit of the same event queues nothing). A chat whose
   * subscriptions are all in quiet hours gets the row due when they end.
   * An announced DECLINED opens the object's review item; an APPROVED closes it.
   */
  commitObservations(input: CommitObservations): Promise<CommitResult>;

  // --- outbox -----------------------------------------------------------
  /**
   * Claims due entries for delivery, oldest first, at most `limit`, holding
   * them for `leaseMs` so no other worker (or replica) takes them meanwhile.
   * Due: pending with a due time <= now, or claimed with an expired lease (its
   * worker died). One worker at a time per chat, so a chat's alerts go out in
   * order and within its rate limit: a chat is skipped while another worker
   * holds an unexpired claim on any of its entries, or while any of its
   * entries waits for a markRetry time (a 429's Retry-After holds the chat).
   * An entry queued for later (quiet hours) and never tried holds nothing:
   * the chat's other alerts go on meanwhile.
   */
  claimOutbox(input: { worker: string; limit: number; leaseMs: number; now: Date }): Promise<OutboxEntry[]>;
  markSent(ids: number[], now: Date): Promise<void>;
  /** Back to pending, due again at `retryAt` (only entries still pending or claimed). */
  markRetry(ids: number[], input: { error: string; retryAt: Date }): Promise<void>;
  /** Gives up on entries for good (permanent chat errors); entries already sent stay sent. */
  markFailed(ids: number[], input: { error: string; now: Date }): Promise<void>;
  /**
   * Extends the lease on entries this worker still holds (a send that takes
   * longer than the lease, waiting out a long retry_after, must not let
   * another replica claim them meanwhile). Entries it no longer holds are left alone.
   */
  renewClaims(ids: number[], input: { worker: string; leaseMs: number; now: Date }): Promise<void>;
  /** Entries not yet sent (pending or claimed), for metrics and /readyz. */
  outboxDepth(): Promise<number>;
  /**
   * The newest alerts queued, one per (provider, object, outcome) however
   * many chats it went to, newest first, at most `limit` (Slack's App Home
   * lists them). Card updates for review actions are not alerts. Only the
   * newest LATEST_ALERTS_SCAN rows are read, so the cost stays flat as the
   * outbox grows; rows leave it with housekeeping (7 days after delivery).
   */
  latestAlerts(limit: number): Promise<QueuedAlert[]>;

  // --- subscriptions ----------------------------------------------------
  /**
   * Adds or widens a subscription of one chat; returns the stored one. When
   * one of the chat's subscriptions of the same source already covers the
   * filter, that one is returned (with `quiet` applied when given); else a
   * new row replaces the same-source rows it covers. Also re-enables a chat disabled by
   * disableChat (someone just asked for alerts there).
   */
  subscribe(input: {
    chat: ChatRef;
    outcomes: AlertOutcome[];
    providers: ProviderName[];
    source: 'static' | 'command';
    createdBy: string | null;
    /** Quiet hours to set (null clears them); absent leaves a covering subscription's as they are. */
    quiet?: QuietHours | null;
    now: Date;
  }): Promise<Subscription>;
  /**
   * Takes a filter away from the chat's subscriptions of any source (empty
   * outcomes/providers = all, so both empty removes everything); a
   * subscription may narrow, split in two or go. Returns how many stored
   * subscriptions changed or went.
   */
  unsubscribe(input: { chat: ChatRef; outcomes: AlertOutcome[]; providers: ProviderName[] }): Promise<number>;
  /** In creation order. */
  listSubscriptions(chat?: ChatRef): Promise<Subscription[]>;
  /**
   * Applies the configured static chats: a chat new to the list gets a
   * 'static' subscription (all outcomes, all providers); a chat gone from it
   * loses its 'static' subscriptions. Chats listed before are left as chat
   * users have shaped them, so `/kyc unsubscribe` in a static channel
   * survives a restart. Every listed chat is enabled again: the operator
   * names it in the configuration, so a restart after fixing it must work.
   */
  syncStaticSubscriptions(chats: ChatRef[], now: Date): Promise<void>;
  /**
   * Permanent delivery error: stop alerting this chat (subscriptions and
   * alsoNotify alike), keep the reason for /kyc subscriptions, and fail the
   * chat's unsent outbox entries. `subscribe` in that chat re-enables it.
   */
  disableChat(chat: ChatRef, reason: string, now: Date): Promise<void>;

  // --- the index of verifications ----------------------------------------
  /**
   * Upserts rows of the index, one per (provider, object). A later record
   * replaces the outcome, status and reason; a customer reference or start
   * time once known is kept when a later record lacks it; the decision time
   * stays while the outcome stays, and is cleared when the outcome is pending
   * again. first_seen_at is written once.
   */
  recordVerifications(records: VerificationRecord[], now: Date): Promise<void>;
  /** One customer's verifications at one provider, newest first (by decision, else start, else first sight), at most `limit`. */
  verificationsOf(input: { provider: ProviderName; customerRef: string; limit: number }): Promise<IndexedVerification[]>;
  /** The rows of these objects (those the index has), in no particular order. */
  getVerifications(provider: ProviderName, objectIds: string[]): Promise<IndexedVerification[]>;
  /** Love&Pay session and customer ids that start with `prefix` (lower case), at most `limit` of each, in id order. */
  findIdsByPrefix(prefix: string, limit: number): Promise<PrefixMatches>;

  // --- Bank 131 watches -------------------------------------------------
  addWatch(input: { checkId: string; chat: ChatRef; createdBy: string | null; now: Date; expiresAt: Date }): Promise<void>;
  /** Every watch, expired ones included (the watcher says when it gives up), oldest first. */
  listWatches(): Promise<Watch[]>;
  removeWatch(checkId: string, chat?: ChatRef): Promise<void>;

  // --- button payloads (Telegram callback_data is at most 64 bytes) -----
  saveButtonPayload(input: { key: string; commandLine: string; expiresAt: Date }): Promise<void>;
  loadButtonPayload(key: string, now: Date): Promise<string | null>;

  // --- audit ------------------------------------------------------------
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first (by `at`, then by order of appending); with `since`, only entries at or after it. */
  latestAudit(limit: number, since?: Date): Promise<AuditEntry[]>;

  // --- request replay protection ----------------------------------------
  /**
   * Records a signed request's signature until `expiresAt`. False when it is
   * already recorded and not yet expired: the request is a replay. Shared by
   * replicas, so a replay sent to another replica is refused too.
   */
  rememberRequest(input: { key: string; now: Date; expiresAt: Date }): Promise<boolean>;

  // --- housekeeping -------------------------------------------------------
  /**
   * Deletes what is no longer kept: outbox rows sent or failed before
   * `finishedBefore`, expired request signatures and button payloads, audit
   * entries older than `auditBefore`, and webhook events finished before
   * `finishedBefore` (with any of their outcomes no sweep has counted).
   */
  prune(input: { now: Date; finishedBefore: Date; auditBefore: Date }): Promise<PruneResult>;

  // --- several replicas -------------------------------------------------
  /**
   * Tries to become (or stay) the one replica that runs sweeps. SQLite: a
   * lease row; PostgreSQL: a session advisory lock, released when its
   * holder's connection dies so another replica takes over (`leaseMs` is
   * then unused). `close()` does not release it: call releaseLeadership on
   * a graceful stop so another replica takes over at once.
   */
  tryLeadership(holder: string, now: Date, leaseMs: number): Promise<boolean>;
  releaseLeadership(holder: string): Promise<void>;
}
