/**
 * The chat front ends configuration asks for: Slack when its tokens are set,
 * Telegram when its token is set (DESIGN.md, "Chat front ends"). Each is
 * started (Slack verifies its token, Telegram registers its commands) and
 * handed to the teardown.
 */
import { createSlackApp, type SlackApp } from '../chat/slack/index.js';
import { createTelegramBot, type TelegramBot } from '../chat/telegram/index.js';
import type { RecordRefusal, RunCommand } from '../commands/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import { accessWarnings } from './access-warnings.js';
import type { Teardown } from './teardown.js';

export interface Chats {
  slack?: SlackApp;
  telegram?: TelegramBot;
  names: string[];
}

export interface StartChatsDeps {
  config: Config;
  runCommand: RunCommand;
  onRefused: RecordRefusal;
  store: Store;
  logger: Logger;
  teardown: Teardown;
}

export async function startChats({ config, runCommand, onRefused, store, logger, teardown }: StartChatsDeps): Promise<Chats> {
  const chats: Chats = { names: [] };
  for (const warning of accessWarnings(config)) logger.warn({ variable: warning.variable }, warning.message);
  if (config.SLACK_BOT_TOKEN) {
    const slack = createSlackApp({
      botToken: config.SLACK_BOT_TOKEN,
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
      logger,
    });
    teardown.add('Slack', () => slack.stop());
    await slack.start();
    chats.slack = slack;
    chats.names.push(`slack (${slack.mode})`);
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    const telegram = createTelegramBot({
      token: config.TELEGRAM_BOT_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
      allowedChats: config.TELEGRAM_ALLOWED_CHATS,
      admins: config.TELEGRAM_ADMINS,
      locale: config.LOCALE,
      runCommand,
      onRefused,
      buttons: store,
      logger,
    });
    teardown.add('Telegram', () => telegram.stop());
    await telegram.start();
    chats.telegram = telegram;
    chats.names.push(`telegram (${config.TELEGRAM_WEBHOOK_SECRET ? 'webhook' : 'long polling'})`);
  }
  return chats;
}
