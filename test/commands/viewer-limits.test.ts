/**
 * A viewer cannot undo masking by searching (DESIGN.md, "Data protection"),
 * nor walk the customer base by guessing fast: partial digits and email
 * fragments are refused, a search shows name matches only, and lookups are
 * limited per user and minute. Admins are not restricted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunCommand } from '../../src/commands/run-command.js';
import type { Caller } from '../../src/domain/chat.js';
import { admin, startCommandHarness, viewer, type CommandHarness } from '../support/command-harness.js';

let harness: CommandHarness;
beforeAll(async () => {
  harness = await startCommandHarness();
});
afterAll(() => harness.close());

const customer = () => harness.sandbox.data.customers[3]!;
const REFUSAL =
  'Search by name only (letters). To look up one customer, give a full phone number (10 or 11 digits), a full email address or the customer id.';

describe('customer search by a viewer', () => {
  it('refuses five digits of a phone, which an admin may search', async () => {
    const digits = customer().phone.slice(-5);
    const forViewer = await harness.runCommand(`/customer ${digits}`, viewer());
    expect(forViewer).toMatchObject({ kind: 'refused', title: REFUSAL });
    expect(forViewer.items).toBeUndefined();
    const forAdmin = await harness.runCommand(`/customer ${digits}`, admin());
    // The search finds this one customer, so the answer is their card (issue 15: one match is the customer).
    expect(forAdmin.fields?.find((field) => field.label === 'ID')?.value).toBe(customer().id);
  });

  it("refuses an email's local part, which an admin may search", async () => {
    const local = customer().email.split('@')[0]!;
    expect(local).toContain('.');
    expect(await harness.runCommand(`/customer ${local}`, viewer())).toMatchObject({ kind: 'refused', title: REFUSAL });
    const forAdmin = await harness.runCommand(`/customer ${local}`, admin());
    // The search finds this one customer, so the answer is their card (issue 15: one match is the customer).
    expect(forAdmin.fields?.find((field) => field.label === 'ID')?.value).toBe(customer().id);
  });

  it('shows a viewer only customers whose name matches, so a Latin word cannot probe emails', async () => {
    // The seed's emails are transliterated names: the surname in Latin letters matches the email only.
    const latinSurname = customer().email.split('@')[0]!.split('.')[1]!.replace(/\d+$/, '');
    const forViewer = await harness.runCommand(`/customer ${latinSurname}`, viewer());
    expect(forViewer.kind).toBe('ok');
    expect(forViewer.items).toEqual([]);
    expect(forViewer.footer?.join(' ')).not.toMatch(/customers/);
    expect(forViewer.notes?.map((note) => note.text)).toContain('Only customers whose name matches are shown.');
    const forAdmin = await harness.runCommand(`/customer ${latinSurname}`, admin());
    expect(forAdmin.items?.map((item) => item.command)).toContain(`/customer ${customer().id}`);
  });

  it('still finds a customer by name, full phone or full email', async () => {
    const target = customer();
    const byName = await harness.runCommand(`/customer ${target.fullName.split(' ')[1]}`, viewer());
    expect(byName.items?.map((item) => item.command)).toContain(`/customer ${target.id}`);
    expect((await harness.runCommand(`/customer ${target.phone}`, viewer())).kind).toBe('ok');
    expect((await harness.runCommand(`/customer ${target.email}`, viewer())).kind).toBe('ok');
  });
});

describe('lookups per user and minute', () => {
  it('answers the 31st lookup of a minute with when to try again; other users and admins go on', async () => {
    let now = Date.parse('2025-03-01T12:00:00Z');
    const run = createRunCommand({
      providers: harness.providers,
      settings: { timeZone: 'Europe/Moscow', sandbox: true },
      lookupsPerMinute: 30,
      now: () => new Date(now),
    });
    const someone: Caller = { ...viewer(), userId: 'U-busy' };
    for (let i = 0; i < 30; i += 1) expect((await run('/check 1', someone)).kind).not.toBe('refused');
    const refused = await run('/check 1', someone);
    expect(refused).toEqual({ kind: 'refused', title: 'Too many lookups in a minute; try again in 60 s.' });
    // Help is free, another user has their own minute, an admin has none.
    expect((await run('/check help', someone)).title).toBe('Help: /check');
    expect((await run('/check 1', { ...viewer(), userId: 'U-other' })).kind).toBe('ok');
    expect((await run('/check 1', admin())).kind).toBe('ok');
    now += 60_000;
    expect((await run('/check 1', someone)).kind).toBe('ok');
  });
});
