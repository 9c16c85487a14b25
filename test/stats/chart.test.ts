/**
 * The stats chart (issue 18, "The PNG decodes ... and is uploaded in Slack
 * and sent with sendPhoto in Telegram"): the PNG the bot draws in-process is
 * a real picture of the right size, with the outcome colours and the rate
 * line in it and Cyrillic text drawn, and it reaches each chat the way files
 * do there: Slack through files.getUploadURLExternal and
 * files.completeUploadExternal into the channel the command came from (the
 * answer posted in the channel too), Telegram with sendPhoto into the group,
 * and the console as a file whose path is printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { statsRunCommand } from './helpers/stats-run.js';
import type { RunCommand } from '../../src/commands/types.js';
import { attachmentBytes, type Reply } from '../../src/domain/reply.js';
import { OUTCOME_COLOURS, RATE_COLOUR, type ChartSpec } from '../../src/stats/chart/chart-spec.js';
import { CHART_HEIGHT, CHART_SCALE, CHART_WIDTH, ChartTooLargeError, MAX_PNG_BYTES, renderPng } from '../../src/stats/chart/render-png.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { consoleText, viewer } from '../support/command-harness.js';
import { countColour, decodePng } from '../support/png.js';
import { startSlackHarness, type SlackHarness } from '../support/slack-harness.js';
import { startTelegramHarness, type TelegramHarness } from '../support/telegram-harness.js';
import { waitFor } from '../support/wait-for.js';

const NOW = new Date('2025-03-08T12:00:00Z');
const DAY = 86_400_000;
const WIDTH = Math.round(CHART_WIDTH * CHART_SCALE);
const HEIGHT = Math.round(CHART_HEIGHT * CHART_SCALE);

let store: Store;
let run: RunCommand;
beforeAll(async () => {
  store = await openStore('file::memory:');
  // Two weeks, a few verifications a day: approvals, Stripe declines, Love&Pay expiries.
  const records = [];
  for (let day = 1; day <= 14; day += 1) {
    for (let i = 0; i < 6; i += 1) {
      const startedAt = new Date(NOW.getTime() - day * DAY + i * 3_600_000);
      const outcome = i < 3 ? 'APPROVED' : i < 5 ? 'DECLINED' : 'EXPIRED';
      records.push({
        provider: outcome === 'DECLINED' ? ('stripe' as const) : ('loveandpay' as const),
        objectId: `v-${day}-${i}`,
        customerRef: null,
        outcome: outcome as 'APPROVED' | 'DECLINED' | 'EXPIRED',
        native: outcome,
        reason: outcome === 'DECLINED' ? 'document_expired' : null,
        startedAt,
        decidedAt: new Date(startedAt.getTime() + (i + 1) * 60_000),
      });
    }
  }
  await store.recordVerifications(records, NOW);
  run = statsRunCommand(store, () => NOW);
});
afterAll(() => store.close());

function expectChart(bytes: Uint8Array): void {
  // A chart of this size is tens of kilobytes: far from an empty image, far below chat upload limits.
  expect(bytes.byteLength).toBeGreaterThan(10_000);
  expect(bytes.byteLength).toBeLessThan(1_000_000);
  const png = decodePng(bytes);
  expect([png.width, png.height]).toEqual([WIDTH, HEIGHT]);
  // Not blank: white background, and each outcome's bars and the rate line in their own colours.
  expect(png.pixel(2, 2).slice(0, 3)).toEqual([255, 255, 255]);
  for (const colour of [OUTCOME_COLOURS.APPROVED, OUTCOME_COLOURS.DECLINED, OUTCOME_COLOURS.EXPIRED, RATE_COLOUR]) {
    expect(countColour(png, colour), colour).toBeGreaterThan(200);
  }
}

const chart = (reply: Reply) => {
  expect(reply.attachment).toMatchObject({ contentType: 'image/png', audience: 'chat' });
  return attachmentBytes(reply.attachment!) as Uint8Array;
};

describe('the stats chart', () => {
  it('is a PNG of the stated size with the outcomes and the rate drawn in their colours', async () => {
    const reply = await run('/kyc stats 14d', viewer());
    expect(reply.attachment?.filename).toBe('kyc-stats-14d-2025-03-08.png');
    expectChart(chart(reply));
  });

  it('draws Cyrillic text (the font travels with the project), and only the text differs from an empty title', async () => {
    const spec = (title: string): ChartSpec => ({
      title,
      labels: ['1 мар', '2 мар'],
      stacks: [{ name: 'Одобрено', color: OUTCOME_COLOURS.APPROVED, values: [3, 4] }],
      rate: { name: 'Доля одобрений', color: RATE_COLOUR, values: [50, 75] },
      countAxis: 'проверок',
    });
    const dark = (bytes: Uint8Array) => {
      const png = decodePng(bytes);
      let count = 0;
      // The title's band: the top 40 px (times the scale) on the left half.
      for (let y = 0; y < 40 * CHART_SCALE; y += 1) {
        for (let x = 0; x < png.width / 2; x += 1) if (png.pixel(x, y)[0]! < 128) count += 1;
      }
      return count;
    };
    expect(dark(await renderPng(spec('')))).toBe(0);
    // Cyrillic letters only (no digits, no punctuation): without a font that has them, nothing is drawn there.
    const title = 'Итоги по дням за последнюю неделю';
    expect(title).toMatch(/^[\u0400-\u04ff ]+$/u);
    expect(dark(await renderPng(spec(title)))).toBeGreaterThan(300);
  });

  it('refuses a picture over its size limit with an error that says so', async () => {
    const spec: ChartSpec = {
      title: 'Big',
      labels: ['a'],
      stacks: [{ name: 'Approved', color: OUTCOME_COLOURS.APPROVED, values: [1] }],
      rate: { name: 'Rate', color: RATE_COLOUR, values: [100] },
      countAxis: 'n',
    };
    expect(MAX_PNG_BYTES).toBe(5 * 1024 * 1024);
    await expect(renderPng(spec, 1_000)).rejects.toThrow(ChartTooLargeError);
    await expect(renderPng(spec, 1_000)).rejects.toThrow(/over the 1000-byte limit/);
  });

  it('is left out when the window has no verdicts: there is nothing to draw', async () => {
    const reply = await run('/kyc stats today bank131', viewer());
    expect(reply.kind).toBe('ok');
    expect(reply.attachment).toBeUndefined();
  });

  it('is written to a file by the console, which prints its path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-stats-'));
    const text = await consoleText(run, ['/kyc stats 14d'], viewer(), undefined, dir);
    expect(text).toContain('KYC stats: the last 14 days');
    const saved = /File saved: (.+)$/m.exec(text)?.[1];
    expect(saved).toBeDefined();
    expect(path.dirname(saved!)).toBe(dir);
    expectChart(fs.readFileSync(saved!));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the stats answer in Slack and Telegram', () => {
  let slack: SlackHarness | undefined;
  let telegram: TelegramHarness | undefined;
  afterEach(async () => {
    await slack?.close();
    await telegram?.close();
    slack = telegram = undefined;
  });

  it('is posted in the Slack channel with the chart uploaded there (getUploadURLExternal, then completeUploadExternal)', async () => {
    slack = await startSlackHarness({ runCommand: run, allowedChannels: ['C0OPS'] });
    await slack.app.start();
    await slack.command({ command: '/kyc', text: 'stats 14d', userId: 'U0ANNA', channelId: 'C0OPS', responseId: 'stats' });
    const [answer] = await slack.fake.waitForResponses(1, 5_000, 'stats');
    expect(answer!.body).toMatchObject({ response_type: 'in_channel' });
    expect(JSON.stringify(answer!.body)).toContain('KYC stats: the last 14 days');
    const files = await waitFor(() => (slack!.fake.uploadedFiles().length ? slack!.fake.uploadedFiles() : null), { message: 'the uploaded chart' });
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ filename: 'kyc-stats-14d-2025-03-08.png', channelId: 'C0OPS', title: 'KYC outcomes, the last 14 days' });
    expectChart(files[0]!.bytes);
    const methods = slack.fake.calls().map((call) => call.method);
    expect(methods.indexOf('files.getUploadURLExternal')).toBeGreaterThanOrEqual(0);
    expect(methods.indexOf('files.completeUploadExternal')).toBeGreaterThan(methods.indexOf('files.getUploadURLExternal'));
    // Into the channel: no direct message is opened for it.
    expect(methods).not.toContain('conversations.open');
  });

  it('is sent into the Telegram group with sendPhoto, captioned, after the figures', async () => {
    telegram = await startTelegramHarness({ runCommand: run, allowedChats: ['-1002'] });
    telegram.fake.sendText('/kyc stats 14d', { userId: 1001, chatId: -1002, chatType: 'supergroup' });
    const [photo] = await waitFor(() => (telegram!.fake.files(-1002).length ? telegram!.fake.files(-1002) : null), { message: 'the photo' });
    expect(photo).toMatchObject({ method: 'sendPhoto', filename: 'kyc-stats-14d-2025-03-08.png', caption: 'KYC outcomes, the last 14 days' });
    expectChart(photo!.bytes);
    expect(telegram.fake.messages(-1002).map((message) => message.text).join('\n')).toContain('KYC stats: the last 14 days');
    expect(telegram.fake.files(1001)).toEqual([]);
  });
});
