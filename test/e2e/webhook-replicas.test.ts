/**
 * Provider webhooks with two replicas on one PostgreSQL database (issue 16):
 * any replica may take a webhook, each alert is still delivered once, and
 * the replica that delivers hears at once (LISTEN/NOTIFY) when the other
 * queued one. Both replicas run in this process as main.ts starts them, in
 * live mode against the shared sandbox emulators, with Slack in HTTP mode
 * against a fake Slack; each posts with a token of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { testPostgres } from '../support/postgres.js';
import { waitFor } from '../support/wait-for.js';
import { loveAndPayWebhook, postWebhook, stripeWebhook } from '../support/webhooks.js';
import { alertsIn } from './replicas/posted-alerts.js';
import { ALERT_CHANNELS, startReplica, type Replica } from './replicas/replica.js';

const server = testPostgres();

describe.skipIf(server.skipReason !== null)('provider webhooks on two replicas', () => {
  let sandbox: Sandbox;
  let slack: FakeSlack;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    const databaseUrl = await server.createDatabase();
    slack = await startFakeSlack({ rateLimitPerChannel: 1 });
    sandbox = await startSandbox({ customers: 60, stripeSessions: 60 });
    // Sweeps once a day: what reaches Slack here came by webhook.
    for (const name of ['replica-a', 'replica-b']) {
      replicas.push(await startReplica({ name, sandbox, slack, databaseUrl, env: { ALERT_CRON: '0 0 4 * * *' } }));
    }
  }, 30_000);

  afterAll(async () => {
    await Promise.allSettled(replicas.map((replica) => replica.close()));
    await sandbox?.close();
    await slack?.close();
    await server.stop();
  });

  const secrets = () => ({ loveandpay: sandbox.env.LOVEANDPAY_WEBHOOK_SECRET!, stripe: sandbox.env.STRIPE_WEBHOOK_SECRET! });
  const postsOf = (id: string) => slack.postedMessages().filter((call) => alertsIn(call).some((alert) => alert.id === id));
  const settled = () =>
    waitFor(
      async () => {
        const store = replicas[0]!.app.store;
        return (await store.webhookEventsPending()) === 0 && (await store.outboxDepth()) === 0;
      },
      { timeoutMs: 10_000, message: 'webhook work done and the outbox empty' },
    );

  it('announces an event that both replicas receive at once once per channel', async () => {
    const session = sandbox.data.sessions.find((each) => each.status === 'IN_PROGRESS')!;
    sandbox.control.setSessionStatus(session.id, 'APPROVED');
    const stripeSession = sandbox.data.stripeSessions.find((each) => each.status === 'processing')!;
    sandbox.control.setStripeStatus(stripeSession.id, 'verified');
    const loveandpay = loveAndPayWebhook(secrets().loveandpay, { sessionId: session.id });
    const stripe = stripeWebhook(secrets().stripe, sandbox.data.stripeEvents[0]!);

    const answers = await Promise.all(
      replicas.flatMap((replica) => [postWebhook(replica.app.url, 'loveandpay', loveandpay), postWebhook(replica.app.url, 'stripe', stripe)]),
    );
    await waitFor(() => postsOf(session.id).length >= 2 && postsOf(stripeSession.id).length >= 2, {
      timeoutMs: 10_000,
      message: 'both alerts in both channels',
    });
    await settled();

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(answers.filter((answer) => answer.body.duplicate === true)).toHaveLength(2);
    for (const id of [session.id, stripeSession.id]) {
      expect(postsOf(id).map((call) => String(call.params.channel)).sort()).toEqual([...ALERT_CHANNELS]);
    }
  }, 30_000);

  it('delivers within a second what the replica that does not deliver took', async () => {
    const deliverer = replicas.find((replica) => slack.postedMessages().some((call) => call.token === replica.slackToken))!;
    const other = replicas.find((replica) => replica !== deliverer)!;
    const session = sandbox.data.sessions.find((each) => each.status === 'IN_PROGRESS')!;
    sandbox.control.setSessionStatus(session.id, 'DECLINED');
    // Each channel's previous message more than Slack's second ago, so its pace does not hold this one.
    const lastPost = Math.max(...slack.postedMessages().map((call) => call.at));
    await waitFor(() => Date.now() - lastPost > 1_100, { message: 'the channels’ pace to free up' });

    const sentAt = Date.now();
    const answer = await postWebhook(other.app.url, 'loveandpay', loveAndPayWebhook(secrets().loveandpay, { sessionId: session.id, event: 'kyc.failed' }));
    const [first] = await waitFor(() => (postsOf(session.id).length > 0 ? postsOf(session.id) : null), { timeoutMs: 10_000, message: 'the alert' });
    await settled();

    expect(answer.status).toBe(200);
    expect(first!.token).toBe(deliverer.slackToken);
    // Sooner than the deliverer's own look at the outbox every second would have found it: it was told.
    expect(first!.at - sentAt).toBeLessThan(1_000);
    expect(postsOf(session.id)).toHaveLength(ALERT_CHANNELS.length);
  }, 30_000);
});
