import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { SLACK_CHANNEL, startAlertsHarness, type AlertsHarness } from './helpers/harness.js';

const inProgress = (h: AlertsHarness, skip = 0) => h.sandbox.data.sessions.filter((s) => s.status === 'IN_PROGRESS')[skip]!;

/** A store whose markSent fails once, as if the process died right after a message went out. */
function dyingAfterSend(store: Store): Store {
  let died = false;
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'markSent') {
        return async (ids: number[], now: Date) => {
          if (!died) {
            died = true;
            throw new Error('killed between send and mark');
          }
          return target.markSent(ids, now);
        };
      }
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('alerts across a restart on the same database', () => {
  let h: AlertsHarness;
  afterEach(() => h.close());

  it('posts nothing twice, and sends after the restart an alert committed but not sent before the stop', async () => {
    h = await startAlertsHarness();
    await h.subscribe(SLACK_CHANNEL);
    const first = h.alerts;
    await first.sweepOnce();
    const delivered = inProgress(h, 0);
    const pending = inProgress(h, 1);
    h.sandbox.control.setSessionStatus(delivered.id, 'APPROVED');
    await first.sweepOnce();
    await first.deliverOnce();
    h.sandbox.control.setSessionStatus(pending.id, 'DECLINED');
    await first.sweepOnce();
    expect(await h.store.outboxDepth()).toBe(1);
    await first.stop();

    // A new process: its own store connection and app instance.
    const second = h.newAlerts({ store: await h.reopenStore() });
    await second.sweepOnce();
    await second.deliverOnce();
    await second.sweepOnce();
    await second.deliverOnce();

    expect(h.slack.to(SLACK_CHANNEL.chatId).map((m) => m.reply.title)).toEqual([
      `APPROVED · Love&Pay session ${delivered.id.slice(0, 8)}`,
      `DECLINED · Love&Pay session ${pending.id.slice(0, 8)}`,
    ]);
  });

  /** One approval sent to Slack by a process that dies before marking it sent; returns the restarted instance (a minute later). */
  async function crashAfterSending() {
    h = await startAlertsHarness({ taggedSlack: true });
    await h.subscribe(SLACK_CHANNEL);
    const dying = h.newAlerts({ store: dyingAfterSend(h.store) });
    await dying.sweepOnce();
    h.sandbox.control.setSessionStatus(inProgress(h).id, 'APPROVED');
    await dying.sweepOnce();
    await expect(dying.deliverOnce()).rejects.toThrow('killed between send and mark');
    expect(h.slack.messages).toHaveLength(1);
    // A minute later the dead process's leadership and claims have run out.
    return h.newAlerts({ store: await h.reopenStore(), now: () => new Date(Date.now() + 60_000) });
  }

  it('does not send again a message that went out just before a crash, when the chat can tell', async () => {
    const restarted = await crashAfterSending();

    const report = await restarted.deliverOnce();

    expect(report).toMatchObject({ claimed: 1, sent: 1, messages: 0 });
    expect(h.slack.messages).toHaveLength(1);
    expect(await h.store.outboxDepth()).toBe(0);
  });

  it('sends again after a crash when the chat shows the message never arrived', async () => {
    const restarted = await crashAfterSending();
    // The chat lost it (say Slack failed after accepting): nothing tagged with that key is there.
    h.slack.messages.splice(0);

    const report = await restarted.deliverOnce();

    expect(report).toMatchObject({ claimed: 1, sent: 1, messages: 1 });
    expect(h.slack.messages).toHaveLength(1);
  });
});
