/**
 * What createAlerts (index.ts) takes and gives: its options, the sweep's
 * report and the Alerts handle main.ts and the tests drive.
 */
import type { ChatRef, Locale, Platform } from '../domain/chat.js';
import type { ChatSender } from '../domain/delivery.js';
import type { Route } from '../domain/front-end.js';
import type { ProviderName } from '../domain/outcome.js';
import type { Logger } from '../log.js';
import type { Providers } from '../providers/index.js';
import type { Store, WebhookProvider } from '../store/types.js';
import type { BackfillBudget, BackfillRun } from './backfill-task.js';
import type { DeliveryReport } from './deliver-outbox.js';
import type { KnownFinalIds } from './known-final-ids.js';
import type { TransitionListener } from './observed-transitions.js';
import type { PauseBackoff, PlatformPause } from './platform-pause.js';
import type { PacingClock } from './rate-limiter.js';
import type { SweepResult } from './sweep-result.js';
import type { WebhookIntake } from './webhook-routes.js';

export interface AlertsOptions {
  store: Store;
  providers: Pick<Providers, 'loveandpay' | 'stripe' | 'bank131'>;
  /** One per platform; a platform without one keeps its alerts queued. */
  senders: Partial<Record<Platform, ChatSender>>;
  /** ALERT_CRON; seconds field allowed (default every minute). */
  cron?: string;
  /** Full Love&Pay reconciliation this often (default hourly); Infinity turns it off. */
  reconcileEveryMs?: number;
  /** The Love&Pay ids known recorded, kept between full walks (default: one of its own; the bench shares one). */
  knownFinalIds?: KnownFinalIds;
  /** TZ_DISPLAY: the schedule's zone and the zone times are shown in. */
  timeZone?: string;
  locale?: Locale;
  /** ALERT_SLACK_CHANNELS / ALERT_TELEGRAM_CHATS, synced as static subscriptions by start(). */
  staticChats?: ChatRef[];
  logger?: Logger;
  now?: () => Date;
  /** How often the delivery loop looks at the outbox besides right after a sweep (default 1 s). */
  deliverEveryMs?: number;
  /** Outbox claim lease (default 30 s): how long rows of a killed process wait before another takes them. */
  deliveryLeaseMs?: number;
  /** Leadership lease (default 15 s): how long a dead leader blocks another replica. */
  leaderLeaseMs?: number;
  /** This replica's name for leadership and outbox claims (default host:pid:random). */
  holder?: string;
  /** Longest wait in stop() for the running sweep and deliveries (default 10 s). */
  stopTimeoutMs?: number;
  /** Called after every sweep this replica ran, e.g. for metrics. */
  onSweep?: (report: SweepReport) => void;
  /** Called after every delivery round that claimed rows, e.g. for metrics. */
  onDeliver?: (report: DeliveryReport) => void;
  /** Extra milliseconds between two messages to one chat, against timer jitter (default 25). */
  pacingMarginMs?: number;
  /** The time pacing runs on (real by default; tests give a virtual one). */
  pacingClock?: PacingClock;
  /** First delivery retry delay (default 1 s). */
  retryBaseMs?: number;
  /** How soon and how often a failed chat token is checked again (default 1 s doubling to 5 min). */
  tokenCheckBackoff?: PauseBackoff;
  /** LOVEANDPAY_WEBHOOK_SECRET / STRIPE_WEBHOOK_SECRET: a receiver is mounted (Alerts.routes) for each one set. */
  webhookSecrets?: Partial<Record<WebhookProvider, string>>;
  /** How often webhook events left unfinished (a retry, a replica that died) are looked for (default 2 s). */
  webhookRetryEveryMs?: number;
  /** Called for every request a webhook receiver answered, e.g. for metrics. */
  onWebhook?: (intake: WebhookIntake) => void;
  /** Called when an alert a webhook announced has been sent: the lag from the event's time, e.g. for metrics. */
  onWebhookLag?: (provider: WebhookProvider, lagMs: number) => void;
  /** Called when a sweep or a webhook found a verification of this provider changed (the lookups' cache drops its answers). */
  onTransition?: TransitionListener;
  /**
   * Days of history the stats' backfill reads, in the background after the first sweeps
   * (backfill-task.ts; the app gives 30); absent or 0: none.
   */
  backfillDays?: number;
  /** Provider requests and time one backfill run may take (default 20 pages, 20 s). */
  backfillBudget?: Partial<BackfillBudget>;
  /** After a provider's backfill failed: first wait, doubling to maxMs (default 60 s to 1 h). */
  backfillBackoff?: { baseMs: number; maxMs: number };
  /** Pages per list over a whole backfill pass (default backfill-history.ts's BACKFILL_MAX_PAGES). */
  backfillMaxPages?: number;
  /** Called when a message was posted but the file after it (a summary's chart) was not, e.g. for metrics. */
  onFileFailed?: (platform: Platform) => void;
  /** How often due daily summaries are queued (default 30 s; also once at start). */
  summaryEveryMs?: number;
}

export interface SweepReport {
  /** False when another replica leads: nothing was swept. */
  leader: boolean;
  startedAt: Date;
  finishedAt: Date;
  results: SweepResult[];
  failures: Array<{ source: ProviderName; error: unknown }>;
}

export interface Alerts {
  /** Syncs static subscriptions, starts the cron schedule and the delivery loop. */
  start(): Promise<void>;
  /** Stops scheduling, waits (bounded) for the running sweep and deliveries, hands unsent rows back. */
  stop(): Promise<void>;
  sweepOnce(): Promise<SweepReport>;
  deliverOnce(): Promise<DeliveryReport>;
  /** When a sweep last finished with at least one source answering (or none configured); null before the first. */
  lastSuccessfulSweepAt(): Date | null;
  /**
   * The same for whichever replica leads: the leader records each successful
   * sweep in the store, so every replica's /readyz can read it. This
   * replica's own, when later; null before any.
   */
  lastSuccessfulSweepOfAnyReplicaAt(): Promise<Date | null>;
  /** Platforms whose delivery waits for their token to work again (for /readyz and /metrics). */
  pausedPlatforms(): PlatformPause[];
  /** POST /webhooks/<provider> for each provider whose webhook secret is set, for the app's HTTP server. */
  routes: Route[];
  /** Does the work of webhook events that are due (retries, events of a replica that died); returns how many. */
  processWebhooksOnce(): Promise<number>;
  /** Queues the daily summaries due now (when this replica leads); returns how many it queued. */
  queueSummariesOnce(): Promise<number>;
  /** One run of the stats' history backfill (after the running one), as the background task does it; null when off. */
  backfillOnce(): Promise<BackfillRun | null>;
  /** Per provider with a webhook secret: when this replica last took a signed request (for /readyz). */
  webhookStatus(): WebhookStatus[];
}

export interface WebhookStatus {
  provider: WebhookProvider;
  /** null before the first signed request since start. */
  lastReceivedAt: Date | null;
}
