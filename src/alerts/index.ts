/**
 * Alerts, wired: the sweep schedule, the three sources, provider webhooks
 * (receivers and the work they leave), leadership across replicas, and
 * outbox delivery, which also posts each chat's daily summary (queued by
 * daily-summaries.ts) and, after the first sweeps, backfills the stats'
 * history (backfill-history.ts). main.ts builds one with createAlerts and
 * calls start() and stop(); tests drive sweepOnce(), deliverOnce() and queueSummariesOnce().
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ChatRef, Locale, Platform } from '../domain/chat.js';
import type { ChatSender } from '../domain/delivery.js';
import type { Route } from '../domain/front-end.js';
import type { ProviderName } from '../domain/outcome.js';
import type { Reply } from '../domain/reply.js';
import { silentLogger, type Logger } from '../log.js';
import { errorLogFields } from '../providers/errors.js';
import type { Providers } from '../providers/index.js';
import { summaryStats } from '../stats/stats-answer.js';
import type { Store, WebhookProvider } from '../store/types.js';
import { backfillHistory } from './backfill-history.js';
import { queueDueSummaries } from './daily-summaries.js';
import { OutboxDelivery, type DeliveryReport } from './deliver-outbox.js';
import { Leadership } from './leadership.js';
import { LOVEANDPAY_RECONCILED_CURSOR, LOVEANDPAY_TOTALS_CURSOR } from './loveandpay-event.js';
import { tellingTransitions, type TransitionListener } from './observed-transitions.js';
import { OneAtATime } from './one-at-a-time.js';
import { PlatformPauses, type PauseBackoff, type PlatformPause } from './platform-pause.js';
import { RateLimiter, type PacingClock } from './rate-limiter.js';
import { reconcileLoveAndPay } from './reconcile-loveandpay.js';
import { sweepBank131 } from './sweep-bank131.js';
import { sweepLoveAndPay } from './sweep-loveandpay.js';
import type { SweepResult } from './sweep-result.js';
import { sweepStripe } from './sweep-stripe.js';
import { checkCronExpression, scheduleSweeps, type SweepSchedule } from './watcher.js';
import { measuringWebhookLag } from './webhook-lag.js';
import { webhookRoutes, type WebhookIntake } from './webhook-routes.js';
import { WebhookWork } from './webhook-work.js';

export type { DeliveryReport } from './deliver-outbox.js';
export type { SweepResult } from './sweep-result.js';
export type { PlatformPause } from './platform-pause.js';
export { InvalidCronError, checkCronExpression } from './watcher.js';
export type { WebhookIntake } from './webhook-routes.js';

export interface AlertsOptions {
  store: Store;
  providers: Pick<Providers, 'loveandpay' | 'stripe' | 'bank131'>;
  /** One per platform; a platform without one keeps its alerts queued. */
  senders: Partial<Record<Platform, ChatSender>>;
  /** ALERT_CRON; seconds field allowed (default every minute). */
  cron?: string;
  /** Full Love&Pay reconciliation this often (default hourly); Infinity turns it off. */
  reconcileEveryMs?: number;
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
   * Days of history the stats' backfill reads on the first sweeps (backfill-history.ts; the app
   * gives 30); absent or 0: none.
   */
  backfillDays?: number;
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
  /** Per provider with a webhook secret: when this replica last took a signed request (for /readyz). */
  webhookStatus(): WebhookStatus[];
}

export interface WebhookStatus {
  provider: WebhookProvider;
  /** null before the first signed request since start. */
  lastReceivedAt: Date | null;
}

/**
 * A sweep that counts for readiness: it led, and some source answered or none
 * is configured. One source down must not make the app look dead; each
 * source's own success time is in the metrics
 * (kyc_desk_sweep_last_success_timestamp_seconds).
 */
function sweepSucceeded(report: SweepReport): boolean {
  return report.leader && (report.results.length > 0 || report.failures.length === 0);
}

/** ALERT_CRON's default (DESIGN.md, "Configuration"): every minute. */
const DEFAULT_CRON = '* * * * *';
const HOUR_MS = 3_600_000;
/** After a failed reconciliation, the next try waits at most this long. */
const RECONCILE_RETRY_MS = 600_000;
const NO_DELIVERY: DeliveryReport = { claimed: 0, sent: 0, messages: 0, retried: 0, failed: 0 };
/** Where the leader writes its last successful sweep (ISO 8601), for every replica's readiness. */
const LAST_SWEEP_CURSOR = 'alerts.last_successful_sweep';

export function createAlerts(options: AlertsOptions): Alerts {
  const { providers } = options;
  const store = tellingTransitions(options.store, options.onTransition);
  const logger = (options.logger ?? silentLogger).child({ area: 'alerts' });
  const now = options.now ?? (() => new Date());
  const locale = options.locale ?? 'en';
  const timeZone = options.timeZone ?? 'Europe/Moscow';
  const reconcileEveryMs = options.reconcileEveryMs ?? HOUR_MS;
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leadership = new Leadership({ store, holder, leaseMs: options.leaderLeaseMs ?? 15_000, now });
  let stopping = new AbortController();
  const limiter = new RateLimiter({
    marginMs: options.pacingMarginMs,
    pace: (chat) => options.senders[chat.platform]?.pace?.(chat.chatId),
    clock: options.pacingClock,
  });
  const pauses = new PlatformPauses(options.tokenCheckBackoff);
  const delivery = new OutboxDelivery({
    pauses,
    keepAlive: () => leadership.isLeader(),
    store: measuringWebhookLag(store, (provider, lagMs) => options.onWebhookLag?.(provider, lagMs)),
    senders: options.senders,
    view: { locale, timeZone },
    logger,
    now,
    limiter,
    worker: holder,
    leaseMs: options.deliveryLeaseMs ?? 30_000,
    retryBaseMs: options.retryBaseMs,
    summaryReply: (order) => summaryStats(store, order, { now: now(), logger }),
  });

  let lastSuccess: Date | null = null;
  let nextReconcileTry = 0;
  let schedule: SweepSchedule | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  const webhookSecrets = options.webhookSecrets ?? {};
  const webhooksOn = Object.values(webhookSecrets).some(Boolean);
  const webhookWork = new WebhookWork({
    store,
    loveandpay: providers.loveandpay,
    stripe: providers.stripe,
    logger,
    now,
    worker: holder,
    onQueued: () => {
      // This replica delivers at once if it leads; the others hear it from the store and the leader starts.
      kickDelivery();
      store.notifyAlertsQueued().catch((error: unknown) => logger.warn({ err: error }, 'could not tell the other replicas that alerts were queued'));
    },
  });
  const lastWebhookAt = new Map<WebhookProvider, Date>();
  const routes = webhookRoutes({
    secrets: webhookSecrets,
    store,
    work: webhookWork,
    worker: holder,
    now,
    logger,
    onIntake: (intake) => {
      if (intake.result !== 'rejected') lastWebhookAt.set(intake.provider, now());
      options.onWebhook?.(intake);
    },
  });
  let webhookTimer: NodeJS.Timeout | null = null;
  let stopListening: (() => void) | null = null;
  const webhookTick = async () => {
    webhookTimer = null;
    try {
      await webhookWork.drain();
    } catch (error) {
      logger.warn({ err: error }, 'could not look for unfinished webhook events');
    }
    if (running) webhookTimer = setTimeout(() => void webhookTick(), options.webhookRetryEveryMs ?? 2_000);
  };

  const sweepLoveAndPayOrReconcile = async (): Promise<SweepResult> => {
    const client = providers.loveandpay!;
    const deps = { client, store, now, logger, signal: stopping.signal };
    const reconciledAt = await store.getCursor<string>(LOVEANDPAY_RECONCILED_CURSOR);
    const hasBaseline = (await store.getCursor(LOVEANDPAY_TOTALS_CURSOR)) !== null;
    const due =
      hasBaseline &&
      Number.isFinite(reconcileEveryMs) &&
      now().getTime() >= nextReconcileTry &&
      (reconciledAt === null || now().getTime() - new Date(reconciledAt).getTime() >= reconcileEveryMs);
    if (due) {
      try {
        return await reconcileLoveAndPay({ ...deps, announce: true });
      } catch (error) {
        // The cheap sweep still runs this time; the walk is tried again later.
        nextReconcileTry = now().getTime() + Math.min(reconcileEveryMs, RECONCILE_RETRY_MS);
        logger.warn(errorLogFields(error), 'Love&Pay reconciliation failed; running the regular sweep');
      }
    }
    return sweepLoveAndPay(deps);
  };

  const sources: Array<[ProviderName, () => Promise<SweepResult>]> = [];
  if (providers.loveandpay) sources.push(['loveandpay', sweepLoveAndPayOrReconcile]);
  if (providers.stripe) {
    const client = providers.stripe;
    sources.push(['stripe', () => sweepStripe({ client, store, now, signal: stopping.signal })]);
  }
  if (providers.bank131) {
    const client = providers.bank131;
    const sendNotice = (chat: ChatRef, reply: Reply) => delivery.sendNotice(chat, reply, stopping.signal);
    sources.push(['bank131', () => sweepBank131({ client, store, now, logger, sendNotice, locale })]);
  }

  // The stats' history before the first run, once per provider (backfill-history.ts), by the leader after a sweep.
  let backfilled = !options.backfillDays;
  const backfillOnce = async () => {
    if (backfilled) return;
    const result = await backfillHistory({
      store,
      ...providers,
      now,
      logger,
      days: options.backfillDays,
      signal: stopping.signal,
    });
    if (Object.keys(result.recorded).length > 0) logger.info({ recorded: result.recorded }, 'stats history backfilled');
    backfilled = result.failed.length === 0;
  };

  let summaryTimer: NodeJS.Timeout | null = null;
  const queueSummaries = async (): Promise<number> => {
    if (!(await leadership.isLeader())) return 0;
    const queued = await queueDueSummaries(store, now(), logger);
    if (queued > 0) kickDelivery();
    return queued;
  };
  const summaryTick = async () => {
    summaryTimer = null;
    await queueSummaries().catch((error: unknown) => logger.warn({ err: error }, 'could not queue the daily summaries'));
    if (running) summaryTimer = setTimeout(() => void summaryTick(), options.summaryEveryMs ?? 30_000);
  };

  const sweeps = new OneAtATime<SweepReport>(async () => {
    const startedAt = new Date();
    if (!(await leadership.isLeader())) return { leader: false, startedAt, finishedAt: new Date(), results: [], failures: [] };
    const settled = await Promise.allSettled(sources.map(([, sweep]) => sweep()));
    const report: SweepReport = { leader: true, startedAt, finishedAt: startedAt, results: [], failures: [] };
    settled.forEach((outcome, index) => {
      const source = sources[index]![0];
      if (outcome.status === 'fulfilled') report.results.push(outcome.value);
      else {
        report.failures.push({ source, error: outcome.reason });
        logger.warn({ ...errorLogFields(outcome.reason), source }, 'sweep failed; the next one tries again');
      }
    });
    if (sweepSucceeded(report)) lastSuccess = now();
    await backfillOnce().catch((error: unknown) => logger.warn({ err: error }, 'stats history backfill failed; the next sweep tries again'));
    for (const result of report.results) {
      if (result.newOutcomes > 0 || result.baseline) {
        logger.info({ ...result }, result.baseline ? 'alert baseline recorded' : 'new outcomes found');
      }
    }
    if (running && report.results.some((result) => result.queued > 0)) kickDelivery();
    report.finishedAt = new Date();
    if (sweepSucceeded(report)) {
      await store
        .setCursor(LAST_SWEEP_CURSOR, report.finishedAt.toISOString())
        .catch((error: unknown) => logger.warn({ err: error }, 'could not store the last sweep time'));
    }
    options.onSweep?.(report);
    return report;
  });

  let delivering = false;
  const deliveries = new OneAtATime<DeliveryReport>(async () => {
    const leader = await leadership.isLeader();
    // A replica that takes over paces every chat as if the old leader had just posted there.
    if (leader && !delivering) limiter.takeOver();
    delivering = leader;
    if (!leader) return NO_DELIVERY;
    const report = await delivery.deliverOnce(stopping.signal);
    if (report.claimed > 0) options.onDeliver?.(report);
    return report;
  });

  let kickedWhileBusy = false;
  const deliveryTick = async () => {
    timer = null;
    try {
      let report = await deliveries.runIfIdle();
      // A full batch may have more behind it: go on while rounds find due rows (paced ones come due later),
      // or while alerts were queued during the round, after its claim.
      while (report && (report.claimed > 0 || kickedWhileBusy) && running) {
        kickedWhileBusy = false;
        report = await deliveries.runIfIdle();
      }
    } catch (error) {
      logger.error({ err: error }, 'alert delivery round failed');
    }
    if (running) timer = setTimeout(deliveryTick, options.deliverEveryMs ?? 1_000);
  };

  function kickDelivery() {
    if (!running) return;
    if (deliveries.busy) {
      kickedWhileBusy = true;
      return;
    }
    if (timer) clearTimeout(timer);
    void deliveryTick();
  }

  return {
    async start() {
      if (running) return;
      const expression = options.cron ?? DEFAULT_CRON;
      checkCronExpression(expression);
      if (options.staticChats) await store.syncStaticSubscriptions(options.staticChats, now());
      stopping = new AbortController();
      schedule = scheduleSweeps({
        expression,
        timeZone,
        logger,
        tick: () => sweeps.runIfIdle()?.catch((error: unknown) => logger.error(errorLogFields(error), 'sweep failed')) ?? Promise.resolve(),
      });
      running = true;
      void deliveryTick();
      // At once: a summary whose time passed while the bot was down is still posted that day.
      void summaryTick();
      if (webhooksOn) {
        stopListening = store.onAlertsQueued(() => kickDelivery());
        void webhookTick();
      }
    },

    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      if (webhookTimer) clearTimeout(webhookTimer);
      webhookTimer = null;
      if (summaryTimer) clearTimeout(summaryTimer);
      summaryTimer = null;
      stopListening?.();
      stopListening = null;
      await schedule?.stop();
      schedule = null;
      stopping.abort();
      let bound: NodeJS.Timeout | undefined;
      const gaveUp = await Promise.race([
        Promise.all([sweeps.idle(), deliveries.idle(), webhookWork.idle()]).then(() => false),
        new Promise<boolean>((resolve) => {
          bound = setTimeout(() => resolve(true), options.stopTimeoutMs ?? 10_000);
        }),
      ]);
      clearTimeout(bound);
      if (gaveUp) logger.warn('alerts stopped before the running sweep or delivery finished');
      // Another replica (or the next start) may sweep at once instead of waiting out the lease.
      await leadership.release().catch((error: unknown) => logger.warn({ err: error }, 'could not release leadership'));
    },

    sweepOnce: () => sweeps.run(),
    deliverOnce: () => deliveries.run(),
    lastSuccessfulSweepAt: () => lastSuccess,
    async lastSuccessfulSweepOfAnyReplicaAt() {
      const shared = await store.getCursor<string>(LAST_SWEEP_CURSOR);
      const stored = shared ? new Date(shared) : null;
      return lastSuccess && (!stored || lastSuccess > stored) ? lastSuccess : stored;
    },
    pausedPlatforms: () => pauses.all(),
    routes,
    processWebhooksOnce: () => webhookWork.drain(),
    queueSummariesOnce: queueSummaries,
    webhookStatus: () =>
      (Object.keys(webhookSecrets) as WebhookProvider[])
        .filter((provider) => webhookSecrets[provider])
        .map((provider) => ({ provider, lastReceivedAt: lastWebhookAt.get(provider) ?? null })),
  };
}
