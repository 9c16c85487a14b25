/**
 * The cheap Love&Pay sweep. APPROVED and DECLINED are final, so their lists
 * only grow: when a list's `pagination.total` (read with limit=1) equals the
 * total already accounted for, nothing changed and the sweep cost one
 * request. When it grew, pages are read newest first until the new ids are
 * found, and observations and new totals commit in one transaction.
 *
 * Offset paging shifts while we read when sessions land at the top: items
 * are then seen twice, never skipped, and ids are deduplicated. The stored
 * total never moves past what was accounted for, so anything not found now
 * is looked for again by the next sweep; the hourly reconciliation
 * (reconcile-loveandpay.ts) covers an order or total that surprises us.
 */
import type { Logger } from '../log.js';
import type { LoveAndPayClient } from '../providers/loveandpay/client.js';
import { MAX_PAGE_SIZE } from '../providers/loveandpay/client.js';
import type { KycSession } from '../providers/loveandpay/schemas.js';
import { loveAndPaySessionRecord } from '../providers/loveandpay/verification-record.js';
import type { Store } from '../store/types.js';
import { FINAL_STATUSES, LOVEANDPAY_TOTALS_CURSOR, byCreatedAt, loveAndPayObservation } from './loveandpay-event.js';
import type { FinalStatus, FinalTotals } from './loveandpay-event.js';
import type { KnownFinalIds } from './known-final-ids.js';
import { reconcileLoveAndPay } from './reconcile-loveandpay.js';
import type { SweepResult } from './sweep-result.js';


export interface LoveAndPaySweepDeps {
  client: LoveAndPayClient;
  store: Store;
  now: () => Date;
  logger: Logger;
  /** Pages fetched at once by the baseline walk. */
  concurrency?: number;
  /** Stops paging (alerts stopping); nothing is committed then, and the next sweep looks again. */
  signal?: AbortSignal;
  /** Kept for the baseline's and later full walks (reconcile-loveandpay.ts). */
  knownIds?: KnownFinalIds;
}

export async function sweepLoveAndPay(deps: LoveAndPaySweepDeps): Promise<SweepResult> {
  const stored = await deps.store.getCursor<FinalTotals>(LOVEANDPAY_TOTALS_CURSOR);
  if (!stored) {
    // The first sweep records what exists and posts nothing (DESIGN.md, "Alerts: what must hold").
    const result = await reconcileLoveAndPay({ ...deps, announce: false });
    return { ...result, baseline: true };
  }
  const scans = await Promise.all(FINAL_STATUSES.map((status) => findNew(deps, status, stored[status] ?? 0)));
  const sessions = scans.flatMap((scan) => scan.found).sort(byCreatedAt);
  const totals = Object.fromEntries(FINAL_STATUSES.map((status, i) => [status, scans[i]!.total])) as FinalTotals;
  const requests = scans.reduce((sum, scan) => sum + scan.requests, 0);
  const unchanged = FINAL_STATUSES.every((status) => totals[status] === stored[status]);
  if (sessions.length === 0 && unchanged) {
    return { source: 'loveandpay', baseline: false, newOutcomes: 0, queued: 0, requests };
  }
  const now = deps.now();
  const committed = await deps.store.commitObservations({
    observations: sessions.map(loveAndPayObservation),
    // A session new in a final list got its verdict since the last sweep: now is its decision time to a sweep's precision.
    verifications: sessions.map((session) => loveAndPaySessionRecord(session, now)),
    cursors: { [LOVEANDPAY_TOTALS_CURSOR]: totals },
    announce: true,
    now,
  });
  return { source: 'loveandpay', baseline: false, ...committed, requests };
}

interface Scan {
  found: KycSession[];
  /** The total to store: never more than what was accounted for. */
  total: number;
  requests: number;
}

async function findNew(deps: LoveAndPaySweepDeps, status: FinalStatus, stored: number): Promise<Scan> {
  const head = await deps.client.listKycSessions({ status, limit: 1, offset: 0 });
  const headTotal = head.pagination.total;
  if (headTotal === stored) return { found: [], total: stored, requests: 1 };
  if (headTotal < stored) {
    // A final list shrank: the provider surprised us. Trust its count; the reconciliation walks the list.
    deps.logger.warn({ status, stored, total: headTotal }, 'Love&Pay final list shrank');
    return { found: [], total: headTotal, requests: 1 };
  }
  const growth = headTotal - stored;
  const found = new Map<string, KycSession>();
  let requests = 1;
  let offset = 0;
  let firstPageTotal: number | null = null;
  let latestTotal = headTotal;
  for (;;) {
    deps.signal?.throwIfAborted();
    const page = await deps.client.listKycSessions({ status, limit: MAX_PAGE_SIZE, offset });
    requests += 1;
    firstPageTotal ??= page.pagination.total;
    latestTotal = page.pagination.total;
    const candidates = page.items.filter((session) => session.status === status && !found.has(session.id));
    const known = await deps.store.knownObjectIds('loveandpay', status, candidates.map((session) => session.id));
    const fresh = candidates.filter((session) => !known.has(session.id));
    for (const session of fresh) found.set(session.id, session);
    offset += page.items.length;
    const endOfList = page.items.length < MAX_PAGE_SIZE || offset >= page.pagination.total;
    if (endOfList) {
      // Every session that was in the list when its first page was read has now been seen.
      return { found: [...found.values()], total: Math.max(stored, firstPageTotal), requests };
    }
    if (fresh.length === 0 && found.size >= growth) break;
  }
  return { found: [...found.values()], total: Math.min(latestTotal, stored + found.size), requests };
}
