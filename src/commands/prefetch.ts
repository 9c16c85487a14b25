/**
 * The next page of a list, read while the person looks at the one shown
 * (issue 20): when a reply offers Next, its command line runs once in the
 * background with the same caller, and the reply is thrown away. What stays
 * is what the lookup clients kept (answer-cache.ts: a page for a minute), so
 * the click on Next is answered without waiting for the provider.
 *
 * Bounded: one prefetch per page shown, and no more than a few at once
 * (beyond that a page simply is not prefetched). A prefetch records nothing
 * (no audit entry, no index write, no lookup counted against the caller),
 * and its failures only reach the debug log: the click will ask again.
 */
import type { Reply } from '../domain/reply.js';
import { silentLogger, type Logger } from '../log.js';
import type { CommandStrings } from '../present/i18n/commands.js';
import { errorLogFields } from '../providers/errors.js';

export interface Prefetcher {
  /** Runs `fetch` in the background unless the bound is reached. */
  start(line: string, fetch: () => Promise<unknown>): void;
  /** Resolves once no prefetch is running (tests and the bench). */
  idle(): Promise<void>;
}

export interface PrefetcherOptions {
  /** Prefetches running at once at most (default 4). */
  maxInFlight?: number;
  logger?: Logger;
}

export function createPrefetcher(options: PrefetcherOptions = {}): Prefetcher {
  const maxInFlight = options.maxInFlight ?? 4;
  const logger = options.logger ?? silentLogger;
  const running = new Set<Promise<void>>();
  return {
    start(line, fetch) {
      if (running.size >= maxInFlight) return;
      // After the shown reply is on its way: the prefetch starts once the current I/O callbacks have run.
      const done: Promise<void> = new Promise((resolve) => setImmediate(resolve)).then(fetch).then(
        () => undefined,
        // Never the line itself in the log: a search may hold a name.
        (error: unknown) => logger.debug({ ...errorLogFields(error), command: line.split(/\s/, 1)[0] }, 'prefetching the next page failed'),
      );
      running.add(done);
      void done.finally(() => running.delete(done));
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/** The command line of the reply's Next button, if it has one (commands/paging.ts and the Stripe list build them). */
export function nextPageLine(reply: Reply, t: CommandStrings): string | undefined {
  return reply.actions?.find((action) => action.role === 'page' && action.label === t.common.next)?.command;
}
