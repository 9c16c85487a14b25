/**
 * The next page of a list, read while the person looks at the one shown
 * (issue 20): when a reply offers Next, its command line runs once in the
 * background with the same caller, and the reply is thrown away. What stays
 * is what the lookup clients kept (answer-cache.ts: a page for a minute), so
 * the click on Next is answered without waiting for the provider. The rows
 * the list shows are read ahead the same way, one after another, so the
 * click that opens one within that minute is answered from the cache too.
 *
 * Bounded: per list shown, one prefetch for its next page and one for its
 * rows (a page's worth, one at a time, only rows that open one object), and
 * no more than a few prefetches at once (beyond that a page simply is not
 * prefetched). A prefetch is no answer: no audit entry, no lookup counted
 * against the caller; what it reads goes into the index of verifications as
 * the lookup it stands in for would put it (run-command.ts), and its failures
 * only reach the debug log: the click will ask again.
 */
import type { Reply } from '../domain/reply.js';
import type { Providers } from '../providers/index.js';
import { parseCommand } from './parse.js';
import type { CommandRequest } from './request.js';
import { silentLogger, type Logger } from '../log.js';
import type { CommandStrings } from '../present/i18n/commands.js';
import { errorLogFields } from '../providers/errors.js';

export interface Prefetcher {
  /** Runs `fetch` in the background unless the bound is reached. */
  start(line: string, fetch: () => Promise<unknown>): void;
  /** Resolves once no prefetch is running (tests and the bench). */
  idle(): Promise<void>;
  /**
   * The clients reading ahead: the lookups' cache, with every answer kept as
   * long as a page (createProviders' readAhead). Absent, the lookups' own.
   */
  readonly providers?: Providers;
}

export interface PrefetcherOptions {
  /** Prefetches running at once at most (default 4). */
  maxInFlight?: number;
  logger?: Logger;
  providers?: Providers;
}

export function createPrefetcher(options: PrefetcherOptions = {}): Prefetcher {
  const maxInFlight = options.maxInFlight ?? 4;
  const logger = options.logger ?? silentLogger;
  const running = new Set<Promise<void>>();
  return {
    ...(options.providers ? { providers: options.providers } : {}),
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

/** Rows of a list read ahead at most: one page (commands/paging.ts shows 10). */
export const MAX_ROWS_READ_AHEAD = 10;

/**
 * The rows of a list to read ahead, a page's worth at most: only those that
 * open one object (a session, a customer, a receipt, a check). Nothing else a
 * row may carry (a watch, a review action) ever runs in the background.
 */
export function rowsToReadAhead(reply: Reply): Array<{ line: string; request: CommandRequest }> {
  const rows: Array<{ line: string; request: CommandRequest }> = [];
  for (const item of reply.items ?? []) {
    const parsed = item.command ? parseCommand(item.command) : null;
    if (parsed?.ok && opensOneObject(parsed.request)) rows.push({ line: item.command!, request: parsed.request });
    if (rows.length === MAX_ROWS_READ_AHEAD) break;
  }
  return rows;
}

function opensOneObject(request: CommandRequest): boolean {
  switch (request.command) {
    case 'kyc':
      return request.action === 'session' || request.action === 'stripe-session';
    case 'customer':
    case 'receipt':
      return request.action === 'detail';
    case 'check':
      return request.action === 'detail' && !request.watch;
    default:
      return false;
  }
}
