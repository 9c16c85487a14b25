import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KnownFinalIds } from '../../src/alerts/known-final-ids.js';
import { LOVEANDPAY_TOTALS_CURSOR, type FinalTotals } from '../../src/alerts/loveandpay-event.js';
import { reconcileLoveAndPay } from '../../src/alerts/reconcile-loveandpay.js';
import { sweepLoveAndPay } from '../../src/alerts/sweep-loveandpay.js';
import { LoveAndPayClient, type KycSessionQuery } from '../../src/providers/loveandpay/client.js';
import { silentLogger } from '../../src/log.js';
import type { Store } from '../../src/store/types.js';
import { SLACK_CHANNEL, startAlertsHarness, type AlertsHarness } from './helpers/harness.js';

/** A Love&Pay client that runs `hook` after each page it reads: a way to change the list mid-sweep. */
class HookedClient extends LoveAndPayClient {
  hook: ((query: KycSessionQuery) => void) | null = null;

  override async listKycSessions(query: KycSessionQuery = {}) {
    const page = await super.listKycSessions(query);
    this.hook?.(query);
    return page;
  }
}

describe('the Love&Pay sweep over 10,000 sessions', () => {
  let h: AlertsHarness;
  let client: HookedClient;
  const deps = () => ({ client, store: h.store, now: () => new Date(), logger: silentLogger });
  const announced = async () => (await h.store.outboxDepth()) + h.slack.messages.length;
  const openSessions = () => h.sandbox.data.sessions.filter((s) => s.status === 'IN_PROGRESS' || s.status === 'NOT_STARTED');

  beforeAll(async () => {
    h = await startAlertsHarness({ sandbox: { customers: 400, sessions: 10_000 } });
    await h.subscribe(SLACK_CHANNEL);
    client = new HookedClient({
      baseUrl: h.sandbox.urls.loveandpay,
      apiKey: h.sandbox.credentials.loveandpayApiKey,
      secretKey: h.sandbox.credentials.loveandpaySecretKey,
    });
    const baseline = await sweepLoveAndPay(deps());
    expect(baseline).toMatchObject({ baseline: true, queued: 0 });
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    client.hook = null;
    // Each test counts only its own alerts and requests.
    await h.alerts.deliverOnce();
    h.slack.messages.splice(0);
    h.sandbox.control.resetRequestCount();
  });

  it('makes exactly one request per final status when nothing changed', async () => {
    const result = await sweepLoveAndPay(deps());

    expect(h.sandbox.control.requestCount('loveandpay')).toBe(2);
    expect(result).toMatchObject({ requests: 2, newOutcomes: 0, queued: 0 });
  });

  it('finds 20 new approvals among the newest sessions with a handful of requests', async () => {
    const newest = openSessions().slice(0, 20);
    for (const session of newest) h.sandbox.control.setSessionStatus(session.id, 'APPROVED');

    const result = await sweepLoveAndPay(deps());

    expect(h.sandbox.control.requestCount('loveandpay')).toBeLessThanOrEqual(4);
    expect(result).toMatchObject({ newOutcomes: 20, queued: 20 });
    const totals = await h.store.getCursor<FinalTotals>(LOVEANDPAY_TOTALS_CURSOR);
    expect(totals?.APPROVED).toBe(h.sandbox.data.sessions.filter((s) => s.status === 'APPROVED').length);
  });

  it('announces every transition exactly once within two sweeps when sessions land at the top mid-sweep', async () => {
    const before = openSessions().slice(0, 5);
    for (const session of before) h.sandbox.control.setSessionStatus(session.id, 'DECLINED');
    const inserted: string[] = [];
    client.hook = (query) => {
      // After the first full page is read, 150 approved sessions arrive at the top, shifting every offset.
      if (query.limit === 100 && inserted.length === 0) {
        inserted.push(...h.sandbox.control.addSessions(150, 'APPROVED').map((s) => s.id));
      }
    };
    h.sandbox.control.setSessionStatus(openSessions()[0]!.id, 'APPROVED');

    await sweepLoveAndPay(deps());
    client.hook = null;
    await sweepLoveAndPay(deps());

    expect(inserted).toHaveLength(150);
    expect(await h.store.outboxDepth()).toBe(5 + 150 + 1);
    expect(await sweepLoveAndPay(deps())).toMatchObject({ newOutcomes: 0, requests: 2 });
    await h.alerts.deliverOnce();
    const named = h.slack.messages.flatMap((m) => (m.reply.items ?? []).map((item) => item.command));
    const expected = [...before.map((s) => s.id), ...inserted];
    for (const id of expected) expect(named.filter((command) => command === `/kyc ${id}`)).toHaveLength(1);
    expect(new Set(named).size).toBe(named.length);
  });

  it('finds an approval deep in the list that the totals did not reveal, once, in the reconciliation', async () => {
    const deep = h.sandbox.data.sessions.filter((s) => s.status === 'EXPIRED').at(-1)!;
    h.sandbox.control.setSessionStatus(deep.id, 'APPROVED');
    // The provider's total surprises us: pretend the growth was already accounted for.
    const totals = (await h.store.getCursor<FinalTotals>(LOVEANDPAY_TOTALS_CURSOR))!;
    await h.store.setCursor(LOVEANDPAY_TOTALS_CURSOR, { ...totals, APPROVED: totals.APPROVED + 1 });
    expect((await sweepLoveAndPay(deps())).newOutcomes).toBe(0);

    const first = await reconcileLoveAndPay({ ...deps(), announce: true, concurrency: 4 });
    const again = await reconcileLoveAndPay({ ...deps(), announce: true, concurrency: 4 });

    expect(first).toMatchObject({ newOutcomes: 1, queued: 1 });
    expect(again).toMatchObject({ newOutcomes: 0, queued: 0 });
    const listed = h.sandbox.data.sessions.filter((s) => s.status === 'APPROVED' || s.status === 'DECLINED').length;
    // Every page of both lists once, plus at most one empty page per list past a full last page.
    expect(first.requests).toBeGreaterThanOrEqual(Math.ceil(listed / 100));
    expect(first.requests).toBeLessThanOrEqual(Math.ceil(listed / 100) + 4);
    expect(await h.store.getCursor<FinalTotals>(LOVEANDPAY_TOTALS_CURSOR)).toEqual({
      APPROVED: h.sandbox.data.sessions.filter((s) => s.status === 'APPROVED').length,
      DECLINED: h.sandbox.data.sessions.filter((s) => s.status === 'DECLINED').length,
    });
  });

  it('keeps the recorded ids between walks: later walks read none again, and announce only what nobody recorded meanwhile', async () => {
    const reads = { all: 0, asked: [] as string[][] };
    const counted = new Proxy(h.store, {
      get(target, key) {
        if (key === 'allKnownObjectIds') return (...args: Parameters<Store['allKnownObjectIds']>) => ((reads.all += 1), target.allKnownObjectIds(...args));
        if (key === 'knownObjectIds')
          return (...args: Parameters<Store['knownObjectIds']>) => (reads.asked.push(args[2]), target.knownObjectIds(...args));
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const knownIds = new KnownFinalIds();
    const walk = (store: Store, kept?: KnownFinalIds) => reconcileLoveAndPay({ ...deps(), store, announce: true, knownIds: kept });
    const expired = h.sandbox.data.sessions.filter((s) => s.status === 'EXPIRED');

    expect(await walk(counted, knownIds)).toMatchObject({ newOutcomes: 0 });
    expect(reads).toEqual({ all: 2, asked: [] });

    // Another replica's walk records one approval deep in the list; nobody sees the second.
    const [byOther, byNobody] = [expired.at(-1)!, expired.at(-2)!];
    h.sandbox.control.setSessionStatus(byOther.id, 'APPROVED');
    expect(await walk(h.store)).toMatchObject({ newOutcomes: 1, queued: 1 });
    h.sandbox.control.setSessionStatus(byNobody.id, 'APPROVED');

    const second = await walk(counted, knownIds);
    expect(second).toMatchObject({ newOutcomes: 1, queued: 1 });
    expect(reads.all).toBe(2);
    expect(reads.asked.flat().sort()).toEqual([byOther.id, byNobody.id].sort());

    expect(await walk(counted, knownIds)).toMatchObject({ newOutcomes: 0, queued: 0 });
    expect(reads.all).toBe(2);
    expect(reads.asked.flat()).toHaveLength(2);
  });
});
