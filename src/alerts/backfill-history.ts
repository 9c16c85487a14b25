/**
 * The stats' history before the bot ran (DESIGN.md, "Stats and the daily
 * summary": "a first run backfills the last 30 days in one pass"). Sweeps
 * and webhooks fill the index of verifications from then on; this pass adds
 * what happened in the days before, once per provider, in a bounded walk:
 * - Love&Pay: the APPROVED, DECLINED and EXPIRED lists, newest first, until
 *   sessions started before the window (a verdict comes within a day of the
 *   start: the verification link lives 24 hours);
 * - Stripe: the sessions created since the window's start (by `created`), as
 *   they are now, then the Events API's status changes since then (it keeps
 *   30 days), which say when each verdict came;
 * - Bank 131: it has no list, so only the checks this bot knows of: the
 *   watched ones the index lacks are looked up once (at most
 *   BACKFILL_MAX_CHECKS).
 *
 * Every page is written as it comes, and where the walk stands is kept in a
 * cursor after each page, so a run may stop between two pages (its budget
 * spent, leadership lost: `beforePage` throws BackfillStopped) and the next
 * run goes on from there. backfill-task.ts runs it in the background with a
 * budget per run. A provider's finished pass is recorded in a cursor and
 * never runs again. Rows go through recordVerifications, which keeps a
 * verdict time already known, and the events only fill in what the index
 * lacks, so the pass can never undo what a sweep recorded.
 */
import type { Logger } from '../log.js';
import { errorLogFields } from '../providers/errors.js';
import { bank131CheckRecord } from '../providers/bank131/verification-record.js';
import type { Bank131Client } from '../providers/bank131/client.js';
import { MAX_PAGE_SIZE, type LoveAndPayClient } from '../providers/loveandpay/client.js';
import { loveAndPaySessionRecord } from '../providers/loveandpay/verification-record.js';
import { VERIFICATION_EVENT_TYPES, type StripeIdentityClient } from '../providers/stripe/client.js';
import { stripeSessionRecord } from '../providers/stripe/verification-record.js';
import type { ProviderName } from '../domain/outcome.js';
import type { IndexedVerification, Store, VerificationRecord } from '../store/types.js';

/** How far back the first run reaches (DESIGN.md); Stripe keeps events for 30 days as well. */
export const BACKFILL_DAYS = 30;
/** Pages read at most per list over a whole pass (100 items each): the pass stays bounded however busy the merchant is. */
export const BACKFILL_MAX_PAGES = 200;
/** Bank 131 checks looked up at most over a whole pass (one request each). */
export const BACKFILL_MAX_CHECKS = 500;
/** Bank 131 checks looked up between two looks at the budget, and written together. */
const CHECK_BATCH = 10;
/** A Love&Pay session's verdict comes within its link's 24 hours: sessions started this much before the window may still count in it. */
const VERDICT_LAG_MS = 86_400_000;
const DAY_MS = 86_400_000;
const LOVEANDPAY_FINAL = ['APPROVED', 'DECLINED', 'EXPIRED'] as const;

export const backfillCursor = (provider: ProviderName): string => `stats:backfilled:${provider}`;
/** Where an unfinished pass stands (Progress). */
export const backfillProgressCursor = (provider: ProviderName): string => `stats:backfill-progress:${provider}`;

/** Thrown by `beforePage` to end a run between two pages; the pass goes on from there next time. */
export class BackfillStopped extends Error {
  constructor(readonly why: 'pages' | 'time' | 'leadership') {
    super(`stats history backfill stopped: ${why}`);
    this.name = 'BackfillStopped';
  }
}

export interface BackfillDeps {
  store: Store;
  loveandpay?: LoveAndPayClient;
  stripe?: StripeIdentityClient;
  bank131?: Bank131Client;
  now: () => Date;
  logger: Logger;
  /** Default BACKFILL_DAYS. */
  days?: number;
  /** Pages per list over a whole pass (default BACKFILL_MAX_PAGES). */
  maxPages?: number;
  /** Bank 131 checks over a whole pass (default BACKFILL_MAX_CHECKS). */
  maxChecks?: number;
  /** Asked before every provider request: throws BackfillStopped to end the run there (a budget, leadership). */
  beforePage?: () => Promise<void>;
  /** Providers left out of this run (backing off after a failure). */
  skip?: ReadonlySet<ProviderName>;
  signal?: AbortSignal;
}

export interface BackfillResult {
  /** Providers whose pass finished in this run, with the rows it recorded in this run. */
  recorded: Partial<Record<ProviderName, number>>;
  failed: ProviderName[];
  /** Set when `beforePage` ended the run before every pass finished; the next run goes on. */
  stopped?: BackfillStopped['why'];
}

/** Where an unfinished pass stands: the window's start, the list (step), the page within it. */
interface Progress {
  since: number;
  step: number;
  /** Pages read of the current list. */
  pages: number;
  /** Love&Pay: the next offset; Stripe: the last id read. */
  offset?: number;
  after?: string;
}

interface Pass {
  deps: BackfillDeps;
  progress: Progress;
  /** Saves the progress after a page. */
  save(): Promise<void>;
  /** Runs before every request. */
  page(): Promise<void>;
  /** Says a list (or the checks) stopped at its cap, with older history left out. */
  capped(list: string): void;
}

/** Runs each configured provider's pass that has not finished before, from where it stood; a finished one never runs again. */
export async function backfillHistory(deps: BackfillDeps): Promise<BackfillResult> {
  const passes: Array<[ProviderName, ((pass: Pass) => Promise<number>) | null]> = [
    ['loveandpay', deps.loveandpay ? (pass) => loveAndPayPass(pass, deps.loveandpay!) : null],
    ['stripe', deps.stripe ? (pass) => stripePass(pass, deps.stripe!) : null],
    ['bank131', deps.bank131 ? (pass) => bank131Pass(pass, deps.bank131!) : null],
  ];
  const result: BackfillResult = { recorded: {}, failed: [] };
  for (const [provider, run] of passes) {
    if (!run || deps.skip?.has(provider) || (await deps.store.getCursor(backfillCursor(provider))) !== null) continue;
    const key = backfillProgressCursor(provider);
    const progress = (await deps.store.getCursor<Progress>(key)) ?? { since: deps.now().getTime() - (deps.days ?? BACKFILL_DAYS) * DAY_MS, step: 0, pages: 0 };
    const pass: Pass = {
      deps,
      progress,
      save: () => deps.store.setCursor(key, progress),
      page: async () => {
        deps.signal?.throwIfAborted();
        await deps.beforePage?.();
      },
      capped: (list) =>
        deps.logger.warn({ provider, list, maxPages: deps.maxPages ?? BACKFILL_MAX_PAGES }, 'stats history backfill reached its cap; older history is left out'),
    };
    try {
      result.recorded[provider] = await run(pass);
      await deps.store.setCursor(backfillCursor(provider), deps.now().toISOString());
      await deps.store.setCursor(key, null);
    } catch (error) {
      if (error instanceof BackfillStopped) {
        result.stopped = error.why;
        return result;
      }
      deps.signal?.throwIfAborted();
      result.failed.push(provider);
      deps.logger.warn({ ...errorLogFields(error), provider }, 'stats history backfill failed; it is tried again later');
    }
  }
  return result;
}

async function loveAndPayPass(pass: Pass, client: LoveAndPayClient): Promise<number> {
  const { progress, deps } = pass;
  const maxPages = deps.maxPages ?? BACKFILL_MAX_PAGES;
  let recorded = 0;
  while (progress.step < LOVEANDPAY_FINAL.length) {
    const status = LOVEANDPAY_FINAL[progress.step]!;
    // Lists are newest first (by start): read until a page reaches sessions started before the window.
    for (;;) {
      if (progress.pages >= maxPages) {
        pass.capped(status);
        break;
      }
      await pass.page();
      const offset = progress.offset ?? 0;
      const { items, pagination } = await client.listKycSessions({ status, limit: MAX_PAGE_SIZE, offset });
      const inWindow = items.filter((session) => startedMs(session.createdAt) >= progress.since - VERDICT_LAG_MS);
      recorded += await record(deps, inWindow.map((session) => loveAndPaySessionRecord(session)));
      progress.offset = offset + items.length;
      progress.pages += 1;
      const done = inWindow.length < items.length || items.length === 0 || progress.offset >= pagination.total;
      if (!done) await pass.save();
      if (done) break;
    }
    Object.assign(progress, { step: progress.step + 1, pages: 0, offset: 0 });
    await pass.save();
  }
  return recorded;
}

async function stripePass(pass: Pass, client: StripeIdentityClient): Promise<number> {
  const { progress, deps } = pass;
  const created = { gte: Math.floor(progress.since / 1000) };
  let recorded = 0;
  // First every session started in the window as it is now (no verdict time: a session does not say it).
  if (progress.step === 0) {
    recorded += await stripePages(pass, 'sessions', async (startingAfter) => {
      const page = await client.listVerificationSessions({ created, limit: MAX_PAGE_SIZE, startingAfter });
      return { ...page, written: await record(deps, page.items.map((session) => stripeSessionRecord(session))) };
    });
    Object.assign(progress, { step: 1, pages: 0, after: undefined });
    await pass.save();
  }
  // Then the status changes, newest first, each page written as it comes: the newest change of a session in the
  // state the index has gives its verdict time; a session the index lacks (created before the window) is taken
  // as that change left it. An event never overwrites a state the index already has.
  recorded += await stripePages(pass, 'events', async (startingAfter) => {
    const page = await client.listEvents({ types: VERIFICATION_EVENT_TYPES, created, limit: MAX_PAGE_SIZE, startingAfter });
    const ids = [...new Set(page.items.map((event) => event.data.object.id))];
    const known = new Map<string, VerificationRecord>((await deps.store.getVerifications('stripe', ids)).map((row) => [row.objectId, recordOf(row)]));
    const writes = new Map<string, VerificationRecord>();
    for (const event of page.items) {
      const change = stripeSessionRecord(event.data.object, new Date(event.created * 1000));
      const stored = writes.get(change.objectId) ?? known.get(change.objectId);
      if (!stored) writes.set(change.objectId, change);
      else if (stored.outcome === change.outcome && stored.decidedAt === null && change.decidedAt !== null) {
        writes.set(change.objectId, { ...stored, decidedAt: change.decidedAt });
      }
    }
    return { ...page, written: await record(deps, [...writes.values()]) };
  });
  return recorded;
}

/** A cursor-paged Stripe list, from where the progress stands, each page handled as it comes; returns the rows written. */
async function stripePages(
  pass: Pass,
  list: string,
  handle: (startingAfter: string | undefined) => Promise<{ items: Array<{ id: string }>; hasMore: boolean; written: number }>,
): Promise<number> {
  const { progress, deps } = pass;
  let written = 0;
  for (;;) {
    if (progress.pages >= (deps.maxPages ?? BACKFILL_MAX_PAGES)) {
      pass.capped(list);
      return written;
    }
    await pass.page();
    const answer = await handle(progress.after);
    written += answer.written;
    progress.pages += 1;
    progress.after = answer.items.at(-1)?.id;
    if (!answer.hasMore || !progress.after) return written;
    await pass.save();
  }
}

async function bank131Pass(pass: Pass, client: Bank131Client): Promise<number> {
  const { deps, progress } = pass;
  const maxChecks = deps.maxChecks ?? BACKFILL_MAX_CHECKS;
  const watched = [...new Set((await deps.store.listWatches()).map((watch) => watch.checkId))];
  let recorded = 0;
  // Read in small batches, each written at once: the index then says which are left after a stop.
  for (let start = 0; start < watched.length; start += CHECK_BATCH * 5) {
    const slice = watched.slice(start, start + CHECK_BATCH * 5);
    const known = new Set((await deps.store.getVerifications('bank131', slice)).map((row) => row.objectId));
    const missing = slice.filter((checkId) => !known.has(checkId));
    for (let at = 0; at < missing.length; ) {
      if (progress.pages >= maxChecks) {
        deps.logger.warn({ provider: 'bank131', maxChecks }, 'stats history backfill reached its cap of Bank 131 checks; the rest are left out');
        return recorded;
      }
      const batch = missing.slice(at, at + Math.min(CHECK_BATCH, maxChecks - progress.pages));
      at += batch.length;
      const records: VerificationRecord[] = [];
      try {
        for (const checkId of batch) {
          await pass.page();
          records.push(bank131CheckRecord(await client.getCheck(checkId)));
          progress.pages += 1;
        }
      } finally {
        // What was read is kept even when the run stops in the middle of a batch.
        recorded += await record(deps, records);
        await pass.save();
      }
    }
  }
  return recorded;
}

const recordOf = ({ firstSeenAt: _seen, updatedAt: _updated, ...record }: IndexedVerification): VerificationRecord => record;

async function record(deps: BackfillDeps, records: VerificationRecord[]): Promise<number> {
  await deps.store.recordVerifications(records, deps.now());
  return records.length;
}

const startedMs = (createdAt: string | null | undefined): number => (createdAt ? Date.parse(createdAt) : Number.POSITIVE_INFINITY);
