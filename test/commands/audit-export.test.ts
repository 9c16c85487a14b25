/**
 * The audit export (issue 15): `/kyc audit since:7d csv` answers admins with
 * a CSV file of the window's entries, sent the way each chat sends files:
 * Slack uploads it into the channel (files.getUploadURLExternal, the bytes,
 * files.completeUploadExternal), Telegram sends a document, and the console
 * writes it to a file and prints the path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditCsv, createAuditHandler } from '../../src/commands/audit.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import type { RunCommand } from '../../src/commands/types.js';
import { openStore } from '../../src/store/index.js';
import type { AuditEntry, Store } from '../../src/store/types.js';
import { admin, consoleText, viewer } from '../support/command-harness.js';
import { startSlackHarness, type SlackHarness } from '../support/slack-harness.js';
import { startTelegramHarness, type TelegramHarness } from '../support/telegram-harness.js';
import { waitFor } from '../support/wait-for.js';

const NOW = new Date('2025-03-01T12:00:00Z');
const DAY = 86_400_000;

const entry = (daysAgo: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  at: new Date(NOW.getTime() - daysAgo * DAY),
  platform: 'slack',
  workspaceId: 'T0001',
  chatId: 'C0OPS',
  userId: 'U0ANNA',
  command: '/kyc declined',
  result: 'ok',
  ...overrides,
});

/** The rows the export must hold: the last 7 days, oldest first; the 10-day-old entry is outside. */
const EXPECTED = [
  'time,platform,workspace,chat,user,command,result',
  '2025-02-23T12:00:00.000Z,slack,T0001,C0OPS,U0ANNA,/kyc declined,ok',
  '2025-02-28T12:00:00.000Z,telegram,,-1001,42,"/customer +7 999 ***-**-67, kyc:verified",not_found',
  '2025-03-01T11:00:00.000Z,console,,console,console,"\'=HYPERLINK(""x"")",usage',
].join('\r\n') + '\r\n';

let store: Store;
let run: RunCommand;
beforeAll(async () => {
  store = await openStore('file::memory:');
  await store.appendAudit(entry(10, { command: '/kyc old' }));
  await store.appendAudit(entry(6));
  await store.appendAudit(entry(1, { platform: 'telegram', workspaceId: null, chatId: '-1001', userId: '42', command: '/customer +7 999 ***-**-67, kyc:verified', result: 'not_found' }));
  await store.appendAudit(entry(1 / 24, { platform: 'console', workspaceId: null, chatId: 'console', userId: 'console', command: '=HYPERLINK("x")', result: 'usage' }));
  run = createRunCommand({
    providers: { close: async () => {} },
    settings: { timeZone: 'Europe/Moscow', sandbox: false },
    now: () => NOW,
    handlers: { 'kyc:audit': createAuditHandler(store) },
  });
});
afterAll(() => store.close());

describe('/kyc audit since:7d csv', () => {
  it("holds the window's entries oldest first, quoted and safe to open in a spreadsheet", async () => {
    const reply = await run('/kyc audit since:7d csv', admin());
    expect(reply.kind).toBe('ok');
    expect(reply.title).toBe('Audit log: 3 entries, since 22 Feb 2025, 15:00');
    expect(reply.attachment).toMatchObject({ filename: 'kyc-desk-audit-2025-03-01.csv', contentType: 'text/csv' });
    expect(reply.attachment!.data).toBe(EXPECTED);
    expect(auditCsv([])).toBe('time,platform,workspace,chat,user,command,result\r\n');
  });

  it('is for admins only', async () => {
    const reply = await run('/kyc audit since:7d csv', viewer());
    expect(reply).toMatchObject({ kind: 'refused' });
    expect(reply.attachment).toBeUndefined();
  });

  it('lists the window without csv, each time with its age', async () => {
    const reply = await run('/kyc audit since:7d', admin());
    expect(reply.items?.map((item) => item.title)).toEqual(['=HYPERLINK("x")', '/customer +7 999 ***-**-67, kyc:verified', '/kyc declined']);
    expect(reply.items?.[0]?.text).toMatch(/^1 Mar 2025, 14:00 \(1 hr ago\) · usage/);
  });

  it('is written to a file by the console, which prints its path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-export-'));
    const text = await consoleText(run, ['/kyc audit since:7d csv'], admin(), undefined, dir);
    const saved = /File saved: (.+)$/m.exec(text)?.[1];
    expect(saved).toBeDefined();
    expect(path.dirname(saved!)).toBe(dir);
    expect(fs.readFileSync(saved!, 'utf8')).toBe(EXPECTED);
  });
});

describe('the file in Slack and Telegram', () => {
  let slack: SlackHarness | undefined;
  let telegram: TelegramHarness | undefined;
  afterEach(async () => {
    await slack?.close();
    await telegram?.close();
    slack = telegram = undefined;
  });

  it("goes to the admin's direct message in Slack, never into the channel the command came from", async () => {
    slack = await startSlackHarness({ runCommand: run, admins: ['U0ADMIN'], allowedChannels: ['C0OPS'] });
    await slack.app.start();
    await slack.command({ command: '/kyc', text: 'audit since:7d csv', userId: 'U0ADMIN', channelId: 'C0OPS', responseId: 'csv' });
    const files = await waitFor(() => (slack!.fake.uploadedFiles().length ? slack!.fake.uploadedFiles() : null), { message: 'the uploaded file' });
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ filename: 'kyc-desk-audit-2025-03-01.csv', channelId: 'D0ADMIN', title: 'Audit log: 3 entries, since 22 Feb 2025, 15:00' });
    expect(files[0]!.bytes.toString('utf8')).toBe(EXPECTED);
    expect(slack.fake.calls().map((call) => call.method)).toEqual(expect.arrayContaining(['conversations.open', 'files.getUploadURLExternal', 'files.completeUploadExternal']));
    const [answer] = await slack.fake.waitForResponses(1, 5_000, 'csv');
    expect(JSON.stringify(answer!.body)).toContain('Audit log: 3 entries');
  });

  it('is sent to the Telegram admin privately as a document, and never into a group', async () => {
    telegram = await startTelegramHarness({ runCommand: run, allowedChats: ['1001', '-1002'], admins: ['1001'] });
    telegram.fake.sendText('/kyc audit since:7d csv', { userId: 1001 });
    const [file] = await waitFor(() => (telegram!.fake.files(1001).length ? telegram!.fake.files(1001) : null), { message: 'the document' });
    expect(file).toMatchObject({ method: 'sendDocument', filename: 'kyc-desk-audit-2025-03-01.csv', caption: 'Audit log: 3 entries, since 22 Feb 2025, 15:00' });
    expect(file!.bytes.toString('utf8')).toBe(EXPECTED);

    // In a group nobody is an admin (unmasked data only in private chats), so the export is refused there.
    telegram.fake.sendText('/kyc audit since:7d csv', { userId: 1001, chatId: -1002, chatType: 'supergroup' });
    const [refusal] = await waitFor(() => (telegram!.fake.messages(-1002).length ? telegram!.fake.messages(-1002) : null), { message: 'the answer in the group' });
    expect(refusal!.text).toContain('Only admins');
    expect(telegram.fake.files(-1002)).toEqual([]);
    expect(telegram.fake.files(1001)).toHaveLength(1);
  });
});
