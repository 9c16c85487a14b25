/**
 * `/kyc stats` from a known history (issue 18, "Figures from a known seeded
 * history"): the index holds verifications whose counts, approval rate,
 * median and 90th percentile time to verdict and decline reasons are worked
 * out by hand below, and the card must show exactly those, in English and
 * in Russian, with no personal data and for the whole chat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsRunCommand } from './helpers/stats-run.js';
import type { RunCommand } from '../../src/commands/types.js';
import type { VerificationRecord } from '../../src/domain/verification.js';
import { computeFigures } from '../../src/stats/figures.js';
import { statsWindow } from '../../src/stats/window.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { admin, viewer } from '../support/command-harness.js';

/** Sunday 8 March 2025, noon UTC: `7d` is 2 March 00:00 to now (6.5 days), the window before it 23 Feb 12:00 to 2 March. */
const NOW = new Date('2025-03-08T12:00:00Z');
const MIN = 60_000;
const at = (iso: string) => new Date(iso);

let seq = 0;
function verification(
  provider: VerificationRecord['provider'],
  outcome: VerificationRecord['outcome'],
  native: string,
  started: string | null,
  minutes: number | null,
  reason: string | null = null,
): VerificationRecord {
  seq += 1;
  const startedAt = started ? at(started) : null;
  return {
    provider,
    objectId: `${provider}-${seq}`,
    customerRef: `customer-${seq}`,
    outcome,
    native,
    reason,
    startedAt,
    decidedAt: startedAt && minutes !== null ? new Date(startedAt.getTime() + minutes * MIN) : null,
  };
}

/**
 * The window (2 March 00:00 to 8 March 12:00):
 *   approved 5: Love&Pay 5, 10, 20 min; Stripe 2, 40 min
 *   declined 6: Stripe document_expired 30 and 1 min, consent_declined 15 min, canceled (no code) 3 min;
 *               Bank 131 passport_validation_failure (no start time); Love&Pay (no code, no verdict time)
 *   expired 1 (Love&Pay), still pending 1 (Stripe, started in the window)
 * Rate 5 ÷ (5 + 6) = 45.45 % → 45 %.
 * Times of the 9 verdicts with both times, sorted: 1 2 3 5 10 15 20 30 40 min;
 *   median: rank ⌈0.5 × 9⌉ = 5 → 10 min; p90: rank ⌈0.9 × 9⌉ = 9 → 40 min.
 * Reasons: document_expired 2; then 1 each, by provider then code: bank131 passport_validation_failure,
 *   stripe canceled, stripe consent_declined. One decline without a code (Love&Pay).
 * The window before (23 Feb 12:00 to 2 March 00:00): approved 1 (6 min), declined 1 (document_expired, 8 min):
 *   rate 50 % (so −5 pp), median rank 1 → 6 min, p90 rank 2 → 8 min.
 * One approval on 20 Feb falls in neither window; it is where the history begins.
 */
const HISTORY: VerificationRecord[] = [
  verification('loveandpay', 'APPROVED', 'APPROVED', '2025-03-02T09:00:00Z', 5),
  verification('loveandpay', 'APPROVED', 'APPROVED', '2025-03-04T10:00:00Z', 10),
  verification('loveandpay', 'APPROVED', 'APPROVED', '2025-03-08T08:00:00Z', 20),
  verification('stripe', 'APPROVED', 'verified', '2025-03-05T11:00:00Z', 2),
  verification('stripe', 'APPROVED', 'verified', '2025-03-06T12:00:00Z', 40),
  verification('stripe', 'DECLINED', 'requires_input', '2025-03-03T13:00:00Z', 30, 'document_expired'),
  verification('stripe', 'DECLINED', 'requires_input', '2025-03-07T14:00:00Z', 1, 'document_expired'),
  verification('stripe', 'DECLINED', 'requires_input', '2025-03-06T15:00:00Z', 15, 'consent_declined'),
  verification('stripe', 'DECLINED', 'canceled', '2025-03-04T16:00:00Z', 3),
  { ...verification('bank131', 'DECLINED', 'error', null, null, 'passport_validation_failure'), decidedAt: at('2025-03-05T17:00:00Z') },
  verification('loveandpay', 'DECLINED', 'DECLINED', '2025-03-03T18:00:00Z', null),
  verification('loveandpay', 'EXPIRED', 'EXPIRED', '2025-03-02T19:00:00Z', 24 * 60),
  verification('stripe', 'PENDING', 'requires_input', '2025-03-08T11:00:00Z', null),
  // The window before.
  verification('loveandpay', 'APPROVED', 'APPROVED', '2025-02-25T10:00:00Z', 6),
  verification('stripe', 'DECLINED', 'requires_input', '2025-02-27T10:00:00Z', 8, 'document_expired'),
  // Before both.
  verification('loveandpay', 'APPROVED', 'APPROVED', '2025-02-20T10:00:00Z', 7),
];

let store: Store;
let run: RunCommand;
beforeAll(async () => {
  store = await openStore('file::memory:');
  await store.recordVerifications(HISTORY, NOW);
  run = statsRunCommand(store, () => NOW, 'UTC');
});
afterAll(() => store.close());

const fields = (reply: { fields?: Array<{ label: string; value: string }> }) => Object.fromEntries((reply.fields ?? []).map((f) => [f.label, f.value]));

describe('/kyc stats 7d over a known history', () => {
  it('computes the counts, the rate, the median and p90 and the reasons as worked out by hand', async () => {
    const window = statsWindow('7d', NOW, 'UTC');
    expect(window.from.toISOString()).toBe('2025-03-02T00:00:00.000Z');
    expect(window.previousFrom.toISOString()).toBe('2025-02-23T12:00:00.000Z');
    const rows = await store.verdictHistory({ from: window.previousFrom, to: window.to, providers: [] });
    const figures = computeFigures(rows, window);

    expect(figures.current.counts).toEqual({ APPROVED: 5, DECLINED: 6, EXPIRED: 1, PENDING: 1 });
    expect(figures.current.approvalRate).toBeCloseTo(5 / 11, 10);
    expect(figures.current.medianMs).toBe(10 * MIN);
    expect(figures.current.p90Ms).toBe(40 * MIN);
    expect(figures.current.timed).toBe(9);
    expect(figures.reasons).toEqual([
      { provider: 'stripe', reason: 'document_expired', count: 2 },
      { provider: 'bank131', reason: 'passport_validation_failure', count: 1 },
      { provider: 'stripe', reason: 'canceled', count: 1 },
      { provider: 'stripe', reason: 'consent_declined', count: 1 },
    ]);
    expect(figures.unexplained).toBe(1);
    expect(figures.previous.counts).toEqual({ APPROVED: 1, DECLINED: 1, EXPIRED: 0, PENDING: 0 });
    expect(figures.previous.approvalRate).toBe(0.5);
    expect([figures.previous.medianMs, figures.previous.p90Ms]).toEqual([6 * MIN, 8 * MIN]);
    // Seven bars, one per day from 2 March; the approvals of 2, 4, 5, 6 and 8 March in theirs.
    expect(figures.bars.map((bar) => bar.counts.APPROVED)).toEqual([1, 0, 1, 1, 1, 0, 1]);
    expect(figures.bars.map((bar) => bar.counts.DECLINED)).toEqual([0, 2, 1, 1, 1, 1, 0]);
  });

  it('shows those figures on a card for the whole chat, each beside its change', async () => {
    const reply = await run('/kyc stats 7d', viewer());
    expect(reply.kind).toBe('ok');
    expect(reply.audience).toBe('chat');
    expect(reply.title).toBe('KYC stats: the last 7 days');
    expect(fields(reply)).toEqual({
      Providers: 'all',
      Approved: '5 (+4)',
      Declined: '6 (+5)',
      Expired: '1 (+1)',
      'Still pending': '1',
      'Approval rate': '45% (−5 pp)',
      'Median time to verdict': '10 mins (was 6 mins)',
      '90% decided within': '40 mins (was 8 mins)',
      'Top decline reasons': 'most frequent first, below',
    });
    expect(reply.items?.map((item) => [item.title, item.text])).toEqual([
      ['the document has expired', '2 · Stripe Identity'],
      ['the passport data were not verified: check the passport number and start the verification again', '1 · Bank 131'],
      ['the session was canceled before a verdict', '1 · Stripe Identity'],
      ['the user declined to give consent', '1 · Stripe Identity'],
    ]);
    expect(reply.notes?.map((note) => note.text)).toEqual(['1 declined without a reason code (Love&Pay gives none).']);
    expect(reply.footer?.[0]).toBe('From 2 Mar 2025, 00:00 to 8 Mar 2025, 12:00 (UTC).');
    expect(reply.attachment).toMatchObject({ filename: 'kyc-stats-7d-2025-03-08.png', contentType: 'image/png', audience: 'chat' });
  });

  it('holds no personal data: no id or customer reference of the history appears anywhere in the answer', async () => {
    const reply = await run('/kyc stats 30d', admin());
    const text = JSON.stringify({ ...reply, attachment: reply.attachment && { ...reply.attachment, data: null } });
    for (const record of HISTORY) {
      expect(text).not.toContain(record.objectId);
      expect(text).not.toContain(record.customerRef!);
    }
  });

  it('narrows to one provider, and says where the history begins when the window reaches before it', async () => {
    const stripe = await run('/kyc stats 30d stripe', viewer());
    expect(fields(stripe)).toMatchObject({ Providers: 'Stripe Identity', Approved: '2', Declined: '5', 'Still pending': '1' });
    expect(stripe.notes?.map((note) => note.text)).toContain('History begins 27 Feb 2025, 10:08: the bot knows no earlier verifications.');
  });

  it('answers in Russian', async () => {
    const reply = await run('/kyc статистика 7d', viewer('ru'));
    expect(reply.title).toBe('Статистика KYC: последние 7 дней');
    expect(fields(reply)).toMatchObject({
      Провайдеры: 'все',
      Одобрено: '5 (+4)',
      Отклонено: '6 (+5)',
      'Доля одобрений': '45 % (−5 п. п.)',
      'Медиана до решения': '10 мин (было 6 мин)',
    });
    expect(reply.attachment?.title).toBe('Итоги KYC, последние 7 дней');
  });

  it('reads the window and providers in any order, and says what is wrong with a bad one', async () => {
    const reply = await run('/kyc stats bank131 today', viewer());
    expect(reply.title).toBe('KYC stats: today');
    expect(fields(reply).Providers).toBe('Bank 131');
    const bad = await run('/kyc stats 400d', viewer());
    expect(bad.kind).toBe('usage');
    expect(bad.title).toBe('"400d" is not a stats window: use today, yesterday, 7d, 30d (up to 90d).');
  });
});
