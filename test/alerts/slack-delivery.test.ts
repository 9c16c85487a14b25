import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { rateLimited, slackError, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { waitFor } from '../support/wait-for.js';
import { SLACK_CHANNEL, startAlertsHarness, type AlertsHarness } from './helpers/harness.js';
import { realSlackSender } from './helpers/slack.js';

/** A pino logger whose lines land in `lines`. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('alert delivery through the Slack Web API', () => {
  let h: AlertsHarness;
  let slack: FakeSlack;
  const approveNext = () => {
    const session = h.sandbox.data.sessions.find((s) => s.status === 'IN_PROGRESS' || s.status === 'NOT_STARTED')!;
    h.sandbox.control.setSessionStatus(session.id, 'APPROVED');
    return session.id;
  };

  beforeEach(async () => {
    slack = await startFakeSlack({ rateLimitPerChannel: 1 });
    h = await startAlertsHarness();
    await h.subscribe(SLACK_CHANNEL);
  });
  afterEach(async () => {
    await h.close();
    await slack.close();
  });

  it('disables the subscription with the reason when Slack answers channel_not_found, logs it once and stops trying', async () => {
    const { logger, lines } = capturingLogger();
    const alerts = h.newAlerts({ senders: { slack: realSlackSender(slack) }, logger });
    await alerts.sweepOnce();
    slack.answerAlways('chat.postMessage', slackError('channel_not_found'));
    approveNext();
    await alerts.sweepOnce();

    const first = await alerts.deliverOnce();
    approveNext();
    const afterDisable = await alerts.sweepOnce();
    const second = await alerts.deliverOnce();

    expect(first).toMatchObject({ claimed: 1, sent: 0, failed: 1 });
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
    const [subscription] = await h.store.listSubscriptions(SLACK_CHANNEL);
    expect(subscription?.disabledReason).toBe('channel_not_found');
    // A disabled chat gets nothing queued, so nothing is retried or sent again.
    expect(afterDisable.results.find((r) => r.source === 'loveandpay')).toMatchObject({ newOutcomes: 1, queued: 0 });
    expect(second.claimed).toBe(0);
    expect(await h.store.outboxDepth()).toBe(0);
    const logged = lines.filter((line) => line.msg === 'chat unreachable: its alert subscriptions are disabled');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ platform: 'slack', chatId: SLACK_CHANNEL.chatId, reason: 'channel_not_found' });
  });

  it('pauses Slack delivery while the token fails (invalid_auth), disables nothing, and delivers once the token works', async () => {
    const { logger, lines } = capturingLogger();
    const options = { senders: { slack: realSlackSender(slack) }, logger, tokenCheckBackoff: { firstMs: 50, maxMs: 200 } };
    const alerts = h.newAlerts(options);
    await alerts.sweepOnce();
    slack.answerAlways('chat.postMessage', slackError('invalid_auth'));
    slack.answerAlways('auth.test', slackError('invalid_auth'));
    const id = approveNext();
    await alerts.sweepOnce();

    expect(await alerts.deliverOnce()).toMatchObject({ claimed: 1, sent: 0, retried: 1, failed: 0 });
    expect(alerts.pausedPlatforms()).toMatchObject([{ platform: 'slack', reason: 'invalid_auth' }]);
    // While paused, the token is asked again (auth.test), not the channel: no message is attempted.
    await waitFor(
      async () => {
        await alerts.deliverOnce();
        return slack.calls('auth.test').length >= 2;
      },
      { timeoutMs: 5_000, message: 'two token checks while paused' },
    );
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
    expect((await h.store.listSubscriptions(SLACK_CHANNEL))[0]?.disabledReason).toBeNull();
    expect(await h.store.outboxDepth()).toBe(1);

    slack.answerNormally('chat.postMessage');
    slack.answerNormally('auth.test');
    const posted = await waitFor(
      async () => {
        await alerts.deliverOnce();
        const found = slack.postedMessages(SLACK_CHANNEL.chatId);
        return found.length > 0 ? found : null;
      },
      { timeoutMs: 5_000, message: 'the alert delivered once the token works' },
    );
    expect(posted).toHaveLength(1);
    expect(String(posted[0]!.params.text)).toContain(`APPROVED · Love&amp;Pay session ${id.slice(0, 8)}`);
    expect(alerts.pausedPlatforms()).toEqual([]);
    expect(await h.store.outboxDepth()).toBe(0);
    expect(lines.filter((line) => line.msg === 'chat token failed: alert delivery paused until it works again')).toHaveLength(1);
    expect(lines.filter((line) => line.msg === 'chat token works again: alert delivery resumed')).toHaveLength(1);

    // A restart finds the subscription as it was: active.
    await alerts.stop();
    const restarted = h.newAlerts(options);
    await restarted.start();
    expect((await h.store.listSubscriptions(SLACK_CHANNEL))[0]?.disabledReason).toBeNull();
    approveNext();
    await restarted.sweepOnce();
    await waitFor(async () => {
      await restarted.deliverOnce();
      return slack.postedMessages(SLACK_CHANNEL.chatId).length === 2;
    });
  });

  it('waits out a 429 Retry-After and then delivers the alert once', async () => {
    const alerts = h.newAlerts({ senders: { slack: realSlackSender(slack) } });
    await alerts.sweepOnce();
    slack.script('chat.postMessage', rateLimited(1));
    const id = approveNext();
    await alerts.sweepOnce();

    const refused = await alerts.deliverOnce();
    const tooEarly = await alerts.deliverOnce();
    const posted = await waitFor(
      async () => {
        await alerts.deliverOnce();
        const found = slack.postedMessages(SLACK_CHANNEL.chatId);
        return found.length > 0 ? found : null;
      },
      { timeoutMs: 5_000, intervalMs: 100, message: 'the alert posted after Retry-After' },
    );

    expect(refused).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
    expect(tooEarly.claimed).toBe(0);
    const [limited, delivered] = slack.calls('chat.postMessage');
    expect(limited?.status).toBe(429);
    expect(delivered!.at - limited!.at).toBeGreaterThanOrEqual(1_000);
    expect(posted).toHaveLength(1);
    expect(String(posted[0]!.params.text)).toContain(`APPROVED · Love&amp;Pay session ${id.slice(0, 8)}`);
    expect(await h.store.outboxDepth()).toBe(0);
  });
});
