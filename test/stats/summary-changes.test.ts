/**
 * Changing or stopping a daily summary (review of issue 18), on an injected
 * clock and a real SQLite store: set again at the same time it keeps today's
 * summary due; moved after today's was queued, the reply says the next one
 * is tomorrow; stopped, a summary queued and not yet sent is dropped; and
 * the ticks after a summary's time look for today's row before trying to
 * insert it (no write for nothing every 30 s). On SQLite, and on
 * PostgreSQL when a server is at hand.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queueDueSummaries } from '../../src/alerts/daily-summaries.js';
import { statsRunCommand } from './helpers/stats-run.js';
import type { RunCommand } from '../../src/commands/types.js';
import type { Caller, ChatRef } from '../../src/domain/chat.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { testPostgres } from '../support/postgres.js';

const CHAT: ChatRef = { platform: 'telegram', chatId: '-1001' };
const lead: Caller = { platform: 'telegram', chatId: '-1001', userId: '42', isAdmin: false, mayManageSubscriptions: true, locale: 'en' };
/** Moscow is UTC+3: 09:00 on 8 March 2025 is 06:00Z. */
const at = (moscow: string) => new Date(`2025-03-${moscow}+03:00`);
const notes = (reply: { notes?: Array<{ text: string }> }) => reply.notes?.map((note) => note.text);

const postgres = testPostgres();
afterAll(() => postgres.stop());

let store: Store;
let run: RunCommand;
const clock = { now: at('07T21:00:00') };
const backends = [
  { name: 'SQLite', skip: false, url: async () => 'file::memory:' },
  { name: 'PostgreSQL', skip: postgres.skipReason !== null, url: () => postgres.createDatabase() },
];

describe.each(backends)('on $name', ({ skip, url }) => {
  beforeEach(async () => {
    if (skip) return;
    store = await openStore(await url());
    clock.now = at('07T21:00:00');
    run = statsRunCommand(store, () => clock.now);
  });
  afterEach(async () => {
    if (!skip) await store.close();
  });

  const pendingSummaries = () => store.claimSummaries({ worker: 'test', limit: 10, leaseMs: 30_000, now: clock.now });

  describe.skipIf(skip)('a daily summary set again, moved or stopped', () => {
    it('set again at the same time after that time passed, today\'s summary is still posted', async () => {
      await run('/kyc summary daily 09:00', lead);
      // The bot was down over 09:00; at 09:10 someone types the same command again, then the bot queues.
      clock.now = at('08T09:10:00');
      await run('/kyc summary daily 09:00', lead);
      expect((await store.getSummary(CHAT))?.createdAt).toEqual(at('07T21:00:00'));
      expect(await queueDueSummaries(store, clock.now, silentLogger)).toBe(1);
    });

    it('moved to a later hour after today\'s was posted, says the next one is tomorrow, and posts none more today', async () => {
      await run('/kyc summary daily 09:00', lead);
      clock.now = at('08T09:00:00');
      expect(await queueDueSummaries(store, clock.now, silentLogger)).toBe(1);
      clock.now = at('08T10:00:00');
      expect(notes(await run('/kyc summary daily 15:00', lead))?.[1]).toBe('The next one comes 9 Mar 2025, 15:00 (in 29 hr).');
      expect(notes(await run('/kyc summary', lead))?.[1]).toBe('The next one comes 9 Mar 2025, 15:00 (in 29 hr).');
      clock.now = at('08T15:00:00');
      expect(await queueDueSummaries(store, clock.now, silentLogger)).toBe(0);
    });

    it('moved to a later hour before today\'s was posted, comes today at the new time', async () => {
      await run('/kyc summary daily 09:00', lead);
      clock.now = at('08T08:00:00');
      expect(notes(await run('/kyc summary daily 15:00', lead))?.[1]).toBe('The next one comes 8 Mar 2025, 15:00 (in 7 hr).');
      clock.now = at('08T15:00:00');
      expect(await queueDueSummaries(store, clock.now, silentLogger)).toBe(1);
    });

    it('stopped, drops the summary queued and not yet sent: nothing is posted', async () => {
      await run('/kyc summary daily 09:00', lead);
      clock.now = at('08T09:00:00');
      expect(await queueDueSummaries(store, clock.now, silentLogger)).toBe(1);
      expect(notes(await run('/kyc summary off', lead))).toEqual(['The daily summary is off in this chat.']);
      expect(await pendingSummaries()).toEqual([]);
    });

    it('after its time, the ticks read for today\'s row and do not insert again', async () => {
      let inserts = 0;
      const counting = new Proxy(store, {
        get(target, key, receiver) {
          if (key === 'queueSummary') {
            return (...args: Parameters<Store['queueSummary']>) => {
              inserts += 1;
              return target.queueSummary(...args);
            };
          }
          const value = Reflect.get(target, key, receiver) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      await run('/kyc summary daily 09:00', lead);
      clock.now = at('08T09:00:00');
      expect(await queueDueSummaries(counting, clock.now, silentLogger)).toBe(1);
      expect(inserts).toBe(1);
      for (const time of ['08T09:00:30', '08T09:01:00', '08T23:59:30']) {
        expect(await queueDueSummaries(counting, at(time), silentLogger)).toBe(0);
      }
      expect(inserts).toBe(1);
    });
  });
});
