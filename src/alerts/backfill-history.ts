/**
 * The stats' history before the bot ran (DESIGN.md, "Stats and the daily
 * summary": "a first run backfills the last 30 days in one pass"). Sweeps
 * and webhooks fill the index of verifications from then on; this pass adds
 * what happened in the days before, once per provider, in one bounded walk:
 * - Love&Pay: the APPROVED, DECLINED and EXPIRED lists, newest first, until
 *   sessions started before the window (a verdict comes within a day of the
 *   start: the verification link lives 24 hours);
 * - Stripe: the Events API's status changes since the window's start (it
 *   keeps 30 days), which say when each verdict came, then the sessions
 *   created since then by `created`, for their current state;
 * - Bank 131: it has no list, so only the checks this bot knows of: the
 *   watched ones the index lacks are looked up once.
 * Each provider's pass is recorded in a cursor when it finished; a provider
 * that failed is tried again by the next sweep. Rows go through
 * recordVerifications, which keeps a verdict time already known, so the pass
 * can never undo what a sweep recorded.
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
import type { Store, VerificationRecord } from '../store/types.js';

/** How far back the first run reaches (DESIGN.md); Stripe keeps events for 30 days as well. */
export const BACKFILL_DAYS = 30;
/** Pages read at most per list (100 items each): the pass stays bounded however busy the merchant is. */
export const BACKFILL_MAX_PAGES = 200;
/** A Love&Pay session's verdict comes within its link's 24 hours: sessions started this much before the window may still count in it. */
const VERDICT_LAG_MS = 86_400_000;
const DAY_MS = 86_400_000;
const LOVEANDPAY_FINAL = ['APPROVED', 'DECLINED', 'EXPIRED'] as const;

export const backfillCursor = (provider: ProviderName): string => `stats:backfilled:${provider}`;

export interface BackfillDeps {
  store: Store;
  loveandpay?: LoveAndPayClient;
  stripe?: StripeIdentityClient;
  bank131?: Bank131Client;
  now: () => Date;
  logger: Logger;
  /** Default BACKFILL_DAYS. */
  days?: number;
  maxPages?: number;
  signal?: AbortSignal;
}

export interface BackfillResult {
  /** Providers whose pass ran now and finished, with the rows each recorded. */
  recorded: Partial<Record<ProviderName, number>>;
  failed: ProviderName[];
}

/** Runs each configured provider's pass that has not finished before; a finished one is never run again. */
export async function backfillHistory(deps: BackfillDeps): Promise<BackfillResult> {
  const since = deps.now().getTime() - (deps.days ?? BACKFILL_DAYS) * DAY_MS;
  const passes: Array<[ProviderName, (() => Promise<number>) | null]> = [
    ['loveandpay', deps.loveandpay ? () => loveAndPayPass(deps, deps.loveandpay!, since) : null],
    ['stripe', deps.stripe ? () => stripePass(deps, deps.stripe!, since) : null],
    ['bank131', deps.bank131 ? () => bank131Pass(deps, deps.bank131!) : null],
  ];
  const result: BackfillResult = { recorded: {}, failed: [] };
  for (const [provider, pass] of passes) {
    if (!pass || (await deps.store.getCursor(backfillCursor(provider))) !== null) continue;
    try {
      result.recorded[provider] = await pass();
      await deps.store.setCursor(backfillCursor(provider), deps.now().toISOString());
    } catch (error) {
      result.failed.push(provider);
      deps.logger.warn({ ...errorLogFields(error), provider }, 'stats history backfill failed; the next sweep tries again');
    }
  }
  return result;
}

async function loveAndPayPass(deps: BackfillDeps, client: LoveAndPayClient, since: number): Promise<number> {
  let recorded = 0;
  for (const status of LOVEANDPAY_FINAL) {
    // Lists are newest first (by start): read until a page reaches sessions started before the window.
    for (let page = 0, offset = 0; page < (deps.maxPages ?? BACKFILL_MAX_PAGES); page += 1) {
      deps.signal?.throwIfAborted();
      const { items, pagination } = await client.listKycSessions({ status, limit: MAX_PAGE_SIZE, offset });
      const inWindow = items.filter((session) => startedMs(session.createdAt) >= since - VERDICT_LAG_MS);
      recorded += await record(deps, inWindow.map((session) => loveAndPaySessionRecord(session)));
      offset += items.length;
      if (inWindow.length < items.length || items.length === 0 || offset >= pagination.total) break;
    }
  }
  return recorded;
}

async function stripePass(deps: BackfillDeps, client: StripeIdentityClient, since: number): Promise<number> {
  const created = { gte: Math.floor(since / 1000) };
  const maxPages = deps.maxPages ?? BACKFILL_MAX_PAGES;
  const verdicts = new Map<string, Date>();
  let recorded = 0;
  // Events first, oldest first: each status change with its time, so the latest state lands last.
  const events = await pages(deps, maxPages, (startingAfter) =>
    client.listEvents({ types: VERIFICATION_EVENT_TYPES, created, limit: MAX_PAGE_SIZE, startingAfter }),
  );
  const changes = events.reverse().map((event) => {
    verdicts.set(event.data.object.id, new Date(event.created * 1000));
    return stripeSessionRecord(event.data.object, new Date(event.created * 1000));
  });
  recorded += await record(deps, changes);
  // Then every session started in the window as it is now, with its verdict's time where an event told it.
  const sessions = await pages(deps, maxPages, (startingAfter) => client.listVerificationSessions({ created, limit: MAX_PAGE_SIZE, startingAfter }));
  recorded += await record(deps, sessions.map((session) => stripeSessionRecord(session, verdicts.get(session.id) ?? null)));
  return recorded;
}

async function bank131Pass(deps: BackfillDeps, client: Bank131Client): Promise<number> {
  const watched = [...new Set((await deps.store.listWatches()).map((watch) => watch.checkId))];
  const known = new Set((await deps.store.getVerifications('bank131', watched)).map((row) => row.objectId));
  const records: VerificationRecord[] = [];
  for (const id of watched.filter((checkId) => !known.has(checkId))) {
    deps.signal?.throwIfAborted();
    records.push(bank131CheckRecord(await client.getCheck(id)));
  }
  return record(deps, records);
}

/** Every item of a cursor-paged Stripe list, newest first, at most `maxPages` pages. */
async function pages<T extends { id: string }>(
  deps: BackfillDeps,
  maxPages: number,
  fetch: (startingAfter: string | undefined) => Promise<{ items: T[]; hasMore: boolean }>,
): Promise<T[]> {
  const items: T[] = [];
  let startingAfter: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    deps.signal?.throwIfAborted();
    const answer = await fetch(startingAfter);
    items.push(...answer.items);
    startingAfter = answer.items.at(-1)?.id;
    if (!answer.hasMore || !startingAfter) break;
  }
  return items;
}

async function record(deps: BackfillDeps, records: VerificationRecord[]): Promise<number> {
  await deps.store.recordVerifications(records, deps.now());
  return records.length;
}

const startedMs = (createdAt: string | null | undefined): number => (createdAt ? Date.parse(createdAt) : Number.POSITIVE_INFINITY);
