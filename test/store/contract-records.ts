/** Contract: Bank 131 watches, button payloads and the audit log. */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/store/types.js';
import type { StoreHarness } from './contract.js';
import { at, observed, slack, subscribeAll, telegram } from './fixtures.js';

const DAY = 86_400_000;

function audit(n: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: at(n * 1_000),
    platform: 'slack',
    workspaceId: 'T1',
    chatId: 'C1',
    userId: `U${n}`,
    command: `/customer +7 999 ***-**-6${n}`,
    result: 'ok',
    ...overrides,
  };
}

export function recordsContract(harness: StoreHarness): void {
  describe('watches', () => {
    it('adds, extends, lists and removes watches per chat', async () => {
      const store = await harness.open();
      await store.addWatch({ checkId: '7', chat: telegram('-100'), createdBy: '42', now: at(0), expiresAt: at(3 * DAY) });
      await store.addWatch({ checkId: '7', chat: slack('C1'), createdBy: 'U1', now: at(1), expiresAt: at(3 * DAY) });
      await store.addWatch({ checkId: '8', chat: slack('C1'), createdBy: null, now: at(2), expiresAt: at(DAY) });
      // Watching again extends the watch and keeps who asked first.
      await store.addWatch({ checkId: '7', chat: telegram('-100'), createdBy: '43', now: at(10), expiresAt: at(4 * DAY) });
      expect(await store.listWatches()).toEqual([
        { checkId: '7', chat: telegram('-100'), createdBy: '42', createdAt: at(0), expiresAt: at(4 * DAY) },
        { checkId: '7', chat: slack('C1'), createdBy: 'U1', createdAt: at(1), expiresAt: at(3 * DAY) },
        { checkId: '8', chat: slack('C1'), createdBy: null, createdAt: at(2), expiresAt: at(DAY) },
      ]);
      await store.removeWatch('7', slack('C1'));
      expect((await store.listWatches()).map((w) => `${w.checkId} ${w.chat.chatId}`)).toEqual(['7 -100', '8 C1']);
      await store.removeWatch('8');
      await store.removeWatch('7');
      expect(await store.listWatches()).toEqual([]);
    });
  });

  describe('button payloads', () => {
    it('load until they expire, replace on save and are pruned after', async () => {
      const store = await harness.open();
      await store.saveButtonPayload({ key: 'k1', commandLine: '/kyc approved page:2', expiresAt: at(60_000) });
      await store.saveButtonPayload({ key: 'k2', commandLine: '/customer 3f2a', expiresAt: at(120_000) });
      expect(await store.loadButtonPayload('k1', at(59_999))).toBe('/kyc approved page:2');
      expect(await store.loadButtonPayload('k1', at(60_000))).toBeNull();
      expect(await store.loadButtonPayload('missing', at(0))).toBeNull();
      await store.saveButtonPayload({ key: 'k1', commandLine: '/kyc declined', expiresAt: at(180_000) });
      expect(await store.loadButtonPayload('k1', at(60_000))).toBe('/kyc declined');
      const pruneAt = (now: Date) => store.prune({ now, finishedBefore: at(0), auditBefore: at(0) });
      expect((await pruneAt(at(120_000))).buttonPayloads).toBe(1);
      expect(await store.loadButtonPayload('k2', at(0))).toBeNull();
      expect((await pruneAt(at(120_000))).buttonPayloads).toBe(0);
    });
  });

  describe('audit log', () => {
    it('lists the newest entries first, up to the limit, every field as written', async () => {
      const store = await harness.open();
      await store.appendAudit(audit(1));
      await store.appendAudit(audit(3, { platform: 'telegram', workspaceId: null, chatId: '-100', result: 'refused' }));
      await store.appendAudit(audit(2, { result: 'not_found' }));
      // Two entries in the same millisecond keep the order they were written in.
      await store.appendAudit(audit(3, { userId: 'U3b', result: 'error' }));
      expect(await store.latestAudit(3)).toEqual([
        audit(3, { userId: 'U3b', result: 'error' }),
        audit(3, { platform: 'telegram', workspaceId: null, chatId: '-100', result: 'refused' }),
        audit(2, { result: 'not_found' }),
      ]);
      expect(await store.latestAudit(10)).toHaveLength(4);
      expect(await store.latestAudit(0)).toEqual([]);
    });
  });

  describe('replay memory', () => {
    it('remembers a request signature until it expires, and refuses it meanwhile', async () => {
      const store = await harness.open();
      expect(await store.rememberRequest({ key: 'v0=abc', now: at(0), expiresAt: at(300_000) })).toBe(true);
      expect(await store.rememberRequest({ key: 'v0=abc', now: at(299_999), expiresAt: at(599_999) })).toBe(false);
      expect(await store.rememberRequest({ key: 'v0=def', now: at(1), expiresAt: at(300_001) })).toBe(true);
      // Once expired, the same key is new again (a signature this old is refused by its timestamp anyway).
      expect(await store.rememberRequest({ key: 'v0=abc', now: at(300_000), expiresAt: at(600_000) })).toBe(true);
    });

    it('refuses a replay sent to another replica', async () => {
      const [one, two] = await harness.openTwo();
      expect(await one.rememberRequest({ key: 'v0=shared', now: at(0), expiresAt: at(300_000) })).toBe(true);
      expect(await two.rememberRequest({ key: 'v0=shared', now: at(1), expiresAt: at(300_001) })).toBe(false);
    });
  });

  describe('housekeeping', () => {
    it('prunes finished outbox rows, expired signatures and payloads, and old audit entries, and nothing else', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await store.commitObservations({ observations: ['a', 'b', 'c'].map((id) => observed('stripe', id, 'APPROVED')), announce: true, now: at(0) });
      const [a, b] = await store.claimOutbox({ worker: 'w', limit: 2, leaseMs: 30_000, now: at(0) });
      await store.markSent([a!.id], at(1_000));
      await store.markFailed([b!.id], { error: 'x', now: at(9 * DAY) });
      await store.rememberRequest({ key: 'old', now: at(0), expiresAt: at(600_000) });
      await store.rememberRequest({ key: 'fresh', now: at(10 * DAY), expiresAt: at(10 * DAY + 600_000) });
      await store.saveButtonPayload({ key: 'gone', commandLine: '/kyc', expiresAt: at(DAY) });
      await store.appendAudit(audit(1));
      await store.appendAudit(audit(2, { at: at(10 * DAY) }));

      const result = await store.prune({ now: at(10 * DAY), finishedBefore: at(3 * DAY), auditBefore: at(5 * DAY) });
      expect(result).toEqual({ outbox: 1, seenRequests: 1, buttonPayloads: 1, audit: 1, webhookEvents: 0 });
      // The pending row and the recently failed one stay; so do the fresh signature and the new audit entry.
      expect(await store.outboxDepth()).toBe(1);
      expect(await store.rememberRequest({ key: 'fresh', now: at(10 * DAY), expiresAt: at(11 * DAY) })).toBe(false);
      expect((await store.latestAudit(10)).map((entry) => entry.userId)).toEqual(['U2']);
      expect(await store.prune({ now: at(10 * DAY), finishedBefore: at(3 * DAY), auditBefore: at(5 * DAY) })).toEqual({
        outbox: 0,
        seenRequests: 0,
        buttonPayloads: 0,
        audit: 0,
        webhookEvents: 0,
      });
    });
  });
}
