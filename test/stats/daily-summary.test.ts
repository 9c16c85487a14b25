/**
 * The daily summary (issue 18): `/kyc summary daily 09:00` posts the day
 * before's stats into the chat at that time, on an injected clock; exactly
 * once a day across a restart and with two replicas on one database, since
 * each day's summary is one outbox row; and one missed while the bot was
 * down is posted when it starts, that same day only. Delivered through the
 * real senders to the fake Slack (chat.postMessage, then the chart through
 * files.getUploadURLExternal + files.completeUploadExternal) and the fake
 * Telegram (sendMessage, then sendPhoto). Two replicas run on SQLite and on
 * PostgreSQL when a server is at hand.
 */
import { Api } from 'grammy';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { queueDueSummaries } from '../../src/alerts/daily-summaries.js';
import type { Alerts, AlertsOptions } from '../../src/alerts/index.js';
import { createTelegramSender } from '../../src/chat/telegram/telegram-sender.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import { createStatsHandlers } from '../../src/commands/stats.js';
import type { ChatRef } from '../../src/domain/chat.js';
import type { VerificationRecord } from '../../src/domain/verification.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { slackError, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { decodePng } from '../support/png.js';
import { testPostgres } from '../support/postgres.js';
import { waitFor } from '../support/wait-for.js';
import { startAlertsHarness, type AlertsHarness } from '../alerts/helpers/harness.js';
import { realSlackSender } from '../alerts/helpers/slack.js';
import { virtualClock } from '../alerts/helpers/virtual-clock.js';

const CHANNEL: ChatRef = { platform: 'slack', chatId: 'C0DAILY' };
const ZONE = 'Europe/Moscow';
/** 09:00 in Moscow (UTC+3) on 8 March 2025: the summary of 7 March is due. */
const DUE = new Date('2025-03-08T06:00:00Z');
const MIN = 60_000;
const later = (ms: number) => new Date(DUE.getTime() + ms);

/** 7 March in Moscow: two approvals and a Stripe decline; one approval on 6 March that the summary leaves out. */
function history(): VerificationRecord[] {
  const record = (id: string, outcome: 'APPROVED' | 'DECLINED', startedAt: string, reason: string | null = null): VerificationRecord => ({
    provider: id.startsWith('vs_') ? 'stripe' : 'loveandpay',
    objectId: id,
    customerRef: null,
    outcome,
    native: outcome === 'APPROVED' ? 'APPROVED' : 'requires_input',
    reason,
    startedAt: new Date(startedAt),
    decidedAt: new Date(Date.parse(startedAt) + 10 * MIN),
  });
  return [
    record('a1', 'APPROVED', '2025-03-07T07:00:00Z'),
    record('a2', 'APPROVED', '2025-03-07T15:00:00Z'),
    record('vs_d1', 'DECLINED', '2025-03-07T12:00:00Z', 'document_expired'),
    record('a0', 'APPROVED', '2025-03-06T12:00:00Z'),
  ];
}

const postgres = testPostgres();
afterAll(() => postgres.stop());

let h: AlertsHarness | undefined;
let slack: FakeSlack | undefined;
let telegram: FakeTelegram | undefined;
afterEach(async () => {
  await h?.close();
  await slack?.close();
  await telegram?.close();
  h = slack = telegram = undefined;
});

interface Scene {
  h: AlertsHarness;
  slack: FakeSlack;
  clock: { at: Date };
  instance(overrides?: Partial<AlertsOptions>): Alerts;
  summaries(): string[];
}

/** The harness, the fake Slack, the history, and `/kyc summary daily 09:00` set in the channel the evening before. */
async function scene(): Promise<Scene> {
  h = await startAlertsHarness();
  slack = await startFakeSlack();
  const clock = { at: new Date('2025-03-07T18:00:00Z') };
  await h.store.recordVerifications(history(), clock.at);
  const run = createRunCommand({
    providers: { close: async () => {} },
    settings: { timeZone: ZONE, sandbox: false },
    now: () => clock.at,
    handlers: createStatsHandlers({ store: h.store }),
  });
  const answer = await run('/kyc summary daily 09:00', { platform: 'slack', chatId: CHANNEL.chatId, userId: 'U0LEAD', isAdmin: false, mayManageSubscriptions: true, locale: 'en' });
  expect(answer.notes?.map((note) => note.text)).toEqual([
    'Every day at 09:00 (Europe/Moscow) this chat gets the day before\'s stats, all providers.',
    'The next one comes 8 Mar 2025, 09:00 (in 12 hr).',
  ]);
  const fake = slack;
  const harness = h;
  return {
    h: harness,
    slack: fake,
    clock,
    instance: (overrides = {}) =>
      harness.newAlerts({ senders: { slack: realSlackSender(fake) }, now: () => clock.at, pacingClock: virtualClock(), ...overrides }),
    summaries: () => fake.topLevelMessages(CHANNEL.chatId).map((call) => String((call.params.blocks as Array<{ text?: { text: string } }>)[0]?.text?.text)),
  };
}

const round = async (alerts: Alerts) => {
  const queued = await alerts.queueSummariesOnce();
  await alerts.deliverOnce();
  return queued;
};

describe('the daily summary', () => {
  it('posts the day before once, at the set time, with its chart, and again the next day', async () => {
    const s = await scene();
    const alerts = s.instance();

    s.clock.at = later(-MIN);
    expect(await round(alerts)).toBe(0);
    expect(s.summaries()).toEqual([]);

    s.clock.at = DUE;
    expect(await round(alerts)).toBe(1);
    expect(s.summaries()).toEqual(['Daily KYC summary: 7 Mar 2025']);
    const text = JSON.stringify(s.slack.topLevelMessages(CHANNEL.chatId)[0]!.params.blocks);
    expect(text).toContain('*Approved*\\n2');
    expect(text).toContain('*Declined*\\n1');
    expect(text).toContain('the document has expired');
    const [file] = await waitFor(() => (s.slack.uploadedFiles().length ? s.slack.uploadedFiles() : null), { message: 'the chart' });
    expect(file).toMatchObject({ channelId: CHANNEL.chatId, filename: 'kyc-stats-yesterday-2025-03-07.png' });
    expect(decodePng(file!.bytes).width).toBeGreaterThan(0);

    for (const minutes of [1, 30, 14 * 60]) {
      s.clock.at = later(minutes * MIN);
      expect(await round(alerts)).toBe(0);
    }
    expect(s.summaries()).toHaveLength(1);

    s.clock.at = later(24 * 60 * MIN);
    expect(await round(alerts)).toBe(1);
    expect(s.summaries()).toEqual(['Daily KYC summary: 7 Mar 2025', 'Daily KYC summary: 8 Mar 2025']);
    // 8 March had no verdicts: the figures say so, and there is no chart to upload.
    expect(JSON.stringify(s.slack.topLevelMessages(CHANNEL.chatId)[1]!.params.blocks)).toContain('No verifications in this window.');
    expect(s.slack.uploadedFiles()).toHaveLength(1);
  });

  it('keeps the figures posted when the chart upload fails, and counts the failure in the metrics', async () => {
    const s = await scene();
    s.slack.answerAlways('files.completeUploadExternal', slackError('not_in_channel'));
    const metrics = createMetrics({ defaultMetrics: false, chatPlatforms: ['slack'] });
    const alerts = s.instance({ onFileFailed: (platform) => metrics.recordFileFailed(platform) });
    s.clock.at = DUE;
    expect(await round(alerts)).toBe(1);
    await waitFor(() => s.slack.calls('files.completeUploadExternal').length > 0, { message: 'the upload tried' });
    await waitFor(async () => (await metrics.render()).includes('kyc_desk_chat_files_failed_total{platform="slack"} 1'), { message: 'the metric' });
    expect(s.summaries()).toEqual(['Daily KYC summary: 7 Mar 2025']);
    // Delivered, not retried: the message is not posted again.
    s.clock.at = later(5 * MIN);
    await round(alerts);
    expect(s.summaries()).toHaveLength(1);
    expect(await s.h.store.outboxDepth()).toBe(0);
  });

  it('posts once across a restart: queued by a process that stopped before sending, sent by the next, never again', async () => {
    const s = await scene();
    s.clock.at = DUE;
    const first = s.instance();
    expect(await first.queueSummariesOnce()).toBe(1);
    await first.stop();

    // A new process a few minutes later on its own connection; the first one's leadership has run out.
    s.clock.at = later(5 * MIN);
    const second = s.instance({ store: await s.h.reopenStore() });
    expect(await round(second)).toBe(0);
    expect(s.summaries()).toEqual(['Daily KYC summary: 7 Mar 2025']);
    await second.stop();

    s.clock.at = later(60 * MIN);
    const third = s.instance({ store: await s.h.reopenStore() });
    expect(await round(third)).toBe(0);
    expect(s.summaries()).toHaveLength(1);
  });

  it('is posted on start when its time passed while the bot was down, that same day only', async () => {
    const s = await scene();
    // Down from the evening before until 11:30 in Moscow: the summary is posted as the bot starts.
    s.clock.at = later(150 * MIN);
    const alerts = s.instance({ cron: '0 0 1 1 *' });
    await alerts.start();
    await waitFor(() => s.summaries().length === 1, { message: 'the missed summary' });
    expect(s.summaries()).toEqual(['Daily KYC summary: 7 Mar 2025']);
    await alerts.stop();

    // Down all the next day until 08:00 the day after: that day's missed summary is not posted late.
    s.clock.at = new Date('2025-03-10T05:00:00Z');
    const restarted = s.instance({ store: await s.h.reopenStore(), cron: '0 0 1 1 *' });
    expect(await round(restarted)).toBe(0);
    expect(s.summaries()).toHaveLength(1);
  });

  it('posts once with two replicas on one database, even if both queue it at the same moment', async () => {
    const s = await scene();
    const stores: Store[] = [s.h.store, await s.h.reopenStore()];
    const replicas = stores.map((store, i) => s.instance({ store, holder: `replica-${i}` }));
    s.clock.at = DUE;
    // Leadership aside, both queue at once: the outbox keeps one row per chat and day.
    const queued = await Promise.all(stores.map((store) => queueDueSummaries(store, DUE, silentLogger)));
    expect(queued.reduce((a, b) => a + b, 0)).toBe(1);
    for (let i = 0; i < 3; i += 1) {
      s.clock.at = later(i * MIN);
      await Promise.all(replicas.map((alerts) => alerts.queueSummariesOnce()));
      await Promise.all(replicas.map((alerts) => alerts.deliverOnce()));
    }
    expect(s.summaries()).toEqual(['Daily KYC summary: 7 Mar 2025']);
    expect(s.slack.uploadedFiles()).toHaveLength(1);
  });

  it.skipIf(postgres.skipReason !== null)('posts once with two replicas on PostgreSQL, each on its own connection, both queueing at once', async () => {
    h = await startAlertsHarness();
    slack = await startFakeSlack();
    const url = await postgres.createDatabase();
    const stores = [await openStore(url), await openStore(url)];
    try {
      await stores[0]!.recordVerifications(history(), new Date('2025-03-07T18:00:00Z'));
      await stores[0]!.setSummary({ chat: CHANNEL, at: '09:00', timeZone: ZONE, locale: 'en', providers: [], createdBy: 'U0LEAD', createdAt: new Date('2025-03-07T18:00:00Z') });
      const clock = { at: DUE };
      const fake = slack;
      const replicas = stores.map((store, i) =>
        h!.newAlerts({ store, holder: `pg-replica-${i}`, senders: { slack: realSlackSender(fake) }, now: () => clock.at, pacingClock: virtualClock() }),
      );
      const queued = await Promise.all(stores.map((store) => queueDueSummaries(store, DUE, silentLogger)));
      expect(queued.reduce((a, b) => a + b, 0)).toBe(1);
      for (let i = 0; i < 3; i += 1) {
        clock.at = later(i * MIN);
        await Promise.all(replicas.map((alerts) => alerts.queueSummariesOnce()));
        await Promise.all(replicas.map((alerts) => alerts.deliverOnce()));
      }
      const titles = fake.topLevelMessages(CHANNEL.chatId).map((call) => String((call.params.blocks as Array<{ text?: { text: string } }>)[0]?.text?.text));
      expect(titles).toEqual(['Daily KYC summary: 7 Mar 2025']);
      expect(JSON.stringify(fake.topLevelMessages(CHANNEL.chatId)[0]!.params.blocks)).toContain('*Approved*\\n2');
      expect(fake.uploadedFiles()).toHaveLength(1);
      for (const alerts of replicas) await alerts.stop();
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('reaches a Telegram group as a message and the chart as a photo, in the language it was set in', async () => {
    h = await startAlertsHarness();
    telegram = await startFakeTelegram();
    const clock = { at: DUE };
    await h.store.recordVerifications(history(), new Date('2025-03-07T18:00:00Z'));
    await h.store.setSummary({ chat: { platform: 'telegram', chatId: '-1003' }, at: '09:00', timeZone: ZONE, locale: 'ru', providers: [], createdBy: '42', createdAt: new Date('2025-03-07T18:00:00Z') });
    const sender = createTelegramSender({ api: new Api(telegram.token, { apiRoot: telegram.apiRoot }), buttons: h.store, now: () => clock.at }, 'ru');
    const alerts = h.newAlerts({ senders: { telegram: sender }, now: () => clock.at, pacingClock: virtualClock() });
    expect(await round(alerts)).toBe(1);
    const [photo] = await waitFor(() => (telegram!.files(-1003).length ? telegram!.files(-1003) : null), { message: 'the photo' });
    expect(photo).toMatchObject({ method: 'sendPhoto', filename: 'kyc-stats-yesterday-2025-03-07.png', caption: 'Итоги KYC, вчера, 7 мар. 2025 г.' });
    expect(decodePng(photo!.bytes).height).toBeGreaterThan(0);
    expect(telegram.messages(-1003).map((message) => message.text).join('\n')).toContain('Сводка KYC за день: 7 мар. 2025 г.');
  });
});
