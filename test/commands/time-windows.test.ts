/**
 * Time windows (issue 15): `since:today|yesterday|7d|30d|YYYY-MM-DD` on every
 * list, days counted from midnight in the display time zone (Moscow here),
 * rows sorted by the verdict's time where it is known, and counts that say
 * which window they cover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand, toCommandLine } from '../../src/commands/parse.js';
import { sinceInstant } from '../../src/commands/time-window.js';
import { SEED_NOW, admin, startCommandHarness, viewer, type CommandHarness } from '../support/command-harness.js';

const NOW = new Date(SEED_NOW); // 1 Mar 2025, 15:00 in Moscow
const DAY = 86_400_000;

let harness: CommandHarness;
beforeAll(async () => {
  harness = await startCommandHarness({ deps: { now: () => NOW } });
});
afterAll(() => harness.close());

describe('since: in the grammar', () => {
  it.each([
    ['/kyc declined since:7d', '/kyc declined since:7d'],
    ['/kyc since: today', '/kyc since:today'],
    ['/kyc approved с:вчера', '/kyc approved since:yesterday'],
    ['/kyc stripe declined since:30d', '/kyc stripe declined since:30d'],
    ['/customer kyc:verified since:2025-02-01', '/customer kyc:verified since:2025-02-01'],
    ['/kyc audit since:7d csv', '/kyc audit 20 since:7d csv'],
  ])('reads %s and prints it back as %s', (line, canonical) => {
    const parsed = parseCommand(line);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(toCommandLine(parsed.request)).toBe(canonical);
  });

  it.each(['since:0d', 'since:week', 'since:2025-02-30', 'since:367d'])('refuses %s with the windows it takes', (filter) => {
    expect(parseCommand(`/kyc ${filter}`)).toMatchObject({ ok: false, usage: { problem: 'bad_since', token: filter } });
  });

  it('starts days at midnight in the display time zone', () => {
    expect(sinceInstant('today', NOW, 'Europe/Moscow').toISOString()).toBe('2025-02-28T21:00:00.000Z');
    expect(sinceInstant('yesterday', NOW, 'Europe/Moscow').toISOString()).toBe('2025-02-27T21:00:00.000Z');
    expect(sinceInstant('2025-02-24', NOW, 'Europe/Moscow').toISOString()).toBe('2025-02-23T21:00:00.000Z');
    expect(sinceInstant('7d', NOW, 'Europe/Moscow').getTime()).toBe(NOW.getTime() - 7 * DAY);
    expect(sinceInstant('today', NOW, 'America/New_York').toISOString()).toBe('2025-03-01T05:00:00.000Z');
  });
});

describe('since: on each list', () => {
  /** When a Love&Pay session counts for a window: its verdict's time where Love&Pay gives one, else its start. */
  const when = (s: { verification: { verifiedAt: string } | null; createdAt: string }) => Date.parse(s.verification?.verifiedAt ?? s.createdAt);

  it('/kyc: only sessions of the window, newest verdict first, counted for that window', async () => {
    const from = NOW.getTime() - 7 * DAY;
    const inWindow = harness.sandbox.data.sessions.filter((s) => when(s) >= from);
    const approved = inWindow.filter((s) => s.status === 'APPROVED');
    const reply = await harness.runCommand('/kyc approved since:7d', viewer());
    expect(reply.items?.map((item) => item.command)).toEqual(
      [...approved].sort((a, b) => when(b) - when(a)).slice(0, 10).map((s) => `/kyc ${s.id}`),
    );
    expect(reply.fields?.[0]?.label).toBe('By status, since 22 Feb 2025, 15:00');
    expect(reply.fields?.[0]?.value).toContain(`approved ${approved.length} · declined ${inWindow.filter((s) => s.status === 'DECLINED').length}`);
    expect(reply.footer).toContain(`${approved.length} ${approved.length === 1 ? 'session' : 'sessions'}, since 22 Feb 2025, 15:00`);
    for (const item of reply.items ?? []) expect(item.text).toMatch(/decided \d+ (Feb|Mar) 2025, \d\d:\d\d \(.+ ago\)/);
  });

  it('/kyc without a window says its counts are all-time', async () => {
    const reply = await harness.runCommand('/kyc', viewer());
    expect(reply.fields?.[0]?.label).toBe('By status, all time');
    expect(reply.footer?.some((line) => line.endsWith(', all time'))).toBe(true);
  });

  it('/kyc since:today counts from midnight in Moscow', async () => {
    const from = Date.parse('2025-02-28T21:00:00.000Z');
    const expected = harness.sandbox.data.sessions.filter((s) => when(s) >= from).length;
    const reply = await harness.runCommand('/kyc since:today', viewer());
    expect(reply.footer).toContain(`${expected} ${expected === 1 ? 'session' : 'sessions'}, since 1 Mar 2025, 00:00`);
  });

  it('/kyc stripe: sessions created in the window', async () => {
    const from = Math.floor((NOW.getTime() - 2 * DAY) / 1000);
    const expected = harness.sandbox.data.stripeSessions.filter((s) => s.created >= from).slice(0, 10);
    const reply = await harness.runCommand('/kyc stripe since:2d', viewer());
    expect(reply.items?.map((item) => item.title)).toEqual(expected.map((s) => s.id));
    expect(reply.footer).toContain('Created since 27 Feb 2025, 15:00');
  });

  it('/customer: customers who joined in the window', async () => {
    const from = NOW.getTime() - 30 * DAY;
    const joined = harness.sandbox.data.customers.filter((c) => Date.parse(c.createdAt) >= from);
    const reply = await harness.runCommand('/customer since:30d', admin());
    if (joined.length === 1) {
      expect(reply.fields?.find((field) => field.label === 'ID')?.value).toBe(joined[0]!.id);
    } else {
      expect(reply.items?.map((item) => item.command)).toEqual(joined.slice(0, 10).map((c) => `/customer ${c.id}`));
      expect(reply.footer).toContain(`${joined.length} ${joined.length === 1 ? 'customer' : 'customers'}, since 30 Jan 2025, 15:00`);
    }
  });
});

describe('pages and invoices', () => {
  it('says how many pages there are when a page is past the end, with no false "Page 13 of 13"', async () => {
    const pages = Math.ceil(harness.sandbox.data.sessions.length / 10);
    const reply = await harness.runCommand('/kyc page:99', viewer());
    expect(reply.notes?.map((note) => note.text)).toContain(`There is no page 99; the list has ${pages} pages.`);
    expect(reply.footer?.some((line) => line.startsWith('Page '))).toBe(false);
  });

  it('says an unknown invoice does not exist, instead of showing it empty', async () => {
    const reply = await harness.runCommand('/kyc invoice 00000000-0000-4000-8000-000000000000', viewer());
    expect(reply).toMatchObject({ kind: 'not_found', title: 'Invoice 00000000… does not exist' });
  });
});
