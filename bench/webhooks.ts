/**
 * `webhooks` (issue 16): 200 provider webhooks at 5 a second, three in four
 * from Love&Pay (kyc.completed / kyc.failed: the app reads the session back)
 * and one in four from Stripe (the session rides in the event), to the built
 * app (`node dist/main.js`, as `npm start` runs it) in live mode against the
 * emulators, with 10 Slack channels subscribed (ALERT_SLACK_CHANNELS) on a
 * fake Slack that answers 429 past 1 message per second per channel.
 *
 * The bench is the provider: it moves a session at the emulator, then signs
 * and POSTs the webhook; each latency runs from that POST to the message
 * naming the session arriving at the fake Slack, per channel. Sweeps run
 * once a day here, so every alert measured came by webhook.
 *
 * Two runs: one replica on SQLite, and two replicas on PostgreSQL (a
 * throwaway cluster, test/support/postgres.ts) taking the webhooks in turn,
 * the one that delivers SIGKILLed half-way; from then on the webhooks go to
 * the survivor, and one that fails on the dying replica is sent there again
 * (as a load balancer and the provider's retry would), its latency still
 * counted from the first POST.
 */
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import pg from 'pg';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIGEST_THRESHOLD } from '../src/alerts/digest.js';
import { SLACK_LIMITS } from '../src/chat/slack/limits.js';
import { startChildApp, type ChildApp } from '../test/e2e/support/child-app.js';
import { startFakeSlack, type FakeSlack, type FakeSlackCall } from '../test/support/fake-slack.js';
import { testPostgres } from '../test/support/postgres.js';
import { loveAndPayWebhook, stripeWebhook, type SignedWebhook } from '../test/support/webhooks.js';
import { REPO_ROOT } from './child.js';
import { startRemoteSandbox, type RemoteSandbox } from './remote-sandbox.js';
import { childCpuMs } from './cpu-time.js';
import { percentile, progress, round } from './stats.js';

const WEBHOOKS = 200;
const PER_SECOND = 5;
const CHANNELS = Array.from({ length: 10 }, (_, i) => `C0HOOK${String(i).padStart(2, '0')}`);
/** One webhook in this many is Stripe's. */
const STRIPE_EVERY = 4;
const DRAIN_TIMEOUT_MS = 60_000;
/**
 * Every channel gets every alert, so at 5 webhooks a second each channel has 5 alerts a second
 * for Slack's 1 message (docs.slack.dev/reference/methods/chat.postMessage, "Rate limiting"): they
 * wait for their channel's slot and come in digests. 20 more, one every 2 s, show the path when no
 * channel's pace holds an alert back.
 */
const SPACED = 20;
const SPACED_PER_SECOND = 0.5;
/** Slack's pace for one channel (src/chat/slack/limits.ts), which the fake Slack enforces with 429s. */
const SLACK_MESSAGES_PER_SECOND = SLACK_LIMITS.messagesPerSecondPerChannel;
const SECRETS = { loveandpay: 'lpwh_bench_secret_0123456789abcdef', stripe: 'whsec_bench_secret_0123456789abcdef' };

export interface WebhookRunFigures {
  p50Ms: number;
  p99Ms: number;
  /** From the POST to the alert committed to the outbox (the app's part, before a channel's pace). */
  queuedP50Ms: number;
  queuedP99Ms: number;
  /** POST to message for the spaced webhooks; null when the run sends none. */
  spacedP50Ms: number | null;
  spacedP99Ms: number | null;
  /**
   * The floor of p50Ms / p99Ms under Slack's pace, from this run's POST times: a sender
   * that spent no time at all and put every alert waiting for a channel into that
   * channel's next message, one message a second (paceFloorLatencies).
   */
  paceFloorP50Ms: number;
  paceFloorP99Ms: number;
  /**
   * The floor under the product's own rule as well (issue 6: five or fewer
   * waiting alerts go one message each, more as one digest): a sender that
   * spent no time, and at each of a channel's slots sent the oldest waiting
   * alert as its card, or all of them as a digest once more than five wait
   * (ruleFloorLatencies).
   */
  ruleFloorP50Ms: number;
  ruleFloorP99Ms: number;
  /** (webhook, channel) pairs with no message naming the session. */
  lost: number;
  /** Messages naming a session in a channel beyond the first. */
  duplicates: number;
  details: Record<string, unknown>;
}

export interface WebhookFigures extends WebhookRunFigures {
  /** The same, two replicas on PostgreSQL, the delivering one killed half-way; null when PostgreSQL is not available. */
  failover: WebhookRunFigures | null;
  details: Record<string, unknown>;
}

export async function benchWebhooks(): Promise<WebhookFigures> {
  progress('webhooks: npm run build');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });

  progress(`webhooks: ${WEBHOOKS} webhooks at ${PER_SECOND}/s to one replica on SQLite, ${CHANNELS.length} channels`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-bench-hooks-'));
  let single: WebhookRunFigures;
  try {
    single = await run({ databaseUrl: `file:${path.join(dir, 'bench.sqlite')}`, replicas: 1, killHalfWay: false, spaced: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const postgres = testPostgres();
  let failover: WebhookRunFigures | null = null;
  if (postgres.skipReason) progress(`webhooks: no failover run (${postgres.skipReason})`);
  else {
    progress(`webhooks: the same to two replicas on PostgreSQL, the delivering one killed after webhook ${WEBHOOKS / 2}`);
    try {
      failover = await run({ databaseUrl: await postgres.createDatabase(), replicas: 2, killHalfWay: true, spaced: false });
    } finally {
      await postgres.stop();
    }
  }
  return { ...single, failover, details: { single: single.details, ...(failover && { failover: failover.details }) } };
}

interface RunOptions {
  databaseUrl: string;
  replicas: number;
  killHalfWay: boolean;
  /** Then SPACED more, far enough apart that no channel's pace holds one back. */
  spaced: boolean;
}

interface Sent {
  id: string;
  provider: 'loveandpay' | 'stripe';
  /** Date.now() at the first POST. */
  at: number;
  /** POSTs it took (a second one after the replica it went to died). */
  posts: number;
}

async function run(options: RunOptions): Promise<WebhookRunFigures> {
  const sandbox = await startRemoteSandbox({ customers: 400, sessions: 2_000, stripeSessions: 600, now: Date.parse('2025-03-01T12:00:00Z') });
  const slack = await startFakeSlack({ rateLimitPerChannel: 1 });
  const apps: ChildApp[] = [];
  try {
    const total = WEBHOOKS + (options.spaced ? SPACED : 0);
    const sessions = {
      loveandpay: await sandbox.addSessions(total - total / STRIPE_EVERY, 'IN_PROGRESS'),
      stripe: await waitingStripeSessions(sandbox, total / STRIPE_EVERY),
    };
    // For the figures' analysis: BENCH_CPU_PROF=<dir>, a CPU profile of the single replica's whole life (written as it stops).
    const profile = process.env.BENCH_CPU_PROF && options.replicas === 1 ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
    for (let i = 0; i < options.replicas; i += 1) apps.push(await startChildApp(replicaEnv(sandbox, slack, options.databaseUrl, i), undefined, profile));
    await Promise.all(apps.map(untilReady));

    const phase = new Phase(sandbox, slack, apps, sessions);
    const started = Date.now();
    // The app's CPU over the burst (the first replica's: in the failover run it is the one killed, so its share is of its life).
    const cpuBefore = childCpuMs(apps[0]!.pid);
    const sent = await phase.send(WEBHOOKS, PER_SECOND, options.killHalfWay ? WEBHOOKS / 2 : null);
    const drainMs = await phase.drained(sent);
    const appCpuMs = childCpuMs(apps[0]!.pid) - cpuBefore;
    const burstMs = Date.now() - started;
    const burst = measure(slack, sent);
    const queued = await queuedLatencies(options.databaseUrl, sent);
    let spaced: ReturnType<typeof measure> | null = null;
    if (options.spaced) {
      // Every channel's last message more than Slack's second ago, then one webhook every 2 s.
      await untilTime(Math.max(...slack.postedMessages().map((call) => call.at)) + 1_100);
      const more = await phase.send(SPACED, SPACED_PER_SECOND, null);
      await phase.drained(more);
      spaced = measure(slack, more);
    }
    const refused = slack.calls('chat.postMessage').filter((call) => call.status !== 200 || call.error);
    const floor = paceFloorLatencies(sent.map((entry) => entry.at));
    const ruleFloor = ruleFloorLatencies(sent.map((entry) => entry.at));
    return {
      p50Ms: round(percentile(burst.latencies, 50), 0),
      p99Ms: round(percentile(burst.latencies, 99), 0),
      queuedP50Ms: round(percentile(queued, 50), 0),
      queuedP99Ms: round(percentile(queued, 99), 0),
      spacedP50Ms: spaced ? round(percentile(spaced.latencies, 50), 0) : null,
      spacedP99Ms: spaced ? round(percentile(spaced.latencies, 99), 0) : null,
      paceFloorP50Ms: round(percentile(floor, 50), 0),
      paceFloorP99Ms: round(percentile(floor, 99), 0),
      ruleFloorP50Ms: round(percentile(ruleFloor, 50), 0),
      ruleFloorP99Ms: round(percentile(ruleFloor, 99), 0),
      lost: burst.lost + (spaced?.lost ?? 0),
      duplicates: burst.duplicates + (spaced?.duplicates ?? 0),
      details: {
        replicas: options.replicas,
        store: options.databaseUrl.startsWith('file:') ? 'sqlite' : 'postgres',
        webhooks: sent.length,
        stripeWebhooks: sent.filter((entry) => entry.provider === 'stripe').length,
        sentAgainAfterKill: sent.filter((entry) => entry.posts > 1).length,
        killedAtMs: phase.killedAt ? phase.killedAt - started : null,
        messages: slack.postedMessages().length,
        latencyP90Ms: round(percentile(burst.latencies, 90), 0),
        latencyMaxMs: round(Math.max(...burst.latencies), 0),
        alertsPerMessageMax: Math.max(...slack.postedMessages().map((message) => namedObjects(message).length)),
        rateLimited429: refused.filter((call) => call.status === 429).length,
        drainAfterLastWebhookMs: drainMs,
        // Not CPU-bound: Slack's pace holds the alerts, the app idles most of the burst.
        ...(!options.killHalfWay && { appCpuMs: round(appCpuMs, 0), appCpuShare: round(appCpuMs / burstMs, 2) }),
        ...(spaced && { spaced: { webhooks: SPACED, perSecond: SPACED_PER_SECOND, lost: spaced.lost, duplicates: spaced.duplicates, latencyMaxMs: round(Math.max(...spaced.latencies), 0) } }),
      },
    };
  } finally {
    await Promise.allSettled(apps.map((app) => app.kill('SIGTERM')));
    await slack.close();
    await sandbox.close();
  }
}

/**
 * What no sender can beat with these arrival times under 1 message a second
 * per channel: each message leaves the moment its channel's slot opens and
 * carries every alert waiting by then. Every channel gets every alert, so one
 * channel's latencies are each channel's. One alert per message would do far
 * worse: at 5 a second the wait grows by 0.8 s with every alert.
 */
function paceFloorLatencies(arrivals: number[], intervalMs = 1000 / SLACK_MESSAGES_PER_SECOND): number[] {
  const waiting = [...arrivals].sort((a, b) => a - b);
  const latencies: number[] = [];
  let nextSlot = -Infinity;
  for (let i = 0; i < waiting.length; ) {
    const leavesAt = Math.max(waiting[i]!, nextSlot);
    for (; i < waiting.length && waiting[i]! <= leavesAt; i += 1) latencies.push(leavesAt - waiting[i]!);
    nextSlot = leavesAt + intervalMs;
  }
  return latencies;
}

/**
 * The same, for a sender that keeps the digest rule (src/alerts/digest.ts):
 * at each slot, more than DIGEST_THRESHOLD waiting go as one digest, fewer
 * or as many the oldest alone, as its card. At 5 a second a channel
 * alternates a card and a digest of the rest, so half the alerts wait about
 * a slot more than under paceFloorLatencies.
 */
function ruleFloorLatencies(arrivals: number[], intervalMs = 1000 / SLACK_MESSAGES_PER_SECOND): number[] {
  const pending = [...arrivals].sort((a, b) => a - b);
  const latencies: number[] = [];
  const waiting: number[] = [];
  let nextSlot = -Infinity;
  for (let i = 0; i < pending.length || waiting.length > 0; ) {
    if (waiting.length === 0) waiting.push(pending[i++]!);
    const leavesAt = Math.max(waiting[0]!, nextSlot);
    for (; i < pending.length && pending[i]! <= leavesAt; i += 1) waiting.push(pending[i]!);
    const leaving = waiting.length > DIGEST_THRESHOLD ? waiting.splice(0) : waiting.splice(0, 1);
    for (const at of leaving) latencies.push(leavesAt - at);
    nextSlot = leavesAt + intervalMs;
  }
  return latencies;
}

/** Sends webhooks at a steady rate, as the providers would, to the live replicas in turn. */
class Phase {
  private readonly live: Set<ChildApp>;
  private sentSoFar = 0;
  killedAt: number | null = null;

  constructor(
    private readonly sandbox: RemoteSandbox,
    private readonly slack: FakeSlack,
    private readonly apps: ChildApp[],
    private readonly sessions: { loveandpay: string[]; stripe: string[] },
  ) {
    this.live = new Set(apps);
  }

  /** `count` webhooks at `perSecond`; before the one numbered `killBefore`, the delivering replica is SIGKILLed. */
  async send(count: number, perSecond: number, killBefore: number | null): Promise<Sent[]> {
    const sent: Sent[] = [];
    const posts: Array<Promise<void>> = [];
    const started = Date.now();
    for (let i = 0; i < count; i += 1) {
      await untilTime(started + (i * 1000) / perSecond);
      if (i === killBefore) this.killedAt = await killDeliverer(this.apps, this.slack, this.live);
      const n = this.sentSoFar++;
      const provider = n % STRIPE_EVERY === STRIPE_EVERY - 1 ? 'stripe' : 'loveandpay';
      const id = this.sessions[provider].pop()!;
      const webhook = await moveAndSign(this.sandbox, provider, id, n % 3 === 2 ? 'declined' : 'approved');
      const entry: Sent = { id, provider, at: Date.now(), posts: 0 };
      sent.push(entry);
      posts.push(deliver(entry, webhook, [...this.live], n));
    }
    await Promise.all(posts);
    return sent;
  }

  /** Waits until every channel shows every session sent (or the time is up); ms after the last POST. */
  async drained(sent: Sent[]): Promise<number> {
    const from = Date.now();
    const ids = new Set(sent.map((entry) => entry.id));
    const shown = () => [...namedPairs(this.slack)].filter((pair) => ids.has(pair.split(' ')[1]!)).length;
    await waitUntil(() => shown() >= sent.length * CHANNELS.length, DRAIN_TIMEOUT_MS);
    return Date.now() - from;
  }
}

/** Every accepted message read back: per (webhook, channel), the first message naming the session, and repeats. */
function measure(slack: FakeSlack, sent: Sent[]): { latencies: number[]; lost: number; duplicates: number } {
  const ids = new Set(sent.map((entry) => entry.id));
  const first = new Map<string, number>();
  let duplicates = 0;
  for (const message of slack.postedMessages()) {
    for (const id of namedObjects(message)) {
      if (!ids.has(id)) continue;
      const key = `${String(message.params.channel)} ${id}`;
      if (first.has(key)) duplicates += 1;
      else first.set(key, message.at);
    }
  }
  const latencies: number[] = [];
  let lost = 0;
  for (const entry of sent) {
    for (const channel of CHANNELS) {
      const at = first.get(`${channel} ${entry.id}`);
      if (at === undefined) lost += 1;
      else latencies.push(at - entry.at);
    }
  }
  return { latencies, lost, duplicates };
}

async function queuedLatencies(databaseUrl: string, sent: Sent[]): Promise<number[]> {
  const queuedAt = await readQueuedAt(databaseUrl);
  return sent.flatMap((entry) => (queuedAt.has(entry.id) ? [queuedAt.get(entry.id)! - entry.at] : []));
}

/** When each session's alerts were queued (outbox created_at, ms), read back from the database after the run. */
async function readQueuedAt(databaseUrl: string): Promise<Map<string, number>> {
  const sql = 'SELECT object_id, min(created_at) AS at FROM outbox GROUP BY object_id';
  if (databaseUrl.startsWith('file:')) {
    const db = new Database(databaseUrl.slice('file:'.length), { readonly: true });
    try {
      return new Map(db.prepare<[], { object_id: string; at: number }>(sql).all().map((row) => [row.object_id, row.at]));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ object_id: string; at: Date }>(sql);
    return new Map(rows.map((row) => [row.object_id, row.at.getTime()]));
  } finally {
    await client.end();
  }
}

function replicaEnv(sandbox: RemoteSandbox, slack: FakeSlack, databaseUrl: string, index: number): Record<string, string> {
  return {
    SANDBOX: 'false',
    LOVEANDPAY_BASE_URL: sandbox.urls.loveandpay,
    LOVEANDPAY_API_KEY: sandbox.credentials.loveandpayApiKey,
    LOVEANDPAY_SECRET_KEY: sandbox.credentials.loveandpaySecretKey,
    STRIPE_API_BASE: sandbox.urls.stripe,
    STRIPE_SECRET_KEY: sandbox.credentials.stripeSecretKey,
    LOVEANDPAY_WEBHOOK_SECRET: SECRETS.loveandpay,
    STRIPE_WEBHOOK_SECRET: SECRETS.stripe,
    DATABASE_URL: databaseUrl,
    // Each replica posts with a token of its own: the fake Slack shows which one delivers.
    SLACK_BOT_TOKEN: `xoxb-4242424242-bench-replica-${index}`,
    SLACK_SIGNING_SECRET: 'bench-signing-secret-0123456789abcdef',
    SLACK_API_URL: slack.apiUrl,
    ALERT_SLACK_CHANNELS: CHANNELS.join(','),
    // Once a day: what arrives during the bench came by webhook.
    ALERT_CRON: '0 0 4 * * *',
  };
}

/** Moves the session at the emulator, then signs the webhook its provider would send. */
async function moveAndSign(sandbox: RemoteSandbox, provider: 'loveandpay' | 'stripe', id: string, outcome: 'approved' | 'declined'): Promise<SignedWebhook> {
  if (provider === 'loveandpay') {
    await sandbox.setSessionStatus(id, outcome === 'approved' ? 'APPROVED' : 'DECLINED');
    return loveAndPayWebhook(SECRETS.loveandpay, { sessionId: id, event: outcome === 'approved' ? 'kyc.completed' : 'kyc.failed' });
  }
  const status = outcome === 'approved' ? 'verified' : 'canceled';
  await sandbox.setSessionStatus(id, status);
  const session = await stripeGet<Record<string, unknown>>(sandbox, `/v1/identity/verification_sessions/${id}`);
  const created = Math.floor(Date.now() / 1000);
  return stripeWebhook(SECRETS.stripe, {
    id: `evt_bench_${id}`,
    object: 'event',
    type: `identity.verification_session.${status}`,
    created,
    data: { object: session },
  });
}

/** POSTs to a live replica (in turn); when that one is gone, to another, keeping the first POST's time. */
async function deliver(entry: Sent, webhook: SignedWebhook, live: ChildApp[], index: number): Promise<void> {
  for (let attempt = 0; attempt < live.length * 2; attempt += 1) {
    const app = live[(index + attempt) % live.length]!;
    entry.posts += 1;
    try {
      const response = await fetch(`${app.url}/webhooks/${entry.provider}`, { method: 'POST', headers: webhook.headers, body: webhook.body });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // The replica died: the provider retries, and the load balancer sends it to the other one.
    }
  }
  throw new Error(`webhook for ${entry.id} was refused by every replica`);
}

/** SIGKILLs the replica that has been posting to Slack, and takes it out of the rotation. */
async function killDeliverer(apps: ChildApp[], slack: FakeSlack, live: Set<ChildApp>): Promise<number> {
  const tokens = new Set(slack.postedMessages().map((call) => call.token));
  const deliverer = apps.find((app, index) => tokens.has(`xoxb-4242424242-bench-replica-${index}`)) ?? apps[0]!;
  live.delete(deliverer);
  const at = Date.now();
  await deliverer.kill('SIGKILL');
  progress(`webhooks: killed the delivering replica (pid ${deliverer.pid})`);
  return at;
}

async function waitingStripeSessions(sandbox: RemoteSandbox, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (const status of ['processing', 'requires_input']) {
    let startingAfter: string | undefined;
    for (;;) {
      const query = `?status=${status}&limit=100${startingAfter ? `&starting_after=${startingAfter}` : ''}`;
      const page = await stripeGet<{ data: Array<{ id: string; last_error: unknown }>; has_more: boolean }>(sandbox, `/v1/identity/verification_sessions${query}`);
      ids.push(...page.data.filter((session) => session.last_error === null).map((session) => session.id));
      if (!page.has_more || ids.length >= count) break;
      startingAfter = page.data.at(-1)!.id;
    }
  }
  if (ids.length < count) throw new Error(`only ${ids.length} Stripe sessions are waiting; ${count} needed`);
  return ids.slice(0, count);
}

async function stripeGet<T>(sandbox: RemoteSandbox, pathAndQuery: string): Promise<T> {
  const response = await fetch(`${sandbox.urls.stripe}${pathAndQuery}`, { headers: { authorization: `Bearer ${sandbox.credentials.stripeSecretKey}` } });
  if (!response.ok) throw new Error(`Stripe emulator ${pathAndQuery}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Session ids a message names: the `/kyc <id>` each Open button carries (one per alert, digests included). */
function namedObjects(message: FakeSlackCall): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      if (node.type === 'button' && typeof node.value === 'string') {
        const match = /^\/kyc ([0-9a-f-]{36}|vs_\w+)$/.exec(node.value);
        if (match) ids.add(match[1]!);
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(message.params.blocks);
  return [...ids];
}

function namedPairs(slack: FakeSlack): Set<string> {
  return new Set(slack.postedMessages().flatMap((message) => namedObjects(message).map((id) => `${String(message.params.channel)} ${id}`)));
}

async function untilReady(app: ChildApp): Promise<void> {
  await waitUntil(async () => {
    const response = await fetch(`${app.url}/readyz`).catch(() => null);
    await response?.arrayBuffer();
    return response?.status === 200;
  }, 30_000);
}

async function untilTime(at: number): Promise<void> {
  const wait = at - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
