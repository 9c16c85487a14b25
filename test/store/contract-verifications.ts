/** Contract: the index of verifications (DESIGN.md, "One customer across providers") and audit windows. */
import { describe, expect, it } from 'vitest';
import type { VerificationRecord } from '../../src/store/types.js';
import type { StoreHarness } from './contract.js';
import { at } from './fixtures.js';

const CUSTOMER = '3f2a9c10-1111-4222-8333-444455556666';
const OTHER = '3f2a9c10-9999-4222-8333-444455556666';

function record(objectId: string, overrides: Partial<VerificationRecord> = {}): VerificationRecord {
  return {
    provider: 'loveandpay',
    objectId,
    customerRef: CUSTOMER,
    outcome: 'PENDING',
    native: 'IN_PROGRESS',
    reason: null,
    startedAt: at(0),
    decidedAt: null,
    ...overrides,
  };
}

export function verificationsContract(harness: StoreHarness): void {
  describe('the index of verifications', () => {
    it('keeps one row per object, newest state first, and remembers when it was first seen', async () => {
      const store = await harness.open();
      await store.recordVerifications([record('db3bdb1b-0000-4000-8000-000000000001')], at(1_000));
      await store.recordVerifications(
        [record('db3bdb1b-0000-4000-8000-000000000001', { outcome: 'DECLINED', native: 'DECLINED', decidedAt: at(5_000) })],
        at(6_000),
      );
      const [row] = await store.getVerifications('loveandpay', ['db3bdb1b-0000-4000-8000-000000000001', 'missing']);
      expect(row).toEqual({
        ...record('db3bdb1b-0000-4000-8000-000000000001', { outcome: 'DECLINED', native: 'DECLINED', decidedAt: at(5_000) }),
        firstSeenAt: at(1_000),
        updatedAt: at(6_000),
      });
    });

    it('keeps a reference, start and decision once known, and drops the decision when the outcome moves on', async () => {
      const store = await harness.open();
      const id = '77';
      await store.recordVerifications(
        [record(id, { provider: 'bank131', customerRef: 'h:abc', startedAt: null, outcome: 'DECLINED', native: 'error', reason: 'passport_validation_failure', decidedAt: at(10) })],
        at(10),
      );
      // Bank 131 names the participant only sometimes: a later answer without it keeps the one known.
      await store.recordVerifications([record(id, { provider: 'bank131', customerRef: null, startedAt: null, outcome: 'DECLINED', native: 'error', reason: 'passport_validation_failure', decidedAt: at(99) })], at(20));
      let [row] = await store.getVerifications('bank131', [id]);
      expect(row).toMatchObject({ customerRef: 'h:abc', decidedAt: at(10), updatedAt: at(10) });
      await store.recordVerifications([record(id, { provider: 'bank131', customerRef: null, startedAt: null, outcome: 'PENDING', native: 'pending' })], at(30));
      [row] = await store.getVerifications('bank131', [id]);
      expect(row).toMatchObject({ customerRef: 'h:abc', outcome: 'PENDING', reason: null, decidedAt: null, firstSeenAt: at(10), updatedAt: at(30) });
    });

    it("lists one customer's verifications at one provider, newest first", async () => {
      const store = await harness.open();
      await store.recordVerifications(
        [
          record('a0000000-0000-4000-8000-000000000001', { startedAt: at(1_000) }),
          record('a0000000-0000-4000-8000-000000000002', { startedAt: at(500), outcome: 'APPROVED', native: 'APPROVED', decidedAt: at(9_000) }),
          record('a0000000-0000-4000-8000-000000000003', { startedAt: at(3_000) }),
          record('a0000000-0000-4000-8000-000000000004', { customerRef: OTHER }),
          record('vs_1', { provider: 'stripe' }),
        ],
        at(10_000),
      );
      const rows = await store.verificationsOf({ provider: 'loveandpay', customerRef: CUSTOMER, limit: 10 });
      expect(rows.map((row) => row.objectId.slice(-1))).toEqual(['2', '3', '1']);
      expect(await store.verificationsOf({ provider: 'loveandpay', customerRef: CUSTOMER, limit: 2 })).toHaveLength(2);
      expect((await store.verificationsOf({ provider: 'stripe', customerRef: CUSTOMER, limit: 10 })).map((row) => row.objectId)).toEqual(['vs_1']);
    });

    it('finds session and customer ids by their first characters', async () => {
      const store = await harness.open();
      await store.recordVerifications(
        [
          record('db3bdb1b-0000-4000-8000-000000000001'),
          record('db3bdb1b-0000-4000-8000-000000000002'),
          record('db3bdb1c-0000-4000-8000-000000000003'),
          record('vs_db3bdb1b', { provider: 'stripe', customerRef: 'h:db3bdb1b' }),
        ],
        at(0),
      );
      expect(await store.findIdsByPrefix('db3bdb1b', 5)).toEqual({
        sessions: ['db3bdb1b-0000-4000-8000-000000000001', 'db3bdb1b-0000-4000-8000-000000000002'],
        customers: [],
      });
      expect(await store.findIdsByPrefix('DB3BDB1B-0000-4000-8000-000000000002', 5)).toMatchObject({
        sessions: ['db3bdb1b-0000-4000-8000-000000000002'],
      });
      expect(await store.findIdsByPrefix('3f2a9c10', 5)).toEqual({ sessions: [], customers: [CUSTOMER] });
      expect(await store.findIdsByPrefix('3f2a9c10', 1)).toEqual({ sessions: [], customers: [CUSTOMER] });
    });

    it('writes index rows with the observations they came with, in one transaction', async () => {
      const store = await harness.open();
      await store.commitObservations({
        observations: [{ provider: 'loveandpay', objectId: 'b0000000-0000-4000-8000-000000000001', outcome: 'APPROVED', native: 'APPROVED' }],
        verifications: [record('b0000000-0000-4000-8000-000000000001', { outcome: 'APPROVED', native: 'APPROVED', decidedAt: at(5) })],
        announce: false,
        now: at(7),
      });
      expect(await store.getVerifications('loveandpay', ['b0000000-0000-4000-8000-000000000001'])).toHaveLength(1);
      await expect(
        store.commitObservations({
          observations: [{ provider: 'loveandpay', objectId: 'x', outcome: 'APPROVED', native: 'APPROVED', event: { provider: 'stripe', objectId: 'y', outcome: 'APPROVED', native: 'verified', details: {} } }],
          verifications: [record('b0000000-0000-4000-8000-000000000002')],
          announce: true,
          now: at(8),
        }),
      ).rejects.toThrow();
      expect(await store.getVerifications('loveandpay', ['b0000000-0000-4000-8000-000000000002'])).toEqual([]);
    });
  });

  describe('audit windows', () => {
    it('reads the audit log back from a given time', async () => {
      const store = await harness.open();
      for (const n of [1, 2, 3]) {
        await store.appendAudit({ at: at(n * 1_000), platform: 'slack', workspaceId: null, chatId: 'C1', userId: `U${n}`, command: '/kyc', result: 'ok' });
      }
      expect((await store.latestAudit(10, at(2_000))).map((entry) => entry.userId)).toEqual(['U3', 'U2']);
      expect((await store.latestAudit(10)).map((entry) => entry.userId)).toEqual(['U3', 'U2', 'U1']);
    });
  });
}
