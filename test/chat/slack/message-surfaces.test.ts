/**
 * The "Look up in KYC Desk" message shortcut and Stripe link unfurls over
 * real HTTP, as Slack drives them: a signed `message_action` interaction
 * whose cards come back through its response_url, and signed `link_shared`
 * events answered with chat.unfurl on the fake Web API; the real dispatcher
 * over the sandbox emulators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from '../../../src/present/mask.js';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.js';

const OPERATOR = 'UOPER001';
const ADMIN = 'UADMIN01';
const CHANNEL = 'CKYC0001';
const ELSEWHERE = 'COTHER01';

const headerOf = (body: Record<string, unknown>): string | undefined =>
  ((body.blocks as Array<{ type: string; text?: { text: string } }> | undefined) ?? []).find((block) => block.type === 'header')?.text?.text;

describe('Slack message shortcut and link unfurls', () => {
  let slack: SlackHarness;
  let nextId = 0;

  async function shortcut(text: string, options: { userId?: string; channelId?: string } = {}) {
    const responseId = `s${nextId++}`;
    const ack = await slack.shortcut({ callbackId: 'kd_lookup', text, userId: options.userId ?? OPERATOR, channelId: options.channelId ?? CHANNEL, responseId });
    expect(ack.status).toBe(200);
    return responseId;
  }

  beforeAll(async () => {
    slack = await startSlackHarness({ admins: [ADMIN], allowedChannels: [CHANNEL] });
    await slack.app.start();
  });

  afterAll(async () => {
    await slack.close();
  });

  it('answers the clicker alone with a card for each of two ids in one message, as they would see them', async () => {
    const session = slack.commands.sandbox.data.sessions.find((candidate) => candidate.status === 'APPROVED')!;
    const stripe = slack.commands.sandbox.data.stripeSessions.find((candidate) => candidate.status === 'verified')!;
    const text = `Can someone check ${session.id}? Stripe says <https://dashboard.stripe.com/test/identity/verification-sessions/${stripe.id}|this>.`;
    const responseId = await shortcut(text);
    const answers = await slack.fake.waitForResponses(2, 10_000, responseId);
    expect(answers.map((answer) => answer.body.response_type)).toEqual(['ephemeral', 'ephemeral']);
    // In the message's order, each the card the command shows, masked for a viewer, with Share in channel.
    expect(headerOf(answers[0]!.body)).toBe(`Love&Pay KYC session ${session.id.slice(0, 8)}`);
    expect(headerOf(answers[1]!.body)).toBe(`Stripe Identity session ${stripe.id}`);
    expect(JSON.stringify(answers[0]!.body)).toContain(maskPhone(session.customerPhone));
    expect(JSON.stringify(answers[0]!.body)).not.toContain(session.customerPhone);
    expect(JSON.stringify(answers[0]!.body)).toContain('Share in channel');
    expect(slack.runs.slice(-2)).toMatchObject([
      { line: `/kyc ${session.id}`, caller: { userId: OPERATOR, chatId: CHANNEL, isAdmin: false } },
      { line: `/kyc ${stripe.id}`, caller: { userId: OPERATOR, chatId: CHANNEL, isAdmin: false } },
    ]);
  });

  it('shows an admin the same cards unmasked', async () => {
    const session = slack.commands.sandbox.data.sessions.find((candidate) => candidate.status === 'APPROVED')!;
    const responseId = await shortcut(`look at ${session.id}`, { userId: ADMIN });
    const [answer] = await slack.fake.waitForResponses(1, 10_000, responseId);
    expect(JSON.stringify(answer!.body)).toContain(session.customerEmail);
    expect(JSON.stringify(answer!.body)).not.toContain(maskEmail(session.customerEmail));
  });

  it('gives five cards at most, the last saying how many more the message named', async () => {
    const checks = slack.commands.sandbox.data.checks.slice(0, 7).map((check) => `check ${check.id}`);
    const responseId = await shortcut(checks.join(', '));
    const answers = await slack.fake.waitForResponses(5, 10_000, responseId);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.fake.responses(responseId)).toHaveLength(5);
    expect(JSON.stringify(answers[4]!.body)).toContain('… and 2 more in this message');
    expect(slack.runs.slice(-5).map((run) => run.line)).toEqual(checks.slice(0, 5).map((mention) => `/${mention}`));
  });

  it('says when a message names no id, and refuses a channel that is not allowed without looking anything up', async () => {
    const none = await shortcut('lunch at 1?');
    const [answer] = await slack.fake.waitForResponses(1, 10_000, none);
    expect(String(answer!.body.text)).toContain('No Love&amp;Pay id, Stripe vs_… id');
    const runs = slack.runs.length;
    const refused = await shortcut(`check ${slack.commands.sandbox.data.checks[0]!.id}`, { channelId: ELSEWHERE });
    const [refusal] = await slack.fake.waitForResponses(1, 10_000, refused);
    expect(String(refusal!.body.text)).toContain(`\`${ELSEWHERE}\``);
    expect(String(refusal!.body.text)).toContain('SLACK_ALLOWED_CHANNELS');
    expect(slack.runs).toHaveLength(runs);
  });

  it('unfurls a Stripe dashboard link to a verification session as a compact, masked card', async () => {
    const stripe = slack.commands.sandbox.data.stripeSessions.find((candidate) => candidate.status === 'requires_input' && candidate.last_error)!;
    const url = `https://dashboard.stripe.com/test/identity/verification-sessions/${stripe.id}`;
    const unfurled = slack.fake.unfurls().length;
    // Posted by an admin: the card sits in the channel for everyone, so it is a viewer's all the same.
    const ack = await slack.event({
      type: 'link_shared',
      channel: CHANNEL,
      user: ADMIN,
      message_ts: '1700000000.000700',
      is_bot_user_member: true,
      source: 'conversations_history',
      unfurl_id: 'U1',
      links: [{ domain: 'dashboard.stripe.com', url }, { domain: 'dashboard.stripe.com', url: 'https://dashboard.stripe.com/payments/pi_123' }],
    });
    expect(ack.status).toBe(200);
    const { waitFor } = await import('../../support/wait-for.js');
    const call = await waitFor(() => slack.fake.unfurls()[unfurled]);
    expect(call).toMatchObject({ channel: CHANNEL, ts: '1700000000.000700' });
    expect(Object.keys(call.unfurls)).toEqual([url]);
    const card = JSON.stringify(call.unfurls[url]!.blocks);
    expect(card).toContain(`Stripe Identity session ${stripe.id}`);
    expect(card).toContain('DECLINED');
    expect(card).toContain('requires_input');
    expect(card).toContain('Created');
    expect(card).toContain('Last error');
    // Compact: no buttons, none of the person's details, no verification link.
    expect(card).not.toContain('"type":"actions"');
    expect(card).not.toContain('Verified name');
    if (stripe.url) expect(card).not.toContain(stripe.url);
    expect(slack.runs.at(-1)).toMatchObject({ line: `/kyc ${stripe.id}`, caller: { userId: ADMIN, chatId: CHANNEL, isAdmin: false } });
  });

  it('does not unfurl a link in a channel that is not allowed, nor look it up', async () => {
    const stripe = slack.commands.sandbox.data.stripeSessions[0]!;
    const runs = slack.runs.length;
    const unfurled = slack.fake.unfurls().length;
    const ack = await slack.event({
      type: 'link_shared',
      channel: ELSEWHERE,
      user: OPERATOR,
      message_ts: '1700000000.000800',
      is_bot_user_member: true,
      source: 'conversations_history',
      links: [{ domain: 'dashboard.stripe.com', url: `https://dashboard.stripe.com/identity/verification-sessions/${stripe.id}` }],
    });
    expect(ack.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.fake.unfurls()).toHaveLength(unfurled);
    expect(slack.runs).toHaveLength(runs);
  });
});
