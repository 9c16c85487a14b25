/**
 * The sweeps feed the index of verifications (issue 15): the first sweep
 * records every finished Love&Pay session, later sweeps record new verdicts
 * with their times and reasons (Love&Pay, Stripe's events, watched Bank 131
 * checks), in the same transaction as the outcomes. No names, emails or
 * phones are kept: only ids, customer references, statuses and times.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAlertsHarness, type AlertsHarness } from './helpers/harness.js';

describe('the index of verifications, fed by the sweeps', () => {
  let h: AlertsHarness;
  beforeEach(async () => {
    h = await startAlertsHarness();
  });
  afterEach(() => h.close());

  it('holds every finished Love&Pay session after the first sweep, by customer, with no personal data', async () => {
    await h.alerts.sweepOnce();
    const finished = h.sandbox.data.sessions.filter((s) => s.status === 'APPROVED' || s.status === 'DECLINED');
    const rows = await h.store.getVerifications('loveandpay', finished.map((s) => s.id));
    expect(rows).toHaveLength(finished.length);
    for (const session of finished) {
      const row = rows.find((r) => r.objectId === session.id)!;
      expect(row).toMatchObject({ customerRef: session.customerId, outcome: session.status, native: session.status, startedAt: new Date(session.createdAt) });
      // The baseline knows an approval's time (verifiedAt); a decline's is not known.
      expect(row.decidedAt).toEqual(session.verification ? new Date(session.verification.verifiedAt) : null);
    }
    const customer = finished[0]!.customerId;
    const ofCustomer = await h.store.verificationsOf({ provider: 'loveandpay', customerRef: customer, limit: 50 });
    expect(ofCustomer.map((r) => r.objectId).sort()).toEqual(finished.filter((s) => s.customerId === customer).map((s) => s.id).sort());
    const stored = JSON.stringify(rows);
    for (const session of finished) {
      expect(stored).not.toContain(session.customerEmail);
      expect(stored).not.toContain(session.customerPhone);
    }
  });

  it('records later verdicts with their time and reason: Love&Pay, Stripe and a watched Bank 131 check', async () => {
    await h.alerts.sweepOnce();
    const session = h.sandbox.data.sessions.find((s) => s.status === 'IN_PROGRESS')!;
    h.sandbox.control.setSessionStatus(session.id, 'DECLINED');
    const stripe = h.sandbox.data.stripeSessions.find((s) => s.status === 'processing')!;
    h.sandbox.control.setStripeStatus(stripe.id, 'requires_input', 'selfie_face_mismatch');
    h.sandbox.control.setCheck('4100', 'pending');
    await h.store.addWatch({ checkId: '4100', chat: { platform: 'slack', chatId: 'C1' }, createdBy: 'U1', now: new Date(), expiresAt: new Date(Date.now() + 86_400_000) });
    h.sandbox.control.setCheck('4100', 'error', 'inn_validation_failure');
    const before = Date.now();
    await h.alerts.sweepOnce();

    const [declined] = await h.store.getVerifications('loveandpay', [session.id]);
    expect(declined).toMatchObject({ outcome: 'DECLINED', customerRef: session.customerId, reason: null });
    // Love&Pay gives no time for a decline: the sweep that found it stands in, to one sweep's precision.
    expect(declined!.decidedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    const event = h.sandbox.data.stripeEvents.find((e) => e.data.object.id === stripe.id && e.type.endsWith('requires_input'))!;
    expect((await h.store.getVerifications('stripe', [stripe.id]))[0]).toMatchObject({
      outcome: 'DECLINED',
      native: 'requires_input',
      reason: 'selfie_face_mismatch',
      customerRef: stripe.client_reference_id,
      decidedAt: new Date(event.created * 1000),
    });
    const check = h.sandbox.data.checks.find((c) => c.id === '4100')!;
    expect((await h.store.getVerifications('bank131', ['4100']))[0]).toMatchObject({
      outcome: 'DECLINED',
      native: 'error',
      reason: 'inn_validation_failure',
      customerRef: check.customerId,
    });
  });
});
