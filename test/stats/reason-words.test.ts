/**
 * Decline reasons come from the providers: a code that happens to name a
 * property every JavaScript object has ("constructor", "toString") is still
 * an unknown code, said as one, never a function's text on the card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsRunCommand } from './helpers/stats-run.js';
import type { RunCommand } from '../../src/commands/types.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { viewer } from '../support/command-harness.js';

const NOW = new Date('2025-03-08T12:00:00Z');

let store: Store;
let run: RunCommand;
beforeAll(async () => {
  store = await openStore('file::memory:');
  const declined = (provider: 'stripe' | 'bank131', objectId: string, reason: string) => ({
    provider,
    objectId,
    customerRef: null,
    outcome: 'DECLINED' as const,
    native: 'DECLINED',
    reason,
    startedAt: new Date(NOW.getTime() - 3_600_000),
    decidedAt: new Date(NOW.getTime() - 1_800_000),
  });
  await store.recordVerifications([declined('stripe', 'vs_1', 'constructor'), declined('bank131', '41', 'toString')], NOW);
  run = statsRunCommand(store, () => NOW, 'UTC');
});
afterAll(() => store.close());

describe('decline reasons in words', () => {
  it('says a code named like an object property is a code the provider reported', async () => {
    const reply = await run('/kyc stats 7d', viewer());
    expect(reply.items?.map((item) => [item.title, item.text])).toEqual([
      ['Bank 131 reported toString', '1 · Bank 131'],
      ['Stripe reported constructor', '1 · Stripe Identity'],
    ]);
  });
});
