/**
 * Walks both final Love&Pay lists completely and announces only ids not yet
 * known: the periodic safety net under the cheap sweep, in case the
 * provider's order or totals surprise us, and (with `announce: false`) the
 * silent baseline of the first sweep.
 *
 * It streams: each page is checked and committed on its own, so memory
 * holds one page of sessions at a time, plus the ids already known of the
 * list being walked (known-final-ids.ts: read from the store in one go,
 * since looking 100 ids up in the store for every page cost more CPU than
 * fetching and parsing the page, and kept for the next walk). Pages are fetched with
 * bounded concurrency. Sessions landing at the top during the walk push
 * older ones down; reading on past the first page's total while pages come
 * back full means the pushed ones are still read (a session seen twice is
 * harmless: the store records an outcome once).
 */
import type { KycSessionRef, LoveAndPayClient } from '../providers/loveandpay/client.js';
import type { KycSession } from '../providers/loveandpay/schemas.js';
import { MAX_PAGE_SIZE } from '../providers/loveandpay/client.js';
import { loveAndPaySessionRecord } from '../providers/loveandpay/verification-record.js';
import type { Store } from '../store/types.js';
import { KnownFinalIds, type KnownList } from './known-final-ids.js';
import {
  FINAL_STATUSES,
  LOVEANDPAY_INDEXED_CURSOR,
  LOVEANDPAY_RECONCILED_CURSOR,
  LOVEANDPAY_TOTALS_CURSOR,
  byCreatedAt,
  loveAndPayObservation,
  type FinalStatus,
  type FinalTotals,
} from './loveandpay-event.js';
import type { SweepResult } from './sweep-result.js';


export interface ReconcileDeps {
  client: LoveAndPayClient;
  store: Store;
  now: () => Date;
  /** False for the baseline: record, announce nothing. */
  announce: boolean;
  /** Pages in flight at once (default 4). */
  concurrency?: number;
  /** Stops the walk between pages (alerts stopping); what was committed stays. */
  signal?: AbortSignal;
  /** The recorded ids kept from earlier walks (sweep-sources.ts keeps one); without it, they are read afresh. */
  knownIds?: KnownFinalIds;
}

export async function reconcileLoveAndPay(deps: ReconcileDeps): Promise<SweepResult> {
  const result: SweepResult = { source: 'loveandpay', baseline: !deps.announce, newOutcomes: 0, queued: 0, requests: 0 };
  const totals = {} as FinalTotals;
  // Sessions recorded before the index existed have no row in it: the first walk since gives every one a row.
  const indexAll = (await deps.store.getCursor(LOVEANDPAY_INDEXED_CURSOR)) === null;
  const knownIds = deps.knownIds ?? new KnownFinalIds();
  for (const status of FINAL_STATUSES) {
    totals[status] = await walkList({ ...deps, indexAll }, status, await knownIds.list(deps.store, status), result);
  }
  const committed = await deps.store.commitObservations({
    observations: [],
    cursors: {
      [LOVEANDPAY_TOTALS_CURSOR]: totals,
      [LOVEANDPAY_RECONCILED_CURSOR]: deps.now().toISOString(),
      [LOVEANDPAY_INDEXED_CURSOR]: true,
    },
    announce: deps.announce,
    now: deps.now(),
  });
  result.queued += committed.queued;
  return result;
}

/** Reads one list to its end; returns the total its first page reported, which every id up to is now recorded. */
type WalkDeps = ReconcileDeps & { indexAll: boolean };

async function walkList(deps: WalkDeps, status: FinalStatus, known: KnownList, result: SweepResult): Promise<number> {
  const fetchPage = async (offset: number) => {
    deps.signal?.throwIfAborted();
    result.requests += 1;
    const page = await deps.client.listKycSessionRefs({ status, limit: MAX_PAGE_SIZE, offset });
    await record(deps, status, page.items, known, result);
    return page;
  };
  const first = await fetchPage(0);
  const firstTotal = first.pagination.total;
  if (first.items.length < MAX_PAGE_SIZE) return firstTotal;

  // Planned pages up to the first total, several at a time.
  let next = MAX_PAGE_SIZE;
  let lastPlannedFull = true;
  const lastPlanned = Math.max(0, Math.ceil(firstTotal / MAX_PAGE_SIZE) - 1) * MAX_PAGE_SIZE;
  const worker = async () => {
    while (next < firstTotal) {
      const offset = next;
      next += MAX_PAGE_SIZE;
      const page = await fetchPage(offset);
      if (offset === lastPlanned) lastPlannedFull = page.items.length === MAX_PAGE_SIZE;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 4) }, worker));

  // Then on, one page at a time, while pages come back full: sessions pushed down by new ones at the top.
  let offset = lastPlanned + MAX_PAGE_SIZE;
  let full = lastPlannedFull;
  while (full) {
    const page = await fetchPage(offset);
    full = page.items.length === MAX_PAGE_SIZE;
    offset += MAX_PAGE_SIZE;
  }
  return firstTotal;
}

async function record(deps: WalkDeps, status: FinalStatus, items: KycSessionRef[], known: KnownList, result: SweepResult): Promise<void> {
  // One pass over the page, building nothing for the sessions already known: on a walk of 100,000, usually
  // all of them (every one once, to fill the index). Only sessions not seen before are read in full.
  let unseen: KycSessionRef[] | undefined;
  let indexOnly: KycSession[] | undefined;
  for (const session of items) {
    if (session.status !== status) continue;
    if (!known.has(session.id)) (unseen ??= []).push(session);
    else if (deps.indexAll) (indexOnly ??= []).push(deps.client.readKycSession(session));
  }
  if (!unseen && !indexOnly) return;
  const recorded = unseen ? await known.recordedSince(unseen.map((session) => session.id)) : new Set<string>();
  let fresh: KycSession[] | undefined;
  for (const session of unseen ?? []) {
    if (!recorded.has(session.id)) (fresh ??= []).push(deps.client.readKycSession(session));
    else if (deps.indexAll) (indexOnly ??= []).push(deps.client.readKycSession(session));
  }
  if (!fresh && !indexOnly) return;
  fresh?.sort(byCreatedAt);
  const now = deps.now();
  // A verdict found by the hourly walk came within the hour; the baseline's and the backfill's times are unknown.
  const seenFinalAt = deps.announce ? now : null;
  const committed = await deps.store.commitObservations({
    observations: fresh ? fresh.map(loveAndPayObservation) : [],
    verifications: [
      ...(fresh ?? []).map((session) => loveAndPaySessionRecord(session, seenFinalAt)),
      ...(indexOnly ?? []).map((session) => loveAndPaySessionRecord(session)),
    ],
    announce: deps.announce,
    now,
  });
  result.newOutcomes += committed.newOutcomes;
  result.queued += committed.queued;
  if (fresh) known.add(fresh.map((session) => session.id));
}
