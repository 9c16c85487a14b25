/**
 * The ids of each final Love&Pay list that the store has recorded, kept by
 * the process between full walks (reconcile-loveandpay.ts). The first walk
 * reads them from the store in one go; later walks ask the store only about
 * ids this process has not seen recorded, usually none: reading 100,000 ids
 * again every hour cost a walk more CPU (and garbage) than fetching and
 * parsing its pages (npm run bench, issue 20).
 *
 * It can only be behind the store, never ahead: an outcome is never
 * deleted, and one recorded meanwhile by a sweep, a webhook or another
 * replica is found by asking the store about the ids missing here. Memory:
 * about 40 bytes an id (uuid-set.ts), held between walks.
 */
import type { Store } from '../store/types.js';
import type { FinalStatus } from './loveandpay-event.js';
import { UuidSet } from './uuid-set.js';

/** One final list's recorded ids, as a walk sees them. */
export interface KnownList {
  has(id: string): boolean;
  /** Of ids `has` does not know, those the store recorded since the list was read; remembered from now on. */
  recordedSince(ids: string[]): Promise<Set<string>>;
  /** Ids the walk has just recorded. */
  add(ids: Iterable<string>): void;
}

export class KnownFinalIds {
  private readonly lists = new Map<FinalStatus, UuidSet>();

  async list(store: Store, status: FinalStatus): Promise<KnownList> {
    const kept = this.lists.get(status);
    const known = kept ?? (await read(store, status));
    this.lists.set(status, known);
    const add = (ids: Iterable<string>) => {
      for (const id of ids) known.add(id);
    };
    return {
      has: (id) => known.has(id),
      add,
      recordedSince: async (ids) => {
        // Read by this walk: what is missing was recorded during it, if at all, and recording it again changes nothing.
        if (!kept) return new Set();
        const recorded = await store.knownObjectIds('loveandpay', status, ids);
        add(recorded);
        return recorded;
      },
    };
  }
}

async function read(store: Store, status: FinalStatus): Promise<UuidSet> {
  const ids = await store.allKnownObjectIds('loveandpay', status);
  return UuidSet.of(ids, ids.size);
}
