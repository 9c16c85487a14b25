/**
 * The customer card across providers (issue 15; DESIGN.md, "One customer
 * across providers"), from the sandbox's seeded links: Love&Pay sessions
 * from the store's index (filled by the first alert sweep), Stripe sessions
 * by client_reference_id (asked from Stripe), Bank 131 checks by
 * participant.reference (indexed when looked up), each with the reason in
 * words, its time, age and dashboard link; masked for a viewer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/chat/console/render.js';
import { createAlerts } from '../../src/alerts/index.js';
import type { Reply } from '../../src/domain/reply.js';
import type { Bank131Check, SandboxCustomer } from '../../src/sandbox/index.js';
import { SEED_NOW, admin, startCommandHarness, viewer, type CommandHarness } from '../support/command-harness.js';

const DASHBOARDS = { loveandpay: 'https://merchant.loveandpay.example/kyc/{id}', bank131: 'https://lk.bank131.example/checks/{id}', stripeTestMode: true };

let harness: CommandHarness;
let customer: SandboxCustomer;
let declinedCheck: Bank131Check;
let failedStripe: string;

beforeAll(async () => {
  harness = await startCommandHarness({
    deps: { now: () => new Date(SEED_NOW), settings: { timeZone: 'Europe/Moscow', sandbox: true, dashboards: DASHBOARDS } },
  });
  const { data, control } = harness.sandbox;
  // A customer every provider knows: a finished Love&Pay session, a Stripe session, a Bank 131 check.
  const final = new Set(data.sessions.filter((s) => s.status === 'APPROVED' || s.status === 'DECLINED').map((s) => s.customerId));
  const stripe = new Set(data.stripeSessions.map((s) => s.client_reference_id));
  customer = data.customers.find((c) => final.has(c.id) && stripe.has(c.id) && data.checks.some((check) => check.customerId === c.id))!;
  expect(customer, 'the seed has a customer at all three providers').toBeDefined();
  declinedCheck = data.checks.find((check) => check.customerId === customer.id)!;
  control.setCheck(declinedCheck.id, 'error', 'passport_validation_failure');
  failedStripe = data.stripeSessions.find((s) => s.client_reference_id === customer.id)!.id;
  control.setStripeStatus(failedStripe, 'requires_input', 'selfie_face_mismatch');
  // The first sweep indexes every finished Love&Pay session; the check is looked up once, as an operator would.
  const alerts = createAlerts({ store: harness.store, providers: harness.providers, senders: {} });
  await alerts.sweepOnce();
  await harness.runCommand(`/check ${declinedCheck.id}`, viewer());
});
afterAll(() => harness.close());

const itemTitled = (reply: Reply, title: string) => reply.items?.find((item) => item.title === title);

describe('/customer <uuid> across providers', () => {
  it("shows the customer's Love&Pay sessions from the index, Stripe sessions and Bank 131 checks, with reasons and dashboard links", async () => {
    const reply = await harness.runCommand(`/customer ${customer.id}`, admin());
    const sessions = harness.sandbox.data.sessions.filter((s) => s.customerId === customer.id && (s.status === 'APPROVED' || s.status === 'DECLINED'));
    for (const session of sessions.slice(0, 5)) {
      const item = itemTitled(reply, `Love&Pay session ${session.id.slice(0, 8)}`);
      expect(item, `session ${session.id}`).toMatchObject({ command: `/kyc ${session.id}`, badge: { outcome: session.status, native: session.status } });
      expect(item!.links).toContainEqual({ label: 'Love&Pay dashboard', url: `https://merchant.loveandpay.example/kyc/${session.id}` });
    }
    const stripe = itemTitled(reply, `Stripe session ${failedStripe}`);
    expect(stripe).toMatchObject({ command: `/kyc ${failedStripe}`, badge: { outcome: 'DECLINED', native: 'requires_input' } });
    expect(stripe!.text).toContain('selfie does not match the document (selfie_face_mismatch)');
    expect(stripe!.links).toContainEqual({ label: 'Stripe dashboard', url: `https://dashboard.stripe.com/test/identity/verification-sessions/${failedStripe}` });
    const check = itemTitled(reply, `Bank 131 check ${declinedCheck.id}`);
    expect(check).toMatchObject({ command: `/check ${declinedCheck.id}`, badge: { outcome: 'DECLINED', native: 'error' } });
    expect(check!.text).toMatch(/the passport data were not verified.*\(passport_validation_failure\)/);
    expect(check!.text).toMatch(/first seen 1 Mar 2025, 15:00 \(now\)/);
    expect(check!.links).toContainEqual({ label: 'Bank 131 dashboard', url: `https://lk.bank131.example/checks/${declinedCheck.id}` });
    expect(reply.notes?.map((note) => note.text)).toContain(
      'Bank 131 cannot list checks: only those looked up or watched here (/check <id>) are shown.',
    );
  });

  it('puts the verifications first, newest first, then the payments', async () => {
    const reply = await harness.runCommand(`/customer ${customer.id}`, admin());
    const titles = reply.items!.map((item) => item.title);
    const firstPayment = titles.findIndex((title) => title.endsWith('₽'));
    expect(firstPayment === -1 ? titles : titles.slice(0, firstPayment)).toEqual(
      titles.filter((title) => /^(Love&Pay session|Stripe session|Bank 131 check) /.test(title)),
    );
    const text = renderText(reply);
    expect(text.indexOf(`Stripe session ${failedStripe}`)).toBeGreaterThan(-1);
  });

  it('masks the profile for a viewer and shows nothing personal in the verifications', async () => {
    const forViewer = await harness.runCommand(`/customer ${customer.id}`, viewer());
    const text = renderText(forViewer);
    expect(text).not.toContain(customer.phone);
    expect(text).not.toContain(customer.email);
    expect(text).not.toContain(customer.fullName);
    expect(text).toContain(`Phone: +7 ${customer.phone.slice(2, 5)} ***-**-${customer.phone.slice(-2)}`);
    expect(forViewer.unmasked).toBeUndefined();
    expect(itemTitled(forViewer, `Stripe session ${failedStripe}`)).toBeDefined();
    const forAdmin = await harness.runCommand(`/customer ${customer.id}`, admin());
    expect(renderText(forAdmin)).toContain(customer.phone);
    expect(forAdmin.unmasked).toBe(true);
  });

  it('is the answer to a phone, an email and a name only one customer has', async () => {
    for (const line of [`/customer ${customer.phone}`, `/customer ${customer.email}`, `/customer ${customer.fullName}`]) {
      const reply = await harness.runCommand(line, admin());
      expect(reply.fields?.find((field) => field.label === 'ID')?.value, line).toBe(customer.id);
      expect(itemTitled(reply, `Bank 131 check ${declinedCheck.id}`), line).toBeDefined();
    }
  });

  it('lists the customers when a name has several matches', async () => {
    const first = customer.fullName.split(' ')[0]!;
    const namesakes = harness.sandbox.data.customers.filter((c) => c.fullName.toLowerCase().includes(first.toLowerCase()));
    const reply = await harness.runCommand(`/customer ${first}`, admin());
    if (namesakes.length > 1) {
      expect(reply.title).toBe(`Love&Pay customers: "${first}"`);
      expect(reply.items?.map((item) => item.command)).toContain(`/customer ${customer.id}`);
    } else {
      expect(reply.fields?.find((field) => field.label === 'ID')?.value).toBe(customer.id);
    }
  });

  it('links every session and check card back to its customer', async () => {
    const session = harness.sandbox.data.sessions.find((s) => s.customerId === customer.id)!;
    const cards = await Promise.all([
      harness.runCommand(`/kyc ${session.id}`, viewer()),
      harness.runCommand(`/kyc ${failedStripe}`, viewer()),
      harness.runCommand(`/check ${declinedCheck.id}`, viewer()),
    ]);
    for (const card of cards) {
      const commands = [...(card.actions ?? []).map((a) => a.command), ...(card.fields ?? []).map((f) => (f.link && 'command' in f.link ? f.link.command : undefined))];
      expect(commands, card.title).toContain(`/customer ${customer.id}`);
    }
  });
});
