/**
 * The whole app as main.ts starts it, in this process: sandbox emulators,
 * SQLite, Slack in HTTP mode against a fake Slack Web API, the one HTTP
 * server, alerts, audit and metrics. Every log line is captured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app/create-app.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { eventCallbackBody, signSlackRequest, slashCommandBody } from '../support/slack-signing.js';
import { waitFor } from '../support/wait-for.js';

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-4242424242-e2e-bot-token-AbCdEf',
  SLACK_SIGNING_SECRET: 'e2e-signing-secret-8f742231b10e8888',
};
const ADMIN = 'UADMIN01';
const VIEWER = 'UVIEW001';
const CHANNEL = 'CKYC0001';

let fake: FakeSlack;
let app: App;
const logLines: string[] = [];
let responseCount = 0;

async function slash(command: string, text: string, userId = VIEWER, channelId = CHANNEL): Promise<Record<string, unknown>> {
  const id = `r${++responseCount}`;
  const body = slashCommandBody({ command, text, userId, channelId, responseUrl: fake.responseUrl(id) });
  const response = await fetch(`${app.url}/slack/events`, {
    method: 'POST',
    headers: signSlackRequest(SECRETS.SLACK_SIGNING_SECRET, body).headers,
    body,
  });
  expect(response.status).toBe(200);
  fake.showAckAnswer(id, await response.text());
  const [answer] = await fake.waitForResponses(1, 10_000, id);
  return answer!.body;
}

const textOf = (body: Record<string, unknown>): string => JSON.stringify(body.blocks ?? body.text);

beforeAll(async () => {
  fake = await startFakeSlack();
  app = await startApp({
    env: {
      KYC_DESK_IGNORE_DOTENV: '1',
      PORT: '0',
      LOG_LEVEL: 'trace',
      ...SECRETS,
      SLACK_API_URL: fake.apiUrl,
      SLACK_ADMINS: ADMIN,
      SLACK_ALLOWED_CHANNELS: CHANNEL,
      ALERT_SLACK_CHANNELS: 'CALERTS1',
      ALERT_CRON: '* * * * * *',
    },
    host: '127.0.0.1',
    logDestination: { write: (line: string) => void logLines.push(line) },
  });
}, 30_000);

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

describe('the app over its one HTTP server', () => {
  it('answers a signed /kyc with the session and its masked customer', async () => {
    const session = app.sandbox!.data.sessions.find((each) => each.status === 'APPROVED')!;
    const answer = await slash('/kyc', session.id);
    expect(answer.response_type).toBe('ephemeral');
    expect(textOf(answer)).toContain('APPROVED');
    expect(textOf(answer)).toContain(session.id.slice(0, 8));
  });

  it('publishes the App Home to a member of an allowed channel, wired to the store (issue 19)', async () => {
    fake.setMemberships(VIEWER, [CHANNEL]);
    const body = eventCallbackBody({ type: 'app_home_opened', user: VIEWER, channel: 'DVIEW001', tab: 'home' });
    const response = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: signSlackRequest(SECRETS.SLACK_SIGNING_SECRET, body, { contentType: 'application/json' }).headers,
      body,
    });
    expect(response.status).toBe(200);
    const { view } = await waitFor(() => fake.published(VIEWER)[0], { message: 'the Home published' });
    const text = JSON.stringify(view);
    expect(text).toContain('Review queue');
    // The allowed channel, and the channel ALERT_SLACK_CHANNELS sends alerts to with what it gets.
    expect(text).toContain(`Channel ${CHANNEL}`);
    expect(text).toContain('Channel CALERTS1');
    expect(text).toContain('Personal data is masked here');
  });

  it('reports alive on /healthz and ready on /readyz once Slack and the store answer', async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await waitFor(async () => {
      const response = await fetch(`${app.url}/readyz`);
      return response.status === 200 ? ((await response.json()) as { status: string; checks: Record<string, string> }) : null;
    });
    expect(ready.status).toBe('ready');
    expect(ready.checks).toEqual({ store: 'ok', slack: 'ok', sweep: 'ok' });
  });

  it('counts commands by name and result on /metrics', async () => {
    await slash('/receipt', 'not-a-receipt-id');
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/kyc_desk_commands_total\{command="kyc",result="ok"\} [1-9]/);
    expect(metrics).toMatch(/kyc_desk_commands_total\{command="receipt",result="usage"\} [1-9]/);
    expect(metrics).toMatch(/kyc_desk_provider_requests_total\{[^}]*provider="loveandpay"/);
    expect(metrics).toContain('kyc_desk_outbox_depth');
  });

  it('writes every command to the audit log with personal data masked, and shows it to admins only', async () => {
    const customer = app.sandbox!.data.customers[0]!;
    await slash('/customer', customer.phone);
    await slash('/customer', customer.email);

    const refused = await slash('/kyc', 'audit 5');
    expect(textOf(refused)).toContain('Only admins may read the audit log');

    const audit = textOf(await slash('/kyc', 'audit 5', ADMIN));
    expect(audit).toContain(`/customer ${customer.email[0]}***@`);
    expect(audit).toContain('***-**-');
    expect(audit).not.toContain(customer.phone);
    expect(audit).not.toContain(customer.email);

    const entries = await app.store.latestAudit(4);
    expect(entries.map((entry) => [entry.userId, entry.chatId, entry.result])).toEqual([
      [ADMIN, CHANNEL, 'ok'],
      [VIEWER, CHANNEL, 'refused'],
      [VIEWER, CHANNEL, 'ok'],
      [VIEWER, CHANNEL, 'ok'],
    ]);
  });

  it('audits a command refused outside the allowed channels, with the phone masked', async () => {
    const customer = app.sandbox!.data.customers[1]!;
    const answer = await slash('/customer', customer.phone, VIEWER, 'COTHER01');
    expect(textOf(answer)).toContain('COTHER01');
    const [entry] = await waitFor(async () => {
      const entries = await app.store.latestAudit(1);
      return entries[0]?.chatId === 'COTHER01' ? entries : null;
    });
    expect(entry).toMatchObject({ platform: 'slack', userId: VIEWER, result: 'refused' });
    expect(entry!.command).toMatch(/^\/customer \+7 \d{3} \*\*\*-\*\*-\d{2}$/);
  });

  it('posts an alert to the subscribed channel after the silent baseline', async () => {
    await waitFor(() => app.alerts.lastSuccessfulSweepAt(), { timeoutMs: 10_000, message: 'the baseline sweep' });
    expect(fake.postedMessages('CALERTS1')).toHaveLength(0);
    const pending = app.sandbox!.data.sessions.find((each) => each.status === 'IN_PROGRESS')!;
    app.sandbox!.control.setSessionStatus(pending.id, 'DECLINED');
    const [alert] = await waitFor(() => (fake.postedMessages('CALERTS1').length > 0 ? fake.postedMessages('CALERTS1') : null), {
      timeoutMs: 10_000,
      message: 'the alert',
    });
    expect(JSON.stringify(alert!.params)).toContain('DECLINED');
    expect(JSON.stringify(alert!.params)).toContain(pending.id.slice(0, 8));
  });

  it('keeps every configured secret and every seeded phone and email out of the logs', async () => {
    const customers = app.sandbox!.data.customers.slice(0, 5);
    for (const customer of customers) {
      await slash('/customer', customer.phone, ADMIN);
      await slash('/customer', customer.email);
      await slash('/customer', `${customer.fullName} extra:words`);
      await slash('/customer', customer.id, ADMIN);
    }
    await slash('/kyc', 'approved', ADMIN);
    await slash('/check', '7 watch', ADMIN);

    const logs = logLines.join('');
    expect(logLines.length).toBeGreaterThan(10);
    const secrets = [...Object.values(SECRETS), ...Object.values(app.sandbox!.credentials)];
    for (const secret of secrets) expect(logs).not.toContain(secret);
    for (const customer of app.sandbox!.data.customers) {
      expect(logs).not.toContain(customer.phone);
      expect(logs).not.toContain(customer.phone.slice(1));
      expect(logs).not.toContain(customer.email);
    }
  });
});
