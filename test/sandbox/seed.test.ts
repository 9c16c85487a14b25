import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/sandbox/seed/index.js';

const sizes = { seed: 131, customers: 200, sessions: 300, stripeSessions: 100, checks: 40, anchor: Date.UTC(2025, 0, 15, 12) };
const data = generateData(sizes);

describe('sandbox seed data', () => {
  it('is the same for the same seed and different for another seed', () => {
    expect(JSON.stringify(generateData(sizes))).toBe(JSON.stringify(data));
    const other = generateData({ ...sizes, seed: 132 });
    expect(other.customers[0]!.id).not.toBe(data.customers[0]!.id);
  });

  it('keeps customers the same when only the number of sessions changes', () => {
    const more = generateData({ ...sizes, sessions: 900 });
    expect(more.customers.map((c) => c.id)).toEqual(data.customers.map((c) => c.id));
    expect(more.sessions).toHaveLength(900);
  });

  it('gives customers Russian names in Cyrillic, e-mails and unique +7 mobile numbers', () => {
    for (const customer of data.customers) {
      expect(customer.fullName).toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+(-[А-ЯЁ][а-яё]+)?$/);
      expect(customer.email).toMatch(/^[a-z.]+\d*@[a-z]+\.(ru|com)$/);
      expect(customer.phone).toMatch(/^\+79\d{9}$/);
    }
    expect(new Set(data.customers.map((c) => c.phone)).size).toBe(200);
    expect(new Set(data.customers.map((c) => c.email)).size).toBe(200);
  });

  it('has customers at every trust level and KYC status, some blocked', () => {
    expect(new Set(data.customers.map((c) => c.trustLevel))).toEqual(new Set(['NEW', 'LEVEL_1', 'LEVEL_2', 'LEVEL_3']));
    expect(new Set(data.customers.map((c) => c.kycStatus))).toEqual(new Set(['PENDING', 'VERIFIED', 'REJECTED']));
    expect(data.customers.some((c) => c.isBlocked)).toBe(true);
    // Provider's table: LEVEL_3 means 6+ payments and KYC; NEW means no payments.
    for (const c of data.customers.filter((c) => c.trustLevel === 'LEVEL_3')) {
      expect(c.totalPayments).toBeGreaterThanOrEqual(6);
      expect(c.kycStatus).toBe('VERIFIED');
    }
    for (const c of data.customers.filter((c) => c.trustLevel === 'NEW')) expect(c.totalPayments).toBe(0);
  });

  it('has sessions in every status, with verification only on approved ones', () => {
    expect(new Set(data.sessions.map((s) => s.status))).toEqual(
      new Set(['NOT_STARTED', 'IN_PROGRESS', 'APPROVED', 'DECLINED', 'EXPIRED']),
    );
    for (const session of data.sessions) {
      if (session.status !== 'APPROVED') {
        expect(session.verification).toBeNull();
        continue;
      }
      const v = session.verification!;
      expect(v.documentNumber).toMatch(/^\*{4}\d{4}$/);
      expect(v.faceMatchScore).toBeGreaterThanOrEqual(0);
      expect(v.faceMatchScore).toBeLessThanOrEqual(1);
      expect(v.livenessScore).toBeGreaterThanOrEqual(0);
      expect(v.livenessScore).toBeLessThanOrEqual(1);
      expect(v.verifiedAt > session.createdAt).toBe(true);
    }
  });

  it('links each session to its customer and, when it has one, to that customer’s invoice', () => {
    const customers = new Map(data.customers.map((c) => [c.id, c]));
    const invoices = new Map(data.invoices.map((i) => [i.id, i]));
    for (const session of data.sessions) {
      const customer = customers.get(session.customerId)!;
      expect(session.customerEmail).toBe(customer.email);
      expect(session.customerPhone).toBe(customer.phone);
      if (session.invoiceId) expect(invoices.get(session.invoiceId)!.customerId).toBe(customer.id);
      if (session.status === 'APPROVED') expect(customer.kycStatus).toBe('VERIFIED');
    }
  });

  it('has receipts approved, rejected with a reason and pending, from the four banks and two payment types', () => {
    expect(new Set(data.receipts.map((r) => r.status))).toEqual(new Set(['APPROVED', 'REJECTED', 'PENDING']));
    for (const r of data.receipts.filter((r) => r.status === 'REJECTED')) {
      expect(r.verificationDetails!.rejectionReason).toMatch(/[а-яё]/);
    }
    const details = data.receipts.flatMap((r) => (r.verificationDetails ? [r.verificationDetails] : []));
    expect(new Set(details.map((d) => d.bank).filter(Boolean))).toEqual(new Set(['Сбербанк', 'Т-Банк', 'Альфа-Банк', 'ВТБ']));
    expect(new Set(details.map((d) => d.paymentType))).toEqual(new Set(['СБП', 'перевод по номеру карты']));
  });

  it('has Stripe sessions in every status, including requires_input with each named error code', () => {
    expect(new Set(data.stripeSessions.map((s) => s.status))).toEqual(
      new Set(['requires_input', 'processing', 'verified', 'canceled']),
    );
    const codes = new Set(data.stripeSessions.map((s) => s.last_error?.code).filter(Boolean));
    for (const code of ['selfie_face_mismatch', 'document_expired', 'document_unverified_other', 'consent_declined']) {
      expect(codes).toContain(code);
    }
    expect(data.stripeSessions.some((s) => s.status === 'requires_input' && s.last_error === null)).toBe(true);
    for (const s of data.stripeSessions) if (s.last_error) expect(s.status).toBe('requires_input');
  });

  it('records a Stripe event for every status change, the latest matching each session', () => {
    const latest = new Map<string, string>();
    for (const event of [...data.stripeEvents].reverse()) latest.set(event.data.object.id, event.data.object.status);
    for (const session of data.stripeSessions) expect(latest.get(session.id)).toBe(session.status);
    expect(data.stripeEvents.every((e) => e.created * 1000 <= sizes.anchor - 60_000)).toBe(true);
  });

  it('has Bank 131 checks ok, pending and with every documented check error', () => {
    const kinds = new Set(data.checks.map((c) => c.errorCode ?? c.status));
    for (const kind of ['ok', 'pending', 'invalid_sign', 'passport_validation_failure', 'inn_validation_failure', 'already_exists']) {
      expect(kinds).toContain(kind);
    }
    const ids = new Set(data.checks.map((c) => c.id));
    for (const check of data.checks.filter((c) => c.errorCode === 'already_exists')) {
      expect(ids).toContain(check.earlierCheckId);
      expect(Number(check.earlierCheckId)).toBeLessThan(Number(check.id));
    }
  });

  it('lists every kind of record newest first', () => {
    const sorted = (values: Array<string | number>) => values.every((v, i) => i === 0 || values[i - 1]! >= v);
    expect(sorted(data.sessions.map((s) => s.createdAt))).toBe(true);
    expect(sorted(data.customers.map((c) => c.createdAt))).toBe(true);
    expect(sorted(data.stripeSessions.map((s) => s.created))).toBe(true);
    expect(sorted(data.stripeEvents.map((e) => e.created))).toBe(true);
  });
});
