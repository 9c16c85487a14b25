/**
 * The App Home and its Look up modal over real HTTP, as Slack drives them:
 * signed `app_home_opened` events and view interactions to Bolt's receiver,
 * views.publish / views.open / views.update caught by the fake Web API, the
 * real dispatcher over the sandbox emulators, and the review queue,
 * subscriptions and alerts in the harness's store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOverview } from '../../../src/commands/overview.js';
import { createReviewHandlers } from '../../../src/commands/review.js';
import { createRunCommand } from '../../../src/commands/run-command.js';
import { stripeDecline } from '../../support/alert-events.js';
import { rateLimited } from '../../support/fake-slack.js';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.js';
import { waitFor } from '../../support/wait-for.js';

const OPERATOR = 'UOPER001';
const ADMIN = 'UADMIN01';
const OUTSIDER = 'UOUT0001';
const CHANNEL = 'CKYC0001';
const QUIET_CHANNEL = 'CKYC0002';
const NOW = new Date();

type View = Record<string, unknown> & { blocks: Array<Record<string, unknown>>; private_metadata: string; type: string };

/** Every text a view shows: headers, sections, fields, context lines, buttons, inputs. */
function textOf(value: unknown): string {
  const texts = (inner: unknown): string[] => {
    if (Array.isArray(inner)) return inner.flatMap(texts);
    if (!inner || typeof inner !== 'object') return [];
    return Object.entries(inner as Record<string, unknown>).flatMap(([key, part]) => (key === 'text' && typeof part === 'string' ? [part] : texts(part)));
  };
  return texts(value).join('\n');
}

/** The buttons of a view: label, value and action_id. */
function buttonsOf(view: View): Array<{ label: string; value: unknown; actionId: string }> {
  return view.blocks.flatMap((block) => {
    const elements = block.type === 'actions' ? (block.elements as Array<Record<string, unknown>>) : block.accessory ? [block.accessory as Record<string, unknown>] : [];
    return elements.map((element) => ({ label: (element.text as { text?: string } | undefined)?.text ?? '', value: element.value, actionId: String(element.action_id) }));
  });
}

describe('Slack App Home', () => {
  let slack: SlackHarness;
  /** What the audit log was told of refusals. */
  const refusals: Array<{ line: string; userId: string }> = [];

  async function openHome(userId: string, dm = `D${userId.slice(1)}`): Promise<View> {
    const before = slack.fake.published(userId).length;
    const ack = await slack.event({ type: 'app_home_opened', user: userId, channel: dm, tab: 'home' });
    expect(ack.status).toBe(200);
    const published = await waitFor(() => slack.fake.published(userId)[before], { message: `a Home published for ${userId}` });
    return published.view as View;
  }

  beforeAll(async () => {
    slack = await startSlackHarness({
      admins: [ADMIN],
      allowedChannels: [CHANNEL, QUIET_CHANNEL],
      homeRefresh: { minIntervalMs: 200, spacingMs: 20 },
      onRefused: (line, caller) => void refusals.push({ line, userId: caller.userId }),
      // The queue and the review actions need the store, as the app wires them.
      makeRunCommand: (commands) =>
        createRunCommand({
          providers: commands.providers,
          settings: { timeZone: 'Europe/Moscow', sandbox: true },
          index: commands.store,
          handlers: createReviewHandlers({ store: commands.store }),
        }),
      makeOverview: (commands) =>
        createOverview({ store: commands.store, settings: { timeZone: 'Europe/Moscow', sandbox: true, references: { stripe: 'email' } } }),
    });
    await slack.app.start();
    const store = slack.commands.store;
    await store.subscribe({ chat: { platform: 'slack', chatId: CHANNEL }, outcomes: ['DECLINED'], providers: ['stripe'], source: 'command', createdBy: ADMIN, now: NOW });
    // An admin's own direct message gets alerts too: a person's, never listed in anyone's Home.
    await store.subscribe({ chat: { platform: 'slack', chatId: 'DADMIN01' }, outcomes: ['APPROVED'], providers: ['stripe'], source: 'command', createdBy: ADMIN, now: NOW });
    await store.commitObservations({
      observations: ['vs_1HomeTaken', 'vs_2HomeOpen'].map((objectId) => ({ provider: 'stripe' as const, objectId, outcome: 'DECLINED' as const, native: 'requires_input', event: stripeDecline(objectId, NOW) })),
      announce: true,
      now: NOW,
    });
    await store.applyReview({ provider: 'stripe', objectId: 'vs_1HomeTaken', action: 'take', by: { platform: 'slack', userId: OPERATOR, name: 'operator' }, now: NOW });
    slack.fake.setMemberships(OPERATOR, ['CGENERAL', CHANNEL]);
    slack.fake.setMemberships(ADMIN, [CHANNEL]);
    slack.fake.setMemberships(OUTSIDER, ['CGENERAL']);
  });

  afterAll(async () => {
    await slack.close();
  });

  it("publishes the opener's Home with their taken items, the queue, each allowed channel's subscriptions and the latest alerts, masked for a viewer", async () => {
    const view = await openHome(OPERATOR);
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = textOf(view.blocks);
    const headers = view.blocks.filter((block) => block.type === 'header').map((block) => textOf(block));
    expect(headers).toEqual(['KYC Desk', 'Taken by you', 'Review queue: open declines, oldest first', 'Alert subscriptions', 'Latest alerts']);
    // Taken by the opener, then the whole queue oldest first, with who reviews what.
    const taken = text.indexOf('Taken by you');
    const queue = text.indexOf('Review queue');
    expect(text.slice(taken, queue)).toContain('Stripe Identity session vs_1HomeTaken');
    expect(text.slice(taken, queue)).not.toContain('vs_2HomeOpen');
    const queued = text.slice(queue, text.indexOf('Alert subscriptions'));
    expect(queued.indexOf('vs_1HomeTaken')).toBeLessThan(queued.indexOf('vs_2HomeOpen'));
    expect(queued).toContain('reviewing: @operator');
    // Both allowed channels, with their filters; the one without alerts says so.
    expect(text).toContain(`Channel ${CHANNEL}`);
    expect(text).toContain('declined from Stripe Identity');
    expect(text).toContain(`Channel ${QUIET_CHANNEL}`);
    expect(text).toContain('No alerts.');
    expect(text).not.toContain('DADMIN01');
    // The latest alerts, with the error in words and the customer reference masked for a viewer.
    expect(text).toContain('the document has expired');
    expect(text).toContain('o***@example.com');
    expect(JSON.stringify(view)).not.toContain('olga.petrova@example.com');
    expect(text).toContain('Personal data is masked here');
    expect(text).not.toContain('Unmasked personal data');
    expect(buttonsOf(view).slice(0, 3).map((button) => button.label)).toEqual(['Look up', 'Open queue', 'Stats']);
    // Every button answers inside a view, never as a message button.
    expect(buttonsOf(view).every((button) => button.actionId.startsWith('kd_view:'))).toBe(true);
  });

  it('shows an admin the same Home with what the bot keeps about people in full, and says so', async () => {
    const view = await openHome(ADMIN);
    const text = textOf(view.blocks);
    expect(text).toContain('olga.petrova@example.com');
    expect(text).toContain('You are an admin');
    expect(text).toContain('Unmasked personal data: only you can see this answer.');
    expect(text).toContain('You are not reviewing any decline.');
  });

  it('shows someone outside every allowed channel the explanation and nothing else', async () => {
    const view = await openHome(OUTSIDER);
    expect(view.blocks).toHaveLength(2);
    expect(textOf(view.blocks)).toContain('SLACK_ALLOWED_CHANNELS');
    expect(JSON.stringify(view)).not.toMatch(/vs_|CKYC|Look up/);
    expect(buttonsOf(view)).toEqual([]);
  });

  // How often at most, per person, is home-refresh.test.ts's, on virtual time.
  it('publishes an open Home again when what it shows changes, with the change in it', async () => {
    await openHome(OPERATOR);
    const published = slack.fake.published(OPERATOR).length;
    await slack.commands.store.applyReview({ provider: 'stripe', objectId: 'vs_2HomeOpen', action: 'take', by: { platform: 'slack', userId: OPERATOR, name: 'operator' }, now: NOW });
    try {
      slack.app.stateChanged?.();
      const again = await waitFor(() => slack.fake.published(OPERATOR)[published], { message: 'the Home published again' });
      const text = textOf((again.view as View).blocks);
      expect(text.slice(text.indexOf('Taken by you'), text.indexOf('Review queue'))).toContain('vs_2HomeOpen');
    } finally {
      await slack.commands.store.applyReview({ provider: 'stripe', objectId: 'vs_2HomeOpen', action: 'reopen', by: { platform: 'slack', userId: OPERATOR, name: 'operator' }, now: NOW });
    }
  });

  it('opens the Look up modal from the Home, runs the submitted command as the viewer and puts the answer in the modal', async () => {
    const home = await openHome(OPERATOR);
    const lookUp = buttonsOf(home).find((button) => button.label === 'Look up')!;
    const opened = slack.fake.views().length;
    expect((await slack.viewClick({ view: home, actionId: lookUp.actionId, value: String(lookUp.value), userId: OPERATOR })).status).toBe(200);
    const modal = (await waitFor(() => slack.fake.views()[opened])) as View;
    expect(modal).toMatchObject({ type: 'modal', callback_id: 'kd_lookup_view', title: { text: 'Look up' }, submit: { text: 'Run' } });
    const input = modal.blocks.find((block) => block.type === 'input')!;

    const session = slack.commands.sandbox.data.sessions.find((candidate) => candidate.status === 'APPROVED')!;
    const ack = await slack.submitView({
      view: { ...modal, id: 'V0LOOKUP' },
      values: { [String(input.block_id)]: { line: { type: 'plain_text_input', value: `/kyc ${session.id}` } } },
      userId: OPERATOR,
    });
    // The modal says the line runs at once, and the answer replaces it when it is ready.
    expect(JSON.parse(ack.body)).toMatchObject({ response_action: 'update', view: { callback_id: 'kd_lookup_view' } });
    expect(textOf(JSON.parse(ack.body).view.blocks)).toContain(`Running \`/kyc ${session.id}\``);
    const updated = await waitFor(() => slack.fake.updatedViews('V0LOOKUP')[0]);
    const text = textOf(updated.view.blocks);
    expect(text).toContain(`Love&Pay KYC session ${session.id.slice(0, 8)}`);
    expect(text).toContain('APPROVED');
    expect(text).toContain(`Runs as if typed in <#${CHANNEL}>`);
    expect(JSON.stringify(updated.view)).not.toContain(session.customerPhone);
    // As the viewer, in the allowed channel they belong to.
    expect(slack.runs.at(-1)).toMatchObject({ line: `/kyc ${session.id}`, caller: { userId: OPERATOR, chatId: CHANNEL, isAdmin: false } });
    // The input keeps the line for the next one.
    const kept = (updated.view.blocks as Array<Record<string, unknown>>).find((block) => block.type === 'input')!;
    expect(kept.element).toMatchObject({ initial_value: `/kyc ${session.id}` });
  });

  it("runs a Home button's line in a modal: Open queue opens the queue", async () => {
    const home = await openHome(OPERATOR);
    const queue = buttonsOf(home).find((button) => button.label === 'Open queue')!;
    const opened = slack.fake.views().length;
    const updated = slack.fake.updatedViews().length;
    await slack.viewClick({ view: home, actionId: queue.actionId, value: String(queue.value), userId: OPERATOR });
    expect(textOf((await waitFor(() => slack.fake.views()[opened]) as View).blocks)).toContain('Running `/kyc queue`');
    const answer = await waitFor(() => slack.fake.updatedViews()[updated]);
    expect(textOf(answer.view.blocks)).toContain('Review queue: open declines, oldest first');
    expect(slack.runs.at(-1)).toMatchObject({ line: '/kyc queue', caller: { userId: OPERATOR, chatId: CHANNEL } });
  });

  it("refuses a view someone else's Home made, or one whose metadata was altered, and runs nothing", async () => {
    const home = await openHome(OPERATOR);
    const runs = slack.runs.length;
    const refused = refusals.length;
    const queue = buttonsOf(home).find((button) => button.label === 'Open queue')!;
    await slack.viewClick({ view: home, actionId: queue.actionId, value: String(queue.value), userId: OUTSIDER });
    const forged = { ...home, private_metadata: home.private_metadata.replace(OPERATOR, OUTSIDER) };
    await slack.viewClick({ view: forged, actionId: queue.actionId, value: String(queue.value), userId: OUTSIDER });
    const ack = await slack.submitView({
      view: { type: 'modal', callback_id: 'kd_lookup_view', private_metadata: forged.private_metadata, blocks: [{ type: 'input', block_id: 'line:x' }] },
      values: { 'line:x': { line: { type: 'plain_text_input', value: '/kyc queue' } } },
      userId: OUTSIDER,
    });
    expect(JSON.parse(ack.body)).toMatchObject({ response_action: 'errors', errors: { 'line:x': expect.stringContaining('made for someone else') } });
    // Audited as refusals, as a command outside the allowed channels is: the click and the submission.
    expect(refusals.slice(-3)).toEqual([
      { line: '/kyc queue', userId: OUTSIDER },
      { line: '/kyc queue', userId: OUTSIDER },
      { line: '/kyc queue', userId: OUTSIDER },
    ]);
    // The owner's own submission after them is answered; theirs ran nothing.
    const own = await slack.submitView({
      view: { type: 'modal', id: 'V0OWNER', callback_id: 'kd_lookup_view', private_metadata: home.private_metadata, blocks: [{ type: 'input', block_id: 'line:y' }] },
      values: { 'line:y': { line: { type: 'plain_text_input', value: '/kyc queue' } } },
      userId: OPERATOR,
    });
    expect(own.status).toBe(200);
    await waitFor(() => slack.fake.updatedViews('V0OWNER')[0], { message: "the owner's submission answered" });
    expect(slack.runs.slice(runs)).toMatchObject([{ line: '/kyc queue', caller: { userId: OPERATOR } }]);
    expect(refusals).toHaveLength(refused + 3);
  });

  it("refuses a genuine, unaltered Look up modal submitted with another person's user id, audited, running nothing", async () => {
    const home = await openHome(OPERATOR);
    const lookUp = buttonsOf(home).find((button) => button.label === 'Look up')!;
    const opened = slack.fake.views().length;
    // A view id of its own: the same click body twice within a second would be refused as a replay.
    await slack.viewClick({ view: home, viewId: 'V0HOMENY', actionId: lookUp.actionId, value: String(lookUp.value), userId: OPERATOR });
    const modal = (await waitFor(() => slack.fake.views()[opened])) as View;
    const input = String(modal.blocks.find((block) => block.type === 'input')!.block_id);
    const runs = slack.runs.length;
    // The operator's very modal, as Slack made it, submitted as the admin: a member too, and still not theirs.
    const ack = await slack.submitView({
      view: { ...modal, id: 'V0NOTYOURS' },
      values: { [input]: { line: { type: 'plain_text_input', value: '/kyc queue' } } },
      userId: ADMIN,
      userName: 'admin',
    });
    expect(JSON.parse(ack.body)).toMatchObject({ response_action: 'errors', errors: { [input]: expect.stringContaining('made for someone else') } });
    expect(refusals.at(-1)).toEqual({ line: '/kyc queue', userId: ADMIN });
    expect(slack.runs).toHaveLength(runs);
    expect(slack.fake.updatedViews('V0NOTYOURS')).toEqual([]);
  });

  it('refuses a command line longer than the input takes, whatever the request says, and runs nothing', async () => {
    const home = await openHome(OPERATOR);
    const runs = slack.runs.length;
    const ack = await slack.submitView({
      view: { type: 'modal', id: 'V0LONG', callback_id: 'kd_lookup_view', private_metadata: home.private_metadata, blocks: [{ type: 'input', block_id: 'line:long' }] },
      values: { 'line:long': { line: { type: 'plain_text_input', value: `/customer ${'a'.repeat(5_000)}` } } },
      userId: OPERATOR,
    });
    expect(JSON.parse(ack.body)).toMatchObject({ response_action: 'errors', errors: { 'line:long': 'A command line is at most 1000 characters.' } });
    expect(slack.runs).toHaveLength(runs);
  });

  it('tells a member Slack cannot place just now to try again, in the Home and the modal, refusing nothing', async () => {
    const NEWCOMER = 'UNEW0001';
    slack.fake.setMemberships(NEWCOMER, [CHANNEL]);
    slack.fake.answerAlways('users.conversations', rateLimited(30));
    const refused = refusals.length;
    const runs = slack.runs.length;
    try {
      const home = await openHome(NEWCOMER);
      const text = textOf(home.blocks);
      expect(text).toContain('The overview could not be prepared just now');
      expect(text).not.toContain('SLACK_ALLOWED_CHANNELS');
      // Their own modal (the Home's metadata is theirs), submitted while Slack still fails.
      const ack = await slack.submitView({
        view: { type: 'modal', id: 'V0UNKNOWN', callback_id: 'kd_lookup_view', private_metadata: home.private_metadata, blocks: [{ type: 'input', block_id: 'line:u' }] },
        values: { 'line:u': { line: { type: 'plain_text_input', value: '/kyc queue' } } },
        userId: NEWCOMER,
      });
      expect(JSON.parse(ack.body)).toMatchObject({ response_action: 'update' });
      const updated = await waitFor(() => slack.fake.updatedViews('V0UNKNOWN')[0], { message: 'the modal answered' });
      expect(textOf(updated.view.blocks)).toContain('Try again in a minute');
      expect(textOf(updated.view.blocks)).not.toContain('SLACK_ALLOWED_CHANNELS');
      expect(refusals).toHaveLength(refused);
      expect(slack.runs).toHaveLength(runs);
    } finally {
      slack.fake.answerNormally('users.conversations');
    }
    // Nothing of the failure was kept: once Slack answers, they get their Home.
    expect(textOf((await openHome(NEWCOMER)).blocks)).toContain('Review queue');
  });
});

describe('Slack App Home when the store fails', () => {
  it('tells the opener the overview could not be prepared and what to do, showing nothing else', async () => {
    const slack = await startSlackHarness({
      allowedChannels: [CHANNEL],
      homeRefresh: { spacingMs: 0 },
      makeOverview: () => async () => {
        throw new Error('database is down');
      },
    });
    try {
      await slack.app.start();
      slack.fake.setMemberships(OPERATOR, [CHANNEL]);
      expect((await slack.event({ type: 'app_home_opened', user: OPERATOR, channel: 'DOPER001', tab: 'home' })).status).toBe(200);
      const { view } = await waitFor(() => slack.fake.published(OPERATOR)[0], { message: 'a Home published' });
      const text = textOf((view as View).blocks);
      expect(text).toContain('The overview could not be prepared just now');
      expect(text).not.toContain('database is down');
      expect(buttonsOf(view as View)).toEqual([]);
    } finally {
      await slack.close();
    }
  });
});
