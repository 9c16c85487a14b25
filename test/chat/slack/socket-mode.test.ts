/**
 * Which transport the app picks, and what start() does with it. No network
 * beyond the fake Slack Web API on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackAppOptions } from '../../../src/chat/slack/index.js';
import { silentLogger } from '../../../src/log.js';
import { slackError, startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';

const base = (fake: FakeSlack): SlackAppOptions => ({
  botToken: 'xoxb-socket-bot',
  apiUrl: fake.apiUrl,
  allowedChannels: [],
  admins: [],
  logger: silentLogger,
  runCommand: async () => ({ kind: 'ok', title: 'unused' }),
});

describe('Slack transport choice', () => {
  let fake: FakeSlack;

  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('uses Socket Mode when an app-level token is set: no HTTP route, not connected before start, no call made', () => {
    const app = createSlackApp({ ...base(fake), appToken: 'xapp-1-A0001-socket' });
    expect(app.mode).toBe('socket');
    expect(app.routes).toEqual([]);
    expect(app.isConnected()).toBe(false);
    expect(app.commands).toEqual(['/kyc', '/customer', '/receipt', '/check']);
    expect(fake.calls()).toEqual([]);
  });

  it('prefers Socket Mode when both the app token and the signing secret are set', () => {
    const app = createSlackApp({ ...base(fake), appToken: 'xapp-1-A0001-socket', signingSecret: 'secret' });
    expect(app.mode).toBe('socket');
    expect(app.routes).toEqual([]);
  });

  it('uses HTTP mode with the signing secret alone', () => {
    const app = createSlackApp({ ...base(fake), signingSecret: 'secret' });
    expect(app.mode).toBe('http');
    expect(app.routes.map((route) => `${route.method} ${route.path}`)).toEqual(['POST /slack/events']);
  });

  it('refuses to start without a signing secret or an app token, naming both variables', () => {
    expect(() => createSlackApp(base(fake))).toThrow('Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
  });

  it('opens the Socket Mode connection with the app token at start, and says clearly when Slack refuses it', async () => {
    fake.reset();
    fake.script('apps.connections.open', slackError('invalid_auth'));
    const app = createSlackApp({ ...base(fake), appToken: 'xapp-1-A0001-socket' });
    await expect(app.start()).rejects.toThrow('SLACK_APP_TOKEN: Socket Mode could not connect (invalid_auth)');
    expect(fake.calls('apps.connections.open').map((call) => call.token)).toEqual(['xapp-1-A0001-socket']);
    expect(app.isConnected()).toBe(false);
    await app.stop();
  });

  it('stops start-up when Slack rejects the bot token', async () => {
    fake.reset();
    fake.script('auth.test', slackError('invalid_auth'));
    const app = createSlackApp({ ...base(fake), signingSecret: 'secret' });
    await expect(app.start()).rejects.toThrow('SLACK_BOT_TOKEN: Slack rejected the bot token (invalid_auth)');
  });

  it('starts in HTTP mode when auth.test cannot be reached, since answers work once Slack is back', async () => {
    fake.reset();
    fake.script('auth.test', { status: 500, body: {} }, { status: 500, body: {} }, { status: 500, body: {} });
    const app = createSlackApp({ ...base(fake), signingSecret: 'secret' });
    await app.start();
    expect(app.isConnected()).toBe(true);
    await app.stop();
    expect(app.isConnected()).toBe(false);
  });
});
