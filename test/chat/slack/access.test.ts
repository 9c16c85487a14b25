/**
 * Slack is closed by default (DESIGN.md, "Data protection"): with
 * SLACK_ALLOWED_CHANNELS unset every channel gets only a refusal naming its
 * id and the variable to set; `*` opens every channel; without SLACK_ADMINS
 * nobody manages subscriptions. Driven with signed slash commands over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunCommand } from '../../../src/commands/run-command.js';
import { createSubscriptionHandlers } from '../../../src/commands/subscriptions.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.js';

const OPERATOR = 'UOPER001';

async function ask(slack: SlackHarness, text: string, channelId: string, userId = OPERATOR, command = '/kyc'): Promise<Record<string, unknown>> {
  const responseId = `${channelId}-${userId}-${text}`;
  const ack = await slack.command({ command, text, userId, channelId, responseId });
  expect(ack.status).toBe(200);
  const [answer] = await slack.fake.waitForResponses(1, 10_000, responseId);
  return answer!.body;
}

describe('Slack with SLACK_ALLOWED_CHANNELS unset', () => {
  let slack: SlackHarness;

  beforeAll(async () => {
    slack = await startSlackHarness({ allowedChannels: [], admins: ['UADMIN01'] });
  });

  afterAll(async () => {
    await slack.close();
  });

  it('answers a command, even an admin\'s, only with the refusal naming the channel id and the variable', async () => {
    const customer = slack.commands.sandbox.data.customers[0]!;
    const answer = await ask(slack, customer.id, 'CKYC0001', 'UADMIN01', '/customer');
    // The ack's own body (an immediate response): a new message, so nothing to replace.
    expect(answer).toEqual({
      response_type: 'ephemeral',
      text: "KYC Desk is not enabled in this channel (`CKYC0001`). To allow it, ask the bot's administrator to add `CKYC0001` to `SLACK_ALLOWED_CHANNELS` (several ids are separated by commas) and restart the bot.",
    });
    expect(slack.runs).toEqual([]);
  });

  it('refuses a button click the same way', async () => {
    const ack = await slack.click({ actionId: 'kd:open:0', value: '/kyc help', userId: OPERATOR, channelId: 'D0DIRECT1', responseId: 'unset-click' });
    expect(ack.status).toBe(200);
    const [answer] = await slack.fake.waitForResponses(1, 10_000, 'unset-click');
    expect(answer!.body.text).toContain('`D0DIRECT1`');
    expect(answer!.body.text).toContain('`SLACK_ALLOWED_CHANNELS`');
    expect(slack.runs).toEqual([]);
  });
});

describe('Slack with SLACK_ALLOWED_CHANNELS=* and no SLACK_ADMINS', () => {
  let slack: SlackHarness;
  let store: Store;

  beforeAll(async () => {
    store = await openStore('file::memory:');
    slack = await startSlackHarness({
      allowedChannels: ['*'],
      admins: [],
      requestMemory: store,
      makeRunCommand: ({ providers }) =>
        createRunCommand({ providers, settings: { timeZone: 'Europe/Moscow', sandbox: true }, handlers: createSubscriptionHandlers({ store }) }),
    });
  });

  afterAll(async () => {
    await slack.close();
    await store.close();
  });

  it('answers in any channel and in a direct message', async () => {
    const session = slack.commands.sandbox.data.sessions[0]!;
    for (const channelId of ['CANYWHERE', 'D0DIRECT1']) {
      const answer = await ask(slack, session.id, channelId);
      expect(JSON.stringify(answer.blocks)).toContain(session.id.slice(0, 8));
    }
    expect(slack.runs.map((run) => run.caller.chatId)).toEqual(['CANYWHERE', 'D0DIRECT1']);
  });

  it('refuses /kyc subscribe to everyone, and subscribes nothing', async () => {
    for (const userId of [OPERATOR, 'UOTHER02']) {
      const answer = await ask(slack, 'subscribe', 'CALERTS1', userId);
      expect(JSON.stringify(answer)).toContain('Only admins manage alert subscriptions here.');
    }
    expect(slack.runs.filter((run) => run.line === '/kyc subscribe').map((run) => run.caller.mayManageSubscriptions)).toEqual([false, false]);
    expect(await store.listSubscriptions()).toEqual([]);
  });
});
