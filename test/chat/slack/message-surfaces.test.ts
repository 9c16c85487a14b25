/**
 * The "Look up in KYC Desk" message shortcut and Stripe link unfurls over
 * real HTTP, as Slack drives them: a signed `message_action` interaction
 * whose cards come back through its response_url, and signed `link_shared`
 * events answered with chat.unfurl on the fake Web API; the real dispatcher
 * over the sandbox emulators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunCommand } from '../../../src/commands/run-command.js';
import { maskEmail, maskPhone } from '../../../src/present/mask.js';
import { rateLimited } from '../../support/fake-slack.js';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.js';
import { waitFor } from '../../support/wait-for.js';

const OPERATOR = 'UOPER001';
const ADMIN = 'UADMIN01';
/** In the workspace, not in the allowed channel (they opened it without joining). */
const PASSER_BY = 'UPASS001';
const CHANNEL = 'CKYC0001';
const ELSEWHERE = 'COTHER01';

const headerOf = (body: Record<string, unknown>): string | undefined =>
  ((body.blocks as Array<{ type: string; text?: { text: string } }> | undefined) ?? []).find((block) => block.type === 'header')?.text?.text;

describe('Slack message shortcut and link unfurls', () => {
  let slack: SlackHarness;
  let nextId = 0;
  /** What the audit log was told of refusals: the line and who, where. */
  const refusals: Array<{ line: string; userId: string; chatId: string }> = [];

  async function shortcut(text: string, options: { userId?: string; channelId?: string } = {}) {
    const responseId = `s${nextId++}`;
    const ack = await slack.shortcut({ callbackId: 'kd_lookup', text, userId: options.userId ?? OPERATOR, channelId: options.channelId ?? CHANNEL, responseId });
    expect(ack.status).toBe(200);
    return responseId;
  }

  beforeAll(async () => {
    slack = await startSlackHarness({
      admins: [ADMIN],
      allowedChannels: [CHANNEL],
      onRefused: (line, caller) => void refusals.push({ line, userId: caller.userId, chatId: caller.chatId }),
    });
    await slack.app.start();
    slack.fake.setMemberships(OPERATOR, [CHANNEL]);
    slack.fake.setMemberships(ADMIN, [CHANNEL]);
    slack.fake.setMemberships(PASSER_BY, ['CGENERAL']);
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
    const runs = slack.runs.length;
    const responseId = await shortcut(checks.join(', '));
    const answers = await slack.fake.waitForResponses(5, 10_000, responseId);
    expect(JSON.stringify(answers[4]!.body)).toContain('… and 2 more in this message');
    // All lookups start together, before the first card goes out: five ran, no more.
    expect(slack.runs.slice(runs).map((run) => run.line)).toEqual(checks.slice(0, 5).map((mention) => `/${mention}`));
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
    // Audited as a refusal, under the shortcut's id: the message's text is not read for a channel refused.
    expect(refusals.at(-1)).toEqual({ line: 'kd_lookup', userId: OPERATOR, chatId: ELSEWHERE });
  });

  it('refuses someone who is not in the channel (a public channel opened without joining), audited, and looks nothing up', async () => {
    const session = slack.commands.sandbox.data.sessions[0]!;
    const runs = slack.runs.length;
    const refused = await shortcut(`look at ${session.id}`, { userId: PASSER_BY });
    const [answer] = await slack.fake.waitForResponses(1, 10_000, refused);
    expect(answer!.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Join this channel') });
    expect(refusals.at(-1)).toEqual({ line: 'kd_lookup', userId: PASSER_BY, chatId: CHANNEL });
    expect(slack.runs).toHaveLength(runs);
    expect(JSON.stringify(slack.fake.responses(refused))).not.toContain(session.id);
  });

  it('tells the clicker to try again when Slack cannot say whether they are in the channel, refusing nothing', async () => {
    const session = slack.commands.sandbox.data.sessions[0]!;
    const runs = slack.runs.length;
    const refusalsBefore = refusals.length;
    // A member never seen before: nothing kept to fall back on.
    slack.fake.setMemberships('UNEW0001', [CHANNEL]);
    slack.fake.script('users.conversations', rateLimited(30));
    const responseId = await shortcut(`look at ${session.id}`, { userId: 'UNEW0001' });
    const [answer] = await slack.fake.waitForResponses(1, 10_000, responseId);
    expect(String(answer!.body.text)).toContain('Try again in a minute');
    expect(slack.runs).toHaveLength(runs);
    expect(refusals).toHaveLength(refusalsBefore);
    // Once Slack answers, the same person gets the card.
    const again = await shortcut(`look at ${session.id}`, { userId: 'UNEW0001' });
    const [card] = await slack.fake.waitForResponses(1, 10_000, again);
    expect(headerOf(card!.body)).toBe(`Love&Pay KYC session ${session.id.slice(0, 8)}`);
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
    expect(slack.runs.at(-1)).toMatchObject({ line: `/kyc ${stripe.id}`, caller: { userId: ADMIN, chatId: CHANNEL, isAdmin: false, workspaceId: 'T0001' } });
  });

  it('does not unfurl a link in a channel that is not allowed, nor look it up', async () => {
    const [stripe, other] = slack.commands.sandbox.data.stripeSessions;
    const runs = slack.runs.length;
    const unfurled = slack.fake.unfurls().length;
    const link = (channel: string, id: string, ts: string) =>
      slack.event({
        type: 'link_shared',
        channel,
        user: OPERATOR,
        message_ts: ts,
        is_bot_user_member: true,
        source: 'conversations_history',
        links: [{ domain: 'dashboard.stripe.com', url: `https://dashboard.stripe.com/identity/verification-sessions/${id}` }],
      });
    expect((await link(ELSEWHERE, stripe!.id, '1700000000.000800')).status).toBe(200);
    // The same kind of link in the allowed channel right after it is unfurled; the first one never is.
    expect((await link(CHANNEL, other!.id, '1700000000.000801')).status).toBe(200);
    await waitFor(() => slack.fake.unfurls()[unfurled], { message: 'the allowed link unfurled' });
    expect(slack.fake.unfurls().slice(unfurled)).toMatchObject([{ channel: CHANNEL, ts: '1700000000.000801' }]);
    expect(slack.runs.slice(runs)).toMatchObject([{ line: `/kyc ${other!.id}` }]);
  });

  it('refuses forged shortcuts and events (signed with another secret): 401, nothing looked up, answered or unfurled', async () => {
    const stripe = slack.commands.sandbox.data.stripeSessions[0]!;
    const url = `https://dashboard.stripe.com/identity/verification-sessions/${stripe.id}`;
    const runs = slack.runs.length;
    const unfurled = slack.fake.unfurls().length;
    const forged = { secret: 'not-the-signing-secret' };
    const shortcutAck = await slack.shortcut({ callbackId: 'kd_lookup', text: stripe.id, userId: ADMIN, channelId: CHANNEL, responseId: 'forged' }, forged);
    const linkAck = await slack.event(
      { type: 'link_shared', channel: CHANNEL, user: ADMIN, message_ts: '1700000000.000900', source: 'conversations_history', links: [{ domain: 'dashboard.stripe.com', url }] },
      forged,
    );
    const homeAck = await slack.event({ type: 'app_home_opened', user: ADMIN, channel: 'DADMIN01', tab: 'home' }, forged);
    expect([shortcutAck.status, linkAck.status, homeAck.status]).toEqual([401, 401, 401]);
    // Refused before Bolt reads the body: nothing can have started.
    expect(slack.runs).toHaveLength(runs);
    expect(slack.fake.unfurls()).toHaveLength(unfurled);
    expect(slack.fake.responses('forged')).toEqual([]);
    expect(slack.fake.published(ADMIN)).toEqual([]);
  });

  it('bounds a huge message: only its first 50,000 characters are looked at, and five cards at most go out', async () => {
    const checks = slack.commands.sandbox.data.checks;
    const near = checks.slice(0, 6).map((check) => `check ${check.id}`).join(' ');
    // Ids past the part looked at are neither looked up nor counted.
    const far = Array.from({ length: 200 }, (_, index) => `check ${900_000 + index}`).join(' ');
    const text = `${near} ${'x'.repeat(600_000)} ${far}`;
    const runs = slack.runs.length;
    const responseId = await shortcut(text);
    const answers = await slack.fake.waitForResponses(5, 10_000, responseId);
    expect(JSON.stringify(answers[4]!.body)).toContain('… and 1 more in this message');
    expect(slack.runs.slice(runs)).toHaveLength(5);
  });
});

describe('Slack message shortcut and unfurls against the lookup rate limit and failures', () => {
  it('counts unfurls against the same LOOKUP_RATE_LIMIT as /kyc: links posted do not buy a second allowance', async () => {
    const slack = await startSlackHarness({
      allowedChannels: [CHANNEL],
      makeRunCommand: (commands) => createRunCommand({ providers: commands.providers, settings: { timeZone: 'Europe/Moscow', sandbox: true }, lookupsPerMinute: 2 }),
    });
    try {
      await slack.app.start();
      const [first, second] = slack.commands.sandbox.data.stripeSessions;
      const link = (id: string) => ({ domain: 'dashboard.stripe.com', url: `https://dashboard.stripe.com/identity/verification-sessions/${id}` });
      // Two links in one message: the viewer's two lookups of the minute.
      const ack = await slack.event(
        { type: 'link_shared', channel: CHANNEL, user: OPERATOR, message_ts: '1700000000.001000', source: 'conversations_history', links: [link(first!.id), link(second!.id)] },
        { teamId: 'T0001' },
      );
      expect(ack.status).toBe(200);
      const unfurl = await waitFor(() => slack.fake.unfurls()[0], { message: 'the two links unfurled' });
      expect(Object.keys(unfurl.unfurls)).toHaveLength(2);
      expect(slack.runs.map((run) => run.caller.workspaceId)).toEqual(['T0001', 'T0001']);
      // The same person's /kyc in the same workspace is the third lookup of the minute.
      await slack.command({ command: '/kyc', text: first!.id, userId: OPERATOR, channelId: CHANNEL, teamId: 'T0001', responseId: 'limited' });
      const [answer] = await slack.fake.waitForResponses(1, 10_000, 'limited');
      expect(JSON.stringify(answer!.body)).toContain('Too many lookups in a minute');
      expect(headerOf(answer!.body)).not.toBe(`Stripe Identity session ${first!.id}`);
    } finally {
      await slack.close();
    }
  });

  it('answers every id of a message when one lookup fails outright: the others still get their cards', async () => {
    const slack = await startSlackHarness({
      allowedChannels: [CHANNEL],
      makeRunCommand: (commands) => async (line, caller) => {
        if (line.startsWith('/check')) throw new Error('dispatcher broke its promise');
        return commands.runCommand(line, caller);
      },
    });
    try {
      await slack.app.start();
      slack.fake.setMemberships(OPERATOR, [CHANNEL]);
      const check = slack.commands.sandbox.data.checks[0]!;
      const session = slack.commands.sandbox.data.sessions[0]!;
      const ack = await slack.shortcut({ callbackId: 'kd_lookup', text: `check ${check.id} and ${session.id}`, userId: OPERATOR, channelId: CHANNEL, responseId: 'half' });
      expect(ack.status).toBe(200);
      const [failed, card] = await slack.fake.waitForResponses(2, 10_000, 'half');
      expect(JSON.stringify(failed!.body)).toContain('Try again in a minute');
      expect(headerOf(card!.body)).toBe(`Love&Pay KYC session ${session.id.slice(0, 8)}`);
    } finally {
      await slack.close();
    }
  });
});
