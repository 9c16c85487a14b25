/**
 * The Slack app: Bolt with our receiver choice, the four slash commands, the
 * buttons, the surfaces outside a slash command (the App Home with its Look
 * up modal, the "Look up in KYC Desk" message shortcut, Stripe link
 * unfurls), and the sender alerts use. Commands never see Bolt; Bolt never
 * sees a provider.
 */
import { App, type BlockAction, type MessageShortcut } from '@slack/bolt';
import type { BuildOverview } from '../../commands/overview.js';
import { COMMAND_NAMES } from '../../domain/commands.js';
import type { RecordRefusal, RunCommand } from '../../commands/types.js';
import type { Locale } from '../../domain/chat.js';
import type { ChatFrontEnd, Route } from '../../domain/front-end.js';
import type { Logger } from '../../log.js';
import { createBoltLogger, createBotClient, slackClientOptions, slackErrorReason, verifyBotToken } from './client.js';
import type { RequestMemory } from './events-route.js';
import { FORM_CALLBACK_ID, formSubmissionListener } from './form-modal.js';
import { createHome, type SurfaceDeps } from './home.js';
import type { HomeRefreshOptions } from './home-refresh.js';
import { buttonListener, commandListener, type AnswerDeps } from './listeners.js';
import { LOOKUP_CALLBACK_ID } from './lookup-view.js';
import { createMembership } from './membership.js';
import { LOOKUP_SHORTCUT_ID, messageShortcutListener } from './message-shortcut.js';
import { VIEW_ACTION_PREFIX } from './render.js';
import { linkSharedListener } from './unfurl.js';
import { lookupSubmissionListener, viewButtonListener } from './view-actions.js';
import { viewMetadataKey } from './view-metadata.js';
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
  /** What the App Home shows (commands/overview.ts); without it there is no Home and no Look up modal. */
  overview?: BuildOverview;
  /** How often a Home is published again at most, and for how long and how many people (home-refresh.ts). */
  homeRefresh?: HomeRefreshOptions;
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
  /** With send's deliveryKey and findDelivered for exactly-once alert delivery (alerts/in-doubt.ts). */
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
  // Who is in which channel (users.conversations): the Home, the Look up modal and the message shortcut ask.
  const membership = createMembership(botClient, deps.policy, log);
  const surfaces: SurfaceDeps | null = options.overview
    ? {
        ...deps,
        client: botClient,
        overview: options.overview,
        membership,
        metadataKey: viewMetadataKey(options.botToken),
      }
    : null;
  const home = surfaces ? createHome(surfaces, options.homeRefresh) : null;
  // Every click is acked, also on buttons of an older message format, so Slack never shows the user a warning.
  // Buttons in a view (the Home, the Look up modal) answer inside it instead.
  app.action<BlockAction>(surfaces ? { type: 'block_actions', action_id: NOT_IN_VIEW } : { type: 'block_actions' }, buttonListener(deps));
  app.view(FORM_CALLBACK_ID, formSubmissionListener(deps));
  if (surfaces && home) {
    app.action<BlockAction>({ type: 'block_actions', action_id: IN_VIEW }, viewButtonListener(surfaces));
    app.view(LOOKUP_CALLBACK_ID, lookupSubmissionListener(surfaces));
    app.event('app_home_opened', home.opened);
  }
  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: LOOKUP_SHORTCUT_ID }, messageShortcutListener({ ...deps, membership }));
  app.event('link_shared', linkSharedListener({ ...deps, client: botClient }));
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
      home?.refresh.stop();
      transport.markStopped();
      if (transport.connects && started) await app.stop();
      started = false;
    },
    isConnected: () => transport.isConnected(),
    stateChanged: () => home?.refresh.changed(),
  };
}

/** action_ids of buttons in a view, and of every other. */
const IN_VIEW = new RegExp(`^${VIEW_ACTION_PREFIX}`);
const NOT_IN_VIEW = new RegExp(`^(?!${VIEW_ACTION_PREFIX})`);
