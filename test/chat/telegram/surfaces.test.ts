/**
 * Telegram's equivalents of Slack's App Home and message shortcut (issue 19),
 * through the fake Bot API: /start in a private chat shows the overview
 * (taken items, the open queue, each allowed chat's subscriptions), and a
 * forwarded message gets a card for each id in it, as the shortcut gives.
 * Real grammY and runner, the real dispatcher over the sandbox emulators.
 */
import type { MessageEntity, Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTelegram } from '../../../src/chat/telegram/render.js';
import { createOverview } from '../../../src/commands/overview.js';
import type { Caller } from '../../../src/domain/chat.js';
import { maskPhone } from '../../../src/present/mask.js';
import { openStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { stripeDecline } from '../../support/alert-events.js';
import type { FakeMessage, FakeUser } from '../../support/fake-telegram.js';
import { startTelegramHarness, type TelegramHarness } from '../../support/telegram-harness.js';
import { waitFor } from '../../support/wait-for.js';

const ADMIN = 1001;
const VIEWER = 2002;
const GROUP = -100200;
/** An allowed group that gets no alerts. */
const QUIET_GROUP = -100300;
const STRANGER = 3003;
const NOW = new Date();

let h: TelegramHarness;
/** The store the overview reads (the queue, subscriptions), seeded below. */
let overviewStore: Store;
const refused: string[] = [];

beforeAll(async () => {
  overviewStore = await openStore('file::memory:');
  await overviewStore.subscribe({
    chat: { platform: 'telegram', chatId: String(GROUP) },
    outcomes: ['DECLINED'],
    providers: ['stripe'],
    source: 'command',
    createdBy: String(ADMIN),
    now: NOW,
  });
  // An admin gets alerts in their private chat too: that chat is a person (a Telegram user id), never listed.
  await overviewStore.subscribe({
    chat: { platform: 'telegram', chatId: String(ADMIN) },
    outcomes: ['APPROVED'],
    providers: ['stripe'],
    source: 'command',
    createdBy: String(ADMIN),
    now: NOW,
  });
  await overviewStore.commitObservations({
    observations: ['vs_1TgTaken', 'vs_2TgOpen'].map((objectId) => ({ provider: 'stripe' as const, objectId, outcome: 'DECLINED' as const, native: 'requires_input', event: stripeDecline(objectId, NOW) })),
    announce: true,
    now: NOW,
  });
  await overviewStore.applyReview({ provider: 'stripe', objectId: 'vs_1TgTaken', action: 'take', by: { platform: 'telegram', userId: String(VIEWER), name: 'Vera' }, now: NOW });
  h = await startTelegramHarness({
    allowedChats: [String(ADMIN), String(VIEWER), String(GROUP), String(QUIET_GROUP)],
    admins: [String(ADMIN)],
    overview: createOverview({ store: overviewStore, settings: { timeZone: 'Europe/Moscow', sandbox: true, references: { stripe: 'email' } } }),
    onRefused: (line) => void refused.push(line),
  });
});

afterAll(async () => {
  await h.close();
  await overviewStore.close();
});

/** Waits until the chat holds `count` bot messages more than `before`, and returns those. */
async function newMessages(chatId: number, before: number, count: number): Promise<FakeMessage[]> {
  return waitFor(
    () => {
      const found = h.fake.messages(chatId);
      return found.length >= before + count ? found.slice(before) : undefined;
    },
    { message: `${count} new messages in chat ${chatId}` },
  );
}

/** A message forwarded to the bot, as Telegram delivers it: forward_origin set, links behind words in entities. */
function forward(text: string, from: FakeUser, entities?: MessageEntity[]): void {
  const { message } = h.fake.textUpdate(text, from) as Update & { message: NonNullable<Update['message']> };
  h.fake.pushUpdate({
    message: {
      ...message,
      entities: entities ?? [],
      forward_origin: { type: 'hidden_user', sender_user_name: 'A customer', date: Math.floor(NOW.getTime() / 1000) - 60 },
    },
  } as Omit<Update, 'update_id'>);
}

const viewerCaller: Caller = { platform: 'telegram', chatId: String(VIEWER), userId: String(VIEWER), isAdmin: false, mayManageSubscriptions: false, locale: 'en' };

describe('Telegram /start overview', () => {
  it('shows a viewer in a private chat what they took, the open queue oldest first and each allowed chat’s subscriptions, masked', async () => {
    const before = h.fake.messages(VIEWER).length;
    const runs = h.runs.length;
    h.fake.sendText('/start', { userId: VIEWER, firstName: 'Vera' });
    const [head, mine, queue, subscriptions] = (await newMessages(VIEWER, before, 4)).map((message) => message.text);
    expect(head).toContain('<b>KYC Desk</b>');
    expect(head).toContain('Personal data is masked here');
    expect(mine).toContain('<b>Taken by you</b>');
    expect(mine).toContain('vs_1TgTaken');
    expect(mine).not.toContain('vs_2TgOpen');
    expect(queue).toContain('Review queue');
    expect(queue!.indexOf('vs_1TgTaken')).toBeLessThan(queue!.indexOf('vs_2TgOpen'));
    expect(queue).toContain('reviewing: @Vera');
    expect(subscriptions).toContain('Alert subscriptions');
    expect(subscriptions).toContain(`Chat ${GROUP}`);
    expect(subscriptions).toContain('declined from Stripe Identity');
    expect(subscriptions).toContain(`Chat ${QUIET_GROUP}`);
    expect(subscriptions).toContain('No alerts.');
    // Allowed private chats are people: none is listed, not even the admin's that gets alerts.
    expect(subscriptions).not.toContain(`Chat ${ADMIN}`);
    expect(subscriptions).not.toContain(`Chat ${VIEWER}`);
    // Nothing personal in any of it for a viewer; no command ran (the overview reads the store only).
    for (const message of h.fake.messages(VIEWER).slice(before)) expect(message.text).not.toContain('olga.petrova@example.com');
    expect(h.runs).toHaveLength(runs);
    // The head's buttons open the whole queue and the stats.
    const buttons = h.fake.messages(VIEWER)[before]!.replyMarkup?.inline_keyboard.flat().map((button) => button.text);
    expect(buttons).toEqual(expect.arrayContaining(['Open queue', 'Stats']));
  });

  it('tells an admin in a private chat that what the bot keeps shows unmasked to them, in their language', async () => {
    const before = h.fake.messages(ADMIN).length;
    h.fake.sendText('/start', { userId: ADMIN, languageCode: 'ru' });
    const [head, mine] = (await newMessages(ADMIN, before, 4)).map((message) => message.text);
    expect(head).toContain('Вы администратор');
    expect(mine).toContain('Вы не разбираете ни одного отказа.');
  });

  it('shows the usage, not the overview, in a group', async () => {
    const before = h.fake.messages(GROUP).length;
    h.fake.sendText('/start', { userId: VIEWER, chatId: GROUP });
    const [help] = await newMessages(GROUP, before, 1);
    expect(help!.text).toContain('Help: /kyc');
    expect(help!.text).not.toContain('Taken by you');
  });

  it('says the overview could not be prepared when the store fails, and shows nothing else', async () => {
    const failing = await startTelegramHarness({
      allowedChats: [String(VIEWER)],
      overview: async () => {
        throw new Error('database is down');
      },
    });
    try {
      failing.fake.sendText('/start', { userId: VIEWER });
      const message = await waitFor(() => failing.fake.messages(VIEWER)[0], { message: 'an answer to /start' });
      expect(message.text).toContain('Something went wrong');
      expect(message.text).not.toContain('database is down');
    } finally {
      await failing.close();
    }
  });

  it('refuses a private chat that is not allowed, showing nothing of the overview', async () => {
    h.fake.sendText('/start', { userId: STRANGER });
    const [refusal] = await newMessages(STRANGER, 0, 1);
    expect(refusal!.text).toContain(String(STRANGER));
    expect(refusal!.text).toContain('TELEGRAM_ALLOWED_CHATS');
    expect(refusal!.text).not.toMatch(/vs_|Taken by you/);
    expect(refused).toContain('/start');
  });
});

describe('Telegram forwarded messages', () => {
  it('answers a forwarded message with the card of each of its two ids, as the forwarder sees them', async () => {
    const data = h.commands.sandbox.data;
    const session = data.sessions.find((candidate) => candidate.status === 'APPROVED')!;
    const stripe = data.stripeSessions.find((candidate) => candidate.status === 'verified')!;
    const text = `Can someone check ${session.id}? Stripe says this.`;
    const url = `https://dashboard.stripe.com/test/identity/verification-sessions/${stripe.id}`;
    const before = h.fake.messages(VIEWER).length;
    const runs = h.runs.length;
    // "this" links to the dashboard: the URL sits in a text_link entity, not in the text.
    forward(text, { userId: VIEWER }, [{ type: 'text_link', offset: text.indexOf('this'), length: 4, url }]);
    const [first, second] = await newMessages(VIEWER, before, 2);
    expect(h.runs.slice(runs)).toMatchObject([
      { line: `/kyc ${session.id}`, caller: { userId: String(VIEWER), chatId: String(VIEWER), isAdmin: false } },
      { line: `/kyc ${stripe.id}`, caller: { userId: String(VIEWER), isAdmin: false } },
    ]);
    expect(first!.text).toContain(`<b>Love&amp;Pay KYC session ${session.id.slice(0, 8)}</b>`);
    expect(first!.text).toContain(maskPhone(session.customerPhone));
    expect(first!.text).not.toContain(session.customerPhone);
    expect(second!.text).toContain(`Stripe Identity session ${stripe.id}`);
    // The very cards the commands give.
    const expected = renderTelegram(await h.commands.runCommand(`/kyc ${session.id}`, viewerCaller), 'en').chunks[0];
    expect(first!.text).toBe(expected);
  });

  it('gives five cards at most, the last saying how many more the message named', async () => {
    const checks = h.commands.sandbox.data.checks.slice(0, 7).map((check) => `check ${check.id}`);
    const before = h.fake.messages(VIEWER).length;
    const runs = h.runs.length;
    forward(checks.join(', '), { userId: VIEWER });
    const cards = await newMessages(VIEWER, before, 5);
    expect(cards[4]!.text).toContain('… and 2 more in this message');
    expect(h.runs.slice(runs).map((run) => run.line)).toEqual(checks.slice(0, 5).map((mention) => `/${mention}`));
  });

  it('says so in a private chat when a forwarded message names no id, and stays quiet about one in a group', async () => {
    const runs = h.runs.length;
    const before = h.fake.messages(VIEWER).length;
    forward('lunch at 1?', { userId: VIEWER });
    const [answer] = await newMessages(VIEWER, before, 1);
    expect(answer!.text).toContain('No Love&amp;Pay id, Stripe vs_… id');
    expect(h.runs).toHaveLength(runs);
    // A chat's updates are handled in order (sequentialize): once /kyc help after it is answered, the forward was handled too.
    const inGroup = h.fake.messages(GROUP).length;
    forward('lunch at 1?', { userId: VIEWER, chatId: GROUP });
    h.fake.sendText('/kyc help', { userId: VIEWER, chatId: GROUP });
    const [help] = await newMessages(GROUP, inGroup, 1);
    expect(help!.text).toContain('Help: /kyc');
    expect(h.fake.messages(GROUP)).toHaveLength(inGroup + 1);
  });

  it('refuses a forwarded message in a chat that is not allowed, looking nothing up and recording no text of it', async () => {
    const session = h.commands.sandbox.data.sessions[0]!;
    const runs = h.runs.length;
    const stranger = 4004;
    forward(`call +79161234567 about ${session.id}`, { userId: stranger });
    const [refusal] = await newMessages(stranger, 0, 1);
    expect(refusal!.text).toContain('TELEGRAM_ALLOWED_CHATS');
    expect(h.runs).toHaveLength(runs);
    // The audit log gets the lookup the message asked for, never the message itself.
    expect(refused.at(-1)).toBe(`/kyc ${session.id}`);
  });
});
