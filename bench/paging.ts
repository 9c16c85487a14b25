/**
 * `paging` (issue 20): Next clicks answered from the page read ahead.
 * `/kyc` is shown page after page as the app runs it (createRunCommand with
 * the lookups' coalescing, cache and prefetcher, an in-memory store as the
 * index); while a page is shown its next page is read in the background, and
 * the click on Next is timed from the command line to the reply. The floor
 * beside it: the same page (10 sessions at the same offset) fetched straight
 * from the emulator with the plain Love&Pay client, timed in the same run,
 * alternating with the clicks.
 *
 * cachedRatio = p50 of the clicks / p50 of the direct fetches: below 1, the
 * bot answers faster than the provider. A click that asked the provider
 * anything (the cache's misses during it) fails the run.
 */
import { createPrefetcher } from '../src/commands/prefetch.js';
import { createRunCommand } from '../src/commands/run-command.js';
import type { Caller } from '../src/domain/chat.js';
import { AnswerCache } from '../src/providers/answer-cache.js';
import { createProviders } from '../src/providers/index.js';
import { openStore } from '../src/store/index.js';
import { startRemoteSandbox } from './remote-sandbox.js';
import { percentile, progress, round } from './stats.js';

const SESSIONS = 5_000;
/** Next clicks timed (pages 2 .. CLICKS + 1). */
const CLICKS = 200;
const WARMUP = 20;
const PAGE = 10;
const CALLER: Caller = { platform: 'slack', chatId: 'C0PAGING', userId: 'U0PAGING', isAdmin: false, mayManageSubscriptions: false, locale: 'en' };

export interface PagingFigures {
  clicks: number;
  /** p50 of a Next click answered from the page read ahead. */
  cachedP50Ms: number;
  /** The floor: p50 of the same page fetched from the emulator directly. */
  directP50Ms: number;
  cachedRatio: number;
  details: Record<string, unknown>;
}

export async function benchPaging(): Promise<PagingFigures> {
  progress(`paging: ${CLICKS} Next clicks on /kyc answered from the page read ahead, against the same pages fetched directly`);
  const sandbox = await startRemoteSandbox({ sessions: SESSIONS, now: Date.parse('2025-03-01T12:00:00Z') });
  const loveandpay = { baseUrl: sandbox.urls.loveandpay, apiKey: sandbox.credentials.loveandpayApiKey, secretKey: sandbox.credentials.loveandpaySecretKey };
  const direct = createProviders({ loveandpay });
  const cache = new AnswerCache();
  const lookups = createProviders({ loveandpay, coalesce: true, cache });
  const store = await openStore('file::memory:');
  const prefetch = createPrefetcher();
  const runCommand = createRunCommand({ providers: lookups, settings: { timeZone: 'Europe/Moscow', sandbox: true }, index: store, prefetch });
  try {
    const clicks: number[] = [];
    const fetches: number[] = [];
    let missed = 0;
    const click = async (page: number) => {
      const misses = cache.stats().misses;
      const started = performance.now();
      const reply = await runCommand(`/kyc page:${page}`, CALLER);
      const ms = performance.now() - started;
      // The click's own lookups, counted before the prefetch it started runs.
      missed += cache.stats().misses - misses;
      if (reply.kind !== 'ok' || (reply.items ?? []).length !== PAGE) throw new Error(`page ${page} answered ${reply.kind}: ${reply.title}`);
      await prefetch.idle();
      return ms;
    };
    const fetchDirectly = async (page: number) => {
      const started = performance.now();
      const answer = await direct.loveandpay!.listKycSessions({ limit: PAGE, offset: (page - 1) * PAGE });
      const ms = performance.now() - started;
      if (answer.items.length !== PAGE) throw new Error(`page ${page} came back with ${answer.items.length} sessions`);
      return ms;
    };

    await runCommand('/kyc', CALLER);
    await prefetch.idle();
    for (let page = 2; page <= WARMUP + 1; page += 1) {
      await click(page);
      await fetchDirectly(page);
    }
    missed = 0;
    for (let page = WARMUP + 2; page <= WARMUP + CLICKS + 1; page += 1) {
      // Alternate which goes first.
      if (page % 2 === 0) {
        clicks.push(await click(page));
        fetches.push(await fetchDirectly(page));
      } else {
        fetches.push(await fetchDirectly(page));
        clicks.push(await click(page));
      }
    }
    if (missed > 0) throw new Error(`${missed} lookups of the timed clicks were not answered from the cache`);
    const cachedP50 = percentile(clicks, 50);
    const directP50 = percentile(fetches, 50);
    return {
      clicks: CLICKS,
      cachedP50Ms: round(cachedP50, 2),
      directP50Ms: round(directP50, 2),
      cachedRatio: round(cachedP50 / directP50, 2),
      details: {
        cachedP99Ms: round(percentile(clicks, 99), 2),
        directP99Ms: round(percentile(fetches, 99), 2),
        cache: cache.stats(),
      },
    };
  } finally {
    await lookups.close();
    await direct.close();
    await store.close();
    await sandbox.close();
  }
}
