/**
 * The chat front ends configuration asks for: Slack when its bot token is
 * set, Telegram when its token is set (DESIGN.md, "Chat front ends"). Each is
 * started (Slack verifies its token, Telegram registers its commands) and
 * handed to the teardown; the rest of the app sees only ChatFrontEnds.
 * A platform's code (Bolt, grammY) is imported only when it is configured:
 * loading Bolt alone takes about 300 ms of a start that needs none of it.
 */
import type { BuildOverview } from '../commands/overview.js';
import type { RecordRefusal, RunCommand } from '../commands/types.js';
import type { Config } from '../config/load-config.js';
import type { Platform } from '../domain/chat.js';
import type { ChatFrontEnd } from '../domain/front-end.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import { accessWarnings } from './access-warnings.js';
import type { Teardown } from './teardown.js';

export interface StartChatsDeps {
  config: Config;
  runCommand: RunCommand;
  onRefused: RecordRefusal;
  /** What Slack's App Home and Telegram's /start in a private chat show (commands/overview.ts); without it, neither. */
  overview?: BuildOverview;
  store: Store;
  logger: Logger;
  teardown: Teardown;
}

interface FrontEndFactory {
  platform: Platform;
  configured(config: Config): boolean;
  create(deps: StartChatsDeps): Promise<ChatFrontEnd>;
}

const FRONT_ENDS: readonly FrontEndFactory[] = [
  {
    platform: 'slack',
    configured: (config) => Boolean(config.SLACK_BOT_TOKEN),
    create: async ({ config, runCommand, onRefused, overview, store, logger }) => {
      const { createSlackApp } = await import('../chat/slack/index.js');
      return createSlackApp({
        botToken: config.SLACK_BOT_TOKEN!,
        signingSecret: config.SLACK_SIGNING_SECRET,
        // Replicas share the store, so a request replayed to another replica is refused too.
        requestMemory: store,
        appToken: config.SLACK_APP_TOKEN,
        apiUrl: config.SLACK_API_URL,
        allowedChannels: config.SLACK_ALLOWED_CHANNELS,
        admins: config.SLACK_ADMINS,
        locale: config.LOCALE,
        runCommand,
        onRefused,
        ...(overview ? { overview } : {}),
        logger,
      });
    },
  },
  {
    platform: 'telegram',
    configured: (config) => Boolean(config.TELEGRAM_BOT_TOKEN),
    create: async ({ config, runCommand, onRefused, overview, store, logger }) => {
      const { createTelegramBot } = await import('../chat/telegram/index.js');
      return createTelegramBot({
        token: config.TELEGRAM_BOT_TOKEN!,
        apiRoot: config.TELEGRAM_API_ROOT,
        webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
        allowedChats: config.TELEGRAM_ALLOWED_CHATS,
        admins: config.TELEGRAM_ADMINS,
        locale: config.LOCALE,
        runCommand,
        onRefused,
        ...(overview ? { overview } : {}),
        buttons: store,
        logger,
      });
    },
  },
];

/** The platforms whose front end configuration asks for, known before any is started (for /metrics). */
export function configuredPlatforms(config: Config): Platform[] {
  return FRONT_ENDS.filter((frontEnd) => frontEnd.configured(config)).map((frontEnd) => frontEnd.platform);
}

/** Starts them one by one; a front end that fails to start stops start-up, and the teardown stops those already started. */
export async function startChats(deps: StartChatsDeps): Promise<ChatFrontEnd[]> {
  const { config, logger, teardown } = deps;
  for (const warning of accessWarnings(config)) logger.warn({ variable: warning.variable }, warning.message);
  const started: ChatFrontEnd[] = [];
  for (const factory of FRONT_ENDS.filter((frontEnd) => frontEnd.configured(config))) {
    const frontEnd = await factory.create(deps);
    teardown.add(frontEnd.platform, () => frontEnd.stop());
    await frontEnd.start();
    started.push(frontEnd);
  }
  return started;
}

/** "slack (socket)", "telegram (long polling)": for the start-up log. */
export const frontEndName = (frontEnd: ChatFrontEnd): string => `${frontEnd.platform} (${frontEnd.mode})`;
