/**
 * The sandbox demo's customer card (issue 15, "Done when"): the seeds carry
 * the cross-provider links (Stripe client_reference_id and Bank 131
 * participant.reference hold the Love&Pay customer id), and the demo's index
 * is filled at start, so `/customer <uuid>` in the console shows all three
 * providers at once, with no lookup before it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startConsoleApp, type ConsoleApp } from '../support/console-app.js';

describe('the demo', () => {
  let demo: ConsoleApp | undefined;
  afterEach(async () => {
    await demo?.app.stop();
  });

  it('shows Love&Pay sessions, Stripe sessions and Bank 131 checks on a customer card at once', async () => {
    demo = await startConsoleApp({ customers: 60 });
    const { data } = demo.app.sandbox!;
    const finished = new Set(data.sessions.filter((s) => s.status === 'APPROVED' || s.status === 'DECLINED').map((s) => s.customerId));
    const withStripe = new Set(data.stripeSessions.map((s) => s.client_reference_id));
    const linked = (id: string) => data.checks.some((c) => c.customerId === id && c.participantReference === id);
    const customer = data.customers.find((c) => finished.has(c.id) && withStripe.has(c.id) && linked(c.id))!;
    expect(customer, 'a demo customer known to all three providers').toBeDefined();

    demo.input.write(`/customer ${customer.id}\n`);
    await demo.seen('Bank 131 cannot list checks');
    const card = demo.printed().slice(demo.printed().indexOf(`Customer ${customer.fullName.split(' ')[0]}`));
    expect(card).toMatch(/• Love&Pay session [0-9a-f]{8}  \[/);
    expect(card).toMatch(/• Stripe session vs_\w+  \[/);
    expect(card).toMatch(/• Bank 131 check \d+  \[/);
    // The demo's Stripe key is a test key: its dashboard links go to Stripe's test mode.
    expect(card).toContain('Stripe dashboard → <https://dashboard.stripe.com/test/identity/verification-sessions/vs_');
    demo.input.end();
    await demo.app.consoleDone;
  });
});
