/**
 * The whole app, wired (DESIGN.md, "Architecture": only this folder and
 * main.ts know everything): configuration -> sandbox (when asked) -> store
 * -> providers -> commands -> chat front ends -> one HTTP server -> alerts.
 * startApp() returns a running app; stop() takes it down in reverse order.
 */
import type { Readable, Writable } from 'node:stream';
import pino, { type DestinationStream } from 'pino';
import { BACKFILL_DAYS } from '../alerts/backfill-history.js';
import { createAlerts, type Alerts } from '../alerts/index.js';
import { consoleBanner, LIVE_EXAMPLES, sandboxExamples } from '../chat/console/banner.js';
import { CONSOLE_CHAT_ID, consoleCaller, createConsoleSender, runConsole } from '../chat/console/run-console.js';
import { startHttpServer } from '../chat/http-server.js';
import { createAuditHandler } from '../commands/audit.js';
import { createOverview } from '../commands/overview.js';
import { createPrefetcher } from '../commands/prefetch.js';
import { createRunCommand, recordRefusals } from '../commands/run-command.js';
import { createReviewHandlers } from '../commands/review.js';
import { createStatsHandlers } from '../commands/stats.js';
import { createSubscriptionHandlers } from '../commands/subscriptions.js';
import { effectiveSettings, loadConfig, type Config } from '../config/load-config.js';
import { COMMAND_NAMES } from '../domain/commands.js';
import type { Route } from '../domain/front-end.js';
import type { RequestObservation } from '../domain/provider-request.js';
import { createLogger, type Logger } from '../log.js';
import { createMetrics } from '../observability/metrics.js';
import { startHousekeeping } from './housekeeping.js';
import { AnswerCache } from '../providers/answer-cache.js';
import { createAgent } from '../providers/http.js';
import { createProviders } from '../providers/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/index.js';
import { openStore, type Store } from '../store/index.js';
import { recordDelivery, recordSweep, recordWebhook, staticAlertChats, webhookSecrets } from './alert-settings.js';
import { auditAnswers } from './audit-answers.js';
import { commandSettings } from './command-settings.js';
import { OverviewChanges } from './overview-changes.js';
import { fillDemoIndex } from './sandbox-demo.js';
import { configuredPlatforms, frontEndName, startChats } from './start-chats.js';
import { providerSettings, providerStates } from './provider-settings.js';
import { createProbes } from './probes.js';
import { Teardown } from './teardown.js';

export interface AppOptions {
  env?: NodeJS.ProcessEnv;
  /** The console chat's streams (default stdin/stdout); used only when no chat platform is configured. */
  input?: Readable;
  output?: Writable;
  /** Where JSON logs go (default stdout, or stderr when the console chat owns stdout). */
  logDestination?: DestinationStream;
  /** Emulator settings for tests and benchmarks (sandbox mode only). */
  sandbox?: SandboxOptions;
  /** Bind address of the HTTP server; overrides HOST. */
  host?: string;
}

export interface App {
  config: Config;
  /** The HTTP server: /slack/events, /telegram/webhook, /webhooks/loveandpay, /webhooks/stripe, /healthz, /readyz, /metrics. */
  url: string;
  sandbox: Sandbox | null;
  store: Store;
  alerts: Alerts;
  logger: Logger;
  /** Resolves when the console chat ends (end of piped input, or `exit`); null without a console. */
  consoleDone: Promise<void> | null;
  /** Stops taking work, lets the running sweep and deliveries finish (bounded), closes everything. */
  stop(): Promise<void>;
}

export async function startApp(options: AppOptions = {}): Promise<App> {
  const env = options.env ?? process.env;
  const config = loadConfig(env);
  const effective = effectiveSettings(config, env);
  const consoleMode = effective.consoleChat;
  const output = options.output ?? process.stdout;
  const logger = createLogger(effective.logLevel, options.logDestination ?? defaultDestination(consoleMode));
  const teardown = new Teardown(logger);
  try {
    const sandbox = config.sandbox ? await startSandbox({ demoClock: true, demoIntervalMs: 30_000, ...options.sandbox }) : null;
    if (sandbox) teardown.add('sandbox', () => sandbox.close());

    const store = await openStore(effective.databaseUrl, { logger });
    teardown.add('store', () => store.close());

    // In sandbox mode the emulators' webhooks come in signed with the sandbox's secrets, unless others are set.
    const webhooks = webhookSecrets(config, sandbox);
    // Alerts are built after the chats they deliver to; the gauge reads them once they exist.
    let pausedPlatforms: () => string[] = () => [];
    const metrics = createMetrics({
      outboxDepth: () => store.outboxDepth(),
      pausedPlatforms: () => pausedPlatforms(),
      chatPlatforms: configuredPlatforms(config),
      commandNames: COMMAND_NAMES,
      webhookProviders: Object.keys(webhooks),
      webhookEventsPending: Object.keys(webhooks).length > 0 ? () => store.webhookEventsPending() : undefined,
      onCollectError: (error) => logger.warn({ err: error }, 'could not read a store figure for /metrics'),
    });
    const settings = providerSettings(config, sandbox);
    // One connection pool; the alerts read every answer fresh, lookups share identical requests and keep answers briefly.
    const dispatcher = createAgent(settings.timeouts);
    teardown.add('provider connections', () => dispatcher.close());
    const observe = (observation: RequestObservation) => metrics.observeProviderRequest(observation);
    const providers = createProviders({ ...settings, dispatcher, observe });
    const lookupCache = new AnswerCache();
    const lookups = createProviders({ ...settings, dispatcher, observe, coalesce: true, cache: lookupCache });

    // Every answer, refusals before a command runs included, is audited and counted (audit-answers.ts).
    // The App Home is published again when a command or an alert changes what it shows (overview-changes.ts).
    const overviewChanges = new OverviewChanges();
    const onAnswer = overviewChanges.watching(auditAnswers({ store, metrics, logger }));
    const runCommand = createRunCommand({
      providers: lookups,
      // Reading ahead keeps what it reads as long as a page: a row opened within the minute is answered from the cache.
      prefetch: createPrefetcher({ logger, providers: createProviders({ ...settings, dispatcher, observe, coalesce: true, cache: lookupCache, readAhead: true }) }),
      settings: commandSettings(config, settings),
      index: store,
      logger,
      lookupsPerMinute: config.LOOKUP_RATE_LIMIT,
      handlers: {
        ...createSubscriptionHandlers({ store }),
        ...createReviewHandlers({ store }),
        ...createStatsHandlers({ store, logger }),
        'kyc:audit': createAuditHandler(store),
      },
      onAnswer,
    });

    const overview = createOverview({ store, settings: commandSettings(config, settings) });
    const frontEnds = await startChats({ config, runCommand, onRefused: recordRefusals(onAnswer), overview, store, logger, teardown });
    overviewChanges.attach(frontEnds);
    const chats = frontEnds.map(frontEndName);
    if (config.sandbox && !consoleMode) {
      logger.warn(
        { chats },
        'sandbox mode with a chat platform: answers and alerts use demo data from the built-in emulators; set provider credentials for live data',
      );
    }
    const senders = [...frontEnds.map((frontEnd) => frontEnd.sender), ...(consoleMode ? [createConsoleSender(output, config.LOCALE)] : [])];
    const alerts = createAlerts({
      store,
      providers,
      senders: Object.fromEntries(senders.map((sender) => [sender.platform, sender])),
      cron: effective.alertCron,
      staticChats: staticAlertChats(config, consoleMode ? [{ platform: 'console', chatId: CONSOLE_CHAT_ID }] : []),
      timeZone: config.TZ_DISPLAY,
      locale: config.LOCALE,
      logger,
      onSweep: (report) => recordSweep(report, metrics),
      onDeliver: (report) => recordDelivery(report, metrics),
      webhookSecrets: webhooks,
      onWebhook: (intake) => recordWebhook(intake, metrics),
      onWebhookLag: (provider, lagMs) => metrics.observeWebhookLag(provider, lagMs),
      onFileFailed: (platform) => metrics.recordFileFailed(platform),
      onTransition: (provider) => {
        lookupCache.invalidate(provider);
        overviewChanges.changed();
      },
      // The stats' first 30 days (DESIGN.md, "Stats and the daily summary"), read in the background after the first sweeps.
      backfillDays: BACKFILL_DAYS,
    });
    pausedPlatforms = () => alerts.pausedPlatforms().map((pause) => pause.platform);

    let draining = false;
    const probes = createProbes({ store, metrics, frontEnds, alerts, cron: effective.alertCron, timeZone: config.TZ_DISPLAY, draining: () => draining });
    const routes: Route[] = [...frontEnds.flatMap((frontEnd) => frontEnd.routes), ...alerts.routes, ...probes];
    const server = await startHttpServer(routes, config.PORT, options.host ?? config.HOST, (error) =>
      logger.error({ err: error }, 'HTTP request failed'),
    ).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EADDRINUSE' ? new PortInUseError(config.PORT) : error;
    });
    teardown.add('HTTP server', () => server.close());

    await alerts.start();
    if (sandbox) await fillDemoIndex({ sandbox, providers, store, alerts, logger });
    teardown.add('alerts', () => alerts.stop());
    // The demo's alerts then arrive within a second of the demo clock's moves (all but the webhooks lost on purpose).
    sandbox?.webhooks.sendTo(server.url, webhooks);
    // Runs first on stop: the front ends take no new work (Telegram polling, Slack's Socket Mode) while answers in
    // flight and alerts finish. The HTTP server stays up until after the alerts, answering /readyz with 503 so load
    // balancers move away. stop() is safe twice: each front end is also stopped where start-up registered it.
    for (const frontEnd of frontEnds) teardown.add(`${frontEnd.platform} intake`, () => frontEnd.stop());
    const housekeeping = startHousekeeping({ store, logger, auditRetentionDays: config.AUDIT_RETENTION_DAYS });
    teardown.add('housekeeping', async () => housekeeping.stop());

    const consoleDone = consoleMode
      ? runConsole({
          runCommand,
          input: options.input ?? process.stdin,
          output,
          caller: consoleCaller(config.LOCALE ?? 'en'),
          banner: consoleBanner({
            sandbox: config.sandbox,
            providers: providerStates(settings, config.sandbox),
            examples: sandbox ? sandboxExamples(sandbox.data) : LIVE_EXAMPLES,
            locale: config.LOCALE,
          }),
        })
      : null;

    logger.info(
      { port: server.port, sandbox: config.sandbox, store: store.kind, chats, console: consoleMode, cron: effective.alertCron },
      'KYC Desk started',
    );
    return {
      config,
      url: server.url,
      sandbox,
      store,
      alerts,
      logger,
      consoleDone,
      stop: async () => {
        draining = true;
        await teardown.run();
      },
    };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}

class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`PORT: ${port} is already in use; set PORT to a free port (0 picks one)`);
    this.name = 'PortInUseError';
  }
}

/** stdout belongs to the console chat when there is one; logs then go to stderr. */
function defaultDestination(consoleMode: boolean): DestinationStream {
  return pino.destination({ dest: consoleMode ? 2 : 1, sync: true });
}
