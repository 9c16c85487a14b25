/**
 * Issue 8: alerts are announced exactly once per subscribed channel although
 * the app is killed (SIGKILL: no shutdown, no cleanup) again and again.
 *
 * The app runs as a child process (src/main.ts) on a SQLite file that
 * survives it. The provider emulators run in this test process, so they
 * keep their state across the child's restarts; the child uses them as live
 * providers (SANDBOX=false). Slack is the fake Web API behind a gate that can
 * park a chat.postMessage call, so some kills land exactly before Slack sees
 * a message, or after Slack accepted it but before the app heard back.
 *
 * After a kill the app is started again on the same database: half the
 * time after the kill (a cold restart), half the time a moment before it,
 * as a standby replica that takes over once the dead one's leases are gone.
 * The standby keeps the run near two minutes: the app needs 3-5 s to start
 * under tsx on a small machine, and delivery stops meanwhile.
 *
 * The kill moments are drawn from a seeded generator (E2E_CRASH_SEED
 * overrides the seed to explore others; a failure names the seed).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { Rng } from '../../src/sandbox/prng.js';
import { openStore } from '../../src/store/index.js';
import { waitFor } from '../support/wait-for.js';
import { alertKey, compareWithExpected, countAlerts } from './support/alert-messages.js';
import { killRunningChildren, startChildApp, type ChildApp, type ChildExit } from './support/child-app.js';
import { expireDeadLeases } from './support/dead-leases.js';
import { startAlertScene, startPastBaseline, type AlertScene } from './support/alert-scene.js';

const SEED = Number(process.env.E2E_CRASH_SEED ?? 20_261_129);
const CHANNELS = ['C1', 'C2'];
const TRANSITIONS = 2_000;
/** Stripe's share of the transitions (the rest are Love&Pay sessions). */
const STRIPE_TRANSITIONS = 100;
/** 20 batches of 100: each batch becomes a few digests per channel (a digest holds up to ~35 alerts). */
const BATCH_SIZE = 100;
const KILLS = 10;
/**
 * After each batch the test waits until Slack has taken this many more
 * messages, so batches (and kills) are spread over the whole delivery
 * instead of all landing in the first seconds. A batch makes at least 3
 * messages per channel: 100 alerts never fit in two Slack messages of at
 * most 50 blocks each, so the wait always ends.
 */
const MESSAGES_PER_BATCH = 6;

type KillMoment =
  /** While the app reads the Love&Pay lists (or between two sweeps). */
  | 'mid-sweep'
  /** A chat.postMessage has left the app; Slack has not seen it. */
  | 'before-slack'
  /** Slack accepted a message; the app never heard back. */
  | 'slack-accepted'
  /** Right after Slack accepted a few more messages (most likely between the post and marking it sent). */
  | 'after-messages';

/** Started after the kill, or before it (a standby replica that takes over). */
type Restart = 'cold' | 'standby';

interface Kill {
  moment: KillMoment;
  restart: Restart;
}

interface Transition {
  objectId: string;
  outcome: 'APPROVED' | 'DECLINED';
  apply(): void;
}

describe('alerts while the app is killed again and again (issue 8)', () => {
  let scene: AlertScene | undefined;

  afterEach(async () => {
    await killRunningChildren();
    await scene?.close();
  });

  it('announces each of 2,000 outcomes exactly once in every subscribed channel although the app is SIGKILLed ten times', async () => {
    const rng = new Rng(SEED);
    scene = await startAlertScene('crash', { customers: 200, stripeSessions: 400 }, CHANNELS);
    const { sandbox, slack, gate, databaseFile, env } = scene;

    const transitions = shuffle(rng, planTransitions(sandbox, rng));
    const batches = Array.from({ length: TRANSITIONS / BATCH_SIZE }, (_, i) => transitions.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE));
    const kills = planKills(rng, batches.length);
    const expected = transitions.map(alertKey);
    const accepted = () => slack.postedMessages().length;
    const context = () =>
      `seed ${SEED}; kills after batches ${JSON.stringify([...kills])}; posted ${accepted()}; ` +
      `the app's latest warnings and info: ${recentLog(app)}`;

    // Transitions before the first sweep would be part of the silent baseline.
    let app = await startPastBaseline(env);

    const exits: ChildExit[] = [];
    const children = [app];
    for (const [index, batch] of batches.entries()) {
      const kill = kills.get(index);
      // A standby starts before the batch, so the batch's messages are still on their way at the kill.
      const standby = kill?.restart === 'standby' ? await startChildApp(env) : null;
      const before = accepted();
      for (const transition of batch) transition.apply();
      if (!kill) {
        await waitFor(() => accepted() >= before + MESSAGES_PER_BATCH, { timeoutMs: 60_000, message: `Slack messages after batch ${index}; ${context()}` });
        continue;
      }
      exits.push(await killAt(kill.moment, app, rng));
      expireDeadLeases(databaseFile);
      app = standby ?? (await startChildApp(env));
      children.push(app);
    }

    // Faults are over: wait until every alert has reached every channel.
    await waitFor(
      () => CHANNELS.every((channel) => compareWithExpected(countAlerts(slack.postedMessages(channel)), expected).missing.length === 0),
      { timeoutMs: 90_000, intervalMs: 250, message: `every alert in every channel; ${context()}` },
    );
    // A graceful stop, then nothing may be left that a later start could still send.
    const stopped = await app.kill('SIGTERM');
    const store = await openStore(`file:${databaseFile}`);
    const depth = await store.outboxDepth().finally(() => store.close());

    expect(exits).toEqual(Array.from({ length: KILLS }, () => ({ code: null, signal: 'SIGKILL' })));
    expect(stopped).toEqual({ code: 0, signal: null });
    expect(depth).toBe(0);
    for (const channel of CHANNELS) {
      expect(compareWithExpected(countAlerts(slack.postedMessages(channel)), expected), `${channel}; ${context()}`).toEqual({
        missing: [],
        repeated: [],
        unexpected: [],
      });
    }
    // The kills after Slack accepted a message were told apart by the message's delivery key, not by luck.
    const recognised = children.flatMap((child) => child.logged('in-doubt alert was already delivered; not sent again'));
    expect(recognised.length).toBeGreaterThanOrEqual(1);

    /** Kills the app at the chosen kind of moment and waits until it is gone. */
    async function killAt(moment: KillMoment, child: ChildApp, random: Rng): Promise<ChildExit> {
      switch (moment) {
        case 'mid-sweep': {
          const served = sandbox.control.requestCount('loveandpay');
          const more = random.int(1, 6);
          await waitFor(() => sandbox.control.requestCount('loveandpay') >= served + more, { timeoutMs: 20_000, message: `Love&Pay requests; ${context()}` });
          return child.kill('SIGKILL');
        }
        case 'before-slack':
        case 'slack-accepted': {
          const parked = await within(gate.parkNext('chat.postMessage', moment === 'before-slack' ? 'request' : 'response'), 30_000, `a chat.postMessage to park; ${context()}`);
          const exit = await child.kill('SIGKILL');
          parked.drop();
          return exit;
        }
        case 'after-messages': {
          const posted = accepted();
          const more = random.int(1, 3);
          await waitFor(() => accepted() >= posted + more, { timeoutMs: 30_000, message: `more Slack messages; ${context()}` });
          return child.kill('SIGKILL');
        }
      }
    }
  }, 240_000);
});

/** 1,900 Love&Pay sessions and 100 Stripe sessions, each moved once to APPROVED or DECLINED. */
function planTransitions(sandbox: Sandbox, rng: Rng): Transition[] {
  const { control } = sandbox;
  const open = sandbox.data.stripeSessions.filter((s) => s.status === 'processing' || (s.status === 'requires_input' && s.last_error === null));
  if (open.length < STRIPE_TRANSITIONS) throw new Error(`only ${open.length} open Stripe sessions in the sandbox`);
  const stripe: Transition[] = open.slice(0, STRIPE_TRANSITIONS).map((session) => {
    const outcome = rng.chance(0.5) ? 'APPROVED' : 'DECLINED';
    // DECLINED both ways Stripe says it: canceled, or back to requires_input with last_error.
    const declineWithError = rng.chance(0.5);
    return {
      objectId: session.id,
      outcome,
      apply: () =>
        outcome === 'APPROVED'
          ? control.setStripeStatus(session.id, 'verified')
          : declineWithError
            ? control.setStripeStatus(session.id, 'requires_input', 'document_expired')
            : control.setStripeStatus(session.id, 'canceled'),
    };
  });
  const loveandpay: Transition[] = control.addSessions(TRANSITIONS - STRIPE_TRANSITIONS, 'IN_PROGRESS').map((session) => {
    const outcome = rng.chance(0.5) ? 'APPROVED' : 'DECLINED';
    return { objectId: session.id, outcome, apply: () => control.setSessionStatus(session.id, outcome) };
  });
  return [...loveandpay, ...stripe];
}

/**
 * Which batches are followed by a kill, at what kind of moment (every kind at
 * least twice, the rest drawn at random) and how the app comes back (half
 * cold restarts, half standbys).
 */
function planKills(rng: Rng, batches: number): Map<number, Kill> {
  const kinds: KillMoment[] = ['mid-sweep', 'before-slack', 'slack-accepted', 'after-messages'];
  const moments = shuffle(rng, [...kinds, ...kinds, ...Array.from({ length: KILLS - 2 * kinds.length }, () => rng.pick(kinds))]);
  const restarts = shuffle(rng, Array.from({ length: KILLS }, (_, i): Restart => (i % 2 === 0 ? 'cold' : 'standby')));
  // Never after the last batch: the run ends with delivery undisturbed, so "drained" has one meaning.
  const after = shuffle(rng, Array.from({ length: batches - 1 }, (_, i) => i)).slice(0, KILLS).sort((a, b) => a - b);
  return new Map(after.map((batch, i) => [batch, { moment: moments[i]!, restart: restarts[i]! }]));
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** `promise`, or an error naming `what` once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The child's last few log lines at info or above, for failure messages (the logs hold no personal data). */
function recentLog(child: ChildApp): string {
  const lines = child
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      try {
        return JSON.parse(line) as { level?: number; msg?: string; [key: string]: unknown };
      } catch {
        return null;
      }
    })
    .filter((entry): entry is { level?: number; msg?: string } => entry !== null && (entry.level ?? 0) >= 30);
  return JSON.stringify(lines.slice(-12).map(({ level, msg, ...rest }) => ({ level, msg, ...rest, app: undefined, pid: undefined, hostname: undefined })));
}
