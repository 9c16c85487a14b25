/**
 * Alerts, wired: the sweep schedule, the three sources, provider webhooks
 * (receivers and the work they leave), leadership across replicas, and
 * outbox delivery, which also posts each chat's daily summary (queued by
 * daily-summaries.ts), and the stats' history backfill, a background task
 * each sweep kicks until it is done (backfill-task.ts). main.ts builds one
 * with createAlerts and calls start() and stop(); tests drive sweepOnce(),
 * deliverOnce(), queueSummariesOnce() and backfillOnce().
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { silentLogger } from '../log.js';
import { errorLogFields } from '../providers/errors.js';
import { summaryStats } from '../stats/stats-answer.js';
import type { WebhookProvider } from '../store/types.js';
import { BackfillTask } from './backfill-task.js';
import { queueDueSummaries } from './daily-summaries.js';
import { OutboxDelivery, type DeliveryReport } from './deliver-outbox.js';
import { Leadership } from './leadership.js';
import { tellingTransitions } from './observed-transitions.js';
import { OneAtATime } from './one-at-a-time.js';
import { PlatformPauses } from './platform-pause.js';
import { RateLimiter } from './rate-limiter.js';
import { checkCronExpression, scheduleSweeps, type SweepSchedule } from './watcher.js';
import { measuringWebhookLag } from './webhook-lag.js';
import { webhookRoutes } from './webhook-routes.js';
import { WebhookWork } from './webhook-work.js';
import { KnownFinalIds } from './known-final-ids.js';
import { sweepSources } from './sweep-sources.js';

export type { DeliveryReport } from './deliver-outbox.js';
export type { SweepResult } from './sweep-result.js';
export type { PlatformPause } from './platform-pause.js';
export { InvalidCronError, checkCronExpression } from './watcher.js';
export type { WebhookIntake } from './webhook-routes.js';

import type { Alerts, AlertsOptions, SweepReport } from './alerts-types.js';
export type { Alerts, AlertsOptions, SweepReport, WebhookStatus } from './alerts-types.js';

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
const NO_DELIVERY: DeliveryReport = { claimed: 0, sent: 0, messages: 0, retried: 0, failed: 0 };
/** A round woken for a row's due time runs this much after it, so the store's clock has passed it. */
const DUE_MARGIN_MS = 5;
/** Where the leader writes its last successful sweep (ISO 8601), for every replica's readiness. */
const LAST_SWEEP_CURSOR = 'alerts.last_successful_sweep';

export function createAlerts(options: AlertsOptions): Alerts {
  const { providers } = options;
  const store = tellingTransitions(options.store, options.onTransition);
  const logger = (options.logger ?? silentLogger).child({ area: 'alerts' });
  const now = options.now ?? (() => new Date());
  const locale = options.locale ?? 'en';
  const timeZone = options.timeZone ?? 'Europe/Moscow';
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
    onFileFailed: options.onFileFailed,
  });

  /** Aborted each time alerts are queued (kickDelivery), then replaced: a round holds the one current when it began (deliverOnce). */
  let arrivals = new AbortController();
  let lastSuccess: Date | null = null;
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

  const sources = sweepSources({
    providers,
    store,
    now,
    logger,
    locale,
    reconcileEveryMs: options.reconcileEveryMs ?? HOUR_MS,
    knownIds: options.knownFinalIds ?? new KnownFinalIds(),
    signal: () => stopping.signal,
    sendNotice: (chat, reply) => delivery.sendNotice(chat, reply, stopping.signal),
  });

  // The stats' history before the first run (backfill-task.ts): in the background, kicked after each sweep until done.
  const backfill = options.backfillDays
    ? new BackfillTask({
        store,
        ...providers,
        now,
        logger,
        days: options.backfillDays,
        maxPages: options.backfillMaxPages,
        budget: options.backfillBudget,
        backoff: options.backfillBackoff,
        isLeader: () => leadership.isLeader(),
        signal: () => stopping.signal,
      })
    : null;

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
    if (running) backfill?.kick();
    for (const result of report.results) {
      if (result.newOutcomes > 0 || result.baseline) {
        logger.info({ ...result }, result.baseline ? 'alert baseline recorded' : 'new outcomes found');
      }
    }
    if (report.results.some((result) => result.queued > 0)) kickDelivery();
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
    const report = await delivery.deliverOnce(stopping.signal, arrivals.signal);
    if (report.claimed > 0) options.onDeliver?.(report);
    return report;
  });

  let kickedWhileBusy = false;
  /** When the earliest row a round put back comes due (DeliveryReport.nextDueAt), kept across ticks until a round runs after it. */
  let dueAt = Infinity;
  const deliveryTick = async () => {
    timer = null;
    const nextRound = async () => {
      // A round from now on claims what is due by now.
      if (dueAt <= now().getTime()) dueAt = Infinity;
      const report = await deliveries.runIfIdle();
      if (report?.nextDueAt) dueAt = Math.min(dueAt, report.nextDueAt.getTime());
      return report;
    };
    try {
      let report = await nextRound();
      // A full batch may have more behind it: go on while rounds find due rows (paced ones come due later),
      // or while alerts were queued during the round, after its claim.
      while (report && (report.claimed > 0 || kickedWhileBusy) && running) {
        kickedWhileBusy = false;
        report = await nextRound();
      }
    } catch (error) {
      logger.error({ err: error }, 'alert delivery round failed');
    }
    // A row put back for its chat's next slot may come due before the usual tick: wake for it (just after, so it is due).
    const every = options.deliverEveryMs ?? 1_000;
    if (running) timer = setTimeout(deliveryTick, Math.max(0, Math.min(every, dueAt - now().getTime() + DUE_MARGIN_MS)));
  };

  function kickDelivery() {
    arrivals.abort();
    arrivals = new AbortController();
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
        Promise.all([sweeps.idle(), deliveries.idle(), webhookWork.idle(), backfill?.idle()]).then(() => false),
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
    backfillOnce: async () => (backfill ? backfill.run() : null),
    webhookStatus: () =>
      (Object.keys(webhookSecrets) as WebhookProvider[])
        .filter((provider) => webhookSecrets[provider])
        .map((provider) => ({ provider, lastReceivedAt: lastWebhookAt.get(provider) ?? null })),
  };
}
