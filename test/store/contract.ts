/**
 * The store contract: what every Store implementation must do, run against
 * each of them (test/store/sqlite.test.ts, test/store/postgres.test.ts).
 * It reads like the promises in DESIGN.md, "Alerts: what must hold".
 */
import { afterEach, describe } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { cardsContract } from './contract-cards.js';
import { observationContract } from './contract-observations.js';
import { outboxContract } from './contract-outbox.js';
import { recordsContract } from './contract-records.js';
import { replicasContract } from './contract-replicas.js';
import { subscriptionsContract } from './contract-subscriptions.js';
import { verificationsContract } from './contract-verifications.js';
import { webhooksContract } from './contract-webhooks.js';

export interface StoreHarness {
  /** A store on a fresh, empty database. */
  open(): Promise<Store>;
  /** Two stores on one fresh, empty database, as two processes or replicas hold them. */
  openTwo(): Promise<[Store, Store]>;
}

export function describeStoreContract(name: string, harness: StoreHarness): void {
  describe(`${name} store contract`, () => {
    const opened: Store[] = [];
    const tracked: StoreHarness = {
      async open() {
        const store = await harness.open();
        opened.push(store);
        return store;
      },
      async openTwo() {
        const pair = await harness.openTwo();
        opened.push(...pair);
        return pair;
      },
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    observationContract(tracked);
    outboxContract(tracked);
    subscriptionsContract(tracked);
    recordsContract(tracked);
    replicasContract(tracked);
    cardsContract(tracked);
    verificationsContract(tracked);
    webhooksContract(tracked);
  });
}
