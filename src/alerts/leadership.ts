/**
 * Only one replica sweeps and delivers: the one holding the store's
 * leadership lease (store.tryLeadership). The lease is renewed every third of
 * its length, so a leader keeps it while alive and another replica takes
 * over within one lease after it dies; checks in between cost nothing.
 */
import type { Store } from '../store/types.js';

export interface LeadershipOptions {
  store: Store;
  /** This replica's name in the lease. */
  holder: string;
  leaseMs: number;
  now: () => Date;
}

export class Leadership {
  private renewedAt = Number.NEGATIVE_INFINITY;
  private leader = false;

  constructor(private readonly options: LeadershipOptions) {}

  /** True while this replica leads; asks the store only when the lease is due for renewal. */
  async isLeader(): Promise<boolean> {
    const now = this.options.now();
    if (this.leader && now.getTime() - this.renewedAt < this.options.leaseMs / 3) return true;
    try {
      this.leader = await this.options.store.tryLeadership(this.options.holder, now, this.options.leaseMs);
    } catch (error) {
      this.leader = false;
      throw error;
    }
    if (this.leader) this.renewedAt = now.getTime();
    return this.leader;
  }

  async release(): Promise<void> {
    if (!this.leader) return;
    this.leader = false;
    await this.options.store.releaseLeadership(this.options.holder);
  }
}
