/**
 * The Telegram front end (issue 5): grammY with long polling through
 * @grammyjs/runner, or a webhook on the shared HTTP server when a secret is
 * configured. Transport only: every command and button becomes a command
 * line plus a caller, answered by the dispatcher and rendered by
 * render.ts.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { Bot, GrammyError, type Api, type Context } from 'grammy';
import type { BuildOverview } from '../../commands/overview.js';
import type { RecordRefusal, RunCommand } from '../../commands/types.js';
import type { Locale } from '../../domain/chat.js';
import { COMMAND_NAMES } from '../../domain/commands.js';
import type { ChatFrontEnd, Route } from '../../domain/front-end.js';
import type { Logger } from '../../log.js';
import { pick } from '../../present/i18n/pick.js';
import { createAccess } from './access.js';
import { logApiErrors } from './api-errors.js';
import { registerHandlers, type UpdateDeps } from './handle-update.js';
import type { ButtonStore } from './keyboard.js';
import { telegramStrings } from './strings.js';
import { createTelegramSender } from './telegram-sender.js';
import { webhookRoute } from './webhook-route.js';

export interface TelegramBotOptions {
  token: string;
  /** Bot API base without a trailing slash (TELEGRAM_API_ROOT); default https://api.telegram.org. */
  apiRoot?: string;
  /** Webhook mode when set (TELEGRAM_WEBHOOK_SECRET); long polling otherwise. */
  webhookSecret?: string;
  /** Chats that may see data (TELEGRAM_ALLOWED_CHATS); every other chat gets a refusal. */
  allowedChats: string[];
  /** User ids (TELEGRAM_ADMINS). */
  admins: string[];
  /** Fixed language (LOCALE); otherwise each user's Telegram language_code decides. */
  locale?: Locale;
  runCommand: RunCommand;
  /** Refused commands and buttons (chats outside TELEGRAM_ALLOWED_CHATS), for the audit log. */
  onRefused?: RecordRefusal;
  /** What /start shows in a private chat (commands/overview.ts); without it, /start shows the usage everywhere. */
  overview?: BuildOverview;
  buttons: ButtonStore;
  logger: Logger;
  now?: () => Date;
}

/** start() learns the bot's username, registers the command menu, and starts long polling (without waiting for it). */
export interface TelegramBot extends ChatFrontEnd {
  platform: 'telegram';
  mode: 'webhook' | 'long polling';
  /** [POST /telegram/webhook] in webhook mode; [] in long polling. */
  routes: Route[];
}

/**
 * Longest retry_after we wait out inside one call. Telegram's flood waits for
 * a chat are usually seconds; a longer one fails the call, and alerts retry
 * it later from the outbox (DeliveryError.retryAfterMs).
 */
const MAX_RETRY_AFTER_SECONDS = 30;
/** 5xx answers are retried a few times with auto-retry's backoff (3 s, 6 s, 12 s), not forever. */
const MAX_RETRY_ATTEMPTS = 3;
/** How long start() waits for Telegram to answer getMe (it retries network errors meanwhile). */
const START_TIMEOUT_MS = 30_000;
/** How long stop() waits for updates still being answered. */
const DRAIN_MS = 5_000;
/** getUpdates long-poll timeout: Telegram holds the request this long when there is nothing new. */
const POLL_TIMEOUT_SECONDS = 30;

export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const apiRoot = options.apiRoot?.replace(/\/+$/, '');
  const bot = new Bot(options.token, { client: apiRoot ? { apiRoot } : {} });
  // Network errors are rethrown, not retried forever: polling retries on its own, alerts from the outbox.
  bot.api.config.use(
    autoRetry({ maxDelaySeconds: MAX_RETRY_AFTER_SECONDS, maxRetryAttempts: MAX_RETRY_ATTEMPTS, rethrowHttpErrors: true }),
  );
  bot.api.config.use(logApiErrors(logger));

  const delivery = { api: bot.api, buttons: options.buttons, now };
  const deps: UpdateDeps = {
    runCommand: options.runCommand,
    onRefused: options.onRefused,
    access: createAccess(options.allowedChats),
    callerSettings: { admins: options.admins, ...(options.locale ? { locale: options.locale } : {}) },
    delivery,
    logger,
    // The overview lists the allowed groups only (commands/overview.ts): an allowed private chat is a person.
    ...(options.overview ? { overview: { build: options.overview, chats: options.allowedChats } } : {}),
  };

  const inFlight = new Set<Promise<void>>();
  bot.use(async (ctx, next) => {
    const task = next().catch((error: unknown) => {
      // Logged and dropped: a webhook answering 500 would make Telegram deliver (and run) the update again.
      logger.error(
        { updateId: ctx.update.update_id, error: error instanceof Error ? error.message : String(error) },
        'telegram: update failed',
      );
    });
    inFlight.add(task);
    try {
      await task;
    } finally {
      inFlight.delete(task);
    }
  });
  // One chat's updates in order, different chats concurrently (grammy.dev/plugins/runner#sequential-processing-where-necessary).
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));

  registerHandlers(bot, deps);
  bot.catch((error) => logger.error({ error: error.message }, 'telegram: update failed'));

  const webhook = options.webhookSecret !== undefined;
  let runner: RunnerHandle | undefined;
  let started = false;

  return {
    platform: 'telegram',
    mode: webhook ? 'webhook' : 'long polling',
    routes: webhook ? [webhookRoute(bot, options.webhookSecret ?? '')] : [],
    sender: createTelegramSender(delivery, options.locale ?? 'en', logger),
    async start() {
      await identify(bot, apiRoot ?? 'https://api.telegram.org');
      try {
        await setCommands(bot.api);
      } catch (error) {
        // The menu is a convenience; the bot works without it.
        logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'telegram: setMyCommands failed');
      }
      started = true;
      if (webhook) {
        logger.info({ username: bot.botInfo.username, mode: 'webhook' }, 'telegram: bot ready');
        return;
      }
      // Long polling and a webhook exclude each other (getUpdates answers 409 while a webhook is set), as in grammY's bot.start().
      await bot.api.deleteWebhook();
      runner = run(bot, {
        runner: { fetch: { timeout: POLL_TIMEOUT_SECONDS, allowed_updates: ['message', 'callback_query'] }, silent: true },
      });
      runner.task()?.catch((error: unknown) => {
        logger.error({ error: error instanceof Error ? error.message : String(error) }, 'telegram: long polling stopped');
      });
      logger.info({ username: bot.botInfo.username, mode: 'polling' }, 'telegram: bot ready');
    },
    async stop() {
      started = false;
      const handle = runner;
      runner = undefined;
      if (handle?.isRunning()) await handle.stop();
      // Let answers already being prepared go out, within a bound, before the process exits.
      await settleWithin([...inFlight], DRAIN_MS);
    },
    isConnected: () => started && (webhook ? bot.isInited() : runner?.isRunning() === true),
  };
}

function settleWithin(tasks: Promise<void>[], ms: number): Promise<void> {
  if (!tasks.length) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    void Promise.allSettled(tasks).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** getMe: learns the bot's username (for /kyc@Name) and proves the token, failing start with one clear line. */
async function identify(bot: Bot, apiRoot: string): Promise<void> {
  try {
    // grammY types its signal as the abort-controller shim's; Node's own AbortSignal is what it uses at run time.
    await bot.init(AbortSignal.timeout(START_TIMEOUT_MS) as unknown as Parameters<Bot['init']>[0]);
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      throw new Error(`Telegram rejected TELEGRAM_BOT_TOKEN (getMe: ${error.error_code} ${error.description})`);
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Telegram Bot API at ${apiRoot} did not identify the bot within ${START_TIMEOUT_MS / 1000} s: ${reason}`);
  }
}

/**
 * The command menu Telegram shows when someone types "/": English by
 * default, Russian for users whose app is in Russian (setMyCommands with
 * language_code, core.telegram.org/bots/api#setmycommands).
 */
async function setCommands(api: Api): Promise<void> {
  const menus = [
    { locale: 'en', other: {} },
    { locale: 'ru', other: { language_code: 'ru' } },
  ] as const satisfies ReadonlyArray<{ locale: Locale; other: object }>;
  for (const { locale, other } of menus) {
    const t = pick(telegramStrings, locale);
    const commands = COMMAND_NAMES.map((command) => ({ command, description: t.commandDescriptions[command] }));
    await api.setMyCommands(commands, other);
  }
}
