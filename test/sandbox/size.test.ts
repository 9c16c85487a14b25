import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { providersFor } from '../providers/fixture.js';

let big: Sandbox | undefined;
afterAll(() => big?.close());

describe('sandbox sizes', () => {
  it('starts the default demo in well under a second', async () => {
    const started = performance.now();
    const sandbox = await startSandbox();
    const ms = performance.now() - started;
    await sandbox.close();
    expect(sandbox.data.customers).toHaveLength(200);
    expect(sandbox.data.sessions).toHaveLength(300);
    expect(ms).toBeLessThan(1_000);
  });

  it('serves 100,000 Love&Pay sessions, filtered pages included, for benchmarks', async () => {
    const started = performance.now();
    big = await startSandbox({ sessions: 100_000 });
    expect(performance.now() - started).toBeLessThan(10_000);
    const providers = providersFor(big);
    try {
      const last = await providers.loveandpay.listKycSessions({ limit: 100, offset: 99_950 });
      expect(last.items.map((s) => s.id)).toEqual(big.data.sessions.slice(99_950).map((s) => s.id));
      expect(last.pagination).toMatchObject({ total: 100_000, pages: 1_000 });
      const approved = await providers.loveandpay.listKycSessions({ status: 'APPROVED', limit: 100, offset: 500 });
      expect(approved.items.every((s) => s.status === 'APPROVED')).toBe(true);
      expect(approved.pagination.total).toBeGreaterThan(30_000);
    } finally {
      await providers.close();
    }
  });
});
