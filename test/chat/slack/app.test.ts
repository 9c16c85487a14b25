/**
 * The Slack app over real HTTP, as Slack drives it: signed slash commands and
 * button clicks to Bolt's receiver on the shared server, answers caught by the
 * fake response_url sink, the real dispatcher over the sandbox emulators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackActionRole, type SlackBlock } from '../../../src/chat/slack/render.js';
import { createRunCommand } from '../../../src/commands/run-command.js';
import { createFormatter } from '../../../src/present/format.js';
import { maskEmail, maskName, maskPhone } from '../../../src/present/mask.js';
import { createProviders } from '../../../src/providers/index.js';
import { providerSettings } from '../../support/command-harness.js';
import type { FakeSlackResponse } from '../../support/fake-slack.js';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.js';
import { waitFor } from '../../support/wait-for.js';

const ADMIN = 'UADMIN01';
const OPERATOR = 'UOPER001';
const format = createFormatter('en', 'Europe/Moscow');

interface Answer {
  body: Record<string, unknown>;
  blocks: SlackBlock[];
}

function answer(response: FakeSlackResponse): Answer {
  return { body: response.body, blocks: (response.body.blocks as SlackBlock[] | undefined) ?? [] };
}

/** Label -> value as shown in section fields ("*Label*\nvalue"). */
function fieldsOf({ blocks }: Answer): Record<string, string> {
  const entries = blocks.flatMap((block) => (block.type === 'section' ? (block.fields ?? []) : [])).map((field) => {
    const [label = '', ...value] = field.text.split('\n');
    return [label.replace(/^\*|\*$/g, ''), value.join('\n')] as const;
  });
  return Object.fromEntries(entries);
}

function headerOf({ blocks }: Answer): string | undefined {
  const header = blocks.find((block) => block.type === 'header');
  return header?.type === 'header' ? header.text.text : undefined;
}

function sectionTexts({ blocks }: Answer): string[] {
  return blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));
}

function contextTexts({ blocks }: Answer): string[] {
  return blocks.flatMap((block) => (block.type === 'context' ? block.elements.map((element) => element.text) : []));
}

/** Every button, and every option of a row's menu, as what it says and what it runs. */
function buttonsOf({ blocks }: Answer) {
  return blocks.flatMap((block) => {
    const elements = block.type === 'actions' ? block.elements : block.type === 'section' && block.accessory ? [block.accessory] : [];
    return elements.flatMap((element) =>
      element.type === 'overflow'
        ? element.options.map((option) => ({ label: option.text.text, value: option.value, url: undefined, role: slackActionRole(element.action_id) }))
        : [{ label: element.text.text, value: element.value, url: element.url, role: slackActionRole(element.action_id) }],
    );
  });
}

describe('Slack app over HTTP', () => {
  let slack: SlackHarness;
  let nextId = 0;
  const responseId = () => `t${nextId++}`;

  /** Sends a slash command and returns its answer, as Slack shows it (the ack's body, or a post to response_url). */
  async function run(command: string, text: string, userId = OPERATOR, channelId = 'CKYC0001'): Promise<Answer> {
    const id = responseId();
    const ack = await slack.command({ command, text, userId, channelId, responseId: id });
    expect(ack.status).toBe(200);
    const [response] = await slack.fake.waitForResponses(1, 10_000, id);
    return answer(response!);
  }

  async function click(actionId: string, value: string | undefined, userId = OPERATOR): Promise<FakeSlackResponse[]> {
    const id = responseId();
    const ack = await slack.click({ actionId, value, userId, channelId: 'CKYC0001', responseId: id });
    expect(ack.status).toBe(200);
    return slack.fake.waitForResponses(1, 10_000, id);
  }

  beforeAll(async () => {
    slack = await startSlackHarness({ admins: [ADMIN], allowedChannels: ['CKYC0001', 'CKYC0002'] });
    await slack.app.start();
  });

  afterAll(async () => {
    await slack.close();
  });

  it('serves POST /slack/events on the shared server and verifies the bot token at start', () => {
    expect(slack.app.routes.map((route) => `${route.method} ${route.path}`)).toEqual(['POST /slack/events']);
    expect(slack.app.commands).toEqual(['/kyc', '/customer', '/receipt', '/check']);
    expect(slack.fake.calls('auth.test').map((call) => call.token)).toEqual(['xoxb-test-bot-token']);
    expect(slack.app.isConnected()).toBe(true);
  });

  it('answers /kyc privately with counts per status, the newest sessions and a Next button', async () => {
    const sessions = slack.commands.sandbox.data.sessions;
    const approved = sessions.filter((session) => session.status === 'APPROVED').length;
    const reply = await run('/kyc', '');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(headerOf(reply)).toBe('Love&Pay KYC sessions');
    expect(fieldsOf(reply)['By status, all time']).toContain(`approved ${approved}`);
    const first = sessions[0]!;
    expect(sectionTexts(reply)[0]).toContain(`*${first.id.slice(0, 8)}*`);
    expect(sectionTexts(reply)[0]).toContain(maskPhone(first.customerPhone));
    const buttons = buttonsOf(reply);
    expect(buttons[0]).toEqual({ label: 'Details', value: `/kyc ${first.id}`, url: undefined, role: 'open' });
    expect(buttons).toContainEqual({ label: 'Next', value: '/kyc page:2', url: undefined, role: 'page' });
    expect(buttons).toContainEqual({ label: 'Share in channel', value: '/kyc', url: undefined, role: 'share' });
    // Counts say their window (issue 15).
    expect(contextTexts(reply)).toContain(`${sessions.length} sessions, all time`);
  });

  it('answers a slash command ready in time in its ack, so Slack shows it at once and response_url is not used', async () => {
    const session = slack.commands.sandbox.data.sessions[0]!;
    const ack = await slack.command({ command: '/kyc', text: session.id, userId: OPERATOR, channelId: 'CKYC0001', responseId: 'in-ack' });
    expect(ack.status).toBe(200);
    const shown = JSON.parse(ack.body) as Record<string, unknown>;
    expect(shown.response_type).toBe('ephemeral');
    expect(shown).not.toHaveProperty('replace_original');
    expect(JSON.stringify(shown.blocks)).toContain(`Love&Pay KYC session ${session.id.slice(0, 8)}`);
    expect(slack.fake.responses('in-ack').map((response) => response.via)).toEqual(['ack']);
  });

  it('answers /kyc <uuid> with the session, masked for an operator', async () => {
    const session = slack.commands.sandbox.data.sessions.find((candidate) => candidate.status === 'APPROVED')!;
    const reply = await run('/kyc', session.id);
    expect(headerOf(reply)).toBe(`Love&Pay KYC session ${session.id.slice(0, 8)}`);
    // A status said once (issue 15): Love&Pay's APPROVED is the outcome's own word.
    expect(sectionTexts(reply)[0]).toBe(':white_check_mark: *APPROVED*');
    const fields = fieldsOf(reply);
    expect(fields.ID).toBe(`\`${session.id}\``);
    expect(fields.Phone).toBe(maskPhone(session.customerPhone));
    expect(fields.Email).toBe(maskEmail(session.customerEmail));
    expect(JSON.stringify(reply.body)).not.toContain(session.customerPhone);
    expect(buttonsOf(reply)).toContainEqual({ label: 'Customer', value: `/customer ${session.customerId}`, url: undefined, role: 'open' });
  });

  it('shows an admin the unmasked session and says the answer is private', async () => {
    const session = slack.commands.sandbox.data.sessions.find((candidate) => candidate.status === 'APPROVED')!;
    const reply = await run('/kyc', session.id, ADMIN);
    expect(fieldsOf(reply).Phone).not.toBe(maskPhone(session.customerPhone));
    expect(contextTexts(reply)).toContain(':lock: Unmasked personal data: only you can see this answer.');
    expect(slack.runs.at(-1)?.caller).toMatchObject({ platform: 'slack', userId: ADMIN, chatId: 'CKYC0001', isAdmin: true, mayManageSubscriptions: true });
  });

  it('answers /kyc vs_... with the Stripe session, and its verification link to an admin only', async () => {
    const stripe = slack.commands.sandbox.data.stripeSessions.find((candidate) => candidate.status === 'requires_input' && candidate.url)!;
    const reply = await run('/kyc', stripe.id);
    expect(headerOf(reply)).toBe(`Stripe Identity session ${stripe.id}`);
    expect(fieldsOf(reply).ID).toBe(`\`${stripe.id}\``);
    expect(sectionTexts(reply)[0]).toContain(`\`${stripe.status}\``);
    expect(JSON.stringify(reply.body)).not.toContain(stripe.url!);
    const forAdmin = await run('/kyc', stripe.id, ADMIN);
    expect(buttonsOf(forAdmin)).toContainEqual(expect.objectContaining({ url: stripe.url, role: 'link' }));
  });

  it('answers /customer <uuid> with masked contacts and the payment count', async () => {
    const customer = slack.commands.sandbox.data.customers[0]!;
    const reply = await run('/customer', customer.id);
    expect(headerOf(reply)).toBe(`Customer ${maskName(customer.fullName)}`);
    const fields = fieldsOf(reply);
    expect(fields.Name).toBe(maskName(customer.fullName));
    expect(fields.Phone).toBe(maskPhone(customer.phone));
    expect(fields.Payments).toBe(String(customer.totalPayments));
    expect(fields['Total paid']).toBe(format.rubles(customer.totalAmount));
  });

  it('answers /customer <name> with matching customers, each with a detail button', async () => {
    const customer = slack.commands.sandbox.data.customers[0]!;
    const firstName = customer.fullName.split(' ')[0]!;
    const reply = await run('/customer', firstName);
    expect(headerOf(reply)).toBe(`Love&Pay customers: "${firstName}"`);
    expect(buttonsOf(reply)).toContainEqual({ label: 'Details', value: `/customer ${customer.id}`, url: undefined, role: 'open' });
  });

  it('answers /receipt <uuid> with amounts, bank, confidence, the invoice, and the image to an admin only', async () => {
    const receipt = slack.commands.sandbox.data.receipts.find((candidate) => candidate.status === 'APPROVED')!;
    const details = receipt.verificationDetails!;
    const reply = await run('/receipt', receipt.id);
    expect(headerOf(reply)).toBe(`Receipt ${receipt.id.slice(0, 8)}`);
    const fields = fieldsOf(reply);
    expect(fields['Verified amount']).toBe(format.rubles(receipt.verifiedAmount!));
    expect(fields.Bank).toBe(details.bank);
    expect(fields['OCR confidence']).toBe(format.percent(details.confidence));
    // The image shows the payer: a viewer does not get it.
    expect(JSON.stringify(reply.body)).not.toContain(receipt.imageUrl);
    expect(buttonsOf(reply)).toContainEqual({ label: 'Invoice sessions', value: `/kyc invoice ${receipt.invoiceId}`, url: undefined, role: 'open' });
    const forAdmin = await run('/receipt', receipt.id, ADMIN);
    expect(fieldsOf(forAdmin).Image).toBe(`<${receipt.imageUrl}|${receipt.imageUrl}>`);
    expect(buttonsOf(forAdmin)).toContainEqual({ label: 'Receipt image', value: undefined, url: receipt.imageUrl, role: 'link' });
  });

  it('answers /check <id> with the Bank 131 status and the error in words', async () => {
    const check = slack.commands.sandbox.data.checks.find((candidate) => candidate.status === 'error')!;
    const reply = await run('/check', check.id);
    expect(headerOf(reply)).toBe(`Bank 131 check ${check.id}`);
    expect(sectionTexts(reply)[0]).toBe(':x: *DECLINED* · `error`');
    expect(fieldsOf(reply).Error).toBe(`\`${check.errorCode}\``);
    expect(sectionTexts(reply).some((text) => text.startsWith(':no_entry: '))).toBe(true);
  });

  it('escapes a customer named <!channel> so nobody is pinged', async () => {
    const customer = slack.commands.sandbox.data.customers[2]!;
    slack.commands.sandbox.control.setCustomerName(customer.id, '<!channel> Хакер');
    const reply = await run('/customer', customer.id);
    expect(headerOf(reply)).toBe('Customer <!channel> Х.');
    expect(fieldsOf(reply).Name).toBe('&lt;!channel&gt; Х.');
    expect(JSON.stringify([reply.body.text, sectionTexts(reply), fieldsOf(reply), contextTexts(reply)])).not.toContain('<!channel>');
  });

  it('answers /kyc help with usage and examples', async () => {
    const reply = await run('/kyc', 'help');
    expect(headerOf(reply)).toBe('Help: /kyc');
    expect(sectionTexts(reply).join('\n')).toContain('/kyc approved');
  });

  it('pages a list when Next is clicked, replacing the message the button sits on', async () => {
    const sessions = slack.commands.sandbox.data.sessions;
    const [response] = await click('kd:page:0', '/kyc page:2');
    const reply = answer(response!);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(sectionTexts(reply)[0]).toContain(`*${sessions[10]!.id.slice(0, 8)}*`);
    expect(buttonsOf(reply)).toContainEqual({ label: 'Prev', value: '/kyc', url: undefined, role: 'page' });
    expect(contextTexts(reply)[0]).toMatch(/^Page 2 of \d+$/);
  });

  it('opens a detail as a new private message when a detail button is clicked', async () => {
    const customer = slack.commands.sandbox.data.customers[1]!;
    const [response] = await click('kd:open:3', `/customer ${customer.id}`);
    const reply = answer(response!);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(headerOf(reply)).toBe(`Customer ${maskName(customer.fullName)}`);
  });

  it("runs the command of the option picked from a row's menu (Customer)", async () => {
    const customer = slack.commands.sandbox.data.customers[2]!;
    const ack = await slack.click({ actionId: 'kd:open:4', value: `/customer ${customer.id}`, overflow: true, userId: OPERATOR, channelId: 'CKYC0001', responseId: 'menu-pick' });
    expect(ack.status).toBe(200);
    const [response] = await slack.fake.waitForResponses(1, 10_000, 'menu-pick');
    const reply = answer(response!);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(headerOf(reply)).toBe(`Customer ${maskName(customer.fullName)}`);
  });

  it('shares a masked copy in the channel, even when an admin shares it', async () => {
    const session = slack.commands.sandbox.data.sessions.find((candidate) => candidate.status === 'APPROVED')!;
    const [response] = await click('kd:share:9', `/kyc ${session.id}`, ADMIN);
    const reply = answer(response!);
    expect(reply.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(fieldsOf(reply).Phone).toBe(maskPhone(session.customerPhone));
    expect(JSON.stringify(reply.body)).not.toContain(session.customerPhone);
    expect(contextTexts(reply)).toContain(`Shared by <@${ADMIN}>`);
    expect(buttonsOf(reply).map((button) => button.role)).not.toContain('share');
    expect(slack.runs.at(-1)?.caller).toMatchObject({ userId: ADMIN, isAdmin: false, mayManageSubscriptions: false });
  });

  it("leaves the verification link and the receipt image out of a shared copy, even an admin's", async () => {
    const pending = slack.commands.sandbox.data.sessions.find((candidate) => candidate.status === 'IN_PROGRESS')!;
    const receipt = slack.commands.sandbox.data.receipts.find((candidate) => candidate.status === 'APPROVED')!;
    const [session] = await click('kd:share:2', `/kyc ${pending.id}`, ADMIN);
    const [image] = await click('kd:share:3', `/receipt ${receipt.id}`, ADMIN);
    expect(answer(session!).body).toMatchObject({ response_type: 'in_channel' });
    expect(JSON.stringify(answer(session!).body)).not.toContain(pending.verificationUrl);
    expect(answer(image!).body).toMatchObject({ response_type: 'in_channel' });
    expect(JSON.stringify(answer(image!).body)).not.toContain(receipt.imageUrl);
  });

  it('acknowledges a link button, and a button it does not know, and runs nothing', async () => {
    const before = slack.runs.length;
    const ack = await slack.click({ actionId: 'kd:link:0', userId: OPERATOR, channelId: 'CKYC0001', responseId: 'link-click' });
    expect(ack.status).toBe(200);
    const unknown = await slack.click({ actionId: 'approve_v0', value: '/kyc', userId: OPERATOR, responseId: 'link-click' });
    expect(unknown.status).toBe(200);
    expect(unknown.ms).toBeLessThan(1_000);
    // A later command is answered; by then the link click has long finished.
    await run('/kyc', 'help');
    expect(slack.runs.slice(before).map((entry) => entry.line)).toEqual(['/kyc help']);
    expect(slack.fake.responses('link-click')).toEqual([]);
  });

  it('refuses politely in a channel outside SLACK_ALLOWED_CHANNELS and runs nothing', async () => {
    const before = slack.runs.length;
    const ack = await slack.command({ command: '/kyc', text: '', userId: ADMIN, channelId: 'CRANDOM1', responseId: 'refused' });
    expect(ack.status).toBe(200);
    const responses = await slack.fake.waitForResponses(1, 5_000, 'refused');
    expect(responses).toHaveLength(1);
    // In the ack's own body (an immediate response): a new message, so nothing to replace.
    expect(responses[0]!.via).toBe('ack');
    expect(responses[0]!.body).toEqual({
      response_type: 'ephemeral',
      text: "KYC Desk is not enabled in this channel (`CRANDOM1`). To allow it, ask the bot's administrator to add `CRANDOM1` to `SLACK_ALLOWED_CHANNELS` (several ids are separated by commas) and restart the bot.",
    });
    expect(slack.runs.length).toBe(before);
  });

  it('rejects a forged signature with 401 and runs nothing', async () => {
    const before = slack.runs.length;
    slack.commands.sandbox.control.resetRequestCount();
    const ack = await slack.command({ command: '/kyc', text: '', responseId: 'forged' }, { secret: 'not-the-signing-secret' });
    expect(ack.status).toBe(401);
    expect(slack.runs.length).toBe(before);
    expect(slack.commands.sandbox.control.requestCount()).toBe(0);
    expect(slack.fake.responses('forged')).toEqual([]);
  });

  it('rejects a request signed more than five minutes ago with 401 and runs nothing', async () => {
    const before = slack.runs.length;
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const ack = await slack.command({ command: '/kyc', text: '', responseId: 'stale' }, { timestamp: sixMinutesAgo });
    expect(ack.status).toBe(401);
    expect(slack.runs.length).toBe(before);
    expect(slack.fake.responses('stale')).toEqual([]);
  });

  it('answers Slack\'s url_verification challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'challenge-3eZbrw1aBm2rZgRNFdxV' });
    const result = await slack.post(body, { contentType: 'application/json' });
    expect(result.status).toBe(200);
    expect(result.body).toContain('challenge-3eZbrw1aBm2rZgRNFdxV');
  });
});

describe('Slack app with a slow provider', () => {
  let slack: SlackHarness;
  let closeProviders = async () => {};

  beforeAll(async () => {
    slack = await startSlackHarness({
      allowedChannels: ['*'],
      // Provider clients whose timeout is above the emulator's latency, so the late answer is the real one.
      makeRunCommand: ({ sandbox }) => {
        const providers = createProviders(providerSettings(sandbox, { timeouts: { connectMs: 2_000, requestMs: 15_000 } }));
        closeProviders = () => providers.close();
        return createRunCommand({ providers, settings: { timeZone: 'Europe/Moscow', sandbox: true } });
      },
    });
  });

  afterAll(async () => {
    await slack.close();
    await closeProviders();
  });

  it('acknowledges within Slack\'s 3 seconds while the emulator takes 5 s, and answers afterwards through response_url', async () => {
    const { sandbox } = slack.commands;
    const check = sandbox.data.checks[0]!;
    sandbox.control.setLatency('all', 5_000);
    const ack = await slack.command({ command: '/check', text: check.id, responseId: 'slow' });
    expect(ack.status).toBe(200);
    // Not ready within answerInAckWithinMs: an empty ack, well inside Slack's deadline.
    expect(ack.body).toBe('');
    expect(ack.ms).toBeLessThan(3_000);
    expect(slack.fake.responses('slow')).toEqual([]);
    const [response] = await slack.fake.waitForResponses(1, 15_000, 'slow');
    expect(response!.via).toBe('response_url');
    expect(response!.at - ack.at).toBeGreaterThan(2_000);
    expect(headerOf(answer(response!))).toBe(`Bank 131 check ${check.id}`);
  }, 25_000);
});
