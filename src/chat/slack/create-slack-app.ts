/**
 * The Slack app: Bolt with our receiver choice, the four slash commands, the
 * buttons, and the sender alerts use. Commands never see Bolt; Bolt never
 * sees a provider.
 */
import { App, type BlockAction } from '@slack/bolt';
import { COMMAND_NAMES } from '../../domain/commands.js';
import type { RecordRefusal, RunCommand } from '../../commands/types.js';
import type { Locale } from '../../domain/chat.js';
import type { ChatFrontEnd, Route } from '../../domain/front-end.js';
import type { Logger } from '../../log.js';
import { createBoltLogger, createBotClient, slackClientOptions, slackErrorReason, verifyBotToken } from './client.js';
import type { RequestMemory } from './events-route.js';
import { FORM_CALLBACK_ID, formSubmissionListener } from './form-modal.js';
import { buttonListener, commandListener, type AnswerDeps } from './listeners.js';
import { createSlackSender, type SlackSender } from './slack-sender.js';
import { createFileUploader } from './upload-file.js';
import { createTransport } from './transport.js';

export interface SlackAppOptions {
  botToken: string;
  /** HTTP mode: requests to POST /slack/events are verified with it. */
  signingSecret?: string;
  /** HTTP mode: accepted request signatures, remembered so a replay is refused; the store, so replicas share it (default: this process only). */
  requestMemory?: RequestMemory;
  /** Socket Mode (xapp-...): wins over the signing secret when both are set. */
  appToken?: string;
  /** Web API base, e.g. a fake Slack in tests (SLACK_API_URL). */
  apiUrl?: string;
  /** Channel ids where commands run; `*` means every channel, empty means none. */
  allowedChannels: string[];
  /** User ids who see unmasked data and manage subscriptions; empty means nobody. */
  admins: string[];
  locale?: Locale;
  runCommand: RunCommand;
  /** Refused commands (outside SLACK_ALLOWED_CHANNELS), for the audit log. */
  onRefused?: RecordRefusal;
  logger: Logger;
}

/**
 * start() verifies the bot token, and Socket Mode also connects there;
 * isConnected() is true in Socket Mode while its WebSocket is up, in HTTP
 * mode until stop() (Slack calls us).
 */
export interface SlackApp extends ChatFrontEnd {
  platform: 'slack';
  /** [POST /slack/events] in HTTP mode; [] in Socket Mode. */
  routes: Route[];
  /** With sendTagged/wasDelivered for exactly-once alert delivery (alerts/in-doubt.ts). */
  sender: SlackSender;
  /** The slash commands registered, as manifest.yml lists them. */
  commands: string[];
  mode: 'http' | 'socket';
}

export const SLACK_COMMANDS: readonly string[] = COMMAND_NAMES.map((name) => `/${name}`);

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const boltLogger = createBoltLogger(options.logger);
  const clientOptions = slackClientOptions(boltLogger, options.apiUrl);
  const log = options.logger.child({ component: 'slack' });
  const transport = createTransport({
    signingSecret: options.signingSecret,
    appToken: options.appToken,
    requestMemory: options.requestMemory,
    logger: boltLogger,
    log,
    clientOptions,
  });
  const app = new App({
    receiver: transport.receiver,
    // One workspace, one bot token; no auth.test on every event.
    authorize: async () => ({ botToken: options.botToken }),
    logger: boltLogger,
    clientOptions,
    convoStore: false,
  });
  const botClient = createBotClient(options.botToken, clientOptions);
  const deps: AnswerDeps = {
    runCommand: options.runCommand,
    policy: { allowedChannels: options.allowedChannels, admins: options.admins },
    locale: options.locale ?? 'en',
    log,
    onRefused: options.onRefused,
    uploadFile: createFileUploader(botClient),
  };
  for (const command of SLACK_COMMANDS) app.command(command, commandListener(deps));
  // Every click is acked, also on buttons of an older message format, so Slack never shows the user a warning.
  app.action<BlockAction>({ type: 'block_actions' }, buttonListener(deps));
  app.view(FORM_CALLBACK_ID, formSubmissionListener(deps));
  app.error(async (error) => {
    log.error({ reason: error.message, code: error.code }, 'slack listener failed');
  });

  let started = false;
  return {
    platform: 'slack',
    routes: transport.routes,
    sender: createSlackSender(botClient, deps.locale, log),
    commands: [...SLACK_COMMANDS],
    mode: transport.mode,
    async start() {
      await verifyBotToken(botClient, log);
      if (transport.connects) {
        try {
          await app.start();
        } catch (error) {
          throw new Error(`SLACK_APP_TOKEN: Socket Mode could not connect (${slackErrorReason(error)})`);
        }
      }
      started = true;
      log.info({ mode: transport.mode }, 'slack app started');
    },
    async stop() {
      transport.markStopped();
      if (transport.connects && started) await app.stop();
      started = false;
    },
    isConnected: () => transport.isConnected(),
  };
}
