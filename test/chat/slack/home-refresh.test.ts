/**
 * How often an App Home is published again (home-refresh.ts), on virtual
 * time: publishes are scheduled on a hand-run timer list, so "at most once
 * per interval" is checked exactly, without waiting.
 */
import { describe, expect, it } from 'vitest';
import { HomeRefresh, type Viewer } from '../../../src/chat/slack/home-refresh.js';
import { silentLogger } from '../../../src/log.js';

/** Timers that run only when the test moves the clock. */
function virtualTimers() {
  let now = 0;
  let pending: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
  return {
    now: () => now,
    schedule: (run: () => void, delayMs: number) => {
      const timer = { at: now + delayMs, run, cancelled: false };
      pending.push(timer);
      return () => void (timer.cancelled = true);
    },
    /** Moves the clock on by `ms`, running what falls due in order, and lets the publishes they start finish. */
    async advance(ms: number): Promise<void> {
      const until = now + ms;
      for (;;) {
        const due = pending.filter((timer) => !timer.cancelled && timer.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        pending = pending.filter((timer) => timer !== due);
        now = Math.max(now, due.at);
        due.run();
        // The publish is async: let it settle before the next timer, as real time would.
        for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
      }
      now = until;
    },
    scheduled: () => pending.filter((timer) => !timer.cancelled).length,
  };
}

function setUp(options: { maxViewers?: number; followMs?: number } = {}) {
  const timers = virtualTimers();
  const published: Array<{ userId: string; at: number }> = [];
  const refresh = new HomeRefresh(
    async (viewer: Viewer) => {
      published.push({ userId: viewer.userId, at: timers.now() });
    },
    silentLogger,
    { minIntervalMs: 5_000, now: timers.now, schedule: timers.schedule, ...options },
  );
  return { timers, published, refresh };
}

describe('App Home refresh pacing', () => {
  it('publishes a Home when it is opened, then once per interval however many changes come in between', async () => {
    const { timers, published, refresh } = setUp();
    refresh.opened({ userId: 'U1', dm: 'D1' });
    await timers.advance(0);
    expect(published).toEqual([{ userId: 'U1', at: 0 }]);

    for (let change = 0; change < 50; change += 1) {
      refresh.changed();
      await timers.advance(50);
    }
    // 2.5 s of changes after a publish at 0: one more publish, at 5 s, and not before.
    await timers.advance(10_000);
    expect(published.map((publish) => publish.at)).toEqual([0, 5_000]);
  });

  it('keeps each person on their own pace', async () => {
    const { timers, published, refresh } = setUp();
    refresh.opened({ userId: 'U1' });
    await timers.advance(3_000);
    refresh.opened({ userId: 'U2' });
    await timers.advance(0);
    refresh.changed();
    await timers.advance(10_000);
    expect(published).toEqual([
      { userId: 'U1', at: 0 },
      { userId: 'U2', at: 3_000 },
      { userId: 'U1', at: 5_000 },
      { userId: 'U2', at: 8_000 },
    ]);
  });

  it('keeps everyone’s refreshes together to the rate views.publish takes, one after another, an open going first', async () => {
    const { timers, published, refresh } = setUp();
    for (let user = 1; user <= 5; user += 1) refresh.opened({ userId: `U${user}` });
    await timers.advance(0);
    // Opening is answered at once: the person is looking.
    expect(published.map((publish) => publish.at)).toEqual([0, 0, 0, 0, 0]);
    refresh.changed();
    await timers.advance(5_100);
    refresh.opened({ userId: 'U6' });
    await timers.advance(20_000);
    const again = published.slice(5);
    // U6's open goes out at once (an open takes no slot), before the refreshes still queued; the refreshes keep
    // 600 ms (100 a minute) from one another: U2 is 600 ms after U1 and only 500 ms after U6's open.
    expect(again.map((publish) => publish.userId)).toEqual(['U1', 'U6', 'U2', 'U3', 'U4', 'U5']);
    expect(again.map((publish) => publish.at)).toEqual([5_000, 5_100, 5_600, 6_200, 6_800, 7_400]);
    const refreshes = again.filter((publish) => publish.userId !== 'U6').map((publish) => publish.at);
    expect(refreshes.slice(1).map((at, index) => at - refreshes[index]!)).toEqual([600, 600, 600, 600]);
  });

  it('follows only people the Home had something to show: a publish that says so stops the following until the next open', async () => {
    const timers = virtualTimers();
    const published: string[] = [];
    // U2 is in no allowed channel: their Home is the explanation, and nothing that changes is theirs to see.
    const refresh = new HomeRefresh(
      async (viewer: Viewer) => {
        published.push(viewer.userId);
        return viewer.userId !== 'U2';
      },
      silentLogger,
      { minIntervalMs: 5_000, now: timers.now, schedule: timers.schedule },
    );
    refresh.opened({ userId: 'U1' });
    refresh.opened({ userId: 'U2' });
    await timers.advance(0);
    expect(published).toEqual(['U1', 'U2']);
    expect(refresh.size).toBe(1);
    refresh.changed();
    await timers.advance(10_000);
    expect(published).toEqual(['U1', 'U2', 'U1']);
    // Opening it again publishes afresh.
    refresh.opened({ userId: 'U2' });
    await timers.advance(0);
    expect(published).toEqual(['U1', 'U2', 'U1', 'U2']);
  });

  it('stops following someone a while after their last open, and follows a bounded number of people', async () => {
    const { timers, published, refresh } = setUp({ followMs: 60_000, maxViewers: 2 });
    refresh.opened({ userId: 'U1' });
    refresh.opened({ userId: 'U2' });
    refresh.opened({ userId: 'U3' });
    // The one who opened it longest ago goes first.
    expect(refresh.size).toBe(2);
    await timers.advance(2_000);
    expect(published.map((publish) => publish.userId)).toEqual(['U2', 'U3']);

    await timers.advance(61_000);
    refresh.changed();
    await timers.advance(10_000);
    expect(refresh.size).toBe(0);
    expect(published).toHaveLength(2);
  });

  it('schedules nothing after stop', async () => {
    const { timers, published, refresh } = setUp();
    refresh.opened({ userId: 'U1' });
    refresh.stop();
    refresh.changed();
    refresh.opened({ userId: 'U2' });
    await timers.advance(10_000);
    expect(published).toEqual([]);
    expect(timers.scheduled()).toBe(0);
  });
});
