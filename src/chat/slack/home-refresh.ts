/**
 * Keeps the App Home of people who opened it lately current, paced per
 * person: opening the Home publishes it, and when what it shows changes (a
 * review action, a new alert, a subscription: ChatFrontEnd.stateChanged)
 * each recent viewer's Home is published again, at most once per
 * `minIntervalMs` however many changes come in between (the last change
 * always gets its publish). Memory is bounded: at most `maxViewers` people
 * are followed, the one who opened it longest ago goes first, and nobody is
 * followed past `followMs` after their last open (their next open
 * publishes afresh). A failed publish is logged; the next change tries again.
 */
import type { Logger } from '../../log.js';

export interface Viewer {
  userId: string;
  /** The app's direct message with them (app_home_opened's `channel`). */
  dm?: string;
}

export interface HomeRefreshOptions {
  /** Least time between two publishes of one person's Home (default 5 s). */
  minIntervalMs?: number;
  /** How long after opening it a person's Home is kept current (default 15 minutes). */
  followMs?: number;
  /** People followed at once (default 200): a busy channel's changes must not turn into a storm of views.publish. */
  maxViewers?: number;
  now?: () => number;
}

interface Followed {
  viewer: Viewer;
  openedAt: number;
  lastPublishAt: number;
  timer?: NodeJS.Timeout;
  publishing: boolean;
  /** A change came in while publishing: publish once more after it. */
  again: boolean;
}

export class HomeRefresh {
  private readonly followed = new Map<string, Followed>();
  private readonly minIntervalMs: number;
  private readonly followMs: number;
  private readonly maxViewers: number;
  private readonly now: () => number;
  private stopped = false;

  constructor(
    private readonly publish: (viewer: Viewer) => Promise<void>,
    private readonly log: Logger,
    options: HomeRefreshOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 5_000;
    this.followMs = options.followMs ?? 15 * 60_000;
    this.maxViewers = options.maxViewers ?? 200;
    this.now = options.now ?? Date.now;
  }

  /** Someone opened their Home: publish it (paced), and follow them for a while. */
  opened(viewer: Viewer): void {
    if (this.stopped) return;
    const entry = this.followed.get(viewer.userId) ?? { viewer, openedAt: 0, lastPublishAt: -Infinity, publishing: false, again: false };
    // Re-inserted, so the map's order is the order of opening and the first entry is the one to drop.
    this.followed.delete(viewer.userId);
    entry.viewer = viewer;
    entry.openedAt = this.now();
    this.followed.set(viewer.userId, entry);
    while (this.followed.size > this.maxViewers) this.forget(this.followed.keys().next().value!);
    this.schedule(entry);
  }

  /** What the Home shows changed: every followed Home is published again, paced per person. */
  changed(): void {
    if (this.stopped) return;
    const now = this.now();
    for (const [userId, entry] of this.followed) {
      if (now - entry.openedAt > this.followMs) this.forget(userId);
      else this.schedule(entry);
    }
  }

  /** How many people are followed (for tests and logs). */
  get size(): number {
    return this.followed.size;
  }

  stop(): void {
    this.stopped = true;
    for (const userId of [...this.followed.keys()]) this.forget(userId);
  }

  private schedule(entry: Followed): void {
    if (entry.publishing) {
      entry.again = true;
      return;
    }
    if (entry.timer) return;
    const delay = Math.max(0, entry.lastPublishAt + this.minIntervalMs - this.now());
    entry.timer = setTimeout(() => void this.run(entry), delay);
    entry.timer.unref();
  }

  private async run(entry: Followed): Promise<void> {
    entry.timer = undefined;
    entry.publishing = true;
    entry.lastPublishAt = this.now();
    try {
      await this.publish(entry.viewer);
    } catch (error) {
      this.log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'slack App Home could not be published');
    } finally {
      entry.publishing = false;
    }
    if (entry.again && !this.stopped && this.followed.get(entry.viewer.userId) === entry) {
      entry.again = false;
      this.schedule(entry);
    }
  }

  private forget(userId: string): void {
    const entry = this.followed.get(userId);
    if (entry?.timer) clearTimeout(entry.timer);
    this.followed.delete(userId);
  }
}
