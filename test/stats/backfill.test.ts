/**
 * The stats' history on a first run (issue 18, "a first run backfills 30
 * days in one bounded pass"): against the emulators, on an injected clock
 * (theirs too), the pass records every final Love&Pay session and every
 * Stripe session started in the last 30 days (Stripe's verdict times from
 * its events), and the Bank 131 checks the bot watches; `/kyc stats 30d`
 * then has the month at once. A provider's finished pass never runs again;
 * a failed one is tried again.
 *
 * And (review of issue 18) it is a background task of its own: a budget of
 * pages and of time per run, stopping between pages with a warning and going
 * on in the next run; a cap on a whole list that stops it with a warning; a
 * failing provider waits longer after each failure; a replica that stops
 * leading stops within a page; and the alert sweeps go on while a provider
 * hangs the backfill.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backfillHistory, backfillCursor, BACKFILL_MAX_PAGES } from '../../src/alerts/backfill-history.js';
import { BackfillTask } from '../../src/alerts/backfill-task.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import { createStatsHandlers } from '../../src/commands/stats.js';
import type { RequestObservation } from '../../src/domain/provider-request.js';
import { createLogger, silentLogger } from '../../src/log.js';
import { createProviders, type Providers } from '../../src/providers/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { providerSettings, viewer } from '../support/command-harness.js';
import { waitFor } from '../support/wait-for.js';
import { SLACK_CHANNEL, startAlertsHarness, type AlertsHarness } from '../alerts/helpers/harness.js';

const DAY = 86_400_000;
/** The injected clock of the test and of the emulators (the Stripe emulator keeps 30 days of events before it). */
const NOW = new Date('2025-03-08T12:00:00Z');
const clock = { at: NOW };
const now = () => clock.at;

let sandbox: Sandbox | undefined;
let providers: Providers | undefined;
let store: Store | undefined;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await providers?.close();
  await sandbox?.close();
  await store?.close();
  sandbox = providers = store = undefined;
  clock.at = NOW;
});

async function start(seed: { stripeSessions?: number } = {}): Promise<{ sandbox: Sandbox; providers: Providers; store: Store; requests: RequestObservation[] }> {
  sandbox = await startSandbox({ customers: 80, stripeSessions: seed.stripeSessions ?? 60, now: NOW.getTime(), stripeClock: () => clock.at.getTime() });
  const requests: RequestObservation[] = [];
  providers = createProviders({ ...providerSettings(sandbox), observe: (observation) => requests.push(observation) });
  store = await openStore('file::memory:');
  return { sandbox, providers, store, requests };
}

/** A logger whose lines the test reads. */
function logs() {
  const lines: Array<{ msg: string; [key: string]: unknown }> = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string }) });
  return { logger, lines, warnings: () => lines.filter((line) => line.level === 40 || line.level === 'warn').map((line) => line.msg) };
}

/** A server on 127.0.0.1 that answers every request 400 and counts them: a provider that always fails. */
async function failingServer(): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = http.createServer((_request, response) => {
    hits += 1;
    response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'no' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

const rowsOf = async (store: Store, provider?: 'loveandpay' | 'stripe' | 'bank131') =>
  store.verdictHistory({ from: new Date(NOW.getTime() - 40 * DAY), to: new Date(NOW.getTime() + 1), providers: provider ? [provider] : [] });

describe('the first run backfills 30 days of history', () => {
  it('records the final Love&Pay sessions and the Stripe sessions of the last 30 days, once', async () => {
    const { sandbox, providers, store, requests } = await start();
    const since = NOW.getTime() - 30 * DAY;
    const finals = sandbox.data.sessions.filter((s) => ['APPROVED', 'DECLINED', 'EXPIRED'].includes(s.status));
    const stripe = sandbox.data.stripeSessions.filter((s) => s.created * 1000 >= since);
    expect(finals.length).toBeGreaterThan(50);
    expect(stripe.length).toBeGreaterThan(20);

    const result = await backfillHistory({ store, ...providers, now, logger: silentLogger });

    expect(result.failed).toEqual([]);
    const rows = await store.verdictHistory({ from: new Date(since - 2 * DAY), to: new Date(NOW.getTime() + 1), providers: [] });
    const byProvider = (provider: string) => rows.filter((row) => row.provider === provider);
    expect(byProvider('loveandpay')).toHaveLength(finals.length);
    expect(new Set(byProvider('stripe').map((row) => row.native))).toEqual(new Set(stripe.map((s) => s.status)));
    expect(byProvider('stripe')).toHaveLength(stripe.length);
    // Approvals carry their verdict time: Love&Pay's verifiedAt, Stripe's event.
    const approvals = rows.filter((row) => row.outcome === 'APPROVED');
    expect(approvals.filter((row) => row.provider === 'stripe').length).toBeGreaterThan(0);
    expect(approvals.every((row) => row.decidedAt !== null && row.startedAt !== null && row.decidedAt >= row.startedAt)).toBe(true);
    for (const provider of ['loveandpay', 'stripe', 'bank131'] as const) expect(await store.getCursor(backfillCursor(provider))).not.toBeNull();

    // Bounded: list pages only (the three Love&Pay lists, Stripe's sessions and events), never a request per verification.
    expect(new Set(requests.map((request) => request.endpoint))).toEqual(new Set(['GET /kyc/sessions', 'GET /v1/identity/verification_sessions', 'GET /v1/events']));
    expect(requests.length).toBeLessThan(20);

    // Finished: the next calls ask nothing.
    const asked = requests.length;
    const again = await backfillHistory({ store, ...providers, now, logger: silentLogger });
    expect(again).toEqual({ recorded: {}, failed: [] });
    expect(requests).toHaveLength(asked);

    const run = createRunCommand({ providers, settings: { timeZone: 'Europe/Moscow', sandbox: true }, now, handlers: createStatsHandlers({ store }) });
    const reply = await run('/kyc stats 30d', viewer());
    const approved = Number(reply.fields?.find((field) => field.label === 'Approved')?.value.split(' ')[0]);
    expect(approved).toBeGreaterThan(20);
    expect(reply.attachment?.contentType).toBe('image/png');
  });

  it('looks up the Bank 131 checks the bot watches and does not know yet, and nothing else of Bank 131', async () => {
    const { sandbox, providers, store, requests } = await start();
    const [watched, other] = sandbox.data.checks;
    await store.addWatch({ checkId: watched!.id, chat: { platform: 'slack', chatId: 'C1' }, createdBy: 'U1', now: NOW, expiresAt: new Date(NOW.getTime() + DAY) });
    await backfillHistory({ store, bank131: providers.bank131, now, logger: silentLogger });
    const known = await store.getVerifications('bank131', [watched!.id, other!.id]);
    expect(known.map((row) => row.objectId)).toEqual([watched!.id]);
    expect(requests.filter((request) => request.provider === 'bank131')).toHaveLength(1);
  });

  it('caps the Bank 131 look-ups of a pass, with a warning', async () => {
    const { sandbox, providers, store, requests } = await start();
    for (const check of sandbox.data.checks.slice(0, 5)) {
      await store.addWatch({ checkId: check.id, chat: { platform: 'slack', chatId: 'C1' }, createdBy: 'U1', now: NOW, expiresAt: new Date(NOW.getTime() + DAY) });
    }
    const { logger, warnings } = logs();
    await backfillHistory({ store, bank131: providers.bank131, now, logger, maxChecks: 3 });
    expect(requests.filter((request) => request.endpoint === 'GET /check/:id')).toHaveLength(3);
    expect(warnings()).toContain('stats history backfill reached its cap of Bank 131 checks; the rest are left out');
  });

  it('tries a failed provider again on the next call, and leaves the finished ones alone', async () => {
    const { sandbox, providers, store } = await start();
    const down = await failingServer();
    const broken = createProviders({ ...providerSettings(sandbox, { stripe: { apiBase: down.url, secretKey: 'sk_test_x' } }) });
    try {
      const first = await backfillHistory({ store, loveandpay: providers.loveandpay, stripe: broken.stripe, now, logger: silentLogger });
      expect(first.failed).toEqual(['stripe']);
      expect(Object.keys(first.recorded)).toEqual(['loveandpay']);
    } finally {
      await broken.close();
    }
    const second = await backfillHistory({ store, ...providers, now, logger: silentLogger });
    expect(second.failed).toEqual([]);
    expect(Object.keys(second.recorded).sort()).toEqual(['bank131', 'stripe']);
  });

  it('stops a list at its page cap, says so in a warning, and counts the pass as done', async () => {
    const { sandbox, providers, store, requests } = await start({ stripeSessions: 400 });
    expect(sandbox.data.stripeSessions.filter((s) => s.created * 1000 >= NOW.getTime() - 30 * DAY).length).toBeGreaterThan(100);
    const { logger, lines } = logs();
    const result = await backfillHistory({ store, stripe: providers.stripe, now, logger, maxPages: 1 });
    expect(result.recorded.stripe).toBeGreaterThanOrEqual(100);
    // One page of the sessions (100 of them) and one of the events, however many more there were.
    expect(requests.map((request) => request.endpoint)).toEqual(['GET /v1/identity/verification_sessions', 'GET /v1/events']);
    expect((await rowsOf(store, 'stripe')).length).toBeLessThan(sandbox.data.stripeSessions.length);
    const capped = lines.filter((line) => line.msg === 'stats history backfill reached its cap; older history is left out');
    expect(capped.map((line) => line.list)).toContain('sessions');
    expect(await store.getCursor(backfillCursor('stripe'))).not.toBeNull();
    expect(BACKFILL_MAX_PAGES).toBe(200);
  });
});

describe('the backfill as a background task', () => {
  const task = (deps: { store: Store; providers: Partial<Providers>; logger?: ReturnType<typeof logs>['logger']; isLeader?: () => Promise<boolean> }, extra = {}) =>
    new BackfillTask({
      store: deps.store,
      loveandpay: deps.providers.loveandpay,
      stripe: deps.providers.stripe,
      bank131: deps.providers.bank131,
      now,
      logger: deps.logger ?? silentLogger,
      days: 30,
      isLeader: deps.isLeader ?? (async () => true),
      signal: () => new AbortController().signal,
      ...extra,
    });

  it('reads at most its budget of pages a run, warns, and goes on where it stopped until all is there', async () => {
    const whole = await start();
    await backfillHistory({ store: whole.store, ...whole.providers, now, logger: silentLogger });
    const everything = (await rowsOf(whole.store)).length;
    const reference = whole.store;
    store = await openStore('file::memory:');
    closers.push(() => reference.close());
    whole.requests.length = 0;

    const { logger, warnings } = logs();
    const backfill = task({ store, providers: whole.providers, logger }, { budget: { pages: 2 } });
    const runs = [];
    for (let i = 0; i < 20; i += 1) {
      const before = whole.requests.length;
      const run = await backfill.run();
      runs.push(run);
      expect(whole.requests.length - before).toBeLessThanOrEqual(2);
      if (!run.stopped && run.failed.length === 0) break;
    }
    expect(runs.length).toBeGreaterThan(2);
    expect(runs.slice(0, -1).every((run) => run.stopped === 'pages')).toBe(true);
    expect(warnings()).toContain('stats history backfill stopped at its budget for one run; the next run goes on');
    expect((await rowsOf(store)).length).toBe(everything);
    for (const provider of ['loveandpay', 'stripe', 'bank131'] as const) expect(await store.getCursor(backfillCursor(provider))).not.toBeNull();
    // Done: a run reads nothing more.
    const asked = whole.requests.length;
    await backfill.run();
    expect(whole.requests).toHaveLength(asked);
  });

  it('stops at its time budget on the injected clock', async () => {
    const { providers, store } = await start();
    // Each provider request takes 15 s of the test's clock; the budget is 20 s a run.
    const slow = createProviders({
      ...providerSettings(sandbox!),
      observe: () => {
        clock.at = new Date(clock.at.getTime() + 15_000);
      },
    });
    closers.push(() => slow.close());
    const { logger, warnings } = logs();
    const run = await task({ store, providers: { loveandpay: slow.loveandpay }, logger }, { budget: { pages: 100, ms: 20_000 } }).run();
    expect(run.stopped).toBe('time');
    expect(warnings()).toContain('stats history backfill stopped at its budget for one run; the next run goes on');
    expect(await store.getCursor(backfillCursor('loveandpay'))).toBeNull();
    void providers;
  });

  it('waits longer after each failure of a provider, and meanwhile reads the others', async () => {
    const { sandbox, providers, store } = await start();
    const down = await failingServer();
    const broken = createProviders({ ...providerSettings(sandbox, { stripe: { apiBase: down.url, secretKey: 'sk_test_x' } }) });
    closers.push(() => broken.close());
    const { logger, lines } = logs();
    const backfill = task({ store, providers: { loveandpay: providers.loveandpay, stripe: broken.stripe }, logger }, { backoff: { baseMs: 60_000, maxMs: 3_600_000 } });

    expect((await backfill.run()).failed).toEqual(['stripe']);
    const first = down.hits();
    expect(first).toBeGreaterThan(0);
    expect(await store.getCursor(backfillCursor('loveandpay'))).not.toBeNull();
    // Within its wait: not asked again, however often the task runs.
    for (const ms of [0, 30_000, 59_000]) {
      clock.at = new Date(NOW.getTime() + ms);
      expect((await backfill.run()).waiting).toEqual(['stripe']);
    }
    expect(down.hits()).toBe(first);
    // After a minute: tried once more, fails, and now waits two minutes.
    clock.at = new Date(NOW.getTime() + 60_000);
    expect((await backfill.run()).failed).toEqual(['stripe']);
    expect(down.hits()).toBe(2 * first);
    clock.at = new Date(NOW.getTime() + 60_000 + 119_000);
    expect((await backfill.run()).waiting).toEqual(['stripe']);
    expect(down.hits()).toBe(2 * first);
    const waits = lines.filter((line) => line.msg === 'stats history backfill of this provider waits before trying again').map((line) => line.retryInMs);
    expect(waits).toEqual([60_000, 120_000]);
  });

  it('stops between pages when this replica no longer leads', async () => {
    const { providers, store, requests } = await start();
    let asked = 0;
    // Leads for the start and the first page, then another replica has the lease.
    const run = await task({ store, providers, isLeader: async () => (asked += 1) <= 2 }, { budget: { pages: 100 } }).run();
    expect(run.stopped).toBe('leadership');
    expect(requests).toHaveLength(1);
    const notLeading = await task({ store, providers, isLeader: async () => false }).run();
    expect(notLeading).toMatchObject({ leader: false, recorded: {} });
    expect(requests).toHaveLength(1);
  });
});

describe('the backfill beside the alert sweeps', () => {
  let h: AlertsHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('runs in its own runs, not inside a sweep, and stays done across a restart', async () => {
    h = await startAlertsHarness({ sandbox: { now: NOW.getTime(), stripeClock: () => clock.at.getTime() }, alerts: { backfillDays: 30, now } });
    const harness = h;
    await harness.alerts.sweepOnce();
    // The sweep does not wait for it: nothing read yet when the sweep is not started (no background task).
    expect(await harness.store.getCursor(backfillCursor('stripe'))).toBeNull();
    const run = await harness.alerts.backfillOnce();
    expect(run).toMatchObject({ leader: true, failed: [] });
    for (const provider of ['loveandpay', 'stripe', 'bank131'] as const) expect(await harness.store.getCursor(backfillCursor(provider)), provider).not.toBeNull();
    const done = await harness.store.getCursor(backfillCursor('stripe'));
    expect(await rowsOf(harness.store, 'stripe')).toHaveLength(harness.sandbox.data.stripeSessions.filter((s) => s.created * 1000 >= NOW.getTime() - 30 * DAY).length);
    await harness.newAlerts({ store: await harness.reopenStore(), backfillDays: 30, now }).backfillOnce();
    expect(await harness.store.getCursor(backfillCursor('stripe'))).toBe(done);
  });

  it('delivers alerts while a provider hangs the backfill: the sweeps do not wait for it', async () => {
    h = await startAlertsHarness();
    const harness = h;
    await harness.subscribe(SLACK_CHANNEL);
    // Stripe through a proxy on 127.0.0.1 that never answers the session list (only the backfill reads it).
    const hanging: http.ServerResponse[] = [];
    const upstream = new URL(harness.sandbox.urls.stripe);
    const proxy = http.createServer((request, response) => {
      if (request.url?.startsWith('/v1/identity/verification_sessions?')) {
        hanging.push(response);
        return;
      }
      const forward = http.request({ host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      request.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const closeProxy = async () => {
      if (!proxy.listening) return;
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    };
    closers.push(closeProxy);
    const stripe = createProviders({
      stripe: { apiBase: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, secretKey: harness.sandbox.credentials.stripeSecretKey },
      retry: { maxAttempts: 1, baseDelayMs: 1 },
    });
    closers.push(() => stripe.close());

    const alerts = harness.newAlerts({ cron: '* * * * * *', backfillDays: 30, providers: { ...harness.providers, stripe: stripe.stripe } });
    await alerts.start();
    await waitFor(() => alerts.lastSuccessfulSweepAt(), { timeoutMs: 5_000, message: 'the baseline sweep' });
    await waitFor(() => hanging.length > 0, { timeoutMs: 5_000, message: 'the backfill waiting on Stripe' });
    const session = harness.sandbox.data.sessions.find((s) => s.status === 'IN_PROGRESS' || s.status === 'NOT_STARTED')!;
    harness.sandbox.control.setSessionStatus(session.id, 'APPROVED');
    const [message] = await waitFor(() => (harness.slack.messages.length > 0 ? harness.slack.messages : null), { timeoutMs: 5_000, message: 'the alert' });
    expect(message!.reply.title).toBe(`APPROVED · Love&Pay session ${session.id.slice(0, 8)}`);
    // The backfill is still waiting on Stripe all this while.
    expect(await harness.store.getCursor(backfillCursor('stripe'))).toBeNull();
    // Stripe goes away: the backfill's request fails, the run ends, and stop() has nothing left to wait for.
    await closeProxy();
    await alerts.stop();
  });
});
