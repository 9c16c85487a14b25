/**
 * Alert cards end to end in one process: the sandbox emulators and a SQLite
 * store (harness.ts), the real Slack app on 127.0.0.1 against the fake
 * Slack (its sender delivers the alerts, its listeners take the clicks and
 * modal submissions), and the real dispatcher with the review and
 * subscription handlers and the audit log, as app/create-app.ts wires them.
 * Pacing runs on virtual time, so a card's edits and thread replies take no
 * real seconds.
 */
import type { Alerts, AlertsOptions } from '../../../src/alerts/index.js';
import { auditAnswers } from '../../../src/app/audit-answers.js';
import { startHttpServer, type RunningServer } from '../../../src/chat/http-server.js';
import { createSlackApp, type SlackApp } from '../../../src/chat/slack/index.js';
import { createReviewHandlers } from '../../../src/commands/review.js';
import { createRunCommand } from '../../../src/commands/run-command.js';
import { createSubscriptionHandlers } from '../../../src/commands/subscriptions.js';
import type { RunCommand } from '../../../src/commands/types.js';
import type { Caller } from '../../../src/domain/chat.js';
import { silentLogger } from '../../../src/log.js';
import { startFakeSlack, type FakeSlack, type FakeSlackCall } from '../../support/fake-slack.js';
import { buttonClickBody, signSlackRequest, slashCommandBody, viewSubmissionBody, type ViewSubmissionFields } from '../../support/slack-signing.js';
import { startAlertsHarness, type AlertsHarness } from './harness.js';
import { virtualClock } from './virtual-clock.js';

const SIGNING_SECRET = 'cards-signing-secret-0123456789abcdef';
export const TIME_ZONE = 'Europe/Moscow';

export interface Person {
  userId: string;
  userName: string;
}

export interface CardScene {
  h: AlertsHarness;
  fake: FakeSlack;
  slack: SlackApp;
  alerts: Alerts;
  runCommand: RunCommand;
  /** Another alerts instance on the same store and Slack (a restart, or a second replica). */
  newAlerts(overrides?: Partial<AlertsOptions>): Alerts;
  /** Rounds until nothing is due. */
  deliverAll(alerts?: Alerts): Promise<void>;
  /** Clicks a button (its command line in `value`) in a channel; resolves with Slack's ack. */
  click(channel: string, who: Person, value: string): Promise<number>;
  /** A slash command in a channel; resolves with its answer (the ack's body, or a post to its response_url). */
  command(channel: string, who: Person, line: string): Promise<Record<string, unknown>>;
  /** Submits a modal; resolves with the ack's JSON (empty when it closed). */
  submit(fields: ViewSubmissionFields): Promise<{ status: number; body: string }>;
  /** The Stripe sessions the seed left waiting for the user (they can still fail or pass). */
  waitingStripe(): string[];
  close(): Promise<void>;
}

export async function startCardScene(options: { alerts?: Partial<AlertsOptions>; allowedChannels?: string[] } = {}): Promise<CardScene> {
  const h = await startAlertsHarness({ sandbox: { customers: 100, stripeSessions: 120 } });
  const fake = await startFakeSlack();
  const store = h.store;
  const runCommand = createRunCommand({
    providers: h.providers,
    settings: { timeZone: TIME_ZONE, sandbox: false },
    handlers: { ...createSubscriptionHandlers({ store }), ...createReviewHandlers({ store }) },
    onAnswer: auditAnswers({ store, metrics: { recordCommand: () => {} }, logger: silentLogger }),
  });
  const slack = createSlackApp({
    botToken: 'xoxb-cards-test',
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    allowedChannels: options.allowedChannels ?? ['*'],
    admins: [],
    runCommand,
    logger: silentLogger,
  });
  const server: RunningServer = await startHttpServer(slack.routes, 0, '127.0.0.1');
  const newAlerts = (overrides: Partial<AlertsOptions> = {}) =>
    h.newAlerts({ senders: { slack: slack.sender }, pacingClock: virtualClock(), deliveryLeaseMs: 300_000, timeZone: TIME_ZONE, ...options.alerts, ...overrides });
  const alerts = newAlerts();

  const post = async (body: string) => {
    const signed = signSlackRequest(SIGNING_SECRET, body);
    const response = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: signed.headers, body });
    return { status: response.status, body: await response.text() };
  };
  let responses = 0;

  return {
    h,
    fake,
    slack,
    alerts,
    runCommand,
    newAlerts,
    async deliverAll(which = alerts) {
      for (let round = 0; round < 20; round += 1) if ((await which.deliverOnce()).claimed === 0) return;
      throw new Error('deliveries never ran dry');
    },
    async click(channel, who, value) {
      const responseUrl = fake.responseUrl(`click-${++responses}`);
      const before = fake.responses().length;
      const ack = await post(buttonClickBody({ actionId: 'kd:open:1', value, userId: who.userId, userName: who.userName, channelId: channel, responseUrl }));
      // The answer (or the modal) comes after the ack.
      await waitForAnswer(fake, before);
      return ack.status;
    },
    async command(channel, who, line) {
      const id = `command-${++responses}`;
      const [command, ...rest] = line.split(' ');
      const ack = await post(slashCommandBody({ command: command!, text: rest.join(' '), userId: who.userId, userName: who.userName, channelId: channel, responseUrl: fake.responseUrl(id) }));
      fake.showAckAnswer(id, ack.body);
      const [answer] = await fake.waitForResponses(1, 5_000, id);
      return answer!.body;
    },
    submit: (fields) => post(viewSubmissionBody(fields)),
    waitingStripe: () => h.sandbox.data.stripeSessions.filter((s) => s.status === 'requires_input' && !s.last_error).map((s) => s.id),
    async close() {
      await slack.stop();
      await server.close();
      await h.close();
      await fake.close();
    },
  };
}

/** A response_url answer or a views.open after `before` answers. */
async function waitForAnswer(fake: FakeSlack, before: number): Promise<void> {
  const views = fake.calls('views.open').length;
  for (let i = 0; i < 200; i += 1) {
    if (fake.responses().length > before || fake.calls('views.open').length > views) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no answer to the click');
}

/** A message's blocks as one string, to look for what a person would read. */
export const shown = (call: FakeSlackCall): string => JSON.stringify(call.params.blocks ?? call.params.text);

/** The command lines of a message's buttons. */
export function buttonsOf(call: FakeSlackCall): string[] {
  const blocks = (call.params.blocks ?? []) as Array<{ type: string; elements?: Array<{ value?: string }> }>;
  return blocks.flatMap((block) => (block.type === 'actions' ? (block.elements ?? []).flatMap((e) => (e.value ? [e.value] : [])) : []));
}

export const caller = (who: Person, chatId: string): Caller => ({
  platform: 'slack',
  chatId,
  userId: who.userId,
  userName: who.userName,
  isAdmin: false,
  mayManageSubscriptions: true,
  locale: 'en',
});
