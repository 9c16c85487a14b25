/**
 * The Slack app under test, wired like main.ts wires it: Bolt's receiver
 * mounted on the shared HTTP server on 127.0.0.1, the fake Slack Web API and
 * response_url sink (fake-slack.ts), and the real dispatcher over the sandbox
 * emulators. Requests are signed as Slack signs them (slack-signing.ts).
 * Every command line the app runs is recorded in `runs`.
 */
import { createSlackApp, type SlackApp, type SlackAppOptions } from '../../src/chat/slack/index.js';
import { startHttpServer, type RunningServer } from '../../src/chat/http-server.js';
import { createOverview, type BuildOverview } from '../../src/commands/overview.js';
import type { RunCommand } from '../../src/commands/types.js';
import type { Caller } from '../../src/domain/chat.js';
import { silentLogger } from '../../src/log.js';
import { startCommandHarness, type CommandHarness } from './command-harness.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import {
  buttonClickBody,
  eventCallbackBody,
  messageShortcutBody,
  signSlackRequest,
  slashCommandBody,
  viewClickBody,
  viewSubmissionBody,
  type ButtonClickFields,
  type MessageShortcutFields,
  type SlashCommandFields,
  type ViewClickFields,
  type ViewSubmissionFields,
} from './slack-signing.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-bot-token';

export interface PostResult {
  status: number;
  body: string;
  /** How long the HTTP answer (Slack's ack) took. */
  ms: number;
  /** When the ack arrived (Date.now()). */
  at: number;
}

export interface PostOptions {
  /** Unix seconds for the signature; default now. */
  timestamp?: number;
  /** Sign with another secret (a forgery). */
  secret?: string;
  contentType?: string;
}

export interface SlackHarness {
  fake: FakeSlack;
  commands: CommandHarness;
  app: SlackApp;
  server: RunningServer;
  runs: Array<{ line: string; caller: Caller }>;
  /** POSTs a signed body to /slack/events. */
  post(body: string, options?: PostOptions): Promise<PostResult>;
  /** Runs a slash command as Slack would; its answer (in the ack, or posted later) is the response named `responseId`. */
  command(fields: Omit<SlashCommandFields, 'responseUrl'> & { responseId: string }, options?: PostOptions): Promise<PostResult>;
  click(fields: Omit<ButtonClickFields, 'responseUrl'> & { responseId: string }, options?: PostOptions): Promise<PostResult>;
  /** An Events API event (app_home_opened, link_shared ...), signed and posted as JSON, from the workspace `teamId` (default T0001, as every payload here). */
  event(event: Record<string, unknown>, options?: PostOptions & { teamId?: string }): Promise<PostResult>;
  /** A message shortcut; its answers go to the response_url named `responseId`. */
  shortcut(fields: Omit<MessageShortcutFields, 'responseUrl'> & { responseId: string }, options?: PostOptions): Promise<PostResult>;
  /** A click on a button in a view (the Home, a modal). */
  viewClick(fields: ViewClickFields, options?: PostOptions): Promise<PostResult>;
  /** A modal's submission. */
  submitView(fields: ViewSubmissionFields, options?: PostOptions): Promise<PostResult>;
  close(): Promise<void>;
}

export type SlackHarnessOptions = Partial<Omit<SlackAppOptions, 'botToken' | 'apiUrl' | 'logger'>> & {
  fakeSlack?: FakeSlack;
  /** Builds the dispatcher over the harness's sandbox (e.g. with other provider timeouts). */
  makeRunCommand?: (commands: CommandHarness) => RunCommand;
  /** Builds the App Home's overview over the harness's store (default: Europe/Moscow, no reference settings). */
  makeOverview?: (commands: CommandHarness) => BuildOverview;
};

export async function startSlackHarness(options: SlackHarnessOptions = {}): Promise<SlackHarness> {
  const fake = options.fakeSlack ?? (await startFakeSlack());
  const commands = await startCommandHarness();
  const runs: SlackHarness['runs'] = [];
  const inner = options.runCommand ?? options.makeRunCommand?.(commands) ?? commands.runCommand;
  const runCommand: RunCommand = (line, caller) => {
    runs.push({ line, caller });
    return inner(line, caller);
  };
  const { fakeSlack: _fake, makeRunCommand: _make, makeOverview, ...appOptions } = options;
  const app = createSlackApp({
    signingSecret: SIGNING_SECRET,
    // As in the app with SLACK_ALLOWED_CHANNELS unset: every channel is refused. Tests that run commands allow some.
    allowedChannels: [],
    admins: [],
    // The App Home reads the same store the dispatcher does.
    overview: makeOverview?.(commands) ?? createOverview({ store: commands.store, settings: { timeZone: 'Europe/Moscow', sandbox: true } }),
    ...appOptions,
    botToken: BOT_TOKEN,
    apiUrl: fake.apiUrl,
    logger: silentLogger,
    runCommand,
  });
  const server = await startHttpServer(app.routes, 0, '127.0.0.1');

  const post = async (body: string, postOptions: PostOptions = {}): Promise<PostResult> => {
    const signed = signSlackRequest(postOptions.secret ?? SIGNING_SECRET, body, postOptions);
    const started = Date.now();
    const response = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: signed.headers, body });
    const text = await response.text();
    const at = Date.now();
    return { status: response.status, body: text, ms: at - started, at };
  };

  return {
    fake,
    commands,
    app,
    server,
    runs,
    post,
    command: async ({ responseId, ...fields }, postOptions) => {
      const result = await post(slashCommandBody({ ...fields, responseUrl: fake.responseUrl(responseId) }), postOptions);
      if (result.status === 200) fake.showAckAnswer(responseId, result.body);
      return result;
    },
    click: ({ responseId, ...fields }, postOptions) =>
      post(buttonClickBody({ ...fields, responseUrl: fake.responseUrl(responseId) }), postOptions),
    event: (event, { teamId, ...postOptions } = {}) =>
      post(eventCallbackBody(event, teamId ? { teamId } : {}), { contentType: 'application/json', ...postOptions }),
    shortcut: ({ responseId, ...fields }, postOptions) =>
      post(messageShortcutBody({ ...fields, responseUrl: fake.responseUrl(responseId) }), postOptions),
    viewClick: (fields, postOptions) => post(viewClickBody(fields), postOptions),
    submitView: (fields, postOptions) => post(viewSubmissionBody(fields), postOptions),
    close: async () => {
      await app.stop();
      await server.close();
      if (!options.fakeSlack) await fake.close();
      await commands.close();
    },
  };
}
