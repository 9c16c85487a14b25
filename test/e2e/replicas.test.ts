/**
 * Two replicas on one PostgreSQL database (issue 7: "A test runs two app
 * instances on one database through 200 transitions: every alert delivered
 * exactly once, and when one instance stops the other takes over sweeping").
 *
 * Both apps run in this process as main.ts starts them, in live mode against
 * the shared sandbox emulators, with Slack in HTTP mode against a fake Slack
 * that rate-limits like Slack does (1 message per second per channel). Each
 * replica reaches the providers through proxies of its own, which is how the
 * test sees which replica swept: with no commands run, the sweeps are the
 * only provider callers.
 *
 * The first half of the transitions is announced by whichever replica won
 * leadership; the leader is stopped right after it has queued the last batch
 * of that half, so the handover happens with alerts queued but not yet
 * posted. The standby must take over, post those and announce the rest, and
 * in the end each channel shows every (provider, id, outcome) once. Each
 * replica posts with a Slack bot token of its own, so the fake Slack shows
 * who posted what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { testPostgres } from '../support/postgres.js';
import { waitFor } from '../support/wait-for.js';
import { alertsIn, type PostedAlert } from './replicas/posted-alerts.js';
import { ALERT_CHANNELS, startReplica, type Replica } from './replicas/replica.js';
import { alertKey, applyTransitions, planTransitions, type PlannedTransition } from './replicas/transitions.js';

const TRANSITIONS = 200;
const BATCH = 20;
/** Stripe sessions among the transitions (the seed has a few waiting ones; the rest are Love&Pay). */
const STRIPE_AT_MOST = 10;
/** Sweeps run every second (ALERT_CRON) and Slack takes a message per second per channel. */
const BATCH_TIMEOUT_MS = 15_000;

const server = testPostgres();

describe.skipIf(server.skipReason !== null)('two replicas on one PostgreSQL database', () => {
  let sandbox: Sandbox;
  let slack: FakeSlack;
  let plan: PlannedTransition[];
  const replicas: Replica[] = [];

  beforeAll(async () => {
    const databaseUrl = await server.createDatabase();
    slack = await startFakeSlack({ rateLimitPerChannel: 1 });
    sandbox = await startSandbox({ customers: 60 });
    // Before any sweep: the baseline then finds these sessions open, and announces nothing.
    plan = planTransitions(sandbox, TRANSITIONS, STRIPE_AT_MOST);
    const started = await Promise.allSettled(
      ['replica-a', 'replica-b'].map((name) => startReplica({ name, sandbox, slack, databaseUrl })),
    );
    for (const result of started) if (result.status === 'fulfilled') replicas.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  });

  afterAll(async () => {
    await Promise.allSettled(replicas.map((replica) => replica.close()));
    await sandbox?.close();
    await slack?.close();
    await server.stop();
  });

  const posted = (): PostedAlert[] => slack.postedMessages().flatMap(alertsIn);
  const announcedEverywhere = (transitions: PlannedTransition[]): boolean => {
    const seen = new Set(posted().map((alert) => `${alert.channel} ${alertKey(alert)}`));
    return transitions.every((t) => ALERT_CHANNELS.every((channel) => seen.has(`${channel} ${alertKey(t)}`)));
  };
  const announce = async (transitions: PlannedTransition[]) => {
    applyTransitions(sandbox, transitions);
    await waitFor(() => announcedEverywhere(transitions), { timeoutMs: BATCH_TIMEOUT_MS, message: 'a batch announced in both channels' });
  };

  it('announces each of 200 outcomes once per channel while one replica sweeps, and the other takes over when it stops', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => {
      for (const replica of replicas) {
        const notable = replica.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 40);
        console.error(`${replica.name}: ${notable.length} warning/error log lines\n${notable.slice(-20).join('')}`);
      }
    });
    const batches = Array.from({ length: TRANSITIONS / BATCH }, (_, i) => plan.slice(i * BATCH, (i + 1) * BATCH));
    expect(plan).toHaveLength(TRANSITIONS);
    expect(new Set(plan.map(alertKey)).size).toBe(TRANSITIONS);

    // Both replicas run; the one holding the advisory lock records the baseline.
    const leader = await waitFor(() => replicas.find((replica) => replica.app.alerts.lastSuccessfulSweepAt() !== null), {
      timeoutMs: 20_000,
      message: 'a replica’s first (baseline) sweep',
    });
    const standby = replicas.find((replica) => replica !== leader)!;
    expect(posted()).toEqual([]);

    // First half: the leader announces.
    for (const batch of batches.slice(0, 4)) await announce(batch);
    expect(standby.app.alerts.lastSuccessfulSweepAt()).toBeNull();
    expect(standby.providerRequests()).toEqual([]);
    // The last batch of the first half: the leader has queued it and is waiting for the channel's next slot
    // (1 message per second) or posting it (Slack answers slowly) when told to stop. What it has not
    // posted, it hands back; the standby must post that, and nothing twice.
    await waitFor(async () => (await leader.app.store.outboxDepth()) === 0, { message: 'the first batches marked sent' });
    slack.script('chat.postMessage', { delayMs: 500 }, { delayMs: 500 });
    applyTransitions(sandbox, batches[4]!);
    await waitFor(async () => (await leader.app.store.outboxDepth()) > 0, {
      timeoutMs: BATCH_TIMEOUT_MS,
      message: 'the leader queueing the last batch of the first half',
    });
    const stopAsked = Date.now();
    await leader.stop();
    const stopped = Date.now();

    // The standby takes over without waiting out any lease: stop() released the lock.
    await waitFor(() => (standby.app.alerts.lastSuccessfulSweepAt()?.getTime() ?? 0) > stopped, {
      timeoutMs: 10_000,
      message: 'a sweep by the standby after the leader stopped',
    });
    for (const batch of batches.slice(5)) await announce(batch);
    await waitFor(() => announcedEverywhere(plan), { timeoutMs: BATCH_TIMEOUT_MS, message: 'every transition announced' });
    // Nothing left pending or claimed, so no further message can be on its way.
    await waitFor(async () => (await standby.app.store.outboxDepth()) === 0, { timeoutMs: BATCH_TIMEOUT_MS, message: 'an empty outbox' });

    // Exactly once per channel, and nothing else.
    const alerts = posted();
    const expected = plan.map(alertKey).sort();
    for (const channel of ALERT_CHANNELS) {
      expect(alerts.filter((alert) => alert.channel === channel).map(alertKey).sort(), channel).toEqual(expected);
    }
    for (const alert of alerts) {
      if (alert.provider === 'stripe') expect(alert.shownId).toBe(alert.id);
      else expect([alert.shownId.length, alert.id.startsWith(alert.shownId)]).toEqual([8, true]);
    }
    // Batches of 20 arrive as digests (more than five at once), which name every alert they carry.
    expect(alerts.some((alert) => alert.digest)).toBe(true);

    // One sweeper at a time: the standby called no provider until the leader had stopped calling.
    const leaderCalls = leader.providerRequests();
    const standbyCalls = standby.providerRequests();
    expect(leaderCalls.length).toBeGreaterThan(0);
    expect(standbyCalls.length).toBeGreaterThan(0);
    expect(standbyCalls[0]!.at).toBeGreaterThanOrEqual(stopAsked);
    expect(standbyCalls[0]!.at).toBeGreaterThanOrEqual(leaderCalls.at(-1)!.at);
    // And one poster at a time: every accepted message came from one of the two, the standby's after the leader's.
    const postsBy = (replica: Replica) => slack.postedMessages().filter((call) => call.token === replica.slackToken);
    expect(postsBy(leader).length + postsBy(standby).length).toBe(slack.postedMessages().length);
    expect(postsBy(leader).length).toBeGreaterThan(0);
    expect(postsBy(standby)[0]!.at).toBeGreaterThanOrEqual(postsBy(leader).at(-1)!.at);

    // The survivor still reports ready to its load balancer.
    await expect(
      waitFor(async () => (await fetch(`${standby.app.url}/readyz`)).status === 200, { message: 'the standby ready' }),
    ).resolves.toBe(true);
  }, 60_000);
});
