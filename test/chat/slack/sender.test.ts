/**
 * The sender alerts use: chat.postMessage against the fake Slack Web API,
 * and Slack's failures turned into DeliveryError the outbox can act on.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackApp } from '../../../src/chat/slack/index.js';
import { DeliveryError } from '../../../src/domain/delivery.js';
import type { Reply } from '../../../src/domain/reply.js';
import { silentLogger } from '../../../src/log.js';
import { rateLimited, slackError, startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';

const alert: Reply = {
  kind: 'ok',
  title: 'APPROVED · Love&Pay session 3f0c2a1e',
  badge: { outcome: 'APPROVED', native: 'APPROVED' },
  fields: [{ label: 'Customer', value: 'Иван И. · +7 999 ***-**-67' }],
  actions: [{ label: 'Open', command: '/kyc 3f0c2a1e-7c1d-4a51-9d7b-0c5c1a2b3c4d', role: 'open' }],
};

function slackApp(fake: FakeSlack): SlackApp {
  return createSlackApp({
    botToken: 'xoxb-sender-token',
    signingSecret: 'secret',
    apiUrl: fake.apiUrl,
    allowedChannels: [],
    admins: [],
    logger: silentLogger,
    runCommand: async () => ({ kind: 'ok', title: 'unused' }),
  });
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('Slack sender', () => {
  let fake: FakeSlack;
  let app: SlackApp;

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = slackApp(fake);
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await app.stop();
    await fake.close();
  });

  it('posts the rendered reply to the channel with the bot token and a text fallback', async () => {
    await app.sender.send('CALERTS1', alert);
    const [call] = fake.postedMessages('CALERTS1');
    expect(app.sender.platform).toBe('slack');
    expect(call!.token).toBe('xoxb-sender-token');
    expect(call!.params.text).toBe('APPROVED · Love&amp;Pay session 3f0c2a1e');
    expect(call!.params.blocks).toEqual(
      expect.arrayContaining([
        { type: 'header', text: { type: 'plain_text', text: 'APPROVED · Love&Pay session 3f0c2a1e', emoji: true } },
        expect.objectContaining({ type: 'actions' }),
      ]),
    );
    expect(call!.params.unfurl_links).toBe(false);
  });

  it.each(['channel_not_found', 'is_archived', 'not_in_channel'])('reports %s as a failure of that channel', async (code) => {
    fake.script('chat.postMessage', slackError(code));
    const error = await failure(app.sender.send('CGONE001', alert));
    expect(error).toMatchObject({ scope: 'chat', reason: code });
    expect(error.message).toBe(`Slack refused the message: ${code}`);
  });

  it.each(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive'])(
    "reports %s as a token failure, not the channel's",
    async (code) => {
      fake.script('chat.postMessage', slackError(code));
      const error = await failure(app.sender.send('CGONE001', alert));
      expect(error).toMatchObject({ scope: 'platform', reason: code });
    },
  );

  it('reports other refusals as worth retrying', async () => {
    fake.script('chat.postMessage', slackError('internal_error'));
    expect(await failure(app.sender.send('CALERTS1', alert))).toMatchObject({ scope: 'retry', reason: 'internal_error' });
  });

  it('hands back Slack\'s Retry-After at once instead of waiting it out', async () => {
    fake.script('chat.postMessage', rateLimited(7));
    const started = Date.now();
    const error = await failure(app.sender.send('CALERTS1', alert));
    expect(error).toMatchObject({ scope: 'retry', reason: 'ratelimited', retryAfterMs: 7_000 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.calls('chat.postMessage')).toHaveLength(1);
  });

  it('retries a server error a bounded number of times, then reports it', async () => {
    fake.answerAlways('chat.postMessage', { status: 503, body: { ok: false, error: 'service_unavailable' } });
    const error = await failure(app.sender.send('CALERTS1', alert));
    expect(error).toMatchObject({ scope: 'retry', reason: 'http_503' });
    expect(fake.calls('chat.postMessage')).toHaveLength(3);
  });
});

describe('Slack sender delivery keys', () => {
  let fake: FakeSlack;
  let app: SlackApp;
  const minuteAgo = () => new Date(Date.now() - 60_000);

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = slackApp(fake);
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await fake.close();
  });

  it('tags an alert with its delivery key in message metadata and finds it in the channel history', async () => {
    await app.sender.send('CALERTS1', alert, { deliveryKey: 'key-1' });
    expect(fake.postedMessages('CALERTS1')[0]!.params.metadata).toEqual({ event_type: 'kyc_desk_alert', event_payload: { delivery_key: 'key-1' } });
    expect(await app.sender.findDelivered('CALERTS1', 'key-1', minuteAgo())).not.toBeNull();
    expect(fake.calls('conversations.history')[0]!.params).toMatchObject({ channel: 'CALERTS1', include_all_metadata: 'true' });
  });

  it('does not find a key that was never sent, one sent elsewhere, or one sent before `since`', async () => {
    await app.sender.send('CALERTS1', alert, { deliveryKey: 'key-1' });
    expect(await app.sender.findDelivered('CALERTS1', 'key-2', minuteAgo())).toBeNull();
    expect(await app.sender.findDelivered('COTHER01', 'key-1', minuteAgo())).toBeNull();
    expect(await app.sender.findDelivered('CALERTS1', 'key-1', new Date(Date.now() + 2_000))).toBeNull();
  });

  it('follows history pages until it finds the key', async () => {
    const tagged = (key: string) => ({ type: 'message', ts: '1.000001', metadata: { event_type: 'kyc_desk_alert', event_payload: { delivery_key: key } } });
    fake.script(
      'conversations.history',
      { body: { ok: true, messages: [tagged('other')], has_more: true, response_metadata: { next_cursor: 'page-2' } } },
      { body: { ok: true, messages: [tagged('key-9')], has_more: false, response_metadata: { next_cursor: '' } } },
    );
    expect(await app.sender.findDelivered('CALERTS1', 'key-9', minuteAgo())).not.toBeNull();
    expect(fake.calls('conversations.history').map((call) => call.params.cursor)).toEqual([undefined, 'page-2']);
  });

  it('answers "cannot tell" (false) when the history is not readable', async () => {
    fake.script('conversations.history', slackError('missing_scope'));
    expect(await app.sender.findDelivered('CALERTS1', 'key-1', minuteAgo())).toBeNull();
  });
});

describe('Slack sender against a rate-limited channel', () => {
  it('gets 429 past one message per second in a channel, while other channels still post', async () => {
    const fake = await startFakeSlack({ rateLimitPerChannel: 1 });
    const app = slackApp(fake);
    try {
      await app.sender.send('CBUSY001', alert);
      const error = await failure(app.sender.send('CBUSY001', alert));
      expect(error).toMatchObject({ scope: 'retry', reason: 'ratelimited', retryAfterMs: 1_000 });
      await app.sender.send('CQUIET01', alert);
      expect(fake.postedMessages('CBUSY001')).toHaveLength(1);
      expect(fake.postedMessages('CQUIET01')).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it('reports an unreachable Slack as worth retrying', async () => {
    const fake = await startFakeSlack();
    const app = slackApp(fake);
    await fake.close();
    expect(await failure(app.sender.send('CALERTS1', alert))).toMatchObject({ scope: 'retry', reason: 'request_failed' });
  });
});
