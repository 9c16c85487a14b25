/**
 * Prometheus metrics (prom-client). One `Metrics` per app instance, each with
 * its own Registry, so two apps in one test process never share series. The
 * rest of the app records through the small `MetricsRecorder` methods below
 * and never imports prom-client.
 *
 * Naming follows https://prometheus.io/docs/practices/naming/ : a `kyc_desk_`
 * prefix, base units (seconds), `_total` on counters.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestObservation } from '../domain/provider-request.js';
import { RESULT_KINDS, type ResultKind } from '../domain/reply.js';

export interface SweepObservation {
  /** The sweep source, e.g. 'loveandpay', 'stripe', 'bank131'. */
  source: string;
  durationMs: number;
  ok: boolean;
  /** When the sweep finished; defaults to now. */
  at?: Date;
}

/**
 * queued: outbox rows created; sent: delivered; retried: a delivery attempt
 * failed and will be tried again; failed: given up for good.
 */
export type AlertStage = 'queued' | 'sent' | 'retried' | 'failed';

/**
 * What a webhook receiver did with a request: accepted (recorded),
 * duplicate (an event id seen before), ignored (not about a verification),
 * or rejected (with a reason: too_large, missing_signature, bad_signature,
 * stale, malformed).
 */
export type WebhookResult = 'accepted' | 'duplicate' | 'ignored' | 'rejected';

export interface MetricsRecorder {
  /** `result`: how the command ended, the same kinds the audit log uses. */
  recordCommand(command: string, result: ResultKind, durationMs: number): void;
  /** What the provider client reports once per logical request (its `observe` hook). */
  observeProviderRequest(observation: RequestObservation): void;
  recordSweep(observation: SweepObservation): void;
  recordAlerts(stage: AlertStage, count?: number, platform?: string): void;
  recordWebhook(provider: string, result: WebhookResult, reason?: string): void;
  /** An alert a webhook announced was sent this long after the webhook event happened. */
  observeWebhookLag(provider: string, lagMs: number): void;
  /** A message was posted but the file after it (a daily summary's chart) could not be. */
  recordFileFailed(platform: string): void;
}

export interface Metrics extends MetricsRecorder {
  /** The Content-Type of `render()`'s output (Prometheus text format 0.0.4). */
  readonly contentType: string;
  /** Every series in Prometheus text format; runs the on-scrape callbacks. */
  render(): Promise<string>;
  /** The latest successful sweep of `source`, or of any source when omitted. */
  lastSweepSuccessAt(source?: string): Date | null;
}

export interface MetricsOptions {
  /** Read on every scrape, e.g. `() => store.outboxDepth()`. */
  outboxDepth?: () => number | Promise<number>;
  /**
   * Known command names (COMMAND_NAMES): anything else is counted as
   * 'unknown' so typed input cannot create series, and the known ones start
   * at zero so rate() works from the first scrape.
   */
  commandNames?: readonly string[];
  /** Process metrics (CPU, memory, event loop lag, GC); default true. */
  defaultMetrics?: boolean;
  /** Read on every scrape: the chat platforms whose alert delivery waits for their token. */
  pausedPlatforms?: () => readonly string[];
  /** Platforms to report on (0 or 1) from the first scrape. */
  chatPlatforms?: readonly string[];
  /** Called when a figure read on scrape (the outbox depth, pending webhook events) cannot be read; the scrape still succeeds. */
  onCollectError?: (error: unknown) => void;
  /** Providers whose webhook receiver is on: their series start at zero from the first scrape. */
  webhookProviders?: readonly string[];
  /** Read on every scrape, e.g. `() => store.webhookEventsPending()`. */
  webhookEventsPending?: () => number | Promise<number>;
}

const PREFIX = 'kyc_desk_';

// Commands wait on providers (10 s timeout, retries), so the buckets reach past 10 s.
const COMMAND_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40];
const PROVIDER_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SWEEP_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
// Webhook alerts should reach the chat within a second; the long tail is a chat's pace, retries, or a lost webhook's sweep.
const WEBHOOK_LAG_BUCKETS = [0.05, 0.1, 0.15, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];
const WEBHOOK_RESULTS = ['accepted', 'duplicate', 'ignored'] as const;

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const registers = [registry];

  const commands = new Counter({
    name: `${PREFIX}commands_total`,
    help: 'Commands handled, by command name and result.',
    labelNames: ['command', 'result'] as const,
    registers,
  });
  const commandDuration = new Histogram({
    name: `${PREFIX}command_duration_seconds`,
    help: 'Time from receiving a command to having its reply, by command name.',
    labelNames: ['command'] as const,
    buckets: COMMAND_BUCKETS,
    registers,
  });
  const providerRequests = new Counter({
    name: `${PREFIX}provider_requests_total`,
    help: 'Provider API requests (after retries), by provider, endpoint and result.',
    labelNames: ['provider', 'endpoint', 'result'] as const,
    registers,
  });
  const providerDuration = new Histogram({
    name: `${PREFIX}provider_request_duration_seconds`,
    help: 'Provider API request latency including retries, by provider and endpoint.',
    labelNames: ['provider', 'endpoint'] as const,
    buckets: PROVIDER_BUCKETS,
    registers,
  });
  const providerRetries = new Counter({
    name: `${PREFIX}provider_retries_total`,
    help: 'Extra attempts the provider client made beyond the first, by provider and endpoint.',
    labelNames: ['provider', 'endpoint'] as const,
    registers,
  });
  const sweepDuration = new Histogram({
    name: `${PREFIX}sweep_duration_seconds`,
    help: 'Alert sweep duration, by source and result.',
    labelNames: ['source', 'result'] as const,
    buckets: SWEEP_BUCKETS,
    registers,
  });
  const sweepLastSuccess = new Gauge({
    name: `${PREFIX}sweep_last_success_timestamp_seconds`,
    help: 'Unix time of the last successful sweep, by source.',
    labelNames: ['source'] as const,
    registers,
  });
  const alertsQueued = new Counter({
    name: `${PREFIX}alerts_queued_total`,
    help: 'Alerts written to the outbox.',
    registers,
  });
  const alertsSent = new Counter({
    name: `${PREFIX}alerts_sent_total`,
    help: 'Alerts delivered, by chat platform.',
    labelNames: ['platform'] as const,
    registers,
  });
  const alertsRetried = new Counter({
    name: `${PREFIX}alerts_retried_total`,
    help: 'Alert delivery attempts that failed and will be retried, by chat platform.',
    labelNames: ['platform'] as const,
    registers,
  });
  const alertsFailed = new Counter({
    name: `${PREFIX}alerts_failed_total`,
    help: 'Alerts given up for good (permanent chat errors), by chat platform.',
    labelNames: ['platform'] as const,
    registers,
  });
  const readOnScrape = (name: string, help: string, read: (() => number | Promise<number>) | undefined) =>
    new Gauge({
      name: `${PREFIX}${name}`,
      help,
      registers,
      async collect() {
        if (!read) return;
        try {
          this.set(await read());
        } catch (error) {
          // A store outage shows on /readyz; the scrape keeps the last known value instead of failing.
          options.onCollectError?.(error);
        }
      },
    });
  readOnScrape('outbox_depth', 'Alerts in the outbox not yet sent (pending or being delivered).', options.outboxDepth);

  const webhooksReceived = new Counter({
    name: `${PREFIX}webhooks_received_total`,
    help: 'Signed provider webhooks taken, by provider and result (accepted: recorded; duplicate: an event id seen before; ignored: not about a verification).',
    labelNames: ['provider', 'result'] as const,
    registers,
  });
  const webhooksRejected = new Counter({
    name: `${PREFIX}webhooks_rejected_total`,
    help: 'Provider webhook requests refused, by provider and reason (too_large, missing_signature, bad_signature, stale, malformed).',
    labelNames: ['provider', 'reason'] as const,
    registers,
  });
  const webhookLastReceived = new Gauge({
    name: `${PREFIX}webhook_last_received_timestamp_seconds`,
    help: 'Unix time this process last took a signed webhook, by provider.',
    labelNames: ['provider'] as const,
    registers,
  });
  const webhookLag = new Histogram({
    name: `${PREFIX}webhook_alert_lag_seconds`,
    help: 'Time from a webhook event (its provider time) to its alert being sent to a chat, by provider.',
    labelNames: ['provider'] as const,
    buckets: WEBHOOK_LAG_BUCKETS,
    registers,
  });
  const filesFailed = new Counter({
    name: `${PREFIX}chat_files_failed_total`,
    help: 'Files (a daily summary\'s chart) that could not be posted after their message, by chat platform; the message stays.',
    labelNames: ['platform'] as const,
    registers,
  });
  for (const platform of options.chatPlatforms ?? []) filesFailed.inc({ platform }, 0);
  for (const provider of options.webhookProviders ?? []) {
    for (const result of WEBHOOK_RESULTS) webhooksReceived.inc({ provider, result }, 0);
  }
  if (options.webhookEventsPending) {
    const help = 'Webhook events recorded whose work (read the object, commit its outcome) is not finished.';
    readOnScrape('webhook_events_pending', help, options.webhookEventsPending);
  }

  const readPaused = options.pausedPlatforms;
  // A platform once paused keeps its series (at 0 after it resumes), so a dashboard sees it recover.
  const reported = new Set(options.chatPlatforms ?? []);
  new Gauge({
    name: `${PREFIX}alert_delivery_paused`,
    help: 'Whether alert delivery to a chat platform is paused because its bot token fails (1) or not (0).',
    labelNames: ['platform'] as const,
    registers,
    collect() {
      if (!readPaused) return;
      const paused = new Set(readPaused());
      for (const platform of paused) reported.add(platform);
      for (const platform of reported) this.set({ platform }, paused.has(platform) ? 1 : 0);
    },
  });

  const known = options.commandNames ? new Set(options.commandNames) : null;
  for (const command of options.commandNames ?? []) {
    for (const result of RESULT_KINDS) commands.inc({ command, result }, 0);
  }
  const lastSuccess = new Map<string, Date>();

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),

    recordCommand(command, result, durationMs) {
      const name = known && !known.has(command) ? 'unknown' : command;
      commands.inc({ command: name, result });
      commandDuration.observe({ command: name }, durationMs / 1000);
    },

    observeProviderRequest({ provider, endpoint, result, durationMs, attempts }) {
      providerRequests.inc({ provider, endpoint, result });
      providerDuration.observe({ provider, endpoint }, durationMs / 1000);
      if (attempts > 1) providerRetries.inc({ provider, endpoint }, attempts - 1);
    },

    recordSweep({ source, durationMs, ok, at = new Date() }) {
      sweepDuration.observe({ source, result: ok ? 'ok' : 'error' }, durationMs / 1000);
      if (!ok) return;
      lastSuccess.set(source, at);
      sweepLastSuccess.set({ source }, at.getTime() / 1000);
    },

    recordAlerts(stage, count = 1, platform = 'unknown') {
      if (count <= 0) return;
      if (stage === 'queued') alertsQueued.inc(count);
      else if (stage === 'sent') alertsSent.inc({ platform }, count);
      else if (stage === 'retried') alertsRetried.inc({ platform }, count);
      else alertsFailed.inc({ platform }, count);
    },

    recordWebhook(provider, result, reason = 'unknown') {
      if (result === 'rejected') {
        webhooksRejected.inc({ provider, reason });
        return;
      }
      webhooksReceived.inc({ provider, result });
      webhookLastReceived.set({ provider }, Date.now() / 1000);
    },

    observeWebhookLag(provider, lagMs) {
      webhookLag.observe({ provider }, lagMs / 1000);
    },

    recordFileFailed(platform) {
      filesFailed.inc({ platform });
    },

    lastSweepSuccessAt(source) {
      if (source !== undefined) return lastSuccess.get(source) ?? null;
      let latest: Date | null = null;
      for (const at of lastSuccess.values()) if (!latest || at > latest) latest = at;
      return latest;
    },
  };
}

/** For code and tests that run without metrics. */
export const noopMetrics: MetricsRecorder = {
  recordCommand() {},
  observeProviderRequest() {},
  recordSweep() {},
  recordAlerts() {},
  recordWebhook() {},
  observeWebhookLag() {},
  recordFileFailed() {},
};
