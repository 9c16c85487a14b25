import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STRIPE_EVENTS_CURSOR, sweepStripe, type StripeCursor } from '../../src/alerts/sweep-stripe.js';
import { VERIFICATION_EVENT_TYPES } from '../../src/providers/stripe/client.js';
import { SLACK_CHANNEL, startAlertsHarness, type AlertsHarness } from './helpers/harness.js';

describe('Stripe Identity alerts from the Events API', () => {
  let h: AlertsHarness;
  const sweep = () => sweepStripe({ client: h.providers.stripe!, store: h.store, now: () => new Date() });
  const newestListed = () => h.sandbox.data.stripeEvents.find((e) => (VERIFICATION_EVENT_TYPES as readonly string[]).includes(e.type))!;
  const waiting = () => h.sandbox.data.stripeSessions.filter((s) => s.status === 'requires_input' && !s.last_error);

  beforeEach(async () => {
    h = await startAlertsHarness({ sandbox: { customers: 100, stripeSessions: 120 } });
    await h.subscribe(SLACK_CHANNEL, { providers: ['stripe'] });
  });
  afterEach(() => h.close());

  it('stores a cursor at the newest event on the first run and announces none of the past events', async () => {
    expect(h.sandbox.data.stripeEvents.length).toBeGreaterThan(20);

    const result = await sweep();

    expect(result).toMatchObject({ baseline: true, queued: 0, requests: 1 });
    const newest = newestListed();
    expect(await h.store.getCursor<StripeCursor>(STRIPE_EVENTS_CURSOR)).toEqual({ created: newest.created, lastEventId: newest.id });
    expect(await h.store.outboxDepth()).toBe(0);
  });

  it('announces verified, declined-with-error and canceled sessions once, and not a session still waiting', async () => {
    await sweep();
    const [verified, failed, canceled, stillWaiting] = waiting();
    h.sandbox.control.setStripeStatus(verified!.id, 'processing');
    h.sandbox.control.setStripeStatus(verified!.id, 'verified');
    h.sandbox.control.setStripeStatus(failed!.id, 'requires_input', 'document_expired');
    h.sandbox.control.setStripeStatus(canceled!.id, 'canceled');
    h.sandbox.control.setStripeStatus(stillWaiting!.id, 'requires_input');

    const result = await sweep();
    const again = await sweep();
    await h.alerts.deliverOnce();

    expect(result).toMatchObject({ baseline: false, newOutcomes: 3, queued: 3 });
    expect(again).toMatchObject({ newOutcomes: 0, queued: 0, requests: 1 });
    const titles = h.slack.messages.map((m) => m.reply.title);
    expect(titles).toEqual([
      `APPROVED · Stripe Identity session ${verified!.id}`,
      `DECLINED · Stripe Identity session ${failed!.id}`,
      `DECLINED · Stripe Identity session ${canceled!.id}`,
    ]);
    const declined = h.slack.messages[1]!.reply;
    expect(declined.badge).toEqual({ outcome: 'DECLINED', native: 'requires_input' });
    expect(declined.fields?.find((f) => f.label === 'Reason')?.value).toBe('the document has expired');
    // A DECLINED card is a work item (issue 17): Take and Resolve next to Open.
    expect(declined.actions).toEqual([
      { label: 'Open', command: `/kyc ${failed!.id}`, role: 'open' },
      // client_reference_id is the Love&Pay customer id (issue 15): the card links to the customer.
      { label: 'Customer', command: `/customer ${failed!.client_reference_id}`, role: 'open' },
      { label: 'Take', command: `/kyc take ${failed!.id}`, role: 'open' },
      { label: 'Resolve', command: `/kyc resolve ${failed!.id}`, role: 'open' },
    ]);
    const newest = newestListed();
    expect(await h.store.getCursor<StripeCursor>(STRIPE_EVENTS_CURSOR)).toEqual({ created: newest.created, lastEventId: newest.id });
  });

  it('reads back through several pages of events to the cursor', async () => {
    await sweep();
    const sessions = h.sandbox.data.stripeSessions.filter((s) => s.status !== 'verified' && s.status !== 'canceled').slice(0, 40);
    expect(sessions).toHaveLength(40);
    // Three listed events each (failed attempt, retry, verified): 120 events, two pages of 100.
    for (const session of sessions) {
      h.sandbox.control.setStripeStatus(session.id, 'requires_input', 'document_unverified_other');
      h.sandbox.control.setStripeStatus(session.id, 'requires_input');
      h.sandbox.control.setStripeStatus(session.id, 'verified');
    }

    const result = await sweep();

    expect(result.requests).toBe(2);
    expect(result.newOutcomes).toBe(80);
    expect(result.queued).toBe(80);
  });
});
