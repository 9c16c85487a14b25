import { describe, expect, it } from 'vitest';
import { startHousekeeping } from '../../src/app/housekeeping.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';

const DAY = 86_400_000;

describe('the daily housekeeping job', () => {
  it('runs at start with the retention cutoffs: sent alerts after 7 days, audit after AUDIT_RETENTION_DAYS', async () => {
    const store = await openStore('file::memory:');
    const now = new Date('2026-12-02T03:00:00Z');
    const asked: Array<Parameters<typeof store.prune>[0]> = [];
    const job = startHousekeeping({
      store: { prune: (input) => (asked.push(input), store.prune(input)) },
      logger: silentLogger,
      auditRetentionDays: 30,
      now: () => now,
    });
    try {
      expect(await job.runOnce()).toEqual({ outbox: 0, seenRequests: 0, buttonPayloads: 0, audit: 0, webhookEvents: 0 });
      expect(asked[0]).toEqual({ now, finishedBefore: new Date(now.getTime() - 7 * DAY), auditBefore: new Date(now.getTime() - 30 * DAY) });
      await store.appendAudit({ at: new Date(now.getTime() - 31 * DAY), platform: 'slack', workspaceId: null, chatId: 'C1', userId: 'U1', command: '/kyc', result: 'ok' });
      expect((await job.runOnce()).audit).toBe(1);
    } finally {
      job.stop();
      await store.close();
    }
  });
});
