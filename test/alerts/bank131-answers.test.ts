/**
 * Watched Bank 131 checks against the bank's documented answers
 * (test/fixtures/providers/bank131/): only a verdict alerts and ends a watch;
 * faults of the request or setup, and a wrong address, keep it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlerts, type Alerts } from '../../src/alerts/index.js';
import type { ChatRef } from '../../src/domain/chat.js';
import { createProviders, type Providers } from '../../src/providers/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { startContractServer, type ContractServer } from '../support/contract-server.js';
import { fixture } from '../support/provider-fixtures.js';
import { recordingSender, type RecordingSender } from './helpers/recording-sender.js';

const chat: ChatRef = { platform: 'telegram', chatId: '-100777' };

let server: ContractServer;
let store: Store;
let providers: Providers;
let sender: RecordingSender;
let alerts: Alerts;

beforeEach(async () => {
  server = await startContractServer();
  store = await openStore('file::memory:');
  providers = createProviders({ bank131: { baseUrl: server.urls.bank131, project: 'contract-project' }, retry: { maxAttempts: 1 } });
  sender = recordingSender('telegram');
  alerts = createAlerts({ store, providers, senders: { telegram: sender }, reconcileEveryMs: Number.POSITIVE_INFINITY });
  await store.addWatch({ checkId: '12', chat, createdBy: '42', now: new Date(), expiresAt: new Date(Date.now() + 86_400_000) });
});
afterEach(async () => {
  await alerts.stop();
  await providers.close();
  await store.close();
  await server.close();
});

async function sweepAndDeliver() {
  const report = await alerts.sweepOnce();
  await alerts.deliverOnce();
  return report.results.find((result) => result.source === 'bank131')!;
}

describe('a watched Bank 131 check, answered as the docs describe', () => {
  it.each(['check-passport-validation-failure', 'check-inn-validation-failure'])('alerts %s as DECLINED once and ends the watch', async (name) => {
    server.serve('bank131', 'GET /check/:id', fixture('bank131', name));
    expect(await sweepAndDeliver()).toMatchObject({ newOutcomes: 1 });
    expect(sender.messages.map((message) => [message.reply.title, message.reply.badge])).toEqual([
      ['DECLINED · Bank 131 check 12', { outcome: 'DECLINED', native: 'error' }],
    ]);
    expect(await store.listWatches()).toEqual([]);
  });

  it.each(['check-invalid-sign', 'check-request-not-found', 'check-partner-project-not-found'])(
    'never alerts %s and keeps the watch for the next sweep',
    async (name) => {
      server.serve('bank131', 'GET /check/:id', fixture('bank131', name));
      await sweepAndDeliver();
      await sweepAndDeliver();
      expect(sender.messages).toEqual([]);
      expect(await store.listWatches()).toMatchObject([{ checkId: '12' }]);
      expect(server.requests).toHaveLength(2);
    },
  );

  it('keeps the watch through an HTTP 404 (a wrong address), and alerts once the address answers again', async () => {
    server.serve('bank131', 'GET /check/:id', { status: 404, body: { message: 'Not Found' } });
    await sweepAndDeliver();
    expect(sender.messages).toEqual([]);
    expect(await store.listWatches()).toMatchObject([{ checkId: '12' }]);

    server.serve('bank131', 'GET /check/:id', fixture('bank131', 'check-ok'));
    await sweepAndDeliver();
    expect(sender.messages.map((message) => message.reply.title)).toEqual(['APPROVED · Bank 131 check 12']);
    expect(await store.listWatches()).toEqual([]);
  });

  it("alerts already_exists with the earlier check's result, naming the earlier check", async () => {
    server.serve('bank131', 'GET /check/:id', ({ id }) =>
      id === '12' ? fixture('bank131', 'check-already-exists') : fixture('bank131', 'check-passport-validation-failure'),
    );
    await sweepAndDeliver();
    const [alert] = sender.messages;
    expect(alert?.reply.title).toBe('DECLINED · Bank 131 check 12');
    expect(alert?.reply.fields).toContainEqual({ label: 'Result of the earlier check', value: '7', mono: true });
  });

  it('keeps watching while already_exists points at a check that is still pending', async () => {
    server.serve('bank131', 'GET /check/:id', ({ id }) => (id === '12' ? fixture('bank131', 'check-already-exists') : fixture('bank131', 'check-pending')));
    await sweepAndDeliver();
    expect(sender.messages).toEqual([]);
    expect(await store.listWatches()).toMatchObject([{ checkId: '12' }]);
  });
});
