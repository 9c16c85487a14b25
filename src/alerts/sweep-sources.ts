/**
 * The sweep's sources, one per configured provider (index.ts runs them side
 * by side): Love&Pay's cheap sweep, or its full reconciliation when that is
 * due (hourly by default; after a failed one, again within 10 minutes),
 * Stripe's events, and the Bank 131 checks being watched.
 */
import type { Locale } from '../domain/chat.js';
import type { ProviderName } from '../domain/outcome.js';
import type { Logger } from '../log.js';
import { errorLogFields } from '../providers/errors.js';
import type { Providers } from '../providers/index.js';
import type { Store } from '../store/types.js';
import { LOVEANDPAY_RECONCILED_CURSOR, LOVEANDPAY_TOTALS_CURSOR } from './loveandpay-event.js';
import type { KnownFinalIds } from './known-final-ids.js';
import { reconcileLoveAndPay } from './reconcile-loveandpay.js';
import { sweepBank131, type SendNotice } from './sweep-bank131.js';
import { sweepLoveAndPay } from './sweep-loveandpay.js';
import type { SweepResult } from './sweep-result.js';
import { sweepStripe } from './sweep-stripe.js';

/** After a failed reconciliation, the next try waits at most this long. */
const RECONCILE_RETRY_MS = 600_000;

export interface SweepSourcesDeps {
  providers: Pick<Providers, 'loveandpay' | 'stripe' | 'bank131'>;
  store: Store;
  now: () => Date;
  logger: Logger;
  locale: Locale;
  /** Full Love&Pay reconciliation this often; Infinity turns it off. */
  reconcileEveryMs: number;
  /** Kept between the baseline and every full walk. */
  knownIds: KnownFinalIds;
  /** The signal of the current start (aborted by stop()). */
  signal: () => AbortSignal;
  sendNotice: SendNotice;
}

export function sweepSources(deps: SweepSourcesDeps): Array<[ProviderName, () => Promise<SweepResult>]> {
  const { providers, store, now, logger, reconcileEveryMs, knownIds } = deps;
  let nextReconcileTry = 0;

  const sweepLoveAndPayOrReconcile = async (): Promise<SweepResult> => {
    const sweep = { client: providers.loveandpay!, store, now, logger, signal: deps.signal(), knownIds };
    const reconciledAt = await store.getCursor<string>(LOVEANDPAY_RECONCILED_CURSOR);
    const hasBaseline = (await store.getCursor(LOVEANDPAY_TOTALS_CURSOR)) !== null;
    const due =
      hasBaseline &&
      Number.isFinite(reconcileEveryMs) &&
      now().getTime() >= nextReconcileTry &&
      (reconciledAt === null || now().getTime() - new Date(reconciledAt).getTime() >= reconcileEveryMs);
    if (due) {
      try {
        return await reconcileLoveAndPay({ ...sweep, announce: true });
      } catch (error) {
        // The cheap sweep still runs this time; the walk is tried again later.
        nextReconcileTry = now().getTime() + Math.min(reconcileEveryMs, RECONCILE_RETRY_MS);
        logger.warn(errorLogFields(error), 'Love&Pay reconciliation failed; running the regular sweep');
      }
    }
    return sweepLoveAndPay(sweep);
  };

  const sources: Array<[ProviderName, () => Promise<SweepResult>]> = [];
  if (providers.loveandpay) sources.push(['loveandpay', sweepLoveAndPayOrReconcile]);
  if (providers.stripe) {
    const client = providers.stripe;
    sources.push(['stripe', () => sweepStripe({ client, store, now, signal: deps.signal() })]);
  }
  if (providers.bank131) {
    const client = providers.bank131;
    sources.push(['bank131', () => sweepBank131({ client, store, now, logger, sendNotice: deps.sendNotice, locale: deps.locale })]);
  }
  return sources;
}
