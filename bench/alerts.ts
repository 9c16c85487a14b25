/**
 * `alerts`: 1,000 Love&Pay transitions announced to 10 subscribed Slack
 * channels through the app's Slack sender and a fake Slack Web API that
 * enforces 1 message per second per channel (test/support/fake-slack.ts,
 * `rateLimitPerChannel`: 429 with Retry-After past it, as Slack does).
 *
 * After a silent baseline, the transitions are made, one sweep queues them,
 * and the alerts' own delivery loop (start()) drains the outbox. drainMs runs
 * from start() to the last message Slack accepted; idealMs is the least the
 * rate limit allows for the messages sent: (n - 1) seconds for the channel
 * with the most messages. Every posted message's buttons are read back:
 * each session must be named exactly once in each channel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAlerts } from '../src/alerts/index.js';
import { createSlackApp } from '../src/chat/slack/index.js';
import { createRunCommand } from '../src/commands/run-command.js';
import type { ChatRef } from '../src/domain/chat.js';
import { silentLogger } from '../src/log.js';
import { createProviders } from '../src/providers/index.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/types.js';
import { startFakeSlack, type FakeSlackCall } from '../test/support/fake-slack.js';
import { newestOpenSessions } from './open-sessions.js';
import { startRemoteSandbox } from './remote-sandbox.js';
import { pool, progress, round } from './stats.js';

const TRANSITIONS = 1_000;
const CHANNELS = 10;
/** Slack: about 1 message per second per channel (docs.slack.dev/reference/methods/chat.postMessage, "Rate limiting"). */
const SLACK_INTERVAL_MS = 1_000;
const DRAIN_TIMEOUT_MS = 150_000;

export interface AlertFigures {
  transitions: number;
  channels: number;
  messages: number;
  drainMs: number;
  idealMs: number;
  /** null when idealMs is 0 (one message per channel): no ratio to take. */
  drainRatio: number | null;
  lost: number;
  duplicates: number;
  details: Record<string, unknown>;
}

export async function benchAlerts(): Promise<AlertFigures> {
  progress(`alerts: ${TRANSITIONS} transitions to ${CHANNELS} Slack channels at 1 message/s per channel`);
  const sandbox = await startRemoteSandbox({ sessions: 5_000, now: Date.parse('2025-03-01T12:00:00Z') });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-bench-'));
  const store = await openStore(`file:${path.join(dir, 'bench.sqlite')}`);
  const providers = createProviders({
    loveandpay: { baseUrl: sandbox.urls.loveandpay, apiKey: sandbox.credentials.loveandpayApiKey, secretKey: sandbox.credentials.loveandpaySecretKey },
  });
  const client = providers.loveandpay!;
  const fakeSlack = await startFakeSlack({ rateLimitPerChannel: 1 });
  const slack = createSlackApp({
    botToken: 'xoxb-bench-token',
    signingSecret: 'bench-signing-secret-0123456789abcdef',
    apiUrl: fakeSlack.apiUrl,
    allowedChannels: [],
    admins: [],
    locale: 'en',
    runCommand: createRunCommand({ providers, settings: { timeZone: 'Europe/Moscow', sandbox: true } }),
    logger: silentLogger,
  });
  const claims: number[] = [];
  const alerts = createAlerts({ store: timingClaims(store, claims), providers: { loveandpay: client }, senders: { slack: slack.sender }, locale: 'en' });
  const channels: ChatRef[] = Array.from({ length: CHANNELS }, (_, i) => ({ platform: 'slack', chatId: `C0BENCH${String(i).padStart(2, '0')}` }));

  try {
    for (const chat of channels) {
      await store.subscribe({ chat, outcomes: [], providers: [], source: 'command', createdBy: 'U-bench', now: new Date() });
    }
    await alerts.sweepOnce();

    const ids = await newestOpenSessions(client, TRANSITIONS);
    await pool(ids, 10, (id, i) => sandbox.setSessionStatus(id, i % 3 === 0 ? 'DECLINED' : 'APPROVED'));
    const swept = (await alerts.sweepOnce()).results.find((result) => result.source === 'loveandpay')!;
    if (swept.newOutcomes !== TRANSITIONS) throw new Error(`the sweep found ${swept.newOutcomes} of ${TRANSITIONS} transitions`);
    progress(`alerts: ${swept.queued} outbox rows queued; draining`);

    const startedAt = Date.now();
    await alerts.start();
    const deadline = startedAt + DRAIN_TIMEOUT_MS;
    while ((await store.outboxDepth()) > 0) {
      if (Date.now() > deadline) throw new Error(`the outbox did not drain within ${DRAIN_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await alerts.stop();

    const posted = fakeSlack.postedMessages();
    const lastAt = Math.max(...posted.map((call) => call.at));
    const drainMs = lastAt - startedAt;
    const perChannel = channels.map((chat) => fakeSlack.postedMessages(chat.chatId));
    const idealMs = Math.max(...perChannel.map((messages) => Math.max(0, messages.length - 1) * SLACK_INTERVAL_MS));

    const expected = new Set(ids);
    let lost = 0;
    let duplicates = 0;
    let unexpected = 0;
    for (const messages of perChannel) {
      const named = new Map<string, number>();
      for (const message of messages) for (const id of namedSessions(message)) named.set(id, (named.get(id) ?? 0) + 1);
      for (const id of expected) {
        const times = named.get(id) ?? 0;
        if (times === 0) lost += 1;
        if (times > 1) duplicates += times - 1;
      }
      for (const id of named.keys()) if (!expected.has(id)) unexpected += 1;
    }
    const refused = fakeSlack.calls('chat.postMessage').filter((call) => call.status !== 200 || call.error);
    return {
      transitions: TRANSITIONS,
      channels: CHANNELS,
      messages: posted.length,
      drainMs,
      idealMs,
      drainRatio: idealMs > 0 ? round(drainMs / idealMs, 2) : null,
      lost,
      duplicates,
      details: {
        queuedRows: swept.queued,
        messagesPerChannel: perChannel.map((messages) => messages.length),
        alertsPerMessageMax: Math.max(...posted.map((message) => namedSessions(message).length)),
        rateLimited429: refused.filter((call) => call.status === 429).length,
        otherRefusals: refused.filter((call) => call.status !== 429).length,
        unexpectedSessions: unexpected,
        deliveryRounds: claims.length,
        claimMsMax: round(Math.max(...claims), 0),
        claimMsTotal: round(claims.reduce((sum, ms) => sum + ms, 0), 0),
        firstMessageAfterMs: Math.min(...posted.map((call) => call.at)) - startedAt,
      },
    };
  } finally {
    await alerts.stop();
    await slack.stop();
    await fakeSlack.close();
    await providers.close();
    await store.close();
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The store as it is, except that each outbox claim's duration is recorded (for the details). */
function timingClaims(store: Store, claims: number[]): Store {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'claimOutbox') {
        return async (...args: Parameters<Store['claimOutbox']>) => {
          const started = performance.now();
          try {
            return await target.claimOutbox(...args);
          } finally {
            claims.push(performance.now() - started);
          }
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Session ids an alert message names: the `/kyc <uuid>` command each of its buttons carries. */
function namedSessions(message: FakeSlackCall): string[] {
  const ids: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      if (node.type === 'button' && typeof node.value === 'string') {
        const match = /^\/kyc ([0-9a-f-]{36})$/.exec(node.value);
        if (match) ids.push(match[1]!);
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(message.params.blocks);
  return ids;
}

