/** Contract: two processes or replicas on one database (leadership, claims, commits). */
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import type { StoreHarness } from './contract.js';
import { at, observed, slack, subscribeAll } from './fixtures.js';

const LEASE_MS = 15_000;

export function replicasContract(harness: StoreHarness): void {
  describe('leadership', () => {
    it('lets one holder lead at a time; the leader renews and a release hands over at once', async () => {
      const [a, b] = await harness.openTwo();
      const [first, second] = await Promise.all([a.tryLeadership('a', at(0), LEASE_MS), b.tryLeadership('b', at(0), LEASE_MS)]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      const [leader, other] = first ? [{ store: a, name: 'a' }, { store: b, name: 'b' }] : [{ store: b, name: 'b' }, { store: a, name: 'a' }];
      expect(await leader.store.tryLeadership(leader.name, at(10_000), LEASE_MS)).toBe(true);
      expect(await other.store.tryLeadership(other.name, at(20_000), LEASE_MS)).toBe(false);
      // Releasing as someone else does nothing.
      await other.store.releaseLeadership(other.name);
      expect(await other.store.tryLeadership(other.name, at(20_000), LEASE_MS)).toBe(false);
      await leader.store.releaseLeadership(leader.name);
      expect(await other.store.tryLeadership(other.name, at(20_001), LEASE_MS)).toBe(true);
      expect(await leader.store.tryLeadership(leader.name, at(20_002), LEASE_MS)).toBe(false);
    });

    it('passes leadership on when the holder goes away without releasing it', async () => {
      const [a, b] = await harness.openTwo();
      expect(await a.tryLeadership('a', at(0), LEASE_MS)).toBe(true);
      expect(await b.tryLeadership('b', at(1), LEASE_MS)).toBe(false);
      await a.close();
      // SQLite: once the lease has run out; PostgreSQL: as soon as the server has ended the session.
      await waitFor(() => b.tryLeadership('b', at(LEASE_MS), LEASE_MS), { message: 'takeover' });
    });
  });

  describe('two stores on one database', () => {
    it('never hand the same outbox entry to two claimers', async () => {
      const [a, b] = await harness.openTwo();
      const chats = Array.from({ length: 40 }, (_, i) => slack(`C${i}`));
      for (const chat of chats) await subscribeAll(a, chat);
      await a.commitObservations({
        observations: ['x', 'y', 'z'].map((id) => observed('loveandpay', id, 'APPROVED')),
        announce: true,
        now: at(0),
      });
      const seen: number[] = [];
      for (let round = 0; round < 40; round++) {
        const batches = await Promise.all(
          [a, b, a, b].map((store, i) => store.claimOutbox({ worker: `w${i}`, limit: 3, leaseMs: 60_000, now: at(round) })),
        );
        const ids = batches.flat().map((entry) => entry.id);
        seen.push(...ids);
        await Promise.all(batches.map((batch, i) => [a, b, a, b][i]!.markSent(batch.map((e) => e.id), at(round))));
        if (ids.length === 0) break;
      }
      expect(seen).toHaveLength(120);
      expect(new Set(seen).size).toBe(120);
      expect(await b.outboxDepth()).toBe(0);
    });

    it('queue one row per chat when both commit the same events at once', async () => {
      const [a, b] = await harness.openTwo();
      await subscribeAll(a, slack('C1'));
      await subscribeAll(b, slack('C2'));
      // Enough rows that the two commits overlap, in opposite orders.
      const observations = Array.from({ length: 2_000 }, (_, i) => observed('stripe', `vs_${i}`, 'APPROVED'));
      const results = await Promise.all([
        a.commitObservations({ observations, announce: true, now: at(0) }),
        b.commitObservations({ observations: [...observations].reverse(), announce: true, now: at(0) }),
      ]);
      expect(results[0].newOutcomes + results[1].newOutcomes).toBe(2_000);
      expect(results[0].queued + results[1].queued).toBe(4_000);
      expect(await a.outboxDepth()).toBe(4_000);
    });
  });
}
