/**
 * Stripe Identity through the Events API: status changes since a stored
 * cursor (the newest event handled: its `created` second and id). Events are
 * listed newest first, so the sweep reads back from now until it reaches the
 * cursor's event, then handles what it found oldest first. Stripe keeps
 * events for 30 days (DESIGN.md, "Stripe Identity"); after a longer outage
 * the cursor's event is gone and everything since its second is read again,
 * which is harmless because the store announces an outcome once.
 *
 * Each event becomes an observation in stripe-event.ts, as a webhook's does.
 */
import type { StripeEvent, StripeIdentityClient } from '../providers/stripe/client.js';
import { VERIFICATION_EVENT_TYPES } from '../providers/stripe/client.js';
import { stripeSessionRecord } from '../providers/stripe/verification-record.js';
import type { Observation, Store } from '../store/types.js';
import { stripeObservation } from './stripe-event.js';
import type { SweepResult } from './sweep-result.js';

export const STRIPE_EVENTS_CURSOR = 'stripe:events';

export interface StripeCursor {
  /** Unix seconds of the newest event handled. */
  created: number;
  lastEventId: string | null;
}

export interface StripeSweepDeps {
  client: StripeIdentityClient;
  store: Store;
  now: () => Date;
  /** Stops paging (alerts stopping); nothing is committed then. */
  signal?: AbortSignal;
}

/** The largest page the list endpoints serve (Stripe API reference, "limit": 1 to 100). */
const PAGE_SIZE = 100;

export async function sweepStripe(deps: StripeSweepDeps): Promise<SweepResult> {
  const cursor = await deps.store.getCursor<StripeCursor>(STRIPE_EVENTS_CURSOR);
  if (!cursor) return baseline(deps);

  const fresh: StripeEvent[] = [];
  let requests = 0;
  let startingAfter: string | undefined;
  for (;;) {
    deps.signal?.throwIfAborted();
    const page = await deps.client.listEvents({
      types: VERIFICATION_EVENT_TYPES,
      created: { gte: cursor.created },
      limit: PAGE_SIZE,
      startingAfter,
    });
    requests += 1;
    const reached = page.items.findIndex((event) => event.id === cursor.lastEventId);
    fresh.push(...(reached === -1 ? page.items : page.items.slice(0, reached)));
    const last = page.items.at(-1);
    if (reached !== -1 || !page.hasMore || !last) break;
    startingAfter = last.id;
  }
  const newest = fresh[0];
  if (!newest) return { source: 'stripe', baseline: false, newOutcomes: 0, queued: 0, requests };

  const oldestFirst = fresh.reverse();
  const observations = oldestFirst.map(stripeObservation).filter((observation): observation is Observation => observation !== null);
  const committed = await deps.store.commitObservations({
    observations,
    // Each event's snapshot, oldest first so the latest state wins; the event's time is when the status changed.
    verifications: oldestFirst.map((event) => stripeSessionRecord(event.data.object, new Date(event.created * 1000))),
    cursors: { [STRIPE_EVENTS_CURSOR]: { created: newest.created, lastEventId: newest.id } satisfies StripeCursor },
    announce: true,
    now: deps.now(),
  });
  return { source: 'stripe', baseline: false, ...committed, requests };
}

/** The first run remembers where the event stream stands and announces nothing. */
async function baseline(deps: StripeSweepDeps): Promise<SweepResult> {
  const page = await deps.client.listEvents({ types: VERIFICATION_EVENT_TYPES, limit: 1 });
  const newest = page.items[0];
  const cursor: StripeCursor = newest
    ? { created: newest.created, lastEventId: newest.id }
    : { created: Math.floor(deps.now().getTime() / 1000), lastEventId: null };
  await deps.store.commitObservations({
    observations: [],
    cursors: { [STRIPE_EVENTS_CURSOR]: cursor },
    announce: false,
    now: deps.now(),
  });
  return { source: 'stripe', baseline: true, newOutcomes: 0, queued: 0, requests: 1 };
}
